import type { ReportFinancingRow } from '../readmodel/report-source';
import { herfindahl, ratio4 } from '../analytics/ratios';
import { seesBank, type ReportViewer } from './report-viewer';
import { parseAmount } from '@scf/kernel/money';

export interface CoreShare {
  readonly coreId: string;
  readonly exposure: string;
  readonly share: string;
}

export interface BorrowerShare {
  readonly borrowerId: string;
  readonly exposure: string;
  readonly share: string;
}

export interface BankConcentration {
  readonly bankMsp: string;
  readonly currency: string;
  readonly exposure: string;
  /** Herfindahl index over borrowers: Σ share², 1/n for n equal borrowers, 1.0000 for one. */
  readonly hhi: string;
  /** The same index over core enterprises (debtors). */
  readonly hhiByCore: string;
  readonly byCore: CoreShare[];
  readonly byBorrower: BorrowerShare[];
}

export interface ConcentrationReport {
  readonly asOf: string;
  readonly banks: BankConcentration[];
}

function groupSum(rows: readonly { readonly id: string; readonly amount: bigint }[]): { id: string; amount: bigint }[] {
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    sums.set(row.id, (sums.get(row.id) ?? 0n) + row.amount);
  }
  // Largest first; ties by id, so the order is stable.
  return [...sums.entries()]
    .map(([id, amount]) => ({ id, amount }))
    .sort((a, b) => (a.amount === b.amount ? (a.id < b.id ? -1 : 1) : a.amount > b.amount ? -1 : 1));
}

/**
 * Per bank and currency, how its outstanding principal (ACTIVE and DEFAULTED financings) spreads
 * over core enterprises and borrowers: each one's share and the Herfindahl index, in bigint
 * arithmetic, 4 decimals rounded half up. A bank sees only its own entry.
 */
export function buildConcentrationReport(
  financings: readonly ReportFinancingRow[],
  viewer: ReportViewer,
  asOf: string,
): ConcentrationReport {
  const books = new Map<string, { bankMsp: string; currency: string; rows: { coreId: string; borrowerId: string; amount: bigint }[] }>();
  for (const f of financings) {
    if (!seesBank(viewer, f.bankMsp)) {
      continue;
    }
    const k = JSON.stringify([f.bankMsp, f.currency]);
    const book = books.get(k) ?? { bankMsp: f.bankMsp, currency: f.currency, rows: [] };
    book.rows.push({
      coreId: f.coreId,
      borrowerId: f.borrowerId,
      amount: parseAmount(f.outstandingPrincipal, 'financing.outstandingPrincipal'),
    });
    books.set(k, book);
  }
  const banks = [...books.values()]
    .sort((a, b) => (a.bankMsp === b.bankMsp ? (a.currency < b.currency ? -1 : 1) : a.bankMsp < b.bankMsp ? -1 : 1))
    .map((book): BankConcentration => {
      const total = book.rows.reduce((sum, r) => sum + r.amount, 0n);
      const cores = groupSum(book.rows.map((r) => ({ id: r.coreId, amount: r.amount })));
      const borrowers = groupSum(book.rows.map((r) => ({ id: r.borrowerId, amount: r.amount })));
      return {
        bankMsp: book.bankMsp,
        currency: book.currency,
        exposure: String(total),
        hhi: herfindahl(borrowers.map((b) => b.amount)),
        hhiByCore: herfindahl(cores.map((c) => c.amount)),
        byCore: cores.map((c) => ({ coreId: c.id, exposure: String(c.amount), share: ratio4(c.amount, total) })),
        byBorrower: borrowers.map((b) => ({ borrowerId: b.id, exposure: String(b.amount), share: ratio4(b.amount, total) })),
      };
    });
  return { asOf, banks };
}
