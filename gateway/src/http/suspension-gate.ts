import type { FastifyInstance } from 'fastify';
import { refuseSuspended } from '../readmodel/viewer';
import type { ReadModelRepository } from '../readmodel/repository';

/**
 * A suspended participant reads nothing, on every path: the ledger refuses its queries itself,
 * and this refuses it (403 SUSPENDED) before any route that answers from the gateway's own
 * stores (read model, reports, chain view, events, audit views) runs. Its status is the one its
 * org's peer committed, as the read model projected it.
 */
export function installSuspensionGate(app: FastifyInstance, repository: ReadModelRepository | undefined): void {
  if (repository === undefined) {
    return;
  }
  app.addHook('onRequest', async (request) => {
    if (request.caller !== null && request.caller.role !== 'org-admin') {
      await refuseSuspended(request.caller, repository);
    }
  });
}
