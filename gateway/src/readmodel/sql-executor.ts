import type { SqlValue } from './row-write';

export type SqlRow = Record<string, unknown>;

/** The queries one database transaction runs; `?` placeholders in both dialects. */
export interface SqlTransaction {
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * The little a read-model repository needs from a database. Reads see only committed data
 * (SQLite: a separate reader connection on the WAL file; PostgreSQL: pooled clients).
 */
export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs `work` in one transaction on the writer: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database refused a row for its data (a NOT NULL column without a value, a value of the
 * wrong type, a constraint): the same row would be refused again, unlike a lost connection.
 * Executors throw it, by the driver's error code, from a transaction's `run`.
 */
export class RowRefusedError extends Error {
  constructor(
    message: string,
    /** The driver's code: an SQLite result code (SQLITE_CONSTRAINT_NOTNULL) or a PostgreSQL SQLSTATE (23502). */
    readonly driverCode: string,
    /** The driver's error, for the log only (the ES2021 lib has no Error.cause). */
    readonly cause: unknown,
  ) {
    super(message);
    this.name = 'RowRefusedError';
  }
}

/** The thrown value's message (a driver's error may come from another realm, so no `instanceof Error`). */
export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

/** The driver's error code, when the thrown value carries one. */
export function driverCodeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
