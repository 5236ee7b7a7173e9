import { Type, type TObject, type TSchema } from 'typebox';
import { COLLECTIONS, sortValues, type CollectionName, type FilterSpec } from '../../readmodel/collections';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

const DATE_OR_INSTANT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

function filterSchema(name: string, spec: FilterSpec): TSchema {
  const description = `${spec.op === 'eq' ? 'equals' : spec.op === 'from' ? 'at or after' : 'at or before'} ${spec.column}`;
  switch (spec.kind) {
    case 'int':
      return Type.Integer({ minimum: 0, description });
    case 'date':
    case 'timestamp':
      return Type.String({ pattern: DATE_OR_INSTANT, description: `${description} (YYYY-MM-DD or ISO 8601)` });
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
  peerHeight: Type.Union([Type.String(), Type.Null()], { description: "the peer's block height; null if it did not answer" }),
  lag: Type.Union([Type.String(), Type.Null()], { description: 'peerHeight - nextBlock' }),
  listener: Type.Union([ListenerState, Type.Null()]),
});
