import fs from 'node:fs';
import type { Caller } from '../auth/credentials';
import { clientIdOf } from './decode-block';
import type { ReadModelRepository } from './repository';
import type { Viewer } from './viewer-scope';

const clientIds = new Map<string, string>();

/** The caller's `getID()`, read once per certificate file. */
function clientIdOfCaller(caller: Caller): string {
  let id = clientIds.get(caller.identity.certPath);
  if (id === undefined) {
    id = clientIdOf(fs.readFileSync(caller.identity.certPath, 'utf8'));
    clientIds.set(caller.identity.certPath, id);
  }
  return id;
}

/**
 * Who the caller is to the read model: by role from its credential, and for suppliers and
 * core enterprises the participant its certificate is registered as on the ledger (so a
 * caller is never trusted to name itself). Unregistered callers see only their own transactions.
 */
export async function viewerOf(caller: Caller, repository: ReadModelRepository): Promise<Viewer> {
  if (caller.role === 'auditor') {
    return { kind: 'auditor' };
  }
  const clientId = clientIdOfCaller(caller);
  const self = { mspId: caller.mspId, clientId };
  if (caller.role === 'bank') {
    return { kind: 'bank', ...self };
  }
  if (caller.role === 'supplier' || caller.role === 'core-enterprise') {
    const participant = await repository.participantByIdentity(caller.mspId, clientId);
    if (participant && participant.role === caller.role) {
      return { kind: caller.role === 'supplier' ? 'supplier' : 'core', participantId: participant.id, ...self };
    }
  }
  return { kind: 'other', ...self };
}
