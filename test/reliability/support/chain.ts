import { common } from '@hyperledger/fabric-protos';
import { createHash } from 'node:crypto';
import { blockHeaderHash } from '../../../gateway/src/audit/block-hash';
import { decodeBlock, type DecodedTransaction } from '../../../gateway/src/readmodel/decode-block';
import { blockHeight, eventually, network, withContract } from '../../support/fabric';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

const VALID = 0;
/** common.BlockMetadataIndex.TRANSACTIONS_FILTER: one validation code per transaction. */
const TRANSACTIONS_FILTER = 2;

/** Blocks `from` … `to - 1` of the channel as one org's peer holds them, through qscc. */
export function blocksOf(orgName: string, from: number, to: number): Promise<common.Block[]> {
  return withContract(
    orgName,
    'Admin',
    '',
    async (qscc) => {
      const blocks: common.Block[] = [];
      for (let n = from; n < to; n++) {
        blocks.push(common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', network().channel, String(n))));
      }
      return blocks;
    },
    'qscc',
  );
}

/** Waits until every peer is at the same height (nothing still being committed) and returns it. */
export function settledHeight(timeoutMs = 120_000): Promise<number> {
  return eventually(
    async () => {
      const heights = await Promise.all(network().orgs.map((o) => blockHeight(o.name)));
      if (new Set(heights).size !== 1) {
        throw new Error(`peers at different heights: ${heights.join(', ')}`);
      }
      return heights[0] ?? 0;
    },
    timeoutMs,
    1_000,
  );
}

/** What identifies a block's content and its peers' verdict on it: header hash and validation codes. */
export function blockFingerprint(block: common.Block): string {
  const header = block.getHeader();
  if (!header) {
    throw new Error('a block without a header');
  }
  const headerHash = blockHeaderHash(BigInt(header.getNumber()), header.getPreviousHash_asU8(), header.getDataHash_asU8());
  const flags = block.getMetadata()?.getMetadataList_asU8()[TRANSACTIONS_FILTER] ?? new Uint8Array();
  return `${String(header.getNumber())}:${headerHash.toString('hex')}:${createHash('sha256').update(flags).digest('hex')}`;
}

/** Every transaction in blocks `from` … `to - 1`, decoded, with its block number. */
export async function transactionsIn(from: number, to: number): Promise<(DecodedTransaction & { block: number })[]> {
  const blocks = await blocksOf('Auditor', from, to);
  return blocks.flatMap((block) => {
    const decoded = decodeBlock(block);
    return decoded.transactions.map((t) => ({ ...t, block: Number(decoded.number) }));
  });
}

/** For each receivable id, the ids of the VALID IssueReceivable transactions that created it. */
export function validIssues(transactions: readonly DecodedTransaction[]): Map<string, string[]> {
  const issues = new Map<string, string[]>();
  for (const t of transactions) {
    if (t.validationCode === VALID && t.fn === fcn(tx.receivable.IssueReceivable)) {
      const id = t.args[0] ?? '';
      issues.set(id, [...(issues.get(id) ?? []), t.txId]);
    }
  }
  return issues;
}
