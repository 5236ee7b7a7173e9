import type { common } from '@hyperledger/fabric-protos';
import { ApiError } from '../http/api-error';
import type { BlockReader } from '../ledger/qscc-reader';
import { decodeBlock } from '../readmodel/decode-block';
import { ErrorCode } from '@scf/kernel/errors';

/** The most blocks one page of the explorer holds. */
export const MAX_BLOCKS = 50;
/** A write's value is cut at this many characters. */
export const MAX_VALUE_CHARS = 4000;
const DEFAULT_BLOCKS = 20;

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

/** Blocks ascending from `from` (default: the latest `limit`), summarised: the explorer's page. */
export async function blockPage(reader: BlockReader, query: { readonly from?: string; readonly limit?: number }) {
  const height = await reader.height();
  const limit = BigInt(query.limit ?? DEFAULT_BLOCKS);
  const from = query.from === undefined ? (height > limit ? height - limit : 0n) : BigInt(query.from);
  const to = from + limit < height ? from + limit : height;
  const numbers: bigint[] = [];
  for (let n = from; n < to; n++) {
    numbers.push(n);
  }
  const blocks = await Promise.all(numbers.map(async (n) => summaryOf(await reader.blockByNumber(n)).summary));
  return { height: height.toString(), from: from.toString(), blocks };
}

/** One block with every transaction's arguments, event and public writes; NOT_FOUND past the height. */
export async function blockDetail(reader: BlockReader, number: bigint) {
  const height = await reader.height();
  if (number >= height) {
    throw new ApiError(ErrorCode.NOT_FOUND, `block ${number.toString()} is not on the chain yet (height ${height.toString()})`);
  }
  return detailOf(await reader.blockByNumber(number));
}
