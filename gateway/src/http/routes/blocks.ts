import type { Caller } from '../../auth/credentials';
import { blockDetail, blockPage } from '../../audit/blocks';
import type { BlockReaderDirectory } from '../../ledger/qscc-reader';
import { callerOf } from '../auth';
import { ApiError } from '../errors';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import { BlockDetail, BlockPage, BlockParams, BlockQuery } from '../schemas/blocks';
import { ErrorCode } from '@scf/kernel/errors';

const tag = 'audit';

function requireAuditor(caller: Caller): void {
  if (caller.role !== 'auditor') {
    throw new ApiError(ErrorCode.FORBIDDEN, 'only the auditor browses the blocks');
  }
}

/**
 * The auditor's ledger explorer: blocks as the auditor's peer stores them (qscc), read as the
 * auditor through the block readers the composition root opened.
 */
export function blockRoutes(readers: BlockReaderDirectory): RouteModule {
  return (app) => {
    app.get(
      '/v1/audit/blocks',
      {
        schema: {
          tags: [tag],
          summary: 'Blocks with their hashes and transactions, ascending from `from` (default: the latest `limit`); auditor only',
          querystring: BlockQuery,
          response: { 200: BlockPage, ...errorResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        requireAuditor(caller);
        return blockPage(readers.forIdentity(caller.identity), request.query);
      },
    );

    app.get(
      '/v1/audit/blocks/:number',
      {
        schema: {
          tags: [tag],
          summary: "One block with every transaction's arguments, event and public writes; auditor only",
          params: BlockParams,
          response: { 200: BlockDetail, ...errorResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        requireAuditor(caller);
        return blockDetail(readers.forIdentity(caller.identity), BigInt(request.params.number));
      },
    );
    return Promise.resolve();
  };
}
