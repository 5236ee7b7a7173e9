import type { FastifyInstance } from 'fastify';
import type { LedgerDirectory } from '../ledger/ledger';
import type { ReadModelHandle } from '../readmodel/handle';
import { refuseSuspended } from '../readmodel/viewer';
import { minBlockOf } from './min-block';

/**
 * A suspended participant reads nothing, on every path: the ledger refuses its queries itself,
 * and this refuses it (403 SUSPENDED) before any route that answers from the gateway's own
 * stores (read model, reports, chain view, events, audit views) runs. Its status is the one its
 * org's peer committed, as the read model projected it; a caller seen suspended is judged again
 * once the read model holds the highest block this gateway committed in or the caller named
 * (X-SCF-Min-Block), so a reinstatement is seen at once.
 */
export function installSuspensionGate(app: FastifyInstance, readModel: ReadModelHandle | undefined, ledgers: LedgerDirectory): void {
  if (readModel === undefined) {
    return;
  }
  app.addHook('onRequest', async (request) => {
    if (request.caller !== null && request.caller.role !== 'org-admin') {
      const untilCurrent = (): Promise<void> | undefined => {
        const target = ledgers.readTarget?.(minBlockOf(request));
        return target === undefined ? undefined : readModel.untilProjected?.(target);
      };
      await refuseSuspended(request.caller, readModel.repository, untilCurrent);
    }
  });
}
