import type { common } from '@hyperledger/fabric-protos';
import { peer } from '@hyperledger/fabric-protos';
import { decodeBlock, validationCodeName, type DecodedTransaction } from '../readmodel/decode-block';
import type { ReadModelRepository } from '../readmodel/repository';
import { blockDataHash, blockHeaderHash } from './block-hash';
import { checkInvariants, doubleAcknowledgement } from './invariants';
import type { BlockReader } from '../ledger/qscc-reader';
import { WorldState, type Breach } from './world-state';
import { checkWriteRights } from './write-rights';

export interface VerifyReport {
  readonly ok: boolean;
  /** Blocks 0 … height-1 were read from the peer. */
  readonly height: string;
  readonly transactions: number;
  readonly validTransactions: number;
  /** Blocks from here on were not yet projected, so their validation codes were not compared. */
  readonly readModelNextBlock: string;
  readonly breaches: readonly Breach[];
}

export interface VerifyOptions {
  readonly reader: BlockReader;
  readonly readModel: ReadModelRepository;
  /** The chaincode whose write sets are replayed. */
  readonly chaincode: string;
  readonly onProgress?: (done: bigint, total: bigint) => void;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function checkHashes(block: common.Block, number: bigint, previous: Buffer | undefined): Breach[] {
  const header = block.getHeader();
  if (!header) {
    return [{ invariant: 'hash-chain', message: `block ${number.toString()} has no header`, transactions: [] }];
  }
  const breaches: Breach[] = [];
  if (BigInt(header.getNumber()) !== number) {
    breaches.push({
      invariant: 'hash-chain',
      message: `block ${number.toString()} says it is block ${String(header.getNumber())}`,
      transactions: [],
    });
  }
  if (previous && !previous.equals(header.getPreviousHash_asU8())) {
    breaches.push({
      invariant: 'hash-chain',
      message: `block ${number.toString()}: previous_hash ${hex(header.getPreviousHash_asU8())} ≠ ${previous.toString('hex')}`,
      transactions: [],
    });
  }
  if (!blockDataHash(block.getData()?.getDataList_asU8() ?? []).equals(header.getDataHash_asU8())) {
    breaches.push({
      invariant: 'data-hash',
      message: `block ${number.toString()}: data_hash does not match its envelopes`,
      transactions: [],
    });
  }
  return breaches;
}

/** The read model's transaction id and validation code per transaction index of one block. */
type ProjectedCodes = Map<number, { txId: string; code: number }>;

async function readModelCodes(readModel: ReadModelRepository, number: bigint): Promise<ProjectedCodes> {
  const rows = await readModel.search({
    table: 'rm_transactions',
    where: [{ sql: 'block_number = ?', params: [Number(number)] }],
    orderBy: 'tx_index ASC',
    limit: 100_000,
    offset: 0,
  });
  return new Map(rows.map((row) => [Number(row.tx_index), { txId: String(row.tx_id), code: Number(row.validation_code) }]));
}

/** A breach when the read model's row for the transaction is missing or holds another id or validation code. */
function checkValidationCode(
  projected: ProjectedCodes,
  tx: DecodedTransaction,
  at: { txId: string; blockNumber: string },
): Breach | undefined {
  const row = projected.get(tx.index);
  if (row?.txId === tx.txId && row.code === tx.validationCode) {
    return undefined;
  }
  const held = row ? `${validationCodeName(row.code)} for ${row.txId}` : 'no row';
  return {
    invariant: 'validation-code',
    message: `block ${at.blockNumber} tx ${String(tx.index)}: ledger ${tx.validationName}, read model ${held}`,
    transactions: [at],
  };
}

/**
 * Reads the chain block by block from a peer: hash chain, data hashes, validation codes against
 * the read model, who wrote what (every write of every valid transaction by a function that may
 * write that key class, signed by a creator its access rule admits as of that block), and the
 * ledger invariants over the state replayed from valid write sets.
 */
export async function verifyChain({ reader, readModel, chaincode, onProgress }: VerifyOptions): Promise<VerifyReport> {
  const height = await reader.height();
  const readModelNextBlock = await readModel.nextBlock();
  const state = new WorldState();
  const breaches: Breach[] = [];
  let previous: Buffer | undefined;
  let transactions = 0;
  let validTransactions = 0;
  for (let number = 0n; number < height; number++) {
    const block = await reader.blockByNumber(number);
    breaches.push(...checkHashes(block, number, previous));
    const header = block.getHeader();
    previous = header ? blockHeaderHash(number, header.getPreviousHash_asU8(), header.getDataHash_asU8()) : undefined;
    const projected = number < readModelNextBlock ? await readModelCodes(readModel, number) : undefined;
    for (const tx of decodeBlock(block).transactions) {
      const at = { txId: tx.txId, blockNumber: number.toString() };
      transactions++;
      const mismatch = projected ? checkValidationCode(projected, tx, at) : undefined;
      if (mismatch) {
        breaches.push(mismatch);
      }
      if (tx.validationCode === peer.TxValidationCode.VALID) {
        validTransactions++;
        breaches.push(...checkWriteRights(chaincode, tx, at, state));
        state.apply(chaincode, tx.writes, at, (key, before, after) => {
          const breach = doubleAcknowledgement(key, before, after);
          if (breach) {
            breaches.push(breach);
          }
        });
      }
    }
    onProgress?.(number + 1n, height);
  }
  breaches.push(...checkInvariants(state));
  return {
    ok: breaches.length === 0,
    height: height.toString(),
    transactions,
    validTransactions,
    readModelNextBlock: readModelNextBlock.toString(),
    breaches,
  };
}
