import type { BankBook, InvoiceTwins, SupplierHistory, TransferEdge } from '../risk/inputs';
import { epochSeconds, transfersWithin } from './history-features';
import { bankBookIn, invoiceTwinsIn, supplierHistoryIn } from './sql-risk-features';
import type { RequestTime } from './risk-features';
import { CHAIN_COLUMNS, CHAIN_SEPARATOR, type ChainRows, type ChainTable } from './chain-source';
import type { ReportCapRow, ReportFinancingRow, ReportLineRow, ReportReceivableRow } from './report-source';
import type {
  BlockApplication,
  CompiledSearch,
  ParticipantRef,
  ReadModelRepository,
  ReadModelStatus,
  SkippedTransactionRow,
} from './repository';
import type { BlockProjection, RowWrite, SkippedTransaction, SqlValue, TransactionProjection } from './row-write';
import { receivableTrees } from './receivable-trees';
import { MIGRATIONS, SCHEMA_VERSION_TABLE } from './schema';
import { asText as text, textLiterals, upsertStatement } from './sql';
import { RowRefusedError, type SqlExecutor, type SqlRow, type SqlTransaction } from './sql-executor';
import { LIVE_FINANCING_STATUSES } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { Parties } from '@scf/kernel/visibility';

/** The kernel's live financing statuses as an SQL list: ('ACTIVE', 'DEFAULTED'). */
const LIVE_FINANCING_SQL = `(${textLiterals(LIVE_FINANCING_STATUSES)})`;

const bankScope = (bankMsp: string | undefined): SqlValue[] => (bankMsp === undefined ? [] : [bankMsp]);

/** Thrown when a block arrives out of order: the listener restarts from its checkpoint. */
export class CheckpointGapError extends Error {
  constructor(expected: bigint, got: bigint) {
    super(`read model expects block ${String(expected)}, got block ${String(got)}`);
    this.name = 'CheckpointGapError';
  }
}

async function writeRow(tx: SqlTransaction, write: RowWrite): Promise<void> {
  const statement = upsertStatement(write);
  await tx.run(statement.sql, statement.params);
}

/** Runs `work` inside a savepoint; a row the database refuses rolls back to it and is returned as the error. */
async function refusedIn(tx: SqlTransaction, work: () => Promise<void>): Promise<RowRefusedError | undefined> {
  await tx.run('SAVEPOINT rm_transaction');
  try {
    await work();
  } catch (error) {
    if (!(error instanceof RowRefusedError)) {
      throw error;
    }
    await tx.run('ROLLBACK TO SAVEPOINT rm_transaction');
    await tx.run('RELEASE SAVEPOINT rm_transaction');
    return error;
  }
  await tx.run('RELEASE SAVEPOINT rm_transaction');
  return undefined;
}

/**
 * Writes one transaction's record and rows, all or none. When the database refuses one of them
 * (for its data: the same row would be refused on every retry), they are rolled back, the record
 * alone is written if it can be, and the refusal is returned: the transaction is then skipped,
 * not the block. Any other failure (a lost connection) propagates and the block rolls back.
 */
async function applyTransaction(tx: SqlTransaction, transaction: TransactionProjection): Promise<string | undefined> {
  const refused = await refusedIn(tx, async () => {
    for (const write of [transaction.record, ...transaction.rows]) {
      await writeRow(tx, write);
    }
  });
  if (refused === undefined) {
    return undefined;
  }
  const recordRefused = await refusedIn(tx, () => writeRow(tx, transaction.record));
  const which = recordRefused === undefined ? 'a row of its writes' : 'its transaction record';
  return `the read model refused ${which} (${refused.driverCode}): ${refused.message}`;
}

/** A transaction the projection could not read: its record alone (when the database takes it), and its error. */
async function applyUnread(tx: SqlTransaction, transaction: TransactionProjection, error: string): Promise<string> {
  await refusedIn(tx, () => writeRow(tx, transaction.record));
  return error;
}

function skippedRow(entry: SkippedTransaction): RowWrite {
  return {
    table: 'rm_skipped_transactions',
    key: ['block_number', 'tx_index'],
    values: {
      block_number: String(entry.blockNumber),
      tx_index: entry.txIndex,
      tx_id: entry.txId,
      fn: entry.fn,
      error: entry.error,
      skipped_at: new Date().toISOString(),
    },
  };
}

/**
 * Brings the schema up to date (or to `toVersion`, for tests of a migration): each pending
 * migration and its version bump in one transaction.
 */
export async function migrate(executor: SqlExecutor, toVersion = MIGRATIONS.length): Promise<void> {
  await executor.transaction(async (tx) => {
    await tx.run(SCHEMA_VERSION_TABLE);
  });
  const [current] = await executor.all('SELECT MAX(version) AS version FROM rm_schema_version');
  const version = current?.version === null || current?.version === undefined ? 0 : Number(current.version);
  for (const [index, statements] of MIGRATIONS.entries()) {
    if (index + 1 <= version || index + 1 > toVersion) {
      continue;
    }
    await executor.transaction(async (tx) => {
      for (const step of statements) {
        await (typeof step === 'string' ? tx.run(step) : step(tx));
      }
      await tx.run('INSERT INTO rm_checkpoint (id, next_block, updated_at) VALUES (1, 0, ?) ON CONFLICT (id) DO NOTHING', [
        new Date().toISOString(),
      ]);
      await tx.run('INSERT INTO rm_schema_version (version) VALUES (?)', [index + 1]);
    });
  }
}

/** The read model over SQL that SQLite and PostgreSQL both run unchanged. */
export class SqlReadModelRepository implements ReadModelRepository {
  readonly #sql: SqlExecutor;

  constructor(executor: SqlExecutor) {
    this.#sql = executor;
  }

  get driver(): 'sqlite' | 'postgres' {
    return this.#sql.dialect;
  }

  async nextBlock(): Promise<bigint> {
    const [row] = await this.#sql.all('SELECT next_block FROM rm_checkpoint WHERE id = 1');
    return row ? BigInt(text(row.next_block)) : 0n;
  }

  applyBlock(projection: BlockProjection): Promise<BlockApplication> {
    return this.#sql.transaction(async (tx) => {
      const [row] = await tx.all('SELECT next_block FROM rm_checkpoint WHERE id = 1');
      const expected = row ? BigInt(text(row.next_block)) : 0n;
      if (projection.blockNumber < expected) {
        return { applied: false, skipped: [] };
      }
      if (projection.blockNumber > expected) {
        throw new CheckpointGapError(expected, projection.blockNumber);
      }
      const skipped: SkippedTransaction[] = [];
      for (const transaction of projection.transactions) {
        const error =
          transaction.error === undefined ? await applyTransaction(tx, transaction) : await applyUnread(tx, transaction, transaction.error);
        if (error !== undefined) {
          const entry = {
            blockNumber: projection.blockNumber,
            txIndex: transaction.txIndex,
            txId: transaction.txId,
            fn: transaction.fn,
            error,
          };
          await writeRow(tx, skippedRow(entry));
          skipped.push(entry);
        }
      }
      // Conditional on the value read: a concurrent writer of the same block makes this one roll back.
      const next = projection.blockNumber + 1n;
      const moved = await tx.run('UPDATE rm_checkpoint SET next_block = ?, updated_at = ? WHERE id = 1 AND next_block = ?', [
        String(next),
        new Date().toISOString(),
        String(expected),
      ]);
      if (moved !== 1) {
        throw new CheckpointGapError(expected, projection.blockNumber);
      }
      return { applied: true, skipped };
    });
  }

  async skippedTransactions(limit: number, offset: number): Promise<SkippedTransactionRow[]> {
    const rows = await this.#sql.all(
      'SELECT block_number, tx_index, tx_id, fn, error, skipped_at FROM rm_skipped_transactions ORDER BY block_number, tx_index LIMIT ? OFFSET ?',
      [limit, offset],
    );
    return rows.map((r) => ({
      blockNumber: text(r.block_number),
      txIndex: Number(r.tx_index),
      txId: text(r.tx_id),
      fn: text(r.fn),
      error: text(r.error),
      skippedAt: text(r.skipped_at),
    }));
  }

  async search(query: CompiledSearch): Promise<SqlRow[]> {
    const where = query.where.length === 0 ? '' : ` WHERE ${query.where.map((w) => `(${w.sql})`).join(' AND ')}`;
    const params: SqlValue[] = [...query.where.flatMap((w) => w.params), query.limit, query.offset];
    return this.#sql.all(`SELECT * FROM ${query.table}${where} ORDER BY ${query.orderBy} LIMIT ? OFFSET ?`, params);
  }

  async participantByIdentity(mspId: string, clientId: string): Promise<ParticipantRef | undefined> {
    const [row] = await this.#sql.all('SELECT id, role, msp_id, status FROM rm_participants WHERE msp_id = ? AND client_id = ?', [
      mspId,
      clientId,
    ]);
    return row ? { id: text(row.id), role: text(row.role), mspId: text(row.msp_id), status: text(row.status) } : undefined;
  }

  async receivableRecord(id: string): Promise<string | undefined> {
    const [row] = await this.#sql.all('SELECT record FROM rm_receivables WHERE id = ?', [id]);
    return row ? text(row.record) : undefined;
  }

  receivableTrees(ids: readonly string[]): Promise<Map<string, Parties>> {
    return receivableTrees(this.#sql, ids);
  }

  async status(): Promise<ReadModelStatus> {
    const [row] = await this.#sql.all('SELECT COUNT(*) AS n FROM rm_transactions');
    const [skipped] = await this.#sql.all('SELECT COUNT(*) AS n FROM rm_skipped_transactions');
    return { nextBlock: await this.nextBlock(), transactionCount: Number(row?.n ?? 0), skippedCount: Number(skipped?.n ?? 0) };
  }

  supplierHistory(supplierId: string, nowSeconds: number): Promise<SupplierHistory> {
    return supplierHistoryIn(this.#sql, supplierId, nowSeconds);
  }

  bankBook(bankMsp: string): Promise<BankBook> {
    return bankBookIn(this.#sql, bankMsp);
  }

  /** All of them (the velocity check counts within its window); the excluded one left out. */
  async recentRequestTimes(bankMsp: string, borrowerId: string, excludeFinancingId?: string): Promise<number[]> {
    return (await this.requestTimesById(bankMsp, borrowerId)).filter((r) => r.id !== excludeFinancingId).map((r) => r.at);
  }

  async requestTimesById(bankMsp: string, borrowerId: string): Promise<RequestTime[]> {
    const rows = await this.#sql.all(
      'SELECT id, requested_at FROM rm_financings WHERE bank_msp = ? AND borrower_id = ? ORDER BY requested_at, id',
      [bankMsp, borrowerId],
    );
    return rows.map((r) => ({ id: text(r.id), at: epochSeconds(text(r.requested_at)) }));
  }

  transfersAround(participantId: string, maxDepth: number): Promise<TransferEdge[]> {
    return transfersWithin(participantId, maxDepth, async (participants) => {
      const marks = participants.map(() => '?').join(', ');
      const rows = await this.#sql.all(
        `SELECT DISTINCT from_id, to_id FROM rm_transfers WHERE from_id IN (${marks}) OR to_id IN (${marks})`,
        [...participants, ...participants],
      );
      return rows.map((r) => ({ from: text(r.from_id), to: text(r.to_id) }));
    });
  }

  /** For a split part, the invoice is its root's: the root is compared. */
  invoiceTwins(financed: Receivable): Promise<InvoiceTwins> {
    return invoiceTwinsIn(this.#sql, financed);
  }

  async reportCreditLines(bankMsp?: string): Promise<ReportLineRow[]> {
    const rows = await this.#sql.all(
      `SELECT id, bank_msp, core_id, currency, limit_amount, status, expires_on FROM rm_credit_lines${bankMsp === undefined ? '' : ' WHERE bank_msp = ?'} ORDER BY id`,
      bankScope(bankMsp),
    );
    return rows.map((r) => ({
      id: text(r.id),
      bankMsp: text(r.bank_msp),
      coreId: text(r.core_id),
      currency: text(r.currency),
      limit: r.limit_amount === null ? null : text(r.limit_amount),
      status: text(r.status),
      expiresOn: r.expires_on === null ? null : text(r.expires_on),
    }));
  }

  async reportConsortiumCaps(): Promise<ReportCapRow[]> {
    const rows = await this.#sql.all('SELECT core_id, currency, cap FROM rm_consortium_caps ORDER BY core_id, currency');
    return rows.map((r) => ({ coreId: text(r.core_id), currency: text(r.currency), cap: text(r.cap) }));
  }

  async reportOpenFinancings(bankMsp?: string): Promise<ReportFinancingRow[]> {
    const rows = await this.#sql.all(
      `SELECT id, line_id, bank_msp, borrower_id, debtor_id, currency, outstanding_principal, maturity_date FROM rm_financings
       WHERE status IN ${LIVE_FINANCING_SQL} AND outstanding_principal <> '0'${bankMsp === undefined ? '' : ' AND bank_msp = ?'} ORDER BY id`,
      bankScope(bankMsp),
    );
    return rows.map((r) => ({
      id: text(r.id),
      lineId: text(r.line_id),
      bankMsp: text(r.bank_msp),
      borrowerId: text(r.borrower_id),
      coreId: text(r.debtor_id),
      currency: text(r.currency),
      outstandingPrincipal: text(r.outstanding_principal),
      maturityDate: text(r.maturity_date),
    }));
  }

  async reportOpenReceivables(bankMsp?: string): Promise<ReportReceivableRow[]> {
    const rows = await this.#sql.all(
      `SELECT id, debtor_id, holder_id, currency, outstanding, due_date FROM rm_receivables
       WHERE status IN ('ISSUED', 'DISPUTED', 'CONFIRMED') AND outstanding <> '0'${bankMsp === undefined ? '' : ' AND id IN (SELECT receivable_id FROM rm_financings WHERE bank_msp = ?)'} ORDER BY id`,
      bankScope(bankMsp),
    );
    return rows.map((r) => ({
      id: text(r.id),
      debtorId: text(r.debtor_id),
      holderId: text(r.holder_id),
      currency: text(r.currency),
      outstanding: text(r.outstanding),
      dueDate: text(r.due_date),
    }));
  }

  async chainRows(fromBlock?: bigint): Promise<ChainRows> {
    const height = await this.nextBlock();
    const tables = {} as Record<ChainTable, string[][]>;
    // Every row write sets block_number (entity-rows.ts), and nothing is deleted: the rows written from a block on are all that changed since.
    const since = fromBlock === undefined ? '' : ' WHERE block_number >= ?';
    const params = fromBlock === undefined ? [] : [fromBlock.toString()];
    for (const name of Object.keys(CHAIN_COLUMNS) as ChainTable[]) {
      // One text column per row, split here: far cheaper than a driver object per row.
      const joined = CHAIN_COLUMNS[name].map((column) => `COALESCE(CAST(${column} AS TEXT), '')`).join(` || '${CHAIN_SEPARATOR}' || `);
      const rows = await this.#sql.all(`SELECT ${joined} AS r FROM rm_${name}${since}`, params);
      tables[name] = rows.map((row) => text(row.r).split(CHAIN_SEPARATOR));
    }
    const [last] = await this.#sql.all('SELECT tx_timestamp FROM rm_transactions ORDER BY block_number DESC, tx_index DESC LIMIT 1');
    return { height, lastTxTimestamp: last === undefined ? undefined : text(last.tx_timestamp), tables };
  }

  close(): Promise<void> {
    return this.#sql.close();
  }
}
