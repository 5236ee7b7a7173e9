import type { FastifyRequest } from 'fastify';
import { logTransactionId } from '../ops/request-id';

/** Tags the request's remaining log lines with the committed transaction's id and passes the result on. */
export function logCommit<T extends { readonly transactionId: string }>(request: FastifyRequest, committed: T): T {
  logTransactionId(request, committed.transactionId);
  return committed;
}
