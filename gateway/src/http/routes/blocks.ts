import type { common } from '@hyperledger/fabric-protos';
import { describeNetwork } from '@scf/network';
import { Type } from 'typebox';
import type { Caller } from '../../auth/credentials';
import { callerOf } from '../auth';
import { ApiError } from '../errors';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import { decodeBlock } from '../../readmodel/decode-block';
import { type BlockReader, QsccBlockReader } from '../../ledger/qscc-reader';
import { ErrorCode } from '@scf/kernel/errors';

const tag = 'audit';
const MAX_BLOCKS = 50;
const MAX_VALUE_CHARS = 4000;
const BlockNumber = Type.String({ pattern: '^(0|[1-9][0-9]{0,19})$', description: 'Block number (decimal string)' });
const BlockQuery = Type.Object(
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
const BlockPage = Type.Object({
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
const BlockDetail = Type.Object({ ...BlockSummary.properties, transactions: Type.Array(TransactionDetail) });

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function summaryOf(block: common.Block) {
  const header = block.getHeader();
  const decoded = decodeBlock(block);
  return {
    decoded,
    summary: {
      number: decoded.number.toString(),
      previousHash: hex(header?.getPreviousHash_asU8() ?? new Uint8Array()),
      dataHash: hex(header?.getDataHash_asU8() ?? new Uint8Array()),
      transactionCount: decoded.transactions.length,
      validCount: decoded.transactions.filter((tx) => tx.validationName === 'VALID').length,
      firstTimestamp: decoded.transactions[0]?.timestamp ?? null,
      fns: [...new Set(decoded.transactions.map((tx) => tx.fn).filter((fn) => fn !== ''))],
    },
  };
}

function detailOf(block: common.Block) {
  const { decoded, summary } = summaryOf(block);
  return {
    ...summary,
    transactions: decoded.transactions.map((tx) => ({
      index: tx.index,
      txId: tx.txId,
      validation: tx.validationName,
      timestamp: tx.timestamp,
      creatorMsp: tx.creatorMsp,
      chaincode: tx.chaincode,
      fn: tx.fn,
      args: [...tx.args],
      event: tx.event?.name ?? null,
      writes: tx.writes.map((w) => ({
        namespace: w.namespace,
        key: w.key,
        isDelete: w.isDelete,
        value: w.value.slice(0, MAX_VALUE_CHARS),
      })),
    })),
  };
}

function requireAuditor(caller: Caller): void {
  if (caller.role !== 'auditor') {
    throw new ApiError(403, ErrorCode.FORBIDDEN, 'only the auditor browses the blocks');
  }
}

export type BlockReaderFactory = (caller: Caller) => BlockReader;

/**
 * The auditor's ledger explorer: blocks as the auditor's peer stores them (qscc), read as the
 * auditor. `readerFor` is replaced in unit tests; by default one qscc reader per credential.
 */
export function blockRoutes(readerFor?: BlockReaderFactory): RouteModule {
  return (app) => {
    const readers = new Map<string, BlockReader>();
    const defaultFactory: BlockReaderFactory = (caller) => new QsccBlockReader(describeNetwork(), caller.identity);
    const readerOf = (caller: Caller): BlockReader => {
      let reader = readers.get(caller.credential);
      if (!reader) {
        reader = (readerFor ?? defaultFactory)(caller);
        readers.set(caller.credential, reader);
      }
      return reader;
    };
    app.addHook('onClose', () => {
      for (const reader of readers.values()) {
        reader.close();
      }
    });

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
        const reader = readerOf(caller);
        const height = await reader.height();
        const limit = BigInt(request.query.limit ?? 20);
        const from = request.query.from === undefined ? (height > limit ? height - limit : 0n) : BigInt(request.query.from);
        const to = from + limit < height ? from + limit : height;
        const numbers: bigint[] = [];
        for (let n = from; n < to; n++) {
          numbers.push(n);
        }
        const blocks = await Promise.all(numbers.map(async (n) => summaryOf(await reader.blockByNumber(n)).summary));
        return { height: height.toString(), from: from.toString(), blocks };
      },
    );

    app.get(
      '/v1/audit/blocks/:number',
      {
        schema: {
          tags: [tag],
          summary: "One block with every transaction's arguments, event and public writes; auditor only",
          params: Type.Object({ number: BlockNumber }),
          response: { 200: BlockDetail, ...errorResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        requireAuditor(caller);
        const reader = readerOf(caller);
        const number = BigInt(request.params.number);
        const height = await reader.height();
        if (number >= height) {
          throw new ApiError(404, ErrorCode.NOT_FOUND, `block ${number.toString()} is not on the chain yet (height ${height.toString()})`);
        }
        return detailOf(await reader.blockByNumber(number));
      },
    );
    return Promise.resolve();
  };
}
