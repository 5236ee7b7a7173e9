import type { ChainFinancing, ChainParticipant, ChainPledge, ChainPrice, ChainReceipt, ChainReceivable, ChainSnapshot } from '../snapshot';
import { epochDay } from '../snapshot';

/** 2025-01-10, the fixtures' "today". */
export const AS_OF_DAY = epochDay('2025-01-10');

const byId = <T extends { id: string }>(rows: T[]): T[] => rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Builds small chain snapshots for tests and large ones for the benchmark. */
export class ChainFixture {
  readonly participants: ChainParticipant[] = [];
  readonly receivables: ChainReceivable[] = [];
  readonly financings: ChainFinancing[] = [];
  readonly receipts: ChainReceipt[] = [];
  readonly pledges: ChainPledge[] = [];
  readonly prices: ChainPrice[] = [];
  readonly #position = new Map<string, number>();

  participant(id: string, role: string, tier?: number): this {
    this.participants.push({ id, role, mspId: `${role}MSP`, name: id, tier });
    return this;
  }

  /** A root receivable `id` the core owes its seller, due `dueInDays` after AS_OF_DAY. */
  receivable(id: string, patch: Partial<ChainReceivable> & { debtorId: string; creditorId: string; face: bigint }): ChainReceivable {
    const r: ChainReceivable = {
      id,
      rootId: id,
      parentId: undefined,
      holderId: patch.creditorId,
      currency: 'USD',
      outstanding: patch.face,
      diluted: 0n,
      status: 'CONFIRMED',
      delinquency: 'CURRENT',
      issueDay: AS_OF_DAY - 30,
      dueDay: AS_OF_DAY + 60,
      financingId: undefined,
      ...patch,
    };
    this.#position.set(id, this.receivables.push(r) - 1);
    return r;
  }

  /** A part split off `parent` to `holderId` (the parent is marked SPLIT by the caller's own patch if wanted). */
  part(id: string, parent: ChainReceivable, holderId: string, amount: bigint, patch: Partial<ChainReceivable> = {}): ChainReceivable {
    return this.receivable(id, {
      ...parent,
      id,
      rootId: parent.rootId,
      parentId: parent.id,
      holderId,
      face: amount,
      outstanding: amount,
      diluted: 0n,
      status: 'CONFIRMED',
      financingId: undefined,
      ...patch,
    });
  }

  /** A live financing of `principal` by `bankMsp` against receivable `r` (marks it encumbered). */
  finance(id: string, r: ChainReceivable, bankMsp: string, principal: bigint, patch: Partial<ChainFinancing> = {}): this {
    this.receivables[this.#position.get(r.id) ?? -1] = { ...r, financingId: id };
    this.financings.push({
      id,
      receivableId: r.id,
      bankMsp,
      borrowerId: r.holderId,
      debtorId: r.debtorId,
      currency: r.currency,
      amount: principal,
      outstandingPrincipal: principal,
      status: 'ACTIVE',
      requestedDay: AS_OF_DAY - 5,
      ...patch,
    });
    return this;
  }

  price(commodity: string, pricePerUnit: bigint): this {
    this.prices.push({ commodity, grade: 'A', unit: 'kg', currency: 'USD', pricePerUnit });
    return this;
  }

  /** A receipt for `quantity` kg of `commodity` held in `warehouseId` for `ownerId`, pledged to `bankMsp` for `loan`. */
  pledge(
    id: string,
    ownerId: string,
    bankMsp: string,
    commodity: string,
    quantity: bigint,
    loan: bigint,
    maintenanceRatioBps = 12_000n,
  ): this {
    this.receipts.push({
      id: `rc-${id}`,
      warehouseId: 'warehouse',
      ownerId,
      commodity,
      grade: 'A',
      unit: 'kg',
      quantity,
      status: 'ISSUED',
    });
    this.pledges.push({
      id,
      receiptId: `rc-${id}`,
      ownerId,
      bankMsp,
      loanAmount: loan,
      currency: 'USD',
      status: 'ACTIVE',
      haircutBps: 3000n,
      maintenanceRatioBps,
    });
    return this;
  }

  snapshot(height = 42n, asOfDay = AS_OF_DAY): ChainSnapshot {
    return {
      height,
      asOfDay,
      participants: byId([...this.participants]),
      receivables: byId([...this.receivables]),
      financings: byId([...this.financings]),
      receipts: byId([...this.receipts]),
      pledges: byId([...this.pledges]),
      prices: [...this.prices].sort((a, b) => (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0)),
    };
  }
}

/**
 * A chain of `count` receivables for the benchmark: one core, 100 tier-1 sellers, each
 * receivable split once to a tier-2 supplier, a third of the parts financed by one of three
 * banks, and 1% pledged goods.
 */
export function largeChain(count: number): ChainSnapshot {
  const f = new ChainFixture().participant('core', 'core-enterprise');
  for (let s = 0; s < 100; s++) {
    f.participant(`t1-${String(s)}`, 'supplier', 1).participant(`t2-${String(s)}`, 'supplier', 2);
  }
  f.price('copper', 9_000n);
  const banks = ['BankAMSP', 'BankBMSP', 'BankCMSP'];
  for (let i = 0; i < count / 2; i++) {
    const s = String(i % 100);
    const face = BigInt(100_000 + (i % 997) * 10);
    const root = f.receivable(`r${String(i).padStart(7, '0')}`, {
      debtorId: 'core',
      creditorId: `t1-${s}`,
      face,
      status: 'SPLIT',
      outstanding: 0n,
      dueDay: AS_OF_DAY + (i % 120) - 10,
    });
    const part = f.part(`${root.id}-p`, root, `t2-${s}`, face, { delinquency: i % 50 === 0 ? 'OVERDUE' : 'CURRENT' });
    if (i % 3 === 0) {
      f.finance(`f${root.id}`, part, banks[i % 3 === 0 ? (i / 3) % 3 : 0] ?? 'BankAMSP', (face * 8n) / 10n);
    }
    if (i % 100 === 0) {
      f.pledge(`pl${String(i)}`, `t1-${s}`, banks[i % 3] ?? 'BankAMSP', 'copper', 100n, 600_000n);
    }
  }
  return f.snapshot(1000n);
}
