import { Type } from 'typebox';
import { MAX_BLOCKS, MAX_VALUE_CHARS } from '../../audit/blocks';

export const BlockNumber = Type.String({ pattern: '^(0|[1-9][0-9]{0,19})$', description: 'Block number (decimal string)' });
export const BlockParams = Type.Object({ number: BlockNumber });
export const BlockQuery = Type.Object(
  {
    from: Type.Optional(BlockNumber),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BLOCKS, default: 20 })),
  },
  { additionalProperties: false },
);
const Transaction = Type.Object({
  index: Type.Integer(),
  txId: Type.String(),
  validation: Type.String({ description: 'VALID, or why the committing peers invalidated it (MVCC_READ_CONFLICT, …)' }),
  timestamp: Type.String(),
  creatorMsp: Type.String(),
  chaincode: Type.String(),
  fn: Type.String({ description: '`contract:transaction`; empty for a configuration transaction' }),
});
const BlockSummary = Type.Object({
  number: Type.String(),
  previousHash: Type.String({ description: 'hex' }),
  dataHash: Type.String({ description: 'hex' }),
  transactionCount: Type.Integer(),
  validCount: Type.Integer(),
  firstTimestamp: Type.Union([Type.String(), Type.Null()]),
  fns: Type.Array(Type.String(), { description: 'distinct functions invoked in the block' }),
});
export const BlockPage = Type.Object({
  height: Type.String(),
  from: Type.String(),
  blocks: Type.Array(BlockSummary, { description: 'ascending from `from`' }),
});
const Write = Type.Object({
  namespace: Type.String(),
  key: Type.String(),
  isDelete: Type.Boolean(),
  value: Type.String({ description: `UTF-8 text, cut at ${String(MAX_VALUE_CHARS)} characters` }),
});
const TransactionDetail = Type.Object({
  ...Transaction.properties,
  args: Type.Array(Type.String()),
  event: Type.Union([Type.String(), Type.Null()]),
  writes: Type.Array(Write),
});
export const BlockDetail = Type.Object({ ...BlockSummary.properties, transactions: Type.Array(TransactionDetail) });
