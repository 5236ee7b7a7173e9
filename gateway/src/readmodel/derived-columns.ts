import { invoiceFoldOf, legalEntityOf, summableUnits } from './entity-rows';
import type { SqlValue } from './row-write';
import type { SqlTransaction } from './sql-executor';

/** A column the projection derives from a row's record, and how. */
interface DerivedColumn {
  readonly table: 'rm_receivables' | 'rm_participants';
  readonly column: 'invoice_fold' | 'face_units' | 'legal_entity_id';
  readonly derive: (record: Record<string, unknown>) => SqlValue;
}

const DERIVED: readonly DerivedColumn[] = [
  { table: 'rm_receivables', column: 'invoice_fold', derive: (r) => invoiceFoldOf(r as { invoiceNumber: string }) },
  { table: 'rm_receivables', column: 'face_units', derive: (r) => summableUnits(r.face) },
  { table: 'rm_participants', column: 'legal_entity_id', derive: (p) => legalEntityOf(p as { legalEntityId: string }) },
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

/**
 * Fills the derived columns of rows written before they existed (schema version 7), from each
 * row's record as the projection would, in the migration's own transaction: a read model is
 * long-lived, and a row left NULL would only be found by the slower path. Walks by id in
 * batches; a row whose record has no such field stays NULL (the twins query still reads those).
 */
export async function backfillDerivedColumns(tx: SqlTransaction): Promise<void> {
  for (const { table, column, derive } of DERIVED) {
    let after = '';
    for (;;) {
      const rows = await tx.all(`SELECT id, record FROM ${table} WHERE ${column} IS NULL AND id > ? ORDER BY id LIMIT ${String(BATCH)}`, [
        after,
      ]);
      for (const row of rows) {
        const record = parsed(row.record);
        const value = record === undefined ? null : derive(record);
        if (value !== null) {
          await tx.run(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, [value, String(row.id)]);
        }
      }
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < BATCH) {
        break;
      }
      after = String(last.id);
    }
  }
}
