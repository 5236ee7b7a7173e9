import type { BankBook, InvoiceTwins, SupplierHistory } from '../risk/inputs';
import { invoiceFoldOf } from './entity-rows';
import {
  epochSeconds,
  exposureBySupplier,
  type ExposureRow,
  FUNDED_FINANCING_STATUSES,
  historyFromTotals,
  supplierHistoryOf,
  type FinancingHistoryRow,
  type IssuedReceivableRow,
} from './history-features';
import { invoiceTwinsOf } from './invoice-twins';
import type { SqlValue } from './row-write';
import { asText as text, textLiterals } from './sql';
import { messageOf, type SqlExecutor, type SqlRow } from './sql-executor';
import { parseAmount } from '@scf/kernel/money';
import { LIVE_FINANCING_STATUSES } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
const NO_TWINS: InvoiceTwins = { sameInvoiceIds: [], nearDuplicateIds: [] };

/**
 * Same-invoice and near-duplicate candidates of `financed` (its root, for a split part) by index
 * lookups: the participants of the seller's and the debtor's legal entities, then their root
 * receivables with the same folded invoice number, or the same currency, face, issue and due
 * date (or no folded number: a row no projection filled). `invoiceTwinsOf` decides on those few,
 * so the semantics stay the kernel's fingerprint's.
 */
export async function invoiceTwinsIn(sql: SqlExecutor, financed: Receivable): Promise<InvoiceTwins> {
  const [rootRow] =
    financed.rootId === financed.id ? [] : await sql.all('SELECT record FROM rm_receivables WHERE id = ?', [financed.rootId]);
  const receivable = rootRow === undefined ? financed : (JSON.parse(text(rootRow.record)) as Receivable);
  const parties = await sql.all('SELECT id, legal_entity_id FROM rm_participants WHERE id IN (?, ?)', [
    receivable.creditorId,
    receivable.debtorId,
  ]);
  const entityOfParty = (id: string): string | undefined => {
    const entity = parties.find((p) => p.id === id)?.legal_entity_id;
    return typeof entity === 'string' ? entity : undefined;
  };
  const seller = entityOfParty(receivable.creditorId);
  const debtor = entityOfParty(receivable.debtorId);
  if (seller === undefined || debtor === undefined) {
    return NO_TWINS;
  }
  const members = await sql.all('SELECT id, legal_entity_id FROM rm_participants WHERE legal_entity_id IN (?, ?)', [seller, debtor]);
  const byId = new Map(members.map((m) => [text(m.id), text(m.legal_entity_id)]));
  const idsOf = (entity: string): string[] => members.filter((m) => m.legal_entity_id === entity).map((m) => text(m.id));
  const sellers = idsOf(seller);
  const debtors = idsOf(debtor);
  const roots = `SELECT id FROM rm_receivables WHERE parent_id IS NULL AND creditor_id IN (${marks(sellers)}) AND debtor_id IN (${marks(debtors)})`;
  const scope: SqlValue[] = [...sellers, ...debtors];
  const rows = await sql.all(
    `SELECT record FROM rm_receivables WHERE id IN (
       ${roots} AND invoice_fold = ?
       UNION ${roots} AND invoice_fold IS NULL
       UNION ${roots} AND due_date = ? AND issue_date = ? AND face = ? AND currency = ?)`,
    [
      ...scope,
      invoiceFoldOf(receivable),
      ...scope,
      ...scope,
      receivable.dueDate,
      receivable.issueDate,
      receivable.face,
      receivable.currency,
    ],
  );
  return invoiceTwinsOf(
    receivable,
    rows.map((r) => JSON.parse(text(r.record)) as Receivable),
    (id) => byId.get(id),
  );
}

/**
 * An amount column summable in SQL exactly (rows whose amount has no integer column of its own): canonical (no leading zero, digits only) and at most
 * 18 digits, so every value, and its CAST AS BIGINT, is exact. Anything else is read and parsed
 * (strictly, as before) in JS.
 */
const summable = (column: string): string =>
  `(LENGTH(${column}) BETWEEN 1 AND 18 AND TRIM(${column}, '0123456789') = '' AND (${column} = '0' OR SUBSTR(${column}, 1, 1) <> '0'))`;

/** The SQL sum of the summable values, as exact decimal text (SQLite's SUM throws on int64 overflow; PostgreSQL's is numeric). */
const exactSum = (column: string): string => `CAST(SUM(CASE WHEN ${summable(column)} THEN CAST(${column} AS BIGINT) ELSE 0 END) AS TEXT)`;

const bigintOf = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(text(value)));

const FUNDED_SQL = textLiterals(FUNDED_FINANCING_STATUSES);
/** "Known" at now: a time at or before now (NULL never is). Repaid counts only when not also defaulted by now. */
const REPAID_KNOWN = 'repaid_at <= ? AND NOT (defaulted_at IS NOT NULL AND defaulted_at <= ?)';

async function financingCounts(sql: SqlExecutor, supplierId: string, nowIso: string): Promise<SqlRow> {
  const [row] = await sql.all(
    `SELECT COUNT(CASE WHEN status IN (${FUNDED_SQL}) THEN 1 END) AS financed,
            COUNT(CASE WHEN defaulted_at <= ? THEN 1 END) AS defaulted,
            COUNT(CASE WHEN ${REPAID_KNOWN} THEN 1 END) AS repaid,
            COUNT(CASE WHEN ${REPAID_KNOWN} AND SUBSTR(repaid_at, 1, 10) <= maturity_date THEN 1 END) AS on_time
     FROM rm_financings WHERE borrower_id = ? AND requested_at <= ?`,
    [nowIso, nowIso, nowIso, nowIso, nowIso, supplierId, nowIso],
  );
  return row ?? {};
}

const ISSUED = 'FROM rm_receivables WHERE creditor_id = ? AND parent_id IS NULL AND created_at <= ?';
const DILUTIONS = 'FROM rm_dilutions d JOIN rm_receivables r ON r.id = d.receivable_id WHERE r.creditor_id = ? AND d.recorded_at <= ?';

/** A supplier's history by aggregates: counts, sums and the first issue by SQL, per month of issue date. */
async function aggregatedHistory(sql: SqlExecutor, supplierId: string, nowSeconds: number): Promise<SupplierHistory> {
  const nowIso = new Date(nowSeconds * 1000).toISOString();
  const scope = [supplierId, nowIso];
  const [counts, months, diluted] = await Promise.all([
    financingCounts(sql, supplierId, nowIso),
    // face_units: the face as BIGINT when exact (entity-rows summableUnits), else NULL and read below.
    sql.all(
      `SELECT SUBSTR(issue_date, 1, 7) AS month, CAST(SUM(face_units) AS TEXT) AS face, COUNT(*) - COUNT(face_units) AS odd,
              MIN(created_at) AS first_created ${ISSUED}
       GROUP BY SUBSTR(issue_date, 1, 7)`,
      scope,
    ),
    sql.all(
      `SELECT ${exactSum('d.amount')} AS amount, COUNT(*) - COUNT(CASE WHEN ${summable('d.amount')} THEN 1 END) AS odd ${DILUTIONS}`,
      scope,
    ),
  ]);
  // The join walks the supplier's receivables: read the odd amounts (rare) in a second pass only if there are any.
  const longDilutions =
    Number(diluted[0]?.odd ?? 0) === 0
      ? []
      : await sql.all(`SELECT d.amount AS amount ${DILUTIONS} AND NOT ${summable('d.amount')}`, scope);
  const longFaces = months.some((m) => Number(m.odd) > 0)
    ? await sql.all(`SELECT issue_date, face ${ISSUED} AND face_units IS NULL`, scope)
    : [];
  const byMonth = new Map(months.map((m) => [text(m.month), bigintOf(m.face)]));
  for (const row of longFaces) {
    const month = text(row.issue_date).slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0n) + parseAmount(row.face, 'receivable.face'));
  }
  const firstCreated = months
    .map((m) => text(m.first_created))
    .reduce<string | undefined>((min, at) => (min === undefined || epochSeconds(at) < epochSeconds(min) ? at : min), undefined);
  return historyFromTotals({
    financedCount: Number(counts.financed ?? 0),
    repaidCount: Number(counts.repaid ?? 0),
    onTimeRepaidCount: Number(counts.on_time ?? 0),
    defaultedCount: Number(counts.defaulted ?? 0),
    faceByMonth: byMonth,
    totalDiluted: longDilutions.reduce((total, d) => total + parseAmount(d.amount, 'dilution.amount'), bigintOf(diluted[0]?.amount)),
    firstCreatedAt: firstCreated,
    nowSeconds,
  });
}

/** The same history from every row, in JS: the path when SQLite's integer SUM overflows. */
async function scannedHistory(sql: SqlExecutor, supplierId: string, nowSeconds: number): Promise<SupplierHistory> {
  const nowIso = new Date(nowSeconds * 1000).toISOString();
  const [financings, issued, dilutions] = await Promise.all([
    sql.all('SELECT status, maturity_date, repaid_at, defaulted_at FROM rm_financings WHERE borrower_id = ? AND requested_at <= ?', [
      supplierId,
      nowIso,
    ]),
    sql.all(`SELECT face, issue_date, created_at ${ISSUED}`, [supplierId, nowIso]),
    sql.all(`SELECT d.amount AS amount ${DILUTIONS}`, [supplierId, nowIso]),
  ]);
  return supplierHistoryOf(
    financings as unknown as FinancingHistoryRow[],
    issued as unknown as IssuedReceivableRow[],
    dilutions.map((d) => text(d.amount)),
    nowSeconds,
  );
}

/** SQLite's SUM past int64 ("integer overflow"), by message (see messageOf). */
const isIntegerOverflow = (error: unknown): boolean => /integer overflow/i.test(messageOf(error));

/** supplierHistoryOf's answer, computed by SQL aggregates (exact: see `summable`). */
export async function supplierHistoryIn(sql: SqlExecutor, supplierId: string, nowSeconds: number): Promise<SupplierHistory> {
  try {
    return await aggregatedHistory(sql, supplierId, nowSeconds);
  } catch (error) {
    if (!isIntegerOverflow(error)) {
      throw error;
    }
    return scannedHistory(sql, supplierId, nowSeconds);
  }
}

/** The bank's live financings (the book). */
const LIVE_BOOK = `FROM rm_financings WHERE bank_msp = ? AND status IN (${textLiterals(LIVE_FINANCING_STATUSES)})`;

/** exposureBySupplier's answer by one grouped sum per borrower; odd amounts (rare) read and parsed in JS. */
async function aggregatedBook(sql: SqlExecutor, bankMsp: string): Promise<Record<string, bigint>> {
  const sums = await sql.all(
    `SELECT borrower_id, ${exactSum('outstanding_principal')} AS total,
            COUNT(*) - COUNT(CASE WHEN ${summable('outstanding_principal')} THEN 1 END) AS odd ${LIVE_BOOK} GROUP BY borrower_id`,
    [bankMsp],
  );
  const odd = sums.some((row) => Number(row.odd) > 0)
    ? await sql.all(`SELECT borrower_id, outstanding_principal ${LIVE_BOOK} AND NOT ${summable('outstanding_principal')}`, [bankMsp])
    : [];
  const book = exposureBySupplier(odd as unknown as ExposureRow[]);
  for (const row of sums) {
    const total = bigintOf(row.total) + (book[text(row.borrower_id)] ?? 0n);
    if (total > 0n) {
      book[text(row.borrower_id)] = total;
    }
  }
  return book;
}

/** Outstanding principal of the bank's live financings per borrower (exact; SQLite's SUM overflow falls back to JS). */
export async function bankBookIn(sql: SqlExecutor, bankMsp: string): Promise<BankBook> {
  try {
    return { exposureBySupplier: await aggregatedBook(sql, bankMsp) };
  } catch (error) {
    if (!isIntegerOverflow(error)) {
      throw error;
    }
    const rows = await sql.all(`SELECT borrower_id, outstanding_principal ${LIVE_BOOK}`, [bankMsp]);
    return { exposureBySupplier: exposureBySupplier(rows as unknown as ExposureRow[]) };
  }
}
