import { Type, type TObject, type TSchema } from 'typebox';
import { CALENDAR_DATE_PATTERN } from '@scf/kernel/dates';
import { COLLECTIONS, sortValues, type CollectionName, type FilterSpec } from '../../readmodel/collections';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

const TIME = '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?';
/** A calendar date (as the ledger's dates), or that date with a time and its offset. */
const DATE_ONLY = `^${CALENDAR_DATE_PATTERN}$`;
const DATE_OR_INSTANT = `^${CALENDAR_DATE_PATTERN}(T${TIME}(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$`;

function filterSchema(name: string, spec: FilterSpec): TSchema {
  const description = `${spec.op === 'eq' ? 'equals' : spec.op === 'from' ? 'at or after' : 'at or before'} ${spec.column}`;
  switch (spec.kind) {
    case 'int':
      return Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
    case 'date':
      return Type.String({ pattern: DATE_ONLY, description: `${description} (a calendar date YYYY-MM-DD, 1970 to 9999)` });
    case 'timestamp':
      return Type.String({ pattern: DATE_OR_INSTANT, description: `${description} (a calendar date YYYY-MM-DD, or an ISO 8601 instant)` });
    case 'text':
      return Type.String({ minLength: 1, maxLength: name === 'txId' ? 128 : 100, description });
  }
}

/** The query string of one collection's search: its filters, sort, limit (≤ 100) and cursor; nothing else. */
export function searchQuerySchema(collection: CollectionName): TObject {
  const filters = Object.fromEntries(
    Object.entries(COLLECTIONS[collection].filters).map(([name, spec]) => [name, Type.Optional(filterSchema(name, spec))]),
  );
  return Type.Object(
    {
      ...filters,
      sort: Type.Optional(Type.Enum(sortValues(collection), { description: 'field to sort by; a leading "-" sorts descending' })),
      limit: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: MAX_PAGE,
          description: `page size, at most ${String(MAX_PAGE)} (default ${String(DEFAULT_PAGE)})`,
        }),
      ),
      cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'nextCursor of the previous page' })),
    },
    { additionalProperties: false },
  );
}

export const SearchPage = Type.Object({
  items: Type.Array(Type.Object({}, { additionalProperties: true })),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for the next page; null on the last page' }),
});

const ListenerState = Type.Object({
  running: Type.Boolean(),
  connected: Type.Boolean(),
  reconnects: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

export const ReadModelStatusBody = Type.Object({
  driver: Type.Enum(['sqlite', 'postgres']),
  nextBlock: Type.String({ description: 'blocks 0 … nextBlock-1 are projected' }),
  transactionCount: Type.Integer(),
  skippedTransactions: Type.Integer({
    description: 'transactions whose writes the read model could not store (the auditor lists them at /v1/audit/skipped-transactions)',
  }),
  peerHeight: Type.Union([Type.String(), Type.Null()], { description: "the peer's block height; null if it did not answer" }),
  lag: Type.Union([Type.String(), Type.Null()], { description: 'peerHeight - nextBlock' }),
  listener: Type.Union([ListenerState, Type.Null()]),
});
