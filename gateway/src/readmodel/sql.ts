import type { RowWrite, SqlValue } from './row-write';

export interface Statement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`not a safe SQL identifier: ${name}`);
  }
  return name;
}

/** INSERT … ON CONFLICT (key) DO UPDATE, in the syntax SQLite (3.24+) and PostgreSQL share. */
export function upsertStatement(write: RowWrite): Statement {
  const table = identifier(write.table);
  const columns = Object.keys(write.values).map(identifier);
  const key = write.key.map(identifier);
  const keepFirst = new Set(write.keepFirst ?? []);
  const updates = columns
    .filter((column) => !key.includes(column))
    .map((column) =>
      keepFirst.has(column) ? `${column} = COALESCE(${table}.${column}, excluded.${column})` : `${column} = excluded.${column}`,
    );
  const onConflict = write.insertOnly === true || updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`;
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${key.join(', ')}) ${onConflict}`,
    params: columns.map((column) => write.values[column] ?? null),
  };
}

/** `?` → `$1`, `$2`, … (no statement of the read model has a `?` inside a literal). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
}

/** A value the driver returned, as text (SQLite and PostgreSQL may answer a number or a string). */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** Constants of the code (never input) as an SQL list of text literals: 'ACTIVE', 'DEFAULTED'. */
export function textLiterals(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
