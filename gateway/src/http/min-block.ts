import { ErrorCode } from '@scf/kernel/errors';
import type { FastifyInstance } from 'fastify';
import type { LedgerDirectory } from '../ledger/ledger';
import { ApiError } from './api-error';

/** The header a caller sends to read what it saw commit through another org's gateway. */
export const MIN_BLOCK_HEADER = 'x-scf-min-block';

/**
 * Read-your-writes across gateways: a write answers the block it committed in (`blockNumber`);
 * a party that then reads through its own org's gateway sends it as `X-SCF-Min-Block`, and the
 * read waits (at most the gateway's read-your-writes wait) until this gateway's peer holds that
 * block. Anything but a block number is 400 INVALID_ARGUMENT.
 */
export function installMinBlock(app: FastifyInstance, ledgers: LedgerDirectory): void {
  app.addHook('preHandler', async (request) => {
    const value = request.headers[MIN_BLOCK_HEADER];
    if (value === undefined) {
      return;
    }
    if (typeof value !== 'string' || !/^\d{1,18}$/.test(value)) {
      throw new ApiError(ErrorCode.INVALID_ARGUMENT, 'X-SCF-Min-Block must be one block number (digits)');
    }
    ledgers.readAtLeast?.(BigInt(value));
    return Promise.resolve();
  });
}
