import { SECONDS_PER_DAY } from '@scf/kernel/dates';
import type { SupplierHistory, TransferEdge } from '../risk/inputs';
import { parseAmount } from '@scf/kernel/money';

/** Epoch seconds of an ISO timestamp (the chaincode's `ctx.now.iso`). */
export function epochSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new Error(`not an ISO timestamp: ${JSON.stringify(iso)}`);
  }
  return Math.floor(ms / 1000);
}

export interface FinancingHistoryRow {
  readonly status: string;
  readonly maturity_date: string;
  readonly repaid_at: string | null;
  readonly defaulted_at: string | null;
}

export interface IssuedReceivableRow {
  readonly face: string;
  readonly issue_date: string;
  readonly created_at: string;
}

/** Financings that were funded: they count as financed. */
export const FUNDED_FINANCING_STATUSES = ['ACTIVE', 'REPAID', 'DEFAULTED'] as const;
const FUNDED = new Set<string>(FUNDED_FINANCING_STATUSES);

const sum = (amounts: readonly string[], what: string): bigint => amounts.reduce((total, amount) => total + parseAmount(amount, what), 0n);

/** 'YYYY-MM' → months since year 0, so consecutive months differ by one. */
function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** Face per month ('YYYY-MM…' key, summed) from the first month with volume to the last, gaps as 0. */
function volumesByMonth(faceByMonth: ReadonlyMap<string, bigint>): bigint[] {
  if (faceByMonth.size === 0) {
    return [];
  }
  const months = [...faceByMonth.keys()].map(monthIndex);
  const first = Math.min(...months);
  const volumes: bigint[] = Array.from({ length: Math.max(...months) - first + 1 }, () => 0n);
  [...faceByMonth.values()].forEach((face, i) => {
    const slot = (months[i] ?? first) - first;
    volumes[slot] = (volumes[slot] ?? 0n) + face;
  });
  return volumes;
}

/** What a supplier's history is made of, counted and summed (in JS from rows, or by SQL aggregates). */
export interface HistoryTotals {
  readonly financedCount: number;
  /** Repaid by now and not defaulted by now. */
  readonly repaidCount: number;
  /** Of those, repaid on or before the maturity date. */
  readonly onTimeRepaidCount: number;
  readonly defaultedCount: number;
  /** Face issued per 'YYYY-MM' of issue date. */
  readonly faceByMonth: ReadonlyMap<string, bigint>;
  readonly totalDiluted: bigint;
  /** Earliest created_at of the receivables it issued, if any. */
  readonly firstCreatedAt: string | undefined;
  readonly nowSeconds: number;
}

export function historyFromTotals(t: HistoryTotals): SupplierHistory {
  const firstIssued = t.firstCreatedAt === undefined ? undefined : epochSeconds(t.firstCreatedAt);
  return {
    financedCount: t.financedCount,
    onTimeRepaidCount: t.onTimeRepaidCount,
    lateRepaidCount: t.repaidCount - t.onTimeRepaidCount,
    defaultedCount: t.defaultedCount,
    totalFace: [...t.faceByMonth.values()].reduce((total, face) => total + face, 0n),
    totalDiluted: t.totalDiluted,
    tenureDays: firstIssued === undefined ? 0 : Math.max(0, Math.floor((t.nowSeconds - firstIssued) / SECONDS_PER_DAY)),
    monthlyVolumes: volumesByMonth(t.faceByMonth),
  };
}

/**
 * A supplier's track record from its financings (as borrower), the receivables it issued
 * (roots whose creditor it is) and the dilutions on receivables it issued. A financing counts
 * as financed once funded; repaid on time when fully repaid on or before its maturity date;
 * defaulted if it was ever marked DEFAULTED (even if repaid later). Repayments and defaults
 * after `nowSeconds` are not yet known. (The repositories compute the same by SQL aggregates:
 * sql-risk-features.ts; this is the reference and their fallback.)
 */
export function supplierHistoryOf(
  financings: readonly FinancingHistoryRow[],
  issued: readonly IssuedReceivableRow[],
  dilutionAmounts: readonly string[],
  nowSeconds: number,
): SupplierHistory {
  const nowIso = new Date(nowSeconds * 1000).toISOString();
  const known = (at: string | null): at is string => at !== null && at <= nowIso;
  const repaid = financings.filter((f) => known(f.repaid_at) && !known(f.defaulted_at));
  const firstIssued = issued.reduce((min, r) => Math.min(min, epochSeconds(r.created_at)), Number.POSITIVE_INFINITY);
  const faceByMonth = new Map<string, bigint>();
  for (const r of issued) {
    const month = r.issue_date.slice(0, 7);
    faceByMonth.set(month, (faceByMonth.get(month) ?? 0n) + parseAmount(r.face, 'receivable.face'));
  }
  return historyFromTotals({
    financedCount: financings.filter((f) => FUNDED.has(f.status)).length,
    repaidCount: repaid.length,
    onTimeRepaidCount: repaid.filter((f) => (f.repaid_at ?? '').slice(0, 10) <= f.maturity_date).length,
    defaultedCount: financings.filter((f) => known(f.defaulted_at)).length,
    faceByMonth,
    totalDiluted: sum(dilutionAmounts, 'dilution.amount'),
    firstCreatedAt: Number.isFinite(firstIssued) ? new Date(firstIssued * 1000).toISOString() : undefined,
    nowSeconds,
  });
}

/** Outstanding principal summed per borrower (bigint; SQL never adds the TEXT amounts). */
export interface ExposureRow {
  readonly borrower_id: string;
  readonly outstanding_principal: string;
}

export function exposureBySupplier(rows: readonly ExposureRow[]): Record<string, bigint> {
  const book: Record<string, bigint> = {};
  for (const row of rows) {
    const amount = parseAmount(row.outstanding_principal, 'financing.outstandingPrincipal');
    if (amount > 0n) {
      book[row.borrower_id] = (book[row.borrower_id] ?? 0n) + amount;
    }
  }
  return book;
}

/**
 * Transfer edges within `maxDepth` hops of `start`, following edges either way, found
 * breadth-first with one query per hop. Sorted, each edge once.
 */
export async function transfersWithin(
  start: string,
  maxDepth: number,
  edgesTouching: (participants: readonly string[]) => Promise<readonly TransferEdge[]>,
): Promise<TransferEdge[]> {
  const seen = new Set([start]);
  const edges = new Map<string, TransferEdge>();
  let frontier = [start];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const edge of await edgesTouching(frontier)) {
      edges.set(JSON.stringify([edge.from, edge.to]), { from: edge.from, to: edge.to });
      for (const node of [edge.from, edge.to]) {
        if (!seen.has(node)) {
          seen.add(node);
          next.push(node);
        }
      }
    }
    frontier = next;
  }
  return [...edges.values()].sort((a, b) => (a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from)));
}
