/**
 * The read model's tables, in SQL both SQLite and PostgreSQL accept unchanged (SQLite gives
 * BIGINT integer affinity). Amounts are TEXT holding canonical decimal strings of minor units:
 * summed with bigint in code, sorted by (length, text), which is numeric order for them.
 * Every entity row keeps the ledger's record verbatim (`record`, canonical JSON) and the
 * block/tx position of the transaction that last wrote it.
 */
import { backfillDerivedColumns } from './derived-columns';
import type { SqlTransaction } from './sql-executor';

/** One step of a migration: a statement, or work on the rows in the migration's transaction. */
export type MigrationStep = string | ((tx: SqlTransaction) => Promise<void>);

const POSITION = 'block_number BIGINT NOT NULL, tx_index INTEGER NOT NULL';

const VERSION_1 = [
  `CREATE TABLE IF NOT EXISTS rm_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    next_block BIGINT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS rm_transactions (
    block_number BIGINT NOT NULL,
    tx_index INTEGER NOT NULL,
    tx_id TEXT NOT NULL,
    header_type INTEGER NOT NULL,
    validation_code INTEGER NOT NULL,
    validation_name TEXT NOT NULL,
    tx_timestamp TEXT NOT NULL,
    creator_msp TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    creator_cert_hash TEXT NOT NULL,
    chaincode TEXT NOT NULL,
    fn TEXT NOT NULL,
    args TEXT NOT NULL,
    event_name TEXT,
    event_payload TEXT,
    response_status INTEGER,
    response_payload TEXT,
    PRIMARY KEY (block_number, tx_index)
  )`,
  'CREATE INDEX IF NOT EXISTS rm_transactions_tx_id ON rm_transactions (tx_id)',
  'CREATE INDEX IF NOT EXISTS rm_transactions_creator ON rm_transactions (creator_msp, creator_id)',
  `CREATE TABLE IF NOT EXISTS rm_participants (
    id TEXT PRIMARY KEY, msp_id TEXT NOT NULL, client_id TEXT NOT NULL, role TEXT NOT NULL, tier INTEGER,
    status TEXT NOT NULL, name TEXT NOT NULL, registered_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  'CREATE INDEX IF NOT EXISTS rm_participants_identity ON rm_participants (msp_id, client_id)',
  `CREATE TABLE IF NOT EXISTS rm_credit_lines (
    id TEXT PRIMARY KEY, bank_msp TEXT NOT NULL, core_id TEXT NOT NULL, currency TEXT NOT NULL, limit_amount TEXT NOT NULL,
    status TEXT NOT NULL, expires_on TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  `CREATE TABLE IF NOT EXISTS rm_consortium_caps (
    core_id TEXT NOT NULL, currency TEXT NOT NULL, cap TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION},
    PRIMARY KEY (core_id, currency)
  )`,
  `CREATE TABLE IF NOT EXISTS rm_receivables (
    id TEXT PRIMARY KEY, root_id TEXT NOT NULL, parent_id TEXT, creditor_id TEXT NOT NULL, debtor_id TEXT NOT NULL,
    holder_id TEXT NOT NULL, holder_msp TEXT NOT NULL, currency TEXT NOT NULL, face TEXT NOT NULL, outstanding TEXT NOT NULL,
    settled TEXT NOT NULL, diluted TEXT NOT NULL, status TEXT NOT NULL, delinquency TEXT NOT NULL, issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL, financing_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  'CREATE INDEX IF NOT EXISTS rm_receivables_holder ON rm_receivables (holder_id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_debtor ON rm_receivables (debtor_id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_creditor ON rm_receivables (creditor_id)',
  `CREATE TABLE IF NOT EXISTS rm_dilutions (
    receivable_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, amount TEXT NOT NULL, recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}, PRIMARY KEY (receivable_id, id)
  )`,
  `CREATE TABLE IF NOT EXISTS rm_transfers (
    receivable_id TEXT PRIMARY KEY, parent_id TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT NOT NULL,
    amount TEXT NOT NULL, transferred_at TEXT NOT NULL, ${POSITION}
  )`,
  'CREATE INDEX IF NOT EXISTS rm_transfers_from ON rm_transfers (from_id)',
  'CREATE INDEX IF NOT EXISTS rm_transfers_to ON rm_transfers (to_id)',
  `CREATE TABLE IF NOT EXISTS rm_financings (
    id TEXT PRIMARY KEY, receivable_id TEXT NOT NULL, line_id TEXT NOT NULL, bank_msp TEXT NOT NULL, borrower_id TEXT NOT NULL,
    borrower_msp TEXT NOT NULL, debtor_id TEXT NOT NULL, currency TEXT NOT NULL, amount TEXT NOT NULL,
    outstanding_principal TEXT NOT NULL, repaid_principal TEXT NOT NULL, status TEXT NOT NULL, maturity_date TEXT NOT NULL,
    requested_at TEXT NOT NULL, decided_at TEXT, repaid_at TEXT, defaulted_at TEXT, updated_at TEXT NOT NULL,
    record TEXT NOT NULL, ${POSITION}
  )`,
  'CREATE INDEX IF NOT EXISTS rm_financings_bank ON rm_financings (bank_msp, borrower_id)',
  'CREATE INDEX IF NOT EXISTS rm_financings_borrower ON rm_financings (borrower_id)',
  'CREATE INDEX IF NOT EXISTS rm_financings_receivable ON rm_financings (receivable_id)',
  `CREATE TABLE IF NOT EXISTS rm_payments (
    id TEXT PRIMARY KEY, receivable_id TEXT NOT NULL, financing_id TEXT, debtor_id TEXT NOT NULL, currency TEXT NOT NULL,
    amount TEXT NOT NULL, status TEXT NOT NULL, recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  'CREATE INDEX IF NOT EXISTS rm_payments_receivable ON rm_payments (receivable_id)',
  `CREATE TABLE IF NOT EXISTS rm_payment_allocations (
    payment_id TEXT NOT NULL, seq INTEGER NOT NULL, payee_kind TEXT NOT NULL, payee_id TEXT NOT NULL, amount TEXT NOT NULL,
    acknowledged_by TEXT, acknowledged_at TEXT, ${POSITION}, PRIMARY KEY (payment_id, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS rm_receipts (
    id TEXT PRIMARY KEY, warehouse_id TEXT NOT NULL, owner_id TEXT NOT NULL, owner_msp TEXT NOT NULL, commodity TEXT NOT NULL,
    grade TEXT NOT NULL, unit TEXT NOT NULL, quantity TEXT NOT NULL, status TEXT NOT NULL, pledge_id TEXT,
    issued_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  `CREATE TABLE IF NOT EXISTS rm_pledges (
    id TEXT PRIMARY KEY, receipt_id TEXT NOT NULL, owner_id TEXT NOT NULL, owner_msp TEXT NOT NULL, bank_msp TEXT NOT NULL,
    loan_amount TEXT NOT NULL, currency TEXT, status TEXT NOT NULL, requested_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    record TEXT NOT NULL, ${POSITION}
  )`,
  `CREATE TABLE IF NOT EXISTS rm_prices (
    commodity TEXT NOT NULL, grade TEXT NOT NULL, unit TEXT NOT NULL, currency TEXT NOT NULL, price_per_unit TEXT NOT NULL,
    set_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}, PRIMARY KEY (commodity, grade, unit)
  )`,
];

/** Indexes for each collection's default sort (with its tie-breaker) and the lineage filter, so a page is not a full sort. */
const VERSION_2 = [
  'CREATE INDEX IF NOT EXISTS rm_receivables_created ON rm_receivables (created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_root ON rm_receivables (root_id)',
  'CREATE INDEX IF NOT EXISTS rm_financings_requested ON rm_financings (requested_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_credit_lines_created ON rm_credit_lines (created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_payments_recorded ON rm_payments (recorded_at, id)',
];

/**
 * A participant's own listing (the core's payables, a holder's or creditor's receivables) filters
 * on one column and sorts by the default order: with these the page is an index walk, not a sort
 * of every matching row (bench/readmodel-queries.ts: a core's page at 100k receivables 111 ms → under 1 ms).
 */
const VERSION_3 = [
  'CREATE INDEX IF NOT EXISTS rm_receivables_debtor_created ON rm_receivables (debtor_id, created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_holder_created ON rm_receivables (holder_id, created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_creditor_created ON rm_receivables (creditor_id, created_at, id)',
];

/** Transactions the projection could not store, with the error: the blocks after them are still projected. */
const VERSION_4 = [
  `CREATE TABLE IF NOT EXISTS rm_skipped_transactions (
    block_number BIGINT NOT NULL, tx_index INTEGER NOT NULL, tx_id TEXT NOT NULL, fn TEXT NOT NULL, error TEXT NOT NULL,
    skipped_at TEXT NOT NULL, PRIMARY KEY (block_number, tx_index)
  )`,
];

/** A debtor's dilution requests, so the holder who must act finds them (with their expiry) in search. */
const VERSION_5 = [
  `CREATE TABLE IF NOT EXISTS rm_dilution_requests (
    receivable_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, amount TEXT NOT NULL, debtor_id TEXT NOT NULL,
    holder_id TEXT NOT NULL, status TEXT NOT NULL, expires_at TEXT NOT NULL, requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}, PRIMARY KEY (receivable_id, id)
  )`,
  'CREATE INDEX IF NOT EXISTS rm_dilution_requests_holder ON rm_dilution_requests (holder_id, status, expires_at)',
  // The scope's walk down a split tree (viewer-scope.ts) joins on the parent.
  'CREATE INDEX IF NOT EXISTS rm_receivables_parent ON rm_receivables (parent_id)',
];

/**
 * A credit line's terms (its limit, its expiry) left the public state for the bank × core private
 * collection: the projection of public write sets no longer knows them, so the columns may be
 * NULL (rebuilt, rows kept: neither SQLite nor PostgreSQL-portable SQL drops a NOT NULL in place).
 */
const VERSION_6 = [
  `CREATE TABLE rm_credit_lines_v6 (
    id TEXT PRIMARY KEY, bank_msp TEXT NOT NULL, core_id TEXT NOT NULL, currency TEXT NOT NULL, limit_amount TEXT,
    status TEXT NOT NULL, expires_on TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL, ${POSITION}
  )`,
  'INSERT INTO rm_credit_lines_v6 SELECT * FROM rm_credit_lines',
  'DROP TABLE rm_credit_lines',
  'ALTER TABLE rm_credit_lines_v6 RENAME TO rm_credit_lines',
  'CREATE INDEX IF NOT EXISTS rm_credit_lines_created ON rm_credit_lines (created_at, id)',
];

/**
 * The risk gate's features as lookups, not scans of the seller's book (issue 18): a receivable's
 * invoice number folded (kernel foldInvoiceNumber), its face as an integer when SQL can sum it
 * exactly, and a participant's legal entity, as columns
 * the projection fills (rows written before this version are filled by `backfillDerived`), and
 * indexes for a root's same-invoice and near-duplicate candidates and for a supplier's issued roots.
 */
const VERSION_7: MigrationStep[] = [
  'ALTER TABLE rm_receivables ADD COLUMN invoice_fold TEXT',
  'ALTER TABLE rm_receivables ADD COLUMN face_units BIGINT',
  'ALTER TABLE rm_participants ADD COLUMN legal_entity_id TEXT',
  'CREATE INDEX IF NOT EXISTS rm_participants_entity ON rm_participants (legal_entity_id)',
  'CREATE INDEX IF NOT EXISTS rm_receivables_invoice ON rm_receivables (creditor_id, debtor_id, invoice_fold) WHERE parent_id IS NULL',
  `CREATE INDEX IF NOT EXISTS rm_receivables_terms ON rm_receivables (creditor_id, debtor_id, due_date, issue_date, face, currency)
    WHERE parent_id IS NULL`,
  `CREATE INDEX IF NOT EXISTS rm_receivables_issued ON rm_receivables (creditor_id, created_at, issue_date, face_units)
    WHERE parent_id IS NULL`,
  // A borrower's requests to a bank in order, read from the index alone.
  'CREATE INDEX IF NOT EXISTS rm_financings_requests ON rm_financings (bank_msp, borrower_id, requested_at, id)',
  backfillDerivedColumns,
];

/**
 * The chain snapshot's delta read (chainRows from a block on: `WHERE block_number >= ?`) as an
 * index range, not a scan of each table per block (issue 18: it grew with the ledger).
 */
const VERSION_8: MigrationStep[] = (['participants', 'receivables', 'financings', 'receipts', 'pledges', 'prices'] as const).map(
  (table) => `CREATE INDEX IF NOT EXISTS rm_${table}_block ON rm_${table} (block_number)`,
);

/** Schema versions in order; a database at version n runs migrations n+1… once, in one transaction each. */
export const MIGRATIONS: readonly (readonly MigrationStep[])[] = [
  VERSION_1,
  VERSION_2,
  VERSION_3,
  VERSION_4,
  VERSION_5,
  VERSION_6,
  VERSION_7,
  VERSION_8,
];

export const SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS rm_schema_version (version INTEGER NOT NULL)';
