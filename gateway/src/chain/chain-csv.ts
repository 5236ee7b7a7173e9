import { toCsv } from '../analytics/csv';
import type { CoreMetrics } from './core-metrics';
import type { ChainGraph } from './graph';
import type { StressResult } from './stress/result';

export function graphCsv(graph: ChainGraph): string {
  return toCsv(
    ['height', 'kind', 'core_id', 'from', 'to', 'currency', 'amount', 'count', 'bank_msp', 'bank_exposure'],
    graph.edges.flatMap((e) =>
      (e.banks.length === 0 ? [{ bankMsp: null, exposure: null }] : e.banks).map((b) => [
        graph.height,
        e.kind,
        e.coreId,
        e.from,
        e.to,
        e.currency,
        e.amount,
        e.count,
        b.bankMsp,
        b.exposure,
      ]),
    ),
  );
}

export function coresCsv(height: string, metrics: readonly CoreMetrics[]): string {
  return toCsv(
    [
      'height',
      'core_id',
      'currency',
      'month',
      'confirmed_payables_outstanding',
      'financed_outstanding',
      'share_financed',
      'hhi',
      'bank_count',
      'tier_depth',
      'overdue_rate',
      'dilution_rate',
      'pledged_value',
      'pledge_loans',
      'issued_face',
      'diluted',
      'overdue',
    ],
    metrics.flatMap((m) => [
      [
        height,
        m.coreId,
        m.currency,
        'all',
        m.confirmedPayablesOutstanding,
        m.financedOutstanding,
        m.shareFinanced,
        m.hhi,
        m.bankCount,
        m.tierDepth,
        m.overdueRate,
        m.dilutionRate,
        m.goods.pledgedValue,
        m.goods.loans,
        null,
        null,
        m.overdueOutstanding,
      ],
      ...m.monthly.map((x) => [
        height,
        m.coreId,
        m.currency,
        x.month,
        null,
        null,
        null,
        null,
        null,
        null,
        x.overdueRate,
        x.dilutionRate,
        null,
        null,
        x.issuedFace,
        x.diluted,
        x.overdue,
      ]),
    ]),
  );
}

export const STRESS_TABLES = ['banks', 'receivables', 'margin-calls', 'suppliers', 'tiers'] as const;
export type StressTable = (typeof STRESS_TABLES)[number];

/** One of the result's tables as CSV, each row led by the scenario hash and height. */
export function stressCsv(result: StressResult, table: StressTable): string {
  const key = [result.scenarioHash, result.height];
  switch (table) {
    case 'banks':
      return toCsv(
        ['scenario_hash', 'height', 'bank_msp', 'currency', 'exposure', 'collateral_after', 'overdue_exposure', 'loss'],
        result.banks.map((b) => [...key, b.bankMsp, b.currency, b.exposure, b.collateralAfter, b.overdueExposure, b.loss]),
      );
    case 'receivables':
      return toCsv(
        [
          'scenario_hash',
          'height',
          'receivable_id',
          'effect',
          'debtor_id',
          'holder_id',
          'currency',
          'outstanding',
          'outstanding_after',
          'due_date',
          'bank_msp',
        ],
        result.receivables.listed.map((r) => [
          ...key,
          r.id,
          r.effect,
          r.debtorId,
          r.holderId,
          r.currency,
          r.outstanding,
          r.outstandingAfter,
          r.dueDate,
          r.bankMsp,
        ]),
      );
    case 'margin-calls':
      return toCsv(
        [
          'scenario_hash',
          'height',
          'pledge_id',
          'bank_msp',
          'owner_id',
          'commodity',
          'currency',
          'loan',
          'value_before',
          'value_after',
          'required_value',
        ],
        result.marginCalls.map((m) => [
          ...key,
          m.pledgeId,
          m.bankMsp,
          m.ownerId,
          m.commodity,
          m.currency,
          m.loan,
          m.valueBefore,
          m.valueAfter,
          m.requiredValue,
        ]),
      );
    case 'suppliers':
      return toCsv(
        ['scenario_hash', 'height', 'supplier_id', 'tier', 'currency', 'financeable_before', 'financeable_after', 'gap'],
        result.liquidityGap.suppliers.map((s) => [
          ...key,
          s.supplierId,
          s.tier,
          s.currency,
          s.financeableBefore,
          s.financeableAfter,
          s.gap,
        ]),
      );
    case 'tiers':
      return toCsv(
        ['scenario_hash', 'height', 'tier', 'currency', 'suppliers', 'gap'],
        result.liquidityGap.byTier.map((t) => [...key, t.tier, t.currency, t.suppliers, t.gap]),
      );
  }
}
