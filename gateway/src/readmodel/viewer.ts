import fs from 'node:fs';
import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import { ErrorCode } from '@scf/kernel/errors';
import type { ParticipantStatus } from '@scf/kernel/records/participant';
import { ROLES, type Role } from '@scf/kernel/roles';
import { type Reader, readerOf } from '@scf/kernel/visibility';
import { clientIdOf } from './decode-block';
import type { ReadModelRepository } from './repository';
import type { Viewer } from './viewer-scope';

const clientIds = new Map<string, string>();

/** The caller's `getID()`, read once per certificate file. */
export function clientIdOfCaller(caller: Pick<Caller, 'identity'>): string {
  let id = clientIds.get(caller.identity.certPath);
  if (id === undefined) {
    id = clientIdOf(fs.readFileSync(caller.identity.certPath, 'utf8'));
    clientIds.set(caller.identity.certPath, id);
  }
  return id;
}

/**
 * Who the caller is to the read model: the reader the visibility table judges it to be (below),
 * and the identity it signs with, for its own transactions.
 */
export async function viewerOf(caller: Caller, repository: ReadModelRepository): Promise<Viewer> {
  const clientId = signerIdOf(caller);
  const participant = clientId === undefined ? undefined : await repository.participantByIdentity(caller.mspId, clientId);
  const role = (ROLES as readonly string[]).includes(participant?.role ?? '') ? (participant?.role as Role) : undefined;
  return {
    reader: await readerOfCaller(caller, repository),
    signer: { mspId: caller.mspId, clientId: clientId ?? '' },
    ...(role === undefined ? {} : { role }),
  };
}

/**
 * The caller as the kernel's visibility table judges it (kernel/src/visibility.ts), from its
 * credential's certificate and the participant that certificate is registered as in the read
 * model: the same reader the chaincode's queries use.
 */
export async function readerOfCaller(caller: Caller, repository: ReadModelRepository): Promise<Reader> {
  const clientId = signerIdOf(caller);
  const participant = clientId === undefined ? undefined : await repository.participantByIdentity(caller.mspId, clientId);
  const role = (ROLES as readonly string[]).includes(participant?.role ?? '') ? (participant?.role as Role) : undefined;
  if (participant === undefined && (caller.role === 'auditor' || caller.role === 'bank')) {
    // The gateway's own credential table says so (as viewerOf trusts it): not yet projected, still that role.
    return caller.role === 'auditor' ? { kind: 'auditor' } : { kind: 'bank', bankMsp: caller.mspId };
  }
  return readerOf({
    mspId: caller.mspId,
    isAdmin: caller.role === 'org-admin',
    participant: participant && role ? { id: participant.id, role, status: participant.status as ParticipantStatus } : undefined,
  });
}

/**
 * Refuses (403 SUSPENDED) a caller registered as a suspended participant: it reads nothing, on any
 * path. `untilCurrent` (undefined when nothing is pending) waits for the read model to project what
 * this gateway committed: a caller seen suspended is judged again after it, so a reinstatement the
 * API acknowledged holds for the participant's next request.
 */
export async function refuseSuspended(
  caller: Caller,
  repository: ReadModelRepository,
  untilCurrent: () => Promise<void> | undefined = () => undefined,
): Promise<void> {
  const clientId = signerIdOf(caller);
  if (clientId === undefined) {
    return; // no certificate to read: the ledger refuses such a caller itself
  }
  let participant = await repository.participantByIdentity(caller.mspId, clientId);
  const pending = participant?.status === 'SUSPENDED' ? untilCurrent() : undefined;
  if (pending !== undefined) {
    await pending;
    participant = await repository.participantByIdentity(caller.mspId, clientId);
  }
  if (participant?.status === 'SUSPENDED') {
    throw new ApiError(ErrorCode.SUSPENDED, `participant ${participant.id} is suspended`);
  }
}

/** The caller's `getID()`, or undefined when its certificate cannot be read (the ledger then refuses it anyway). */
export function signerIdOf(caller: Pick<Caller, 'identity'>): string | undefined {
  try {
    return clientIdOfCaller(caller);
  } catch {
    return undefined;
  }
}
