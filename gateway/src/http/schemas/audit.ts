import { Type } from 'typebox';
import { Id } from './common';

export const IdParams = Type.Object({ id: Id });
/** An object the route documents by its description only (its fields come from the chaincode's records). */
export const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const SkippedQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'page size (default 50)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'entries to skip, in chain order' })),
  },
  { additionalProperties: false },
);

export const SkippedPage = Type.Object(
  {
    total: Type.Integer({ description: 'how many transactions the read model skipped in all' }),
    items: Type.Array(
      Type.Object(
        {
          blockNumber: Type.String({ pattern: '^[0-9]+$' }),
          txIndex: Type.Integer(),
          txId: Type.String(),
          fn: Type.String({ description: 'the transaction function, as in the block' }),
          error: Type.String({ description: 'why its writes could not be projected or stored' }),
          skippedAt: Type.String({ description: 'when the read model skipped it (ISO 8601)' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
