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
