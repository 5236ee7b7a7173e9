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

/** Everything one block changes in the read model; applied atomically with the checkpoint. */
export interface BlockProjection {
  readonly blockNumber: bigint;
  readonly rows: readonly RowWrite[];
  /** Values the projection could not read (logged; the rest of the block still applies). */
  readonly warnings: readonly string[];
}
