import { byId, indexChain, pledgeValues, type ChainIndex, type PledgeValue } from './chain-index';
import { herfindahl, ratio4 } from '../analytics/ratios';
import { isoDay, OPEN_RECEIVABLE, type ChainReceivable, type ChainSnapshot } from './snapshot';

export interface BankShare {
  readonly bankMsp: string;
  readonly exposure: string;
  readonly share: string;
}

export interface MonthlyRates {
  /** 'YYYY-MM' of the receivables' issue date. */
  readonly month: string;
  readonly issuedFace: string;
  readonly diluted: string;
  readonly dilutionRate: string;
  readonly overdue: string;
  readonly overdueRate: string;
}

/** One core enterprise's chain in one currency. */
export interface CoreMetrics {
  readonly coreId: string;
  readonly name: string;
  readonly currency: string;
  readonly confirmedPayablesOutstanding: string;
  readonly financedOutstanding: string;
  /** financedOutstanding / confirmedPayablesOutstanding. */
  readonly shareFinanced: string;
  /** Herfindahl index of the banks' financed outstanding on this core. */
  readonly hhi: string;
  readonly bankCount: number;
  readonly banks: BankShare[];
  /** Highest supplier tier holding an open claim on the core. */
  readonly tierDepth: number;
  readonly supplierCount: number;
  readonly overdueOutstanding: string;
  /** Overdue outstanding / face issued, over all the core's receivables. */
  readonly overdueRate: string;
  /** Diluted (credit notes, returns) / face issued. */
  readonly dilutionRate: string;
  readonly goods: { readonly pledgedValue: string; readonly loans: string; readonly coverage: string };
  readonly monthly: MonthlyRates[];
}

interface Month {
  face: bigint;
  diluted: bigint;
  overdue: bigint;
}

interface CoreTotals {
  confirmed: bigint;
  financed: Map<string, bigint>;
  tierDepth: number;
  suppliers: Set<string>;
  overdue: bigint;
  face: bigint;
  diluted: bigint;
  months: Map<string, Month>;
  pledgedValue: bigint;
  loans: bigint;
}

/** Still owed and either marked late or past its due date at `asOfDay`. */
export function isOverdue(r: ChainReceivable, asOfDay: number): boolean {
  return OPEN_RECEIVABLE.has(r.status) && r.outstanding > 0n && (r.delinquency !== 'CURRENT' || r.dueDay < asOfDay);
}

const sumOfMap = (map: ReadonlyMap<string, bigint>): bigint => [...map.values()].reduce((a, b) => a + b, 0n);

function emptyTotals(): CoreTotals {
  return {
    confirmed: 0n,
    financed: new Map(),
    tierDepth: 0,
    suppliers: new Set(),
    overdue: 0n,
    face: 0n,
    diluted: 0n,
    months: new Map(),
    pledgedValue: 0n,
    loans: 0n,
  };
}

/** Per core enterprise and currency: payables, financing and its spread across banks, depth, overdue and dilution over time, goods vs loans. */
export function coreMetrics(snapshot: ChainSnapshot, index: ChainIndex = indexChain(snapshot)): CoreMetrics[] {
  const totals = new Map<string, CoreTotals>();
  const of = (coreId: string, currency: string): CoreTotals => {
    const key = `${coreId}\u0000${currency}`;
    let t = totals.get(key);
    if (t === undefined) {
      t = emptyTotals();
      totals.set(key, t);
    }
    return t;
  };
  for (const r of snapshot.receivables) {
    addReceivable(of(r.debtorId, r.currency), r, index, snapshot.asOfDay);
  }
  const pledges = pledgeValues(index);
  for (const [key, t] of totals) {
    const [coreId = '', currency = ''] = key.split('\u0000');
    addPledges(t, pledges, coreId, currency, index);
  }
  return [...totals.entries()].sort(([a], [b]) => byId(a, b)).map(([key, t]) => toCoreMetrics(key, t, index));
}

function monthOf(t: CoreTotals, r: ChainReceivable): Month {
  const monthKey = isoDay(r.issueDay).slice(0, 7);
  let month = t.months.get(monthKey);
  if (month === undefined) {
    month = { face: 0n, diluted: 0n, overdue: 0n };
    t.months.set(monthKey, month);
  }
  return month;
}

function addReceivable(t: CoreTotals, r: ChainReceivable, index: ChainIndex, asOfDay: number): void {
  const month = monthOf(t, r);
  if (r.parentId === undefined) {
    t.face += r.face;
    month.face += r.face;
  }
  t.diluted += r.diluted;
  month.diluted += r.diluted;
  if (isOverdue(r, asOfDay)) {
    t.overdue += r.outstanding;
    month.overdue += r.outstanding;
  }
  if (r.status === 'CONFIRMED') {
    t.confirmed += r.outstanding;
  }
  if (OPEN_RECEIVABLE.has(r.status) && r.outstanding > 0n) {
    addHoldingSupplier(t, r, index);
  }
  const financing = index.liveFinancingOf.get(r.id);
  if (financing !== undefined) {
    t.financed.set(financing.bankMsp, (t.financed.get(financing.bankMsp) ?? 0n) + financing.outstandingPrincipal);
  }
}

/** The supplier holding an open claim, and how deep in the chain it sits. */
function addHoldingSupplier(t: CoreTotals, r: ChainReceivable, index: ChainIndex): void {
  const holder = index.participants.get(r.holderId);
  if (holder?.role === 'supplier') {
    t.suppliers.add(holder.id);
    t.tierDepth = Math.max(t.tierDepth, holder.tier ?? 1);
  }
}

/** Goods pledged, in the core's currency, by the core or a member of its chain. */
function addPledges(t: CoreTotals, pledges: readonly PledgeValue[], coreId: string, currency: string, index: ChainIndex): void {
  const members = index.membersOf.get(coreId);
  for (const p of pledges) {
    if (p.currency === currency && (p.ownerId === coreId || members?.has(p.ownerId) === true)) {
      t.pledgedValue += p.value;
      t.loans += p.loan;
    }
  }
}

function toCoreMetrics(key: string, t: CoreTotals, index: ChainIndex): CoreMetrics {
  const [coreId = '', currency = ''] = key.split('\u0000');
  const financed = sumOfMap(t.financed);
  const banks = [...t.financed.entries()].sort(([a], [b]) => byId(a, b));
  return {
    coreId,
    name: index.participants.get(coreId)?.name ?? coreId,
    currency,
    confirmedPayablesOutstanding: t.confirmed.toString(),
    financedOutstanding: financed.toString(),
    shareFinanced: ratio4(financed, t.confirmed),
    hhi: herfindahl(banks.map(([, e]) => e)),
    bankCount: banks.length,
    banks: banks.map(([bankMsp, e]) => ({ bankMsp, exposure: e.toString(), share: ratio4(e, financed) })),
    tierDepth: t.tierDepth,
    supplierCount: t.suppliers.size,
    overdueOutstanding: t.overdue.toString(),
    overdueRate: ratio4(t.overdue, t.face),
    dilutionRate: ratio4(t.diluted, t.face),
    goods: { pledgedValue: t.pledgedValue.toString(), loans: t.loans.toString(), coverage: ratio4(t.pledgedValue, t.loans) },
    monthly: [...t.months.entries()]
      .sort(([a], [b]) => byId(a, b))
      .map(([month, m]) => ({
        month,
        issuedFace: m.face.toString(),
        diluted: m.diluted.toString(),
        dilutionRate: ratio4(m.diluted, m.face),
        overdue: m.overdue.toString(),
        overdueRate: ratio4(m.overdue, m.face),
      })),
  };
}
