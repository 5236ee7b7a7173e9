import { invoiceFoldOf, legalEntityOf, summableUnits } from './entity-rows';
import type { SqlValue } from './row-write';
import type { SqlTransaction } from './sql-executor';

/** Columns the projection derives from a row's record, and how (entity-rows.ts). */
interface DerivedColumns {
  readonly table: 'rm_receivables' | 'rm_participants';
  readonly columns: Readonly<Record<string, (record: Record<string, unknown>) => SqlValue>>;
}

const DERIVED: readonly DerivedColumns[] = [
  {
    table: 'rm_receivables',
    columns: {
      invoice_fold: (r) => invoiceFoldOf(r as { invoiceNumber: string }),
      face_units: (r) => summableUnits(r.face),
    },
  },
  { table: 'rm_participants', columns: { legal_entity_id: (p) => legalEntityOf(p as { legalEntityId: string }) } },
];

const BATCH = 1000;

function parsed(record: unknown): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(String(record)) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function backfillTable(tx: SqlTransaction, { table, columns }: DerivedColumns): Promise<void> {
  const names = Object.keys(columns);
  const unfilled = names.map((column) => `${column} IS NULL`).join(' OR ');
  const update = `UPDATE ${table} SET ${names.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`;
  let after = '';
  for (;;) {
    const rows = await tx.all(`SELECT id, record FROM ${table} WHERE (${unfilled}) AND id > ? ORDER BY id LIMIT ${String(BATCH)}`, [after]);
    for (const row of rows) {
      const record = parsed(row.record);
      const values = names.map((column) => (record === undefined ? null : (columns[column]?.(record) ?? null)));
      if (values.some((value) => value !== null)) {
        await tx.run(update, [...values, String(row.id)]);
      }
    }
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < BATCH) {
      return;
    }
    after = String(last.id);
  }
}

/**
 * Fills the derived columns of rows written before they existed (schema version 7), from each
 * row's record as the projection would, in the migration's own transaction: a read model is
 * long-lived, and a row left NULL would only be found by the slower path. Walks by id in
 * batches, one UPDATE per row; a value the record cannot give stays NULL (the twins query and
 * the history's sums still read those rows).
 */
export async function backfillDerivedColumns(tx: SqlTransaction): Promise<void> {
  for (const derived of DERIVED) {
    await backfillTable(tx, derived);
  }
}
