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
 * Reads the chain from the read model at one height: the height is read before and after the
 * tables, and the read is repeated if a block was projected in between, so every row belongs
 * to the same height.
 */
export async function loadChainSnapshot(repository: Pick<ReadModelRepository, 'chainRows' | 'nextBlock'>): Promise<ChainSnapshot> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const rows = await repository.chainRows();
    if ((await repository.nextBlock()) === rows.height) {
      return snapshotOf(rows);
    }
  }
  throw new Error(`the read model kept moving: no consistent chain snapshot in ${String(ATTEMPTS)} attempts`);
}

/** One snapshot per height: reloaded only when the read model has projected another block; callers at the same height share one load. */
export class ChainSnapshotCache {
  #current: { readonly height: bigint; readonly snapshot: Promise<ChainSnapshot> } | undefined;
  readonly #repository: Pick<ReadModelRepository, 'chainRows' | 'nextBlock'>;

  constructor(repository: Pick<ReadModelRepository, 'chainRows' | 'nextBlock'>) {
    this.#repository = repository;
  }

  async get(): Promise<ChainSnapshot> {
    const height = await this.#repository.nextBlock();
    if (this.#current?.height !== height) {
      const snapshot = loadChainSnapshot(this.#repository);
      this.#current = { height, snapshot };
      // A failed load is not kept: the next call tries again.
      snapshot.catch(() => {
        if (this.#current?.snapshot === snapshot) {
          this.#current = undefined;
        }
      });
    }
    return this.#current.snapshot;
  }
}
