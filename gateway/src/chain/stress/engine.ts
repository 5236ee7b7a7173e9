import { byId, indexChain, pledgeValues, type ChainIndex } from '../chain-index';
import { isOverdue } from '../core-metrics';
import { isoDay, type ChainReceivable, type ChainSnapshot } from '../snapshot';
import {
  MAX_LISTED_RECEIVABLES,
  type AffectedReceivable,
  type BankLoss,
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

function shockReceivable(scenario: StressScenario, r: ChainReceivable, asOfDay: number, overdueNow: boolean): Shocked {
  const unchanged: Shocked = { after: r.outstanding, effect: undefined };
  if (r.outstanding === 0n) {
    return unchanged;
  }
  switch (scenario.kind) {
    case 'core-default':
      if (r.debtorId !== scenario.coreId) {
        return unchanged;
      }
      return { after: bpsOf(r.outstanding, scenario.recoveryBps), effect: overdueNow ? undefined : 'overdue' };
    case 'core-late':
      return r.debtorId === scenario.coreId && !overdueNow && r.dueDay < asOfDay + scenario.days
        ? { after: r.outstanding, effect: 'overdue' }
        : unchanged;
    case 'price-fall':
      return unchanged;
    case 'supplier-failure':
      if (r.creditorId !== scenario.supplierId) {
        return unchanged;
      }
      if (r.status === 'ISSUED' || r.status === 'DISPUTED') {
        return { after: 0n, effect: 'lost' };
      }
      return scenario.dilutionBps === 0
        ? unchanged
        : { after: r.outstanding - bpsOf(r.outstanding, scenario.dilutionBps), effect: 'diluted' };
  }
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
  const asOfDay = snapshot.asOfDay;
  const banks = new Map<string, BankTotals>();
  const bankOf = (bankMsp: string, currency: string): BankTotals =>
    accumulate(banks, keyOf(bankMsp, currency), () => ({ exposure: 0n, collateralAfter: 0n, overdueExposure: 0n, loss: 0n }));
  const gaps = new Map<string, GapTotals>();
  const affected: AffectedReceivable[] = [];
  const counts: Record<ReceivableEffect, number> = { overdue: 0, lost: 0, diluted: 0 };
  const overdueOutstanding = new Map<string, bigint>();

  for (const r of snapshot.receivables) {
    const overdueNow = isOverdue(r, asOfDay);
    const shocked = shockReceivable(scenario, r, asOfDay, overdueNow);
    const financing = index.liveFinancingOf.get(r.id);
    if (shocked.effect !== undefined) {
      counts[shocked.effect] += 1;
      if (shocked.effect === 'overdue') {
        overdueOutstanding.set(r.currency, (overdueOutstanding.get(r.currency) ?? 0n) + r.outstanding);
      }
      if (affected.length < MAX_LISTED_RECEIVABLES) {
        affected.push({
          id: r.id,
          effect: shocked.effect,
          debtorId: r.debtorId,
          holderId: r.holderId,
          currency: r.currency,
          outstanding: r.outstanding.toString(),
          outstandingAfter: shocked.after.toString(),
          dueDate: isoDay(r.dueDay),
          bankMsp: financing?.bankMsp ?? null,
        });
      }
    }
    if (financing !== undefined) {
      const bank = bankOf(financing.bankMsp, financing.currency);
      const principal = financing.outstandingPrincipal;
      bank.exposure += principal;
      bank.collateralAfter += shocked.after < principal ? shocked.after : principal;
      bank.loss += max0(principal - shocked.after) - max0(principal - r.outstanding);
      if (shocked.effect === 'overdue') {
        bank.overdueExposure += principal;
      }
    }
    const holder = index.participants.get(r.holderId);
    if (holder?.role === 'supplier' && financeable(r, overdueNow)) {
      const gap = accumulate(gaps, keyOf(r.holderId, r.currency), () => ({ tier: holder.tier ?? 1, before: 0n, after: 0n }));
      gap.before += r.outstanding;
      gap.after += shocked.effect === 'overdue' ? 0n : shocked.after;
    }
  }

  const marginCalls: StressResult['marginCalls'][number][] = [];
  const fall = scenario.kind === 'price-fall' ? scenario : undefined;
  for (const p of pledgeValues(index)) {
    const hit = fall !== undefined && p.commodity === fall.commodity;
    const valueAfter = hit ? p.value - bpsOf(p.value, fall.fallBps) : p.value;
    const bank = bankOf(p.bankMsp, p.currency);
    bank.exposure += p.loan;
    bank.collateralAfter += valueAfter < p.loan ? valueAfter : p.loan;
    bank.loss += max0(p.loan - valueAfter) - max0(p.loan - p.value);
    const required = (p.loan * p.maintenanceRatioBps + BPS - 1n) / BPS;
    if (hit && valueAfter < required && p.value >= required) {
      marginCalls.push({
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

  const bankRows = [...banks.entries()]
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

  const currencies = new Set<string>([
    ...bankRows.map((b) => b.currency),
    ...tierRows.map((t) => t.currency),
    ...overdueOutstanding.keys(),
  ]);
  const totals = [...currencies].sort(byId).map((currency) => {
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

  return {
    scenario: JSON.parse(canonicalScenario(scenario)) as StressScenario,
    scenarioHash: scenarioHash(scenario),
    height: snapshot.height.toString(),
    asOf: isoDay(asOfDay),
    totals,
    banks: bankRows,
    receivables: {
      overdueCount: counts.overdue,
      lostCount: counts.lost,
      dilutedCount: counts.diluted,
      listed: affected,
      truncated: counts.overdue + counts.lost + counts.diluted > affected.length,
    },
    marginCalls: marginCalls.sort((a, b) => byId(a.pledgeId, b.pledgeId)),
    liquidityGap: { byTier: tierRows, suppliers: supplierRows },
  };
}
