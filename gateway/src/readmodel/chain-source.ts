/**
 * What the chain view (gateway/src/chain) reads from the read model: whole tables, narrowed to
 * the columns it uses. Rows are string tuples in the order of CHAIN_COLUMNS (null as ''), so a
 * 100,000-receivable chain loads without building a 20-key object per row. Ids, amounts,
 * statuses and dates are validated by the chaincode and never hold the separator.
 */
export const CHAIN_COLUMNS = {
  participants: ['id', 'role', 'msp_id', 'name', 'tier'],
  receivables: [
    'id',
    'root_id',
    'parent_id',
    'creditor_id',
    'debtor_id',
    'holder_id',
    'currency',
    'face',
    'outstanding',
    'diluted',
    'status',
    'delinquency',
    'issue_date',
    'due_date',
    'financing_id',
  ],
  financings: [
    'id',
    'receivable_id',
    'bank_msp',
    'borrower_id',
    'debtor_id',
    'currency',
    'amount',
    'outstanding_principal',
    'status',
    'requested_at',
  ],
  receipts: ['id', 'warehouse_id', 'owner_id', 'commodity', 'grade', 'unit', 'quantity', 'status'],
  pledges: ['id', 'receipt_id', 'owner_id', 'bank_msp', 'loan_amount', 'currency', 'status', 'record'],
  prices: ['commodity', 'grade', 'unit', 'currency', 'price_per_unit'],
} as const;

export type ChainTable = keyof typeof CHAIN_COLUMNS;

export interface ChainRows {
  /** The read model's next block when the read began (the caller re-reads if it moved). */
  readonly height: bigint;
  /** Timestamp of the last projected transaction, or undefined on an empty read model. */
  readonly lastTxTimestamp: string | undefined;
  readonly tables: Readonly<Record<ChainTable, readonly (readonly string[])[]>>;
}

export interface ChainSource {
  /**
   * Every row, or with `fromBlock` only the rows written by that block or a later one (the read
   * model never deletes a row, so these are all that changed since the read model stood at `fromBlock`).
   */
  chainRows(fromBlock?: bigint): Promise<ChainRows>;
}

/** Joins a row's columns with this in SQL and splits them in code: a character no column holds. */
export const CHAIN_SEPARATOR = '\u001f';
