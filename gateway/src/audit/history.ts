import type { Ledger } from '../ledger/ledger';
import { decodeBlock, type DecodedTransaction } from '../readmodel/decode-block';
import type { ReadModelRepository } from '../readmodel/repository';
import { evaluateJson } from '../usecases/ledger-json';
import type { BlockReader } from '../ledger/qscc-reader';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import type { Receivable } from '@scf/kernel/records/receivable';

interface HistoryEntry {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value?: unknown;
}

/** One committed version of an asset, with where and by whom it was committed, read from the ledger. */
export interface AuditedVersion extends HistoryEntry {
  readonly blockNumber: string;
  readonly validation: string;
  /** `contract:transaction` as invoked. */
  readonly fn: string;
  readonly creator: { readonly mspId: string; readonly clientId: string; readonly participantId?: string };
}

export interface AssetHistory {
  readonly id: string;
  /** Oldest first. */
  readonly versions: readonly AuditedVersion[];
}

export interface ReceivableNode extends AssetHistory {
  readonly parentId: string | null;
  readonly childIds: readonly string[];
}

/** Looks up each transaction's block (qscc GetBlockByTxID) once per request. */
export class TransactionLocator {
  readonly #reader: BlockReader;
  readonly #participants: ReadModelRepository | undefined;
  readonly #found = new Map<string, Promise<AuditedVersion['creator'] & { blockNumber: string; tx: DecodedTransaction }>>();

  constructor(reader: BlockReader, participants: ReadModelRepository | undefined) {
    this.#reader = reader;
    this.#participants = participants;
  }

  #locate(txId: string): Promise<AuditedVersion['creator'] & { blockNumber: string; tx: DecodedTransaction }> {
    let found = this.#found.get(txId);
    if (!found) {
      found = (async () => {
        const block = decodeBlock(await this.#reader.blockByTxId(txId));
        const tx = block.transactions.find((t) => t.txId === txId);
        if (!tx) {
          throw new Error(`block ${block.number.toString()} does not hold transaction ${txId}`);
        }
        const participant = await this.#participants?.participantByIdentity(tx.creatorMsp, tx.creatorId);
        return {
          blockNumber: block.number.toString(),
          tx,
          mspId: tx.creatorMsp,
          clientId: tx.creatorId,
          ...(participant ? { participantId: participant.id } : {}),
        };
      })();
      this.#found.set(txId, found);
    }
    return found;
  }

  async audited(entry: HistoryEntry): Promise<AuditedVersion> {
    const { blockNumber, tx, ...creator } = await this.#locate(entry.txId);
    return { ...entry, blockNumber, validation: tx.validationName, fn: tx.fn, creator };
  }
}

/** Get…History of one asset as the caller (the chaincode checks membership), each version located on the chain. */
export async function assetHistory(ledger: Ledger, locator: TransactionLocator, history: EvaluateCall, id: string): Promise<AssetHistory> {
  const entries = await evaluateJson<HistoryEntry[]>(ledger, history);
  const versions = await Promise.all([...entries].reverse().map((entry) => locator.audited(entry)));
  return { id, versions };
}

/** The whole split tree a receivable belongs to: up to the root through parentId, then down through childIds. */
export async function receivableLineage(
  ledger: Ledger,
  locator: TransactionLocator,
  id: string,
): Promise<{ rootId: string; receivables: ReceivableNode[] }> {
  const get = (receivableId: string): Promise<Receivable> =>
    evaluateJson<Receivable>(ledger, call(tx.receivable.GetReceivable, { receivableId }));
  let root = await get(id);
  while (root.parentId !== undefined) {
    root = await get(root.parentId);
  }
  const receivables: ReceivableNode[] = [];
  const queue: Receivable[] = [root];
  for (let node = queue.shift(); node; node = queue.shift()) {
    const history = await assetHistory(ledger, locator, call(tx.receivable.GetReceivableHistory, { receivableId: node.id }), node.id);
    receivables.push({ ...history, parentId: node.parentId ?? null, childIds: node.childIds });
    queue.push(...(await Promise.all(node.childIds.map(get))));
  }
  return { rootId: root.id, receivables };
}
