export type SqlValue = string | number | null;

/**
 * One row the projection writes: inserted, or updated in place on its key. Columns listed in
 * `keepFirst` keep their first non-null value (e.g. when a financing first defaulted).
 * `insertOnly` rows are never updated (a transfer happens once).
 */
export interface RowWrite {
  readonly table: string;
  readonly key: readonly string[];
  readonly values: Readonly<Record<string, SqlValue>>;
  readonly keepFirst?: readonly string[];
  readonly insertOnly?: boolean;
}

/**
 * What one transaction changes: its `rm_transactions` row, always written, and the rows of the
 * ledger objects it wrote, applied all or none. A transaction whose writes cannot be projected
 * (`error` here, or rows the database refuses) is recorded in `rm_skipped_transactions` with its
 * error instead, and the rest of the block still applies.
 */
export interface TransactionProjection {
  readonly txIndex: number;
  readonly txId: string;
  readonly fn: string;
  readonly record: RowWrite;
  readonly rows: readonly RowWrite[];
  /** Why the projection could not read the transaction's writes (then `rows` is empty). */
  readonly error?: string;
}

/** Everything one block changes in the read model; applied atomically with the checkpoint. */
export interface BlockProjection {
  readonly blockNumber: bigint;
  readonly transactions: readonly TransactionProjection[];
}

/** A transaction whose writes the read model could not store: it keeps its error, the blocks after it are projected. */
export interface SkippedTransaction {
  readonly blockNumber: bigint;
  readonly txIndex: number;
  readonly txId: string;
  readonly fn: string;
  readonly error: string;
}

/** Every row of a projection in order (each transaction's record, then its rows). */
export function rowsOf(projection: BlockProjection): RowWrite[] {
  return projection.transactions.flatMap((tx) => [tx.record, ...tx.rows]);
}
