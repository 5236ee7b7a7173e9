import type { FastifyRequest } from 'fastify';
import { logTransactionId } from './request-id';

/**
 * Tags the request's remaining log lines with the committed transaction's id and logs the commit
 * (Fastify's own "request completed" line uses the logger the reply was created with, so it
 * would not carry the id), then passes the result on.
 */
export function logCommit<T extends { readonly transactionId: string; readonly blockNumber?: string }>(
  request: FastifyRequest,
  committed: T,
): T {
  logTransactionId(request, committed.transactionId);
  request.log.info({ blockNumber: committed.blockNumber }, 'transaction committed');
  return committed;
}
