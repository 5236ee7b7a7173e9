import type { ReportFinancingRow, ReportReceivableRow } from '../readmodel/report-source';
import { daysBetween } from './report-dates';
import { seesBank, type ReportViewer } from './report-viewer';
import { parseAmount } from '@scf/kernel/money';

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucketName = (typeof AGING_BUCKETS)[number];

export interface AgingBucket {
  readonly bucket: AgingBucketName;
  readonly receivableCount: number;
  readonly receivableOutstanding: string;
  readonly financingCount: number;
  readonly financingOutstanding: string;
}

export interface AgingReport {
  readonly asOf: string;
  /** 'consortium' for the auditor, else the bank whose book the buckets cover. */
  readonly scope: string;
  /** Every currency in scope added together; `byCurrency` splits them. */
  readonly buckets: AgingBucket[];
  readonly byCurrency: { readonly currency: string; readonly buckets: AgingBucket[] }[];
}

export interface AgingInputs {
  /** Open receivables in the viewer's scope (a bank: those it has financed). */
  readonly receivables: readonly ReportReceivableRow[];
  readonly financings: readonly ReportFinancingRow[];
}

/** The bucket of something due on `dueDate`, looked at on `asOf`: 'current' until the day after it is due. */
export function agingBucketOf(dueDate: string, asOf: string): AgingBucketName {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) {
    return 'current';
  }
  return late <= 30 ? '1-30' : late <= 60 ? '31-60' : late <= 90 ? '61-90' : '90+';
}

interface Tally {
  receivableCount: number;
  receivableOutstanding: bigint;
  financingCount: number;
  financingOutstanding: bigint;
}

const emptyTallies = (): Map<AgingBucketName, Tally> =>
  new Map(AGING_BUCKETS.map((b) => [b, { receivableCount: 0, receivableOutstanding: 0n, financingCount: 0, financingOutstanding: 0n }]));

const view = (tallies: Map<AgingBucketName, Tally>): AgingBucket[] =>
  AGING_BUCKETS.map((bucket) => {
    const t = tallies.get(bucket) ?? { receivableCount: 0, receivableOutstanding: 0n, financingCount: 0, financingOutstanding: 0n };
    return {
      bucket,
      receivableCount: t.receivableCount,
      receivableOutstanding: String(t.receivableOutstanding),
      financingCount: t.financingCount,
      financingOutstanding: String(t.financingOutstanding),
    };
  });

/**
 * Open receivables by days past their due date and funded financings by days past their
 * maturity date, on `asOf`: counts and outstanding amounts (receivable outstanding, financing
 * outstanding principal) per bucket. A bank's financings are its own; the rows passed in are
 * already narrowed to its book, and any other bank's financing is left out here as well.
 */
export function buildAgingReport(inputs: AgingInputs, viewer: ReportViewer, asOf: string, currency?: string): AgingReport {
  const total = emptyTallies();
  const perCurrency = new Map<string, Map<AgingBucketName, Tally>>();
  const tallies = (itemCurrency: string, bucket: AgingBucketName): Tally[] => {
    let own = perCurrency.get(itemCurrency);
    if (!own) {
      own = emptyTallies();
      perCurrency.set(itemCurrency, own);
    }
    return [total.get(bucket), own.get(bucket)].filter((t): t is Tally => t !== undefined);
  };
  const wanted = (itemCurrency: string): boolean => currency === undefined || itemCurrency === currency;
  // Thousands of items share a handful of due dates: each date is bucketed once.
  const buckets = new Map<string, AgingBucketName>();
  const bucketOf = (dueDate: string): AgingBucketName => {
    let bucket = buckets.get(dueDate);
    if (bucket === undefined) {
      bucket = agingBucketOf(dueDate, asOf);
      buckets.set(dueDate, bucket);
    }
    return bucket;
  };
  for (const receivable of inputs.receivables.filter((r) => wanted(r.currency))) {
    const amount = parseAmount(receivable.outstanding, 'receivable.outstanding');
    for (const t of tallies(receivable.currency, bucketOf(receivable.dueDate))) {
      t.receivableCount += 1;
      t.receivableOutstanding += amount;
    }
  }
  for (const financing of inputs.financings.filter((f) => wanted(f.currency) && seesBank(viewer, f.bankMsp))) {
    const amount = parseAmount(financing.outstandingPrincipal, 'financing.outstandingPrincipal');
    for (const t of tallies(financing.currency, bucketOf(financing.maturityDate))) {
      t.financingCount += 1;
      t.financingOutstanding += amount;
    }
  }
  return {
    asOf,
    scope: viewer.kind === 'auditor' ? 'consortium' : viewer.bankMsp,
    buckets: view(total),
    byCurrency: [...perCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([c, t]) => ({ currency: c, buckets: view(t) })),
  };
}
