import { ErrorCode } from '@scf/kernel/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerDirectory } from '../ledger/ledger';
import { ApiError } from './api-error';

/** The header a caller sends to read what it saw commit through another org's gateway. */
export const MIN_BLOCK_HEADER = 'x-scf-min-block';

/** The request's X-SCF-Min-Block, if any; anything but one block number (digits) is 400 INVALID_ARGUMENT. */
export function minBlockOf(request: Pick<FastifyRequest, 'headers'>): bigint | undefined {
  const value = request.headers[MIN_BLOCK_HEADER];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !/^\d{1,18}$/.test(value)) {
    throw new ApiError(ErrorCode.INVALID_ARGUMENT, 'X-SCF-Min-Block must be one block number (digits)');
  }
  return BigInt(value);
}

/**
 * Read-your-writes across gateways: a write answers the block it committed in (`blockNumber`);
 * a party that then reads through its own org's gateway sends it as `X-SCF-Min-Block`, and the
 * request's ledger calls wait (at most the gateway's read-your-writes wait) until this gateway's
 * peer holds that block. The floor is the request's own: a far-off block number one caller sends
 * delays that caller's request, never anyone else's.
 */
export function installMinBlock(app: FastifyInstance, ledgers: LedgerDirectory): void {
  app.addHook('preHandler', (request, _reply, done) => {
    let floor: bigint | undefined;
    try {
      floor = minBlockOf(request);
    } catch (error) {
      done(error as ApiError);
      return;
    }
    if (floor === undefined || ledgers.withReadFloor === undefined) {
      done();
      return;
    }
    // The rest of the request (later hooks, the handler and what it awaits) runs with this floor.
    ledgers.withReadFloor(floor, done);
  });
}
