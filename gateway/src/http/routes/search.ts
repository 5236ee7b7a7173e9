import { callerOf } from '../auth';
import { ApiError } from '../errors';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import type { CollectionName } from '../../readmodel/collections';
import { compileSearch } from '../../readmodel/compile-search';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../readmodel/cursor';
import type { ReadModelHandle } from '../../readmodel/handle';
import { entityItem, transactionItem } from '../../readmodel/search-items';
import { DEFAULT_PAGE, ReadModelStatusBody, SearchPage, searchQuerySchema } from '../schemas/search';
import { viewerOf } from '../../readmodel/viewer';
import { scopeFor } from '../../readmodel/viewer-scope';
import { readModelStatus } from '../../usecases/read-model';
import { ErrorCode } from '@scf/kernel/errors';

const PATHS: Readonly<Record<CollectionName, string>> = {
  receivables: '/v1/search/receivables',
  financings: '/v1/search/financings',
  creditLines: '/v1/search/credit-lines',
  payments: '/v1/search/payments',
  dilutionRequests: '/v1/search/dilution-requests',
  transactions: '/v1/search/transactions',
};

type Query = Readonly<Record<string, string | number | undefined>>;

async function searchPage(
  readModel: ReadModelHandle,
  collection: CollectionName,
  query: Query,
  viewer: Awaited<ReturnType<typeof viewerOf>>,
) {
  const { sort, limit = DEFAULT_PAGE, cursor, ...filters } = query;
  const fingerprint = queryFingerprint([collection, filters, sort ?? null, limit]);
  const offset = cursor === undefined ? 0 : decodeCursor(String(cursor), fingerprint);
  if (offset === undefined) {
    throw new ApiError(ErrorCode.INVALID_ARGUMENT, 'cursor does not belong to this query', {
      violations: [{ path: '/querystring/cursor', message: 'not a cursor of this query' }],
    });
  }
  const pageSize = Number(limit);
  const compiled = compileSearch(
    { collection, filters, sort: sort === undefined ? undefined : String(sort), limit: pageSize, offset },
    scopeFor(viewer, collection),
  );
  const rows = compiled ? await readModel.repository.search(compiled) : [];
  const page = rows.slice(0, pageSize);
  return {
    items: page.map(collection === 'transactions' ? transactionItem : entityItem),
    nextCursor: rows.length > pageSize ? encodeCursor(offset + pageSize, fingerprint) : null,
  };
}

/**
 * Lists and searches over the read model (filter, sort, paginate), scoped to what the caller
 * may see, and the read model's progress. Registered only when the gateway has a read model.
 */
export const readModelRoutes: RouteModule = async (app, { stores, ledgers }) => {
  const readModel = stores.readModel;
  if (!readModel) {
    return;
  }
  for (const [collection, url] of Object.entries(PATHS) as [CollectionName, string][]) {
    app.get(
      url,
      {
        schema: {
          tags: ['search'],
          summary: `Search ${collection} in the read model`,
          querystring: searchQuerySchema(collection),
          response: { 200: SearchPage, ...errorResponses },
        },
      },
      async (request) => searchPage(readModel, collection, request.query as Query, await viewerOf(callerOf(request), readModel.repository)),
    );
  }

  app.get(
    '/v1/readmodel/status',
    {
      schema: {
        tags: ['search'],
        summary: 'How far the read model has projected the ledger',
        response: { 200: ReadModelStatusBody, ...errorResponses },
      },
    },
    () => readModelStatus(readModel, ledgers.any()),
  );
  await Promise.resolve();
};
