/** How a query parameter filters a column. */
export interface FilterSpec {
  readonly column: string;
  readonly op: 'eq' | 'from' | 'to';
  /** `timestamp` columns hold ISO instants: a date-only `to` bound includes that whole day. */
  readonly kind: 'text' | 'int' | 'date' | 'timestamp';
}

export interface SortSpec {
  readonly columns: readonly string[];
  /** Canonical decimal strings: ordered by (length, text), which is numeric order. */
  readonly amount?: boolean;
}

export interface CollectionSpec {
  readonly table: string;
  readonly filters: Readonly<Record<string, FilterSpec>>;
  readonly sorts: Readonly<Record<string, SortSpec>>;
  readonly defaultSort: string;
  /** Unique columns appended to every ORDER BY, so pages never overlap or skip. */
  readonly tieBreaker: readonly string[];
}

const eq = (column: string, kind: FilterSpec['kind'] = 'text'): FilterSpec => ({ column, op: 'eq', kind });
const range = (column: string, kind: FilterSpec['kind']): [FilterSpec, FilterSpec] => [
  { column, op: 'from', kind },
  { column, op: 'to', kind },
];
const col = (...columns: string[]): SortSpec => ({ columns });
const amount = (column: string): SortSpec => ({ columns: [column], amount: true });

const [dueFrom, dueTo] = range('due_date', 'date');
const [issuedFrom, issuedTo] = range('issue_date', 'date');
const [requestedFrom, requestedTo] = range('requested_at', 'timestamp');
const [maturityFrom, maturityTo] = range('maturity_date', 'date');
const [timeFrom, timeTo] = range('tx_timestamp', 'timestamp');
const [blockFrom, blockTo] = range('block_number', 'int');
const [recordedFrom, recordedTo] = range('recorded_at', 'timestamp');
const [expiresFrom, expiresTo] = range('expires_on', 'date');
const [expiresAtFrom, expiresAtTo] = range('expires_at', 'timestamp');

/** The searchable collections: every filter and sort field is listed here, nothing else reaches SQL. */
export const COLLECTIONS = {
  receivables: {
    table: 'rm_receivables',
    filters: {
      status: eq('status'),
      delinquency: eq('delinquency'),
      holderId: eq('holder_id'),
      debtorId: eq('debtor_id'),
      creditorId: eq('creditor_id'),
      rootId: eq('root_id'),
      currency: eq('currency'),
      financingId: eq('financing_id'),
      dueFrom,
      dueTo,
      issuedFrom,
      issuedTo,
    },
    sorts: {
      dueDate: col('due_date'),
      issueDate: col('issue_date'),
      face: amount('face'),
      outstanding: amount('outstanding'),
      createdAt: col('created_at'),
      updatedAt: col('updated_at'),
      id: col('id'),
    },
    defaultSort: '-createdAt',
    tieBreaker: ['id'],
  },
  financings: {
    table: 'rm_financings',
    filters: {
      status: eq('status'),
      bankMsp: eq('bank_msp'),
      borrowerId: eq('borrower_id'),
      debtorId: eq('debtor_id'),
      receivableId: eq('receivable_id'),
      lineId: eq('line_id'),
      currency: eq('currency'),
      requestedFrom,
      requestedTo,
      maturityFrom,
      maturityTo,
    },
    sorts: {
      requestedAt: col('requested_at'),
      maturityDate: col('maturity_date'),
      amount: amount('amount'),
      outstandingPrincipal: amount('outstanding_principal'),
      updatedAt: col('updated_at'),
      id: col('id'),
    },
    defaultSort: '-requestedAt',
    tieBreaker: ['id'],
  },
  creditLines: {
    table: 'rm_credit_lines',
    filters: { status: eq('status'), bankMsp: eq('bank_msp'), coreId: eq('core_id'), currency: eq('currency'), expiresFrom, expiresTo },
    sorts: { createdAt: col('created_at'), expiresOn: col('expires_on'), limit: amount('limit_amount'), id: col('id') },
    defaultSort: '-createdAt',
    tieBreaker: ['id'],
  },
  payments: {
    table: 'rm_payments',
    filters: {
      status: eq('status'),
      receivableId: eq('receivable_id'),
      financingId: eq('financing_id'),
      debtorId: eq('debtor_id'),
      currency: eq('currency'),
      recordedFrom,
      recordedTo,
    },
    sorts: { recordedAt: col('recorded_at'), updatedAt: col('updated_at'), amount: amount('amount'), id: col('id') },
    defaultSort: '-recordedAt',
    tieBreaker: ['id'],
  },
  dilutionRequests: {
    table: 'rm_dilution_requests',
    filters: {
      status: eq('status'),
      holderId: eq('holder_id'),
      debtorId: eq('debtor_id'),
      receivableId: eq('receivable_id'),
      expiresFrom: expiresAtFrom,
      expiresTo: expiresAtTo,
      requestedFrom,
      requestedTo,
    },
    sorts: { expiresAt: col('expires_at'), requestedAt: col('requested_at'), amount: amount('amount'), id: col('id') },
    defaultSort: 'expiresAt',
    tieBreaker: ['receivable_id', 'id'],
  },
  transactions: {
    table: 'rm_transactions',
    filters: {
      txId: eq('tx_id'),
      fn: eq('fn'),
      eventName: eq('event_name'),
      creatorMsp: eq('creator_msp'),
      validationCode: eq('validation_code', 'int'),
      from: timeFrom,
      to: timeTo,
      blockFrom,
      blockTo,
    },
    sorts: { block: col('block_number', 'tx_index'), timestamp: col('tx_timestamp') },
    defaultSort: '-block',
    tieBreaker: ['block_number', 'tx_index'],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;

/** `field` and `-field` (descending) for every sortable field. */
export function sortValues(collection: CollectionName): string[] {
  return Object.keys(COLLECTIONS[collection].sorts).flatMap((field) => [field, `-${field}`]);
}
