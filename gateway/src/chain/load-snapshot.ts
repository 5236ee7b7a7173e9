import type { ChainRows } from '../readmodel/chain-source';
import type { ReadModelRepository } from '../readmodel/repository';
import { byId } from './chain-index';
import {
  epochDay,
  type ChainFinancing,
  type ChainParticipant,
  type ChainPledge,
  type ChainPrice,
  type ChainReceipt,
  type ChainReceivable,
  type ChainSnapshot,
} from './snapshot';

const ATTEMPTS = 5;

type Row = readonly string[];
const at = (row: Row, i: number): string => row[i] ?? '';
const optional = (value: string): string | undefined => (value === '' ? undefined : value);
const amount = (value: string): bigint => BigInt(value === '' ? '0' : value);

// Column positions follow CHAIN_COLUMNS in readmodel/chain-source.ts.
const participant = (r: Row): ChainParticipant => ({
  id: at(r, 0),
  role: at(r, 1),
  mspId: at(r, 2),
  name: at(r, 3),
  tier: at(r, 4) === '' ? undefined : Number(at(r, 4)),
});

const receivable = (r: Row): ChainReceivable => ({
  id: at(r, 0),
  rootId: at(r, 1),
  parentId: optional(at(r, 2)),
  creditorId: at(r, 3),
  debtorId: at(r, 4),
  holderId: at(r, 5),
  currency: at(r, 6),
  face: amount(at(r, 7)),
  outstanding: amount(at(r, 8)),
  diluted: amount(at(r, 9)),
  status: at(r, 10),
  delinquency: at(r, 11),
  issueDay: epochDay(at(r, 12)),
  dueDay: epochDay(at(r, 13)),
  financingId: optional(at(r, 14)),
});

const financing = (r: Row): ChainFinancing => ({
  id: at(r, 0),
  receivableId: at(r, 1),
  bankMsp: at(r, 2),
  borrowerId: at(r, 3),
  debtorId: at(r, 4),
  currency: at(r, 5),
  amount: amount(at(r, 6)),
  outstandingPrincipal: amount(at(r, 7)),
  status: at(r, 8),
  requestedDay: epochDay(at(r, 9)),
});

const receipt = (r: Row): ChainReceipt => ({
  id: at(r, 0),
  warehouseId: at(r, 1),
  ownerId: at(r, 2),
  commodity: at(r, 3),
  grade: at(r, 4),
  unit: at(r, 5),
  quantity: amount(at(r, 6)),
  status: at(r, 7),
});

function pledge(r: Row): ChainPledge {
  // Haircut and maintenance ratio are only in the ledger record (pledges are few: parsing it is cheap).
  const record = JSON.parse(at(r, 7)) as { haircutBps?: string; maintenanceRatioBps?: string };
  return {
    id: at(r, 0),
    receiptId: at(r, 1),
    ownerId: at(r, 2),
    bankMsp: at(r, 3),
    loanAmount: amount(at(r, 4)),
    currency: optional(at(r, 5)),
    status: at(r, 6),
    haircutBps: amount(record.haircutBps ?? '0'),
    maintenanceRatioBps: amount(record.maintenanceRatioBps ?? '0'),
  };
}

const price = (r: Row): ChainPrice => ({
  commodity: at(r, 0),
  grade: at(r, 1),
  unit: at(r, 2),
  currency: at(r, 3),
  pricePerUnit: amount(at(r, 4)),
});

const sortedById = <T extends { id: string }>(rows: T[]): T[] => rows.sort((a, b) => byId(a.id, b.id));
const priceOrder = (p: ChainPrice): string => `${p.commodity}\u0000${p.grade}\u0000${p.unit}`;

/** The snapshot of the rows, every list sorted by code unit (not by the database's collation), so both drivers give the same order. */
export function snapshotOf(rows: ChainRows): ChainSnapshot {
  const t = rows.tables;
  return {
    height: rows.height,
    asOfDay: rows.lastTxTimestamp === undefined ? 0 : epochDay(rows.lastTxTimestamp),
    participants: sortedById(t.participants.map(participant)),
    receivables: sortedById(t.receivables.map(receivable)),
    financings: sortedById(t.financings.map(financing)),
    receipts: sortedById(t.receipts.map(receipt)),
    pledges: sortedById(t.pledges.map(pledge)),
    prices: t.prices.map(price).sort((a, b) => byId(priceOrder(a), priceOrder(b))),
  };
}

/**
 * `previous` moved on to the height of `changed` (the rows written from `previous.height` on,
 * read at one height): each changed row in place of its old version, new rows in id order. The
 * same snapshot as reading every row at that height (the read model never deletes a row), for
 * parsing only the rows that changed; lists without a change are `previous`'s own.
 */
export function mergeSnapshot(previous: ChainSnapshot, changed: ChainRows): ChainSnapshot {
  const delta = snapshotOf(changed);
  return {
    height: delta.height,
    asOfDay: delta.asOfDay,
    participants: merged(previous.participants, delta.participants, idOf),
    receivables: merged(previous.receivables, delta.receivables, idOf),
    financings: merged(previous.financings, delta.financings, idOf),
    receipts: merged(previous.receipts, delta.receipts, idOf),
    pledges: merged(previous.pledges, delta.pledges, idOf),
    prices: merged(previous.prices, delta.prices, priceOrder),
  };
}

const idOf = (item: { readonly id: string }): string => item.id;

/** Two lists sorted by `key` (byId), `changed` winning on equal keys: one sorted list. */
function merged<T>(previous: readonly T[], changed: readonly T[], key: (item: T) => string): readonly T[] {
  if (changed.length === 0) {
    return previous;
  }
  const result: T[] = [];
  let i = 0;
  let j = 0;
  while (i < previous.length || j < changed.length) {
    const old = previous[i];
    const next = changed[j];
    const order = old === undefined ? 1 : next === undefined ? -1 : byId(key(old), key(next));
    if (order < 0) {
      result.push(old as T);
      i++;
    } else {
      result.push(next as T);
      j++;
      i += order === 0 ? 1 : 0;
    }
  }
  return result;
}

type ChainRepository = Pick<ReadModelRepository, 'chainRows' | 'nextBlock'>;

/**
 * Reads the chain from the read model at one height: the height is read before and after the
 * tables, and the read is repeated if a block was projected in between, so every row belongs
 * to the same height. With `previous`, only the rows written since its height are read and merged
 * into it (a read model that went back below it is read whole).
 */
export async function loadChainSnapshot(repository: ChainRepository, previous?: ChainSnapshot): Promise<ChainSnapshot> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const rows = await repository.chainRows(previous?.height);
    if ((await repository.nextBlock()) !== rows.height) {
      continue;
    }
    if (previous === undefined) {
      return snapshotOf(rows);
    }
    if (rows.height < previous.height) {
      return loadChainSnapshot(repository);
    }
    return rows.height === previous.height ? previous : mergeSnapshot(previous, rows);
  }
  throw new Error(`the read model kept moving: no consistent chain snapshot in ${String(ATTEMPTS)} attempts`);
}

/**
 * One snapshot per height: reloaded only when the read model has projected another block, and
 * then only the rows the new blocks wrote (merged into the last snapshot); callers at the same
 * height share one load.
 */
export class ChainSnapshotCache {
  #current: { readonly height: bigint; readonly snapshot: Promise<ChainSnapshot> } | undefined;
  readonly #repository: ChainRepository;

  constructor(repository: ChainRepository) {
    this.#repository = repository;
  }

  async get(): Promise<ChainSnapshot> {
    const height = await this.#repository.nextBlock();
    const last = this.#current;
    if (last?.height === height) {
      return last.snapshot;
    }
    const snapshot =
      last === undefined
        ? loadChainSnapshot(this.#repository)
        : last.snapshot.then((previous) => loadChainSnapshot(this.#repository, previous));
    this.#current = { height, snapshot };
    // A failed load is not kept: the next call tries again (from scratch).
    snapshot.catch(() => {
      if (this.#current?.snapshot === snapshot) {
        this.#current = undefined;
      }
    });
    return snapshot;
  }
}
