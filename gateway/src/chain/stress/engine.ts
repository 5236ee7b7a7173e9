import { byId, indexChain, pledgeValues, type ChainIndex, type PledgeValue } from '../chain-index';
import { isOverdue } from '../core-metrics';
import { isoDay, type ChainFinancing, type ChainReceivable, type ChainSnapshot } from '../snapshot';
import {
  MAX_LISTED_RECEIVABLES,
  type AffectedReceivable,
  type BankLoss,
  type CurrencyTotals,
  type MarginCall,
  type ReceivableEffect,
  type StressResult,
  type SupplierGap,
  type TierGap,
} from './result';
import { canonicalScenario, scenarioHash, type StressScenario } from './scenario';

const BPS = 10_000n;
const bpsOf = (amount: bigint, bps: number): bigint => (amount * BigInt(bps)) / BPS;
const max0 = (value: bigint): bigint => (value > 0n ? value : 0n);

/** What the scenario does to one receivable: what is left of it, and how it was hit. */
interface Shocked {
  readonly after: bigint;
  readonly effect: ReceivableEffect | undefined;
}

type ScenarioOf<K extends StressScenario['kind']> = Extract<StressScenario, { readonly kind: K }>;

function shockReceivable(scenario: StressScenario, r: ChainReceivable, asOfDay: number, overdueNow: boolean): Shocked {
  if (r.outstanding === 0n) {
    return unchanged(r);
  }
  switch (scenario.kind) {
    case 'core-default':
      return coreDefault(scenario, r, overdueNow);
    case 'core-late':
      return coreLate(scenario, r, asOfDay, overdueNow);
    case 'price-fall':
      return unchanged(r);
    case 'supplier-failure':
      return supplierFailure(scenario, r);
  }
}

const unchanged = (r: ChainReceivable): Shocked => ({ after: r.outstanding, effect: undefined });

/** The core pays only the recovery rate of what it owes; what was not overdue yet becomes so. */
function coreDefault(scenario: ScenarioOf<'core-default'>, r: ChainReceivable, overdueNow: boolean): Shocked {
  if (r.debtorId !== scenario.coreId) {
    return unchanged(r);
  }
  return { after: bpsOf(r.outstanding, scenario.recoveryBps), effect: overdueNow ? undefined : 'overdue' };
}

/** The core pays `days` late: what falls due before then becomes overdue, at full value. */
function coreLate(scenario: ScenarioOf<'core-late'>, r: ChainReceivable, asOfDay: number, overdueNow: boolean): Shocked {
  return r.debtorId === scenario.coreId && !overdueNow && r.dueDay < asOfDay + scenario.days
    ? { after: r.outstanding, effect: 'overdue' }
    : unchanged(r);
}

/** The supplier fails: its unconfirmed claims are lost, its confirmed ones diluted. */
function supplierFailure(scenario: ScenarioOf<'supplier-failure'>, r: ChainReceivable): Shocked {
  if (r.creditorId !== scenario.supplierId) {
    return unchanged(r);
  }
  if (r.status === 'ISSUED' || r.status === 'DISPUTED') {
    return { after: 0n, effect: 'lost' };
  }
  return scenario.dilutionBps === 0
    ? unchanged(r)
    : { after: r.outstanding - bpsOf(r.outstanding, scenario.dilutionBps), effect: 'diluted' };
}

/** A receivable its holder could still take to a bank: confirmed, current, not yet pledged to a financing. */
function financeable(r: ChainReceivable, overdueNow: boolean): boolean {
  return r.status === 'CONFIRMED' && !overdueNow && r.financingId === undefined && r.outstanding > 0n;
}

interface BankTotals {
  exposure: bigint;
  collateralAfter: bigint;
  overdueExposure: bigint;
  loss: bigint;
}

interface GapTotals {
  tier: number;
  before: bigint;
  after: bigint;
}

const keyOf = (...parts: string[]): string => parts.join('\u0000');

function accumulate<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * Runs a scenario over a chain snapshot: one pass over the receivables (their financings and
 * the suppliers holding them), one over the pledges; bigint throughout, output sorted, so the
 * same snapshot and scenario give byte-identical JSON.
 */
export function runStress(snapshot: ChainSnapshot, scenario: StressScenario, index: ChainIndex = indexChain(snapshot)): StressResult {
  const tally = new StressTally(scenario, index, snapshot.asOfDay);
  for (const r of snapshot.receivables) {
    tally.receivable(r);
  }
  for (const p of pledgeValues(index)) {
    tally.pledge(p);
  }
  const bankRows = bankRowsOf(tally.banks);
  const { supplierRows, tierRows } = liquidityGapRows(tally.gaps);
  const { counts, affected } = tally;
  return {
    scenario: JSON.parse(canonicalScenario(scenario)) as StressScenario,
    scenarioHash: scenarioHash(scenario),
    height: snapshot.height.toString(),
    asOf: isoDay(snapshot.asOfDay),
    totals: currencyTotals(bankRows, tierRows, tally.overdueOutstanding),
    banks: bankRows,
    receivables: {
      overdueCount: counts.overdue,
      lostCount: counts.lost,
      dilutedCount: counts.diluted,
      listed: affected,
      truncated: counts.overdue + counts.lost + counts.diluted > affected.length,
    },
    marginCalls: tally.marginCalls.sort((a, b) => byId(a.pledgeId, b.pledgeId)),
    liquidityGap: { byTier: tierRows, suppliers: supplierRows },
  };
}

/** The scenario's effects, accumulated one receivable and one pledge at a time. */
class StressTally {
  readonly banks = new Map<string, BankTotals>();
  readonly gaps = new Map<string, GapTotals>();
  readonly affected: AffectedReceivable[] = [];
  readonly counts: Record<ReceivableEffect, number> = { overdue: 0, lost: 0, diluted: 0 };
  readonly overdueOutstanding = new Map<string, bigint>();
  readonly marginCalls: MarginCall[] = [];

  constructor(
    private readonly scenario: StressScenario,
    private readonly index: ChainIndex,
    private readonly asOfDay: number,
  ) {}

  receivable(r: ChainReceivable): void {
    const overdueNow = isOverdue(r, this.asOfDay);
    const shocked = shockReceivable(this.scenario, r, this.asOfDay, overdueNow);
    const financing = this.index.liveFinancingOf.get(r.id);
    if (shocked.effect !== undefined) {
      this.#affected(r, shocked.effect, shocked.after, financing);
    }
    if (financing !== undefined) {
      this.#financed(financing, r, shocked);
    }
    const holder = this.index.participants.get(r.holderId);
    if (holder?.role === 'supplier' && financeable(r, overdueNow)) {
      const gap = accumulate(this.gaps, keyOf(r.holderId, r.currency), () => ({ tier: holder.tier ?? 1, before: 0n, after: 0n }));
      gap.before += r.outstanding;
      gap.after += shocked.effect === 'overdue' ? 0n : shocked.after;
    }
  }

  pledge(p: PledgeValue): void {
    const hit = this.scenario.kind === 'price-fall' && p.commodity === this.scenario.commodity;
    const valueAfter = hit ? p.value - bpsOf(p.value, this.scenario.fallBps) : p.value;
    this.#secured(p.bankMsp, p.currency, p.loan, p.value, valueAfter);
    const required = (p.loan * p.maintenanceRatioBps + BPS - 1n) / BPS;
    if (hit && valueAfter < required && p.value >= required) {
      this.marginCalls.push({
        pledgeId: p.pledgeId,
        bankMsp: p.bankMsp,
        ownerId: p.ownerId,
        commodity: p.commodity,
        currency: p.currency,
        loan: p.loan.toString(),
        valueBefore: p.value.toString(),
        valueAfter: valueAfter.toString(),
        requiredValue: required.toString(),
      });
    }
  }

  #affected(r: ChainReceivable, effect: ReceivableEffect, after: bigint, financing: ChainFinancing | undefined): void {
    this.counts[effect] += 1;
    if (effect === 'overdue') {
      this.overdueOutstanding.set(r.currency, (this.overdueOutstanding.get(r.currency) ?? 0n) + r.outstanding);
    }
    if (this.affected.length < MAX_LISTED_RECEIVABLES) {
      this.affected.push({
        id: r.id,
        effect,
        debtorId: r.debtorId,
        holderId: r.holderId,
        currency: r.currency,
        outstanding: r.outstanding.toString(),
        outstandingAfter: after.toString(),
        dueDate: isoDay(r.dueDay),
        bankMsp: financing?.bankMsp ?? null,
      });
    }
  }

  #financed(financing: ChainFinancing, r: ChainReceivable, shocked: Shocked): void {
    const bank = this.#secured(financing.bankMsp, financing.currency, financing.outstandingPrincipal, r.outstanding, shocked.after);
    if (shocked.effect === 'overdue') {
      bank.overdueExposure += financing.outstandingPrincipal;
    }
  }

  /** A bank's exposure against collateral worth `before` and, after the shock, `after`. */
  #secured(bankMsp: string, currency: string, exposure: bigint, before: bigint, after: bigint): BankTotals {
    const bank = accumulate(this.banks, keyOf(bankMsp, currency), () => ({
      exposure: 0n,
      collateralAfter: 0n,
      overdueExposure: 0n,
      loss: 0n,
    }));
    bank.exposure += exposure;
    bank.collateralAfter += after < exposure ? after : exposure;
    bank.loss += max0(exposure - after) - max0(exposure - before);
    return bank;
  }
}

function bankRowsOf(banks: ReadonlyMap<string, BankTotals>): BankLoss[] {
  return [...banks.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([key, t]): BankLoss => {
      const [bankMsp = '', currency = ''] = key.split('\u0000');
      return {
        bankMsp,
        currency,
        exposure: t.exposure.toString(),
        collateralAfter: t.collateralAfter.toString(),
        overdueExposure: t.overdueExposure.toString(),
        loss: t.loss.toString(),
      };
    });
}

/** The suppliers whose financeable receivables shrink, and the gap per tier. */
function liquidityGapRows(gaps: ReadonlyMap<string, GapTotals>): { supplierRows: SupplierGap[]; tierRows: TierGap[] } {
  const supplierRows: SupplierGap[] = [];
  const tiers = new Map<string, { tier: number; currency: string; suppliers: number; gap: bigint }>();
  for (const [key, g] of [...gaps.entries()].sort(([a], [b]) => byId(a, b))) {
    const gap = g.before - g.after;
    if (gap === 0n) {
      continue;
    }
    const [supplierId = '', currency = ''] = key.split('\u0000');
    supplierRows.push({
      supplierId,
      tier: g.tier,
      currency,
      financeableBefore: g.before.toString(),
      financeableAfter: g.after.toString(),
      gap: gap.toString(),
    });
    const tier = accumulate(tiers, keyOf(String(g.tier).padStart(4, '0'), currency), () => ({
      tier: g.tier,
      currency,
      suppliers: 0,
      gap: 0n,
    }));
    tier.suppliers += 1;
    tier.gap += gap;
  }
  const tierRows = [...tiers.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([, t]): TierGap => ({ tier: t.tier, currency: t.currency, suppliers: t.suppliers, gap: t.gap.toString() }));
  return { supplierRows, tierRows };
}

function currencyTotals(
  bankRows: readonly BankLoss[],
  tierRows: readonly TierGap[],
  overdueOutstanding: ReadonlyMap<string, bigint>,
): CurrencyTotals[] {
  const currencies = new Set<string>([
    ...bankRows.map((b) => b.currency),
    ...tierRows.map((t) => t.currency),
    ...overdueOutstanding.keys(),
  ]);
  return [...currencies].sort(byId).map((currency) => {
    const inCurrency = bankRows.filter((b) => b.currency === currency);
    return {
      currency,
      exposure: inCurrency.reduce((s, b) => s + BigInt(b.exposure), 0n).toString(),
      loss: inCurrency.reduce((s, b) => s + BigInt(b.loss), 0n).toString(),
      overdueOutstanding: (overdueOutstanding.get(currency) ?? 0n).toString(),
      liquidityGap: tierRows
        .filter((t) => t.currency === currency)
        .reduce((s, t) => s + BigInt(t.gap), 0n)
        .toString(),
    };
  });
}
