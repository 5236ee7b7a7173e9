import type { ReadModelRepository } from '../readmodel/repository';
import type { SqlRow } from '../readmodel/sql-executor';
import { epochDay, type ChainFinancing, type ChainParticipant, type ChainPledge, type ChainPrice, type ChainReceipt, type ChainReceivable, type ChainSnapshot } from './snapshot';

/** More rows than any table holds: the snapshot reads whole tables, in one query each. */
const ALL_ROWS = 1_000_000_000;
const ATTEMPTS = 5;

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));
const optional = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : text(value));
const amount = (value: unknown): bigint => BigInt(text(value));

function recordOf(row: SqlRow): Record<string, unknown> {
  return JSON.parse(text(row.record)) as Record<string, unknown>;
}

function table(repository: ReadModelRepository, name: string, orderBy: string): Promise<SqlRow[]> {
  return repository.search({ table: name, where: [], orderBy, limit: ALL_ROWS, offset: 0 });
}

const participant = (r: SqlRow): ChainParticipant => ({
  id: text(r.id),
  role: text(r.role),
  mspId: text(r.msp_id),
  name: text(r.name),
  tier: r.tier === null || r.tier === undefined ? undefined : Number(r.tier),
});

const receivable = (r: SqlRow): ChainReceivable => ({
  id: text(r.id),
  rootId: text(r.root_id),
  parentId: optional(r.parent_id),
  creditorId: text(r.creditor_id),
  debtorId: text(r.debtor_id),
  holderId: text(r.holder_id),
  currency: text(r.currency),
  face: amount(r.face),
  outstanding: amount(r.outstanding),
  diluted: amount(r.diluted),
  status: text(r.status),
  delinquency: text(r.delinquency),
  issueDay: epochDay(text(r.issue_date)),
  dueDay: epochDay(text(r.due_date)),
  financingId: optional(r.financing_id),
});

const financing = (r: SqlRow): ChainFinancing => ({
  id: text(r.id),
  receivableId: text(r.receivable_id),
  bankMsp: text(r.bank_msp),
  borrowerId: text(r.borrower_id),
  debtorId: text(r.debtor_id),
  currency: text(r.currency),
  amount: amount(r.amount),
  outstandingPrincipal: amount(r.outstanding_principal),
  status: text(r.status),
  requestedDay: epochDay(text(r.requested_at)),
});

const receipt = (r: SqlRow): ChainReceipt => ({
  id: text(r.id),
  warehouseId: text(r.warehouse_id),
  ownerId: text(r.owner_id),
  commodity: text(r.commodity),
  grade: text(r.grade),
  unit: text(r.unit),
  quantity: amount(r.quantity),
  status: text(r.status),
});

function pledge(r: SqlRow): ChainPledge {
  const record = recordOf(r);
  return {
    id: text(r.id),
    receiptId: text(r.receipt_id),
    ownerId: text(r.owner_id),
    bankMsp: text(r.bank_msp),
    loanAmount: amount(r.loan_amount),
    currency: optional(r.currency),
    status: text(r.status),
    haircutBps: amount(optional(record.haircutBps) ?? '0'),
    maintenanceRatioBps: amount(optional(record.maintenanceRatioBps) ?? '0'),
  };
}

const price = (r: SqlRow): ChainPrice => ({
  commodity: text(r.commodity),
  grade: text(r.grade),
  unit: text(r.unit),
  currency: text(r.currency),
  pricePerUnit: amount(r.price_per_unit),
});

async function readOnce(repository: ReadModelRepository, height: bigint): Promise<ChainSnapshot> {
  const [participants, receivables, financings, receipts, pledges, prices, lastTx] = await Promise.all([
    table(repository, 'rm_participants', 'id ASC'),
    table(repository, 'rm_receivables', 'id ASC'),
    table(repository, 'rm_financings', 'id ASC'),
    table(repository, 'rm_receipts', 'id ASC'),
    table(repository, 'rm_pledges', 'id ASC'),
    table(repository, 'rm_prices', 'commodity ASC, grade ASC, unit ASC'),
    repository.search({ table: 'rm_transactions', where: [], orderBy: 'block_number DESC, tx_index DESC', limit: 1, offset: 0 }),
  ]);
  const last = lastTx[0];
  return {
    height,
    asOfDay: last === undefined ? 0 : epochDay(text(last.tx_timestamp)),
    participants: participants.map(participant),
    receivables: receivables.map(receivable),
    financings: financings.map(financing),
    receipts: receipts.map(receipt),
    pledges: pledges.map(pledge),
    prices: prices.map(price),
  };
}

/**
 * Reads the chain from the read model at one height: the height is read before and after the
 * tables, and the read is repeated if a block was projected in between, so every row belongs
 * to the same height.
 */
export async function loadChainSnapshot(repository: ReadModelRepository): Promise<ChainSnapshot> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await repository.nextBlock();
    const snapshot = await readOnce(repository, before);
    if ((await repository.nextBlock()) === before) {
      return snapshot;
    }
  }
  throw new Error(`the read model kept moving: no consistent chain snapshot in ${String(ATTEMPTS)} attempts`);
}

/** One snapshot per height: reloaded only when the read model has projected another block. */
export class ChainSnapshotCache {
  #current: Promise<ChainSnapshot> | undefined;
  readonly #repository: ReadModelRepository;

  constructor(repository: ReadModelRepository) {
    this.#repository = repository;
  }

  async get(): Promise<ChainSnapshot> {
    const height = await this.#repository.nextBlock();
    const cached = this.#current;
    if (cached !== undefined) {
      const snapshot = await cached.catch(() => undefined);
      if (snapshot?.height === height) {
        return snapshot;
      }
    }
    const loading = loadChainSnapshot(this.#repository);
    this.#current = loading;
    return loading;
  }
}
