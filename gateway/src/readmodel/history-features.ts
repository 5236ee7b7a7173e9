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

const FUNDED = new Set(['ACTIVE', 'REPAID', 'DEFAULTED']);

const sum = (amounts: readonly string[], what: string): bigint => amounts.reduce((total, amount) => total + parseAmount(amount, what), 0n);

/** 'YYYY-MM' → months since year 0, so consecutive months differ by one. */
function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** Face issued per calendar month of issue date, from the first month with volume to the last, gaps as 0. */
export function monthlyVolumes(receivables: readonly IssuedReceivableRow[]): bigint[] {
  if (receivables.length === 0) {
    return [];
  }
  const months = receivables.map((r) => monthIndex(r.issue_date));
  const first = Math.min(...months);
  const volumes: bigint[] = Array.from({ length: Math.max(...months) - first + 1 }, () => 0n);
  receivables.forEach((r, i) => {
    const slot = (months[i] ?? first) - first;
    volumes[slot] = (volumes[slot] ?? 0n) + parseAmount(r.face, 'receivable.face');
  });
  return volumes;
}

/**
 * A supplier's track record from its financings (as borrower), the receivables it issued
 * (roots whose creditor it is) and the dilutions on receivables it issued. A financing counts
 * as financed once funded; repaid on time when fully repaid on or before its maturity date;
 * defaulted if it was ever marked DEFAULTED (even if repaid later). Repayments and defaults
 * after `nowSeconds` are not yet known.
 */
export function supplierHistoryOf(
  financings: readonly FinancingHistoryRow[],
  issued: readonly IssuedReceivableRow[],
  dilutionAmounts: readonly string[],
  nowSeconds: number,
): SupplierHistory {
  const nowIso = new Date(nowSeconds * 1000).toISOString();
  const known = (at: string | null): at is string => at !== null && at <= nowIso;
  const defaulted = financings.filter((f) => known(f.defaulted_at));
  const repaid = financings.filter((f) => known(f.repaid_at) && !known(f.defaulted_at));
  const onTime = repaid.filter((f) => (f.repaid_at ?? '').slice(0, 10) <= f.maturity_date).length;
  const firstIssued = issued.reduce((min, r) => Math.min(min, epochSeconds(r.created_at)), Number.POSITIVE_INFINITY);
  return {
    financedCount: financings.filter((f) => FUNDED.has(f.status)).length,
    onTimeRepaidCount: onTime,
    lateRepaidCount: repaid.length - onTime,
    defaultedCount: defaulted.length,
    totalFace: sum(
      issued.map((r) => r.face),
      'receivable.face',
    ),
    totalDiluted: sum(dilutionAmounts, 'dilution.amount'),
    tenureDays: Number.isFinite(firstIssued) ? Math.max(0, Math.floor((nowSeconds - firstIssued) / SECONDS_PER_DAY)) : 0,
    monthlyVolumes: monthlyVolumes(issued),
  };
}

/** Outstanding principal summed per borrower (bigint; SQL never adds the TEXT amounts). */
export function exposureBySupplier(
  rows: readonly { readonly borrower_id: string; readonly outstanding_principal: string }[],
): Record<string, bigint> {
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
