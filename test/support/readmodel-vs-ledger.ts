import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import type { Network } from '@hyperledger/fabric-gateway';
import { connectGateway, orgByName, userOf } from '@scf/network';
import { isDeepStrictEqual } from 'node:util';
import type { SqlValue } from '../../gateway/src/readmodel/row-write';
import type { SqlRow } from '../../gateway/src/readmodel/sql-executor';
import { SqliteExecutor } from '../../gateway/src/readmodel/sqlite-repository';
import { network, utf8 } from './fabric';
import { chaincodeErrorCode } from './ledger';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import {
  type Ledger,
  type Columns,
  PARTICIPANT,
  CREDIT_LINE,
  RECEIVABLE,
  DILUTION,
  FINANCING,
  PAYMENT,
  ALLOCATION,
  TRANSFER,
  RECEIPT,
  PLEDGE,
  PRICE,
  CAP,
} from './readmodel-columns';

/**
 * The read model against the ledger, entity by entity.
 *
 * The ledger side is read through chaincode queries only: partial-key listings (participants by
 * org, receivables by holder and by debtor, credit lines and financings by bank, receipts by
 * owner, payments and dilutions by receivable) enumerate what exists, `Get…` reads one object by
 * id, `Get…History` names the transaction that last wrote it. Nothing scans the namespace.
 *
 * Scope: participants are compared in full (every org's listing); every other entity only where
 * its id (for prices, its commodity) contains one of the run's markers, so objects other runs
 * left on a long-lived ledger are out of it. For those ids the two sides must hold the same set
 * of objects, and each read-model row must equal the ledger object in every column the read
 * model keeps, in its verbatim `record`, and in its position (the block/tx of the transaction
 * that last wrote the key, looked up in `rm_transactions`).
 */

/** Read access to a read model: a SqlExecutor (SQLite or PostgreSQL) fits; `?` placeholders. */
export interface ReadModelReader {
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
}

export interface ComparisonScope {
  /** Markers (runId values): every id the run created contains one of them. */
  readonly runIds: readonly string[];
  /**
   * Pledges the run created. The chaincode lists no pledges, and a receipt names only its live
   * one: a released or cancelled pledge can be found on the ledger only by its id.
   */
  readonly pledgeIds?: readonly string[];
}

/** One disagreement. `field` is a column, `record`, `position`, or `(row)` for a row one side lacks. */
export interface Difference {
  readonly table: string;
  readonly key: string;
  readonly field: string;
  readonly readModel: unknown;
  readonly ledger: unknown;
}

export interface Comparison {
  readonly differences: Difference[];
  /** Objects compared per table (ledger ∪ read model): a comparison of nothing proves nothing. */
  readonly compared: Record<string, number>;
}

/** SQL NULL and an absent field are the same; INTEGER columns come back as numbers. */
function norm(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface HistoryEntry {
  readonly txId: string;
  readonly value?: Ledger;
}

/** Chaincode queries as the auditor, over one gateway connection. */
class LedgerQueries {
  readonly #close: () => void;
  readonly #network: Network;
  readonly #chaincode: string;

  constructor() {
    const net = network();
    const auditor = demoParticipant('auditor');
    const org = orgByName(net, auditor.org);
    const { gateway, client } = connectGateway(userOf(org, auditor.user), org.peer);
    this.#network = gateway.getNetwork(net.channel);
    this.#chaincode = net.chaincode;
    this.#close = () => {
      gateway.close();
      client.close();
    };
  }

  async query<T>(query: EvaluateCall): Promise<T> {
    const result = await this.#network
      .getContract(this.#chaincode, query.contract)
      .evaluate(query.transaction, { arguments: [...query.args] });
    return JSON.parse(utf8.decode(result)) as T;
  }

  /** `Get…` of one id, or undefined when the chaincode answers NOT_FOUND. */
  async find(query: EvaluateCall): Promise<Ledger | undefined> {
    try {
      return await this.query<Ledger>(query);
    } catch (error) {
      if (chaincodeErrorCode(error) === 'NOT_FOUND') {
        return undefined;
      }
      throw error;
    }
  }

  close(): void {
    this.#close();
  }
}

interface Table {
  readonly table: string;
  readonly columns: Columns;
  /** The read-model key of a row and of a ledger object. */
  readonly keyColumns: readonly string[];
  /** `Get…History` of the key, when the chaincode has one: its newest entry wrote the row. */
  readonly history?: (id: string) => EvaluateCall;
}

class Comparer {
  readonly differences: Difference[] = [];
  readonly compared: Record<string, number> = {};
  readonly #rm: ReadModelReader;
  readonly #ledger: LedgerQueries;

  constructor(rm: ReadModelReader, ledger: LedgerQueries) {
    this.#rm = rm;
    this.#ledger = ledger;
  }

  /** The same set of keys on both sides, and every column, the record and the position of each. */
  async compare(spec: Table, rows: readonly SqlRow[], objects: readonly Ledger[], records?: ReadonlyMap<string, unknown>): Promise<void> {
    const keyOfRow = (r: SqlRow): string => spec.keyColumns.map((c) => norm(r[c]) ?? '').join('/');
    const keyOfObject = (o: Ledger): string => spec.keyColumns.map((c) => norm(spec.columns[c]?.(o)) ?? '').join('/');
    const byKey = new Map(rows.map((r) => [keyOfRow(r), r]));
    const onLedger = new Map(objects.map((o) => [keyOfObject(o), o]));
    const keys = [...new Set([...byKey.keys(), ...onLedger.keys()])].sort();
    this.compared[spec.table] = (this.compared[spec.table] ?? 0) + keys.length;
    for (const key of keys) {
      const row = byKey.get(key);
      const object = onLedger.get(key);
      if (row === undefined || object === undefined) {
        this.differences.push({
          table: spec.table,
          key,
          field: '(row)',
          readModel: row === undefined ? undefined : 'present',
          ledger: object === undefined ? undefined : 'present',
        });
        continue;
      }
      this.#compareColumns(spec, key, row, object);
      this.#compareRecord(spec, key, row, records?.get(key));
      if (spec.history !== undefined) {
        await this.#comparePosition(spec, spec.history, key, row);
      }
    }
  }

  /** Every column the read model keeps equals its value derived from the ledger object. */
  #compareColumns(spec: Table, key: string, row: SqlRow, object: Ledger): void {
    for (const [column, of] of Object.entries(spec.columns)) {
      const expected = norm(of(object));
      const actual = norm(row[column]);
      if (actual !== expected) {
        this.differences.push({ table: spec.table, key, field: column, readModel: actual, ledger: expected });
      }
    }
  }

  /** The row's verbatim `record` (when it has one) equals the ledger record. */
  #compareRecord(spec: Table, key: string, row: SqlRow, record: unknown): void {
    if ('record' in row && record !== undefined) {
      const projected = JSON.parse(String(row.record)) as unknown;
      if (!isDeepStrictEqual(projected, record)) {
        this.differences.push({ table: spec.table, key, field: 'record', readModel: projected, ledger: record });
      }
    }
  }

  /** The row's block/tx position is the transaction that last wrote the key on the ledger. */
  async #comparePosition(spec: Table, history: (id: string) => EvaluateCall, key: string, row: SqlRow): Promise<void> {
    const versions = await this.#ledger.query<HistoryEntry[]>(history(key));
    const [tx] = await this.#rm.all('SELECT tx_id FROM rm_transactions WHERE block_number = ? AND tx_index = ?', [
      Number(row.block_number),
      Number(row.tx_index),
    ]);
    const written = tx === undefined ? null : norm(tx.tx_id);
    const last = versions[0]?.txId ?? null;
    if (written !== last) {
      this.differences.push({ table: spec.table, key, field: 'position', readModel: written, ledger: last });
    }
  }
}

/** `(col LIKE ? OR col LIKE ? …)` with its parameters: the column contains one of the markers. */
function containsAny(column: string, markers: readonly string[]): { sql: string; params: string[] } {
  return { sql: `(${markers.map(() => `${column} LIKE ?`).join(' OR ')})`, params: markers.map((m) => `%${m}%`) };
}

function uniqueById(objects: readonly Ledger[]): Ledger[] {
  return [...new Map(objects.map((o) => [String(o.id), o])).values()];
}

function recordsById(objects: readonly Ledger[]): Map<string, unknown> {
  return new Map(objects.map((o) => [String(o.id), o]));
}

/**
 * Compares the read model with the ledger for one run (see the file comment) and returns every
 * difference found; it does not throw on a difference, so a test can also expect some.
 */
export async function compareReadModelWithLedger(rm: ReadModelReader, scope: ComparisonScope): Promise<Comparison> {
  if (scope.runIds.length === 0) {
    throw new Error('a comparison needs at least one run id');
  }
  const ledger = new LedgerQueries();
  try {
    const run = new RunComparison(rm, ledger, scope);
    const { participantIds, banks, cores } = await run.participants();
    const lines = await run.creditLines(banks);
    const receivables = await run.receivables(participantIds, cores);
    await run.transfers(receivables);
    await run.dilutionsAndPayments(receivables.map((r) => String(r.id)));
    await run.financings(banks);
    await run.caps(cores, new Set([...lines, ...receivables].map((x) => String(x.currency))));
    const receipts = await run.receipts(participantIds);
    await run.pledges(receipts);
    await run.prices(receipts);
    return { differences: run.cmp.differences, compared: run.cmp.compared };
  } finally {
    ledger.close();
  }
}

/** One comparison, entity by entity: each step reads the ledger side, selects the run's rows and compares them. */
class RunComparison {
  readonly cmp: Comparer;

  constructor(
    private readonly rm: ReadModelReader,
    private readonly ledger: LedgerQueries,
    private readonly scope: ComparisonScope,
  ) {
    this.cmp = new Comparer(rm, ledger);
  }

  private inRun(id: unknown): boolean {
    return typeof id === 'string' && this.scope.runIds.some((m) => id.includes(m));
  }

  private async select(table: string, column: string, markers = this.scope.runIds): Promise<SqlRow[]> {
    const where = containsAny(column, markers);
    return this.rm.all(`SELECT * FROM ${table} WHERE ${where.sql}`, where.params);
  }

  private async inList(table: string, column: string, values: readonly string[]): Promise<SqlRow[]> {
    return values.length === 0
      ? []
      : this.rm.all(`SELECT * FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(', ')})`, values);
  }

  /**
   * Participants: every org's listing against the whole table. A row the listings miss is read
   * by its id too: a participant whose by-org index key its org's peer let be deleted (the
   * attack suite's controls do exactly that) still exists, and the read model rightly keeps it.
   */
  async participants(): Promise<{ participantIds: string[]; banks: string[]; cores: string[] }> {
    const participants: Ledger[] = [];
    for (const org of network().orgs) {
      participants.push(...(await this.ledger.query<Ledger[]>(call(tx.participant.ListParticipantsByOrg, { mspId: org.mspId }))));
    }
    const rows = await this.rm.all('SELECT * FROM rm_participants');
    const listed = new Set(participants.map((p) => String(p.id)));
    for (const row of rows.filter((r) => !listed.has(String(r.id)))) {
      const unlisted = await this.ledger.find(call(tx.participant.GetParticipant, { participantId: String(row.id) }));
      if (unlisted !== undefined) {
        participants.push(unlisted);
      }
    }
    await this.cmp.compare(
      {
        table: 'rm_participants',
        columns: PARTICIPANT,
        keyColumns: ['id'],
        history: (participantId) => call(tx.participant.GetParticipantHistory, { participantId }),
      },
      rows,
      participants,
      recordsById(participants),
    );
    return {
      participantIds: participants.map((p) => String(p.id)),
      banks: [...new Set(participants.filter((p) => p.role === 'bank').map((p) => String(p.mspId)))],
      cores: participants.filter((p) => p.role === 'core-enterprise').map((p) => String(p.id)),
    };
  }

  /** Credit lines, by bank. */
  async creditLines(banks: readonly string[]): Promise<Ledger[]> {
    const lines: Ledger[] = [];
    for (const bank of banks) {
      lines.push(
        ...(await this.ledger.query<Ledger[]>(call(tx.creditLine.ListCreditLinesByBank, { bankMsp: bank }))).filter((l) =>
          this.inRun(l.id),
        ),
      );
    }
    await this.cmp.compare(
      {
        table: 'rm_credit_lines',
        columns: CREDIT_LINE,
        keyColumns: ['id'],
        history: (lineId) => call(tx.creditLine.GetCreditLineHistory, { lineId }),
      },
      await this.select('rm_credit_lines', 'id'),
      lines,
      recordsById(lines),
    );
    return lines;
  }

  /** Receivables, by holder (every participant) and by debtor (every core enterprise). */
  async receivables(participantIds: readonly string[], cores: readonly string[]): Promise<Ledger[]> {
    const receivableLists: Ledger[] = [];
    for (const holder of participantIds) {
      receivableLists.push(...(await this.ledger.query<Ledger[]>(call(tx.receivable.ListReceivablesByHolder, { holderId: holder }))));
    }
    for (const debtor of cores) {
      receivableLists.push(...(await this.ledger.query<Ledger[]>(call(tx.receivable.ListReceivablesByDebtor, { debtorId: debtor }))));
    }
    const receivables = uniqueById(receivableLists.filter((r) => this.inRun(r.id)));
    await this.cmp.compare(
      {
        table: 'rm_receivables',
        columns: RECEIVABLE,
        keyColumns: ['id'],
        history: (receivableId) => call(tx.receivable.GetReceivableHistory, { receivableId }),
      },
      await this.select('rm_receivables', 'id'),
      receivables,
      recordsById(receivables),
    );
    return receivables;
  }

  /** Split parts passed to another holder, derived from the ledger's parent and child. */
  async transfers(receivables: readonly Ledger[]): Promise<void> {
    const byId = recordsById(receivables) as Map<string, Ledger>;
    const transfers = receivables.flatMap((child) => {
      const parent = typeof child.parentId === 'string' ? byId.get(child.parentId) : undefined;
      return parent && parent.holderId !== child.holderId
        ? [
            {
              receivableId: child.id,
              parentId: parent.id,
              fromId: parent.holderId,
              toId: child.holderId,
              amount: child.face,
              transferredAt: child.createdAt,
            },
          ]
        : [];
    });
    await this.cmp.compare(
      { table: 'rm_transfers', columns: TRANSFER, keyColumns: ['receivable_id'] },
      await this.select('rm_transfers', 'receivable_id'),
      transfers,
    );
  }

  /** Dilutions and payments (and their allocations), by receivable. */
  async dilutionsAndPayments(receivableIds: readonly string[]): Promise<void> {
    const dilutions: Ledger[] = [];
    const payments: Ledger[] = [];
    for (const receivableId of receivableIds) {
      dilutions.push(...(await this.ledger.query<Ledger[]>(call(tx.receivable.ListDilutions, { receivableId }))));
      payments.push(...(await this.ledger.query<Ledger[]>(call(tx.repayment.ListPaymentsByReceivable, { receivableId }))));
    }
    const dilutionRecords = new Map(dilutions.map((d) => [`${String(d.receivableId)}/${String(d.id)}`, d]));
    await this.cmp.compare(
      { table: 'rm_dilutions', columns: DILUTION, keyColumns: ['receivable_id', 'id'] },
      await this.select('rm_dilutions', 'receivable_id'),
      dilutions,
      dilutionRecords,
    );
    const paymentRows = uniqueRows([...(await this.select('rm_payments', 'id')), ...(await this.select('rm_payments', 'receivable_id'))]);
    await this.cmp.compare(
      {
        table: 'rm_payments',
        columns: PAYMENT,
        keyColumns: ['id'],
        history: (paymentId) => call(tx.repayment.GetPaymentHistory, { paymentId }),
      },
      paymentRows,
      payments,
      recordsById(payments),
    );
    await this.allocations(payments, paymentRows);
  }

  /** Each payment's allocations, and each allocation row at its payment's position. */
  private async allocations(payments: readonly Ledger[], paymentRows: readonly SqlRow[]): Promise<void> {
    const allocations = payments.flatMap((p) => ((p.allocations ?? []) as Ledger[]).map((a, seq) => ({ ...a, paymentId: p.id, seq })));
    const paymentIds = [...new Set([...payments.map((p) => String(p.id)), ...paymentRows.map((r) => String(r.id))])];
    const allocationRows = await this.inList('rm_payment_allocations', 'payment_id', paymentIds);
    await this.cmp.compare(
      { table: 'rm_payment_allocations', columns: ALLOCATION, keyColumns: ['payment_id', 'seq'] },
      allocationRows,
      allocations,
    );
    // An allocation is rewritten with its payment: same position.
    const paymentPosition = new Map(paymentRows.map((r) => [String(r.id), positionOf(r)]));
    for (const a of allocationRows) {
      const own = positionOf(a);
      const payment = paymentPosition.get(String(a.payment_id));
      if (payment !== undefined && own !== payment) {
        this.cmp.differences.push({
          table: 'rm_payment_allocations',
          key: `${String(a.payment_id)}/${String(a.seq)}`,
          field: 'position',
          readModel: own,
          ledger: payment,
        });
      }
    }
  }

  /** Financings, by bank; the first REPAID/DEFAULTED version's time from the history. */
  async financings(banks: readonly string[]): Promise<void> {
    const financings: Ledger[] = [];
    for (const bank of banks) {
      for (const f of (await this.ledger.query<Ledger[]>(call(tx.financing.ListFinancingsByBank, { bankMsp: bank }))).filter((x) =>
        this.inRun(x.id),
      )) {
        financings.push(await withEndTimes(this.ledger, f));
      }
    }
    const financingRecords = new Map(financings.map((f) => [String(f.id), withoutEndTimes(f)]));
    await this.cmp.compare(
      {
        table: 'rm_financings',
        columns: FINANCING,
        keyColumns: ['id'],
        history: (financingId) => call(tx.financing.GetFinancingHistory, { financingId }),
      },
      await this.select('rm_financings', 'id'),
      financings,
      financingRecords,
    );
  }

  /** Caps: each row's amount, and every cap the ledger has on a core in a currency of the run. */
  async caps(cores: readonly string[], currencies: ReadonlySet<string>): Promise<void> {
    const capRows = await this.rm.all('SELECT * FROM rm_consortium_caps');
    const capKeys = new Map<string, { coreId: string; currency: string }>();
    for (const r of capRows) {
      capKeys.set(`${String(r.core_id)}/${String(r.currency)}`, { coreId: String(r.core_id), currency: String(r.currency) });
    }
    for (const coreId of cores) {
      for (const currency of currencies) {
        capKeys.set(`${coreId}/${currency}`, { coreId, currency });
      }
    }
    const caps: Ledger[] = [];
    for (const { coreId, currency } of capKeys.values()) {
      const exposure = await this.ledger.query<{ cap: string | null }>(call(tx.creditLine.GetCoreExposure, { coreId, currency }));
      if (exposure.cap !== null) {
        caps.push({ coreId, currency, cap: exposure.cap });
      }
    }
    await this.cmp.compare({ table: 'rm_consortium_caps', columns: CAP, keyColumns: ['core_id', 'currency'] }, capRows, caps);
  }

  /** Warehouse receipts, by owner (every participant). */
  async receipts(participantIds: readonly string[]): Promise<Ledger[]> {
    const receipts: Ledger[] = [];
    for (const owner of participantIds) {
      receipts.push(
        ...(await this.ledger.query<Ledger[]>(call(tx.warehouse.ListReceiptsByOwner, { ownerId: owner }))).filter((r) => this.inRun(r.id)),
      );
    }
    await this.cmp.compare(
      {
        table: 'rm_receipts',
        columns: RECEIPT,
        keyColumns: ['id'],
        history: (receiptId) => call(tx.warehouse.GetReceiptHistory, { receiptId }),
      },
      await this.select('rm_receipts', 'id'),
      receipts,
      recordsById(receipts),
    );
    return receipts;
  }

  /** Pledges, by id: the receipts' live pledges, the ones the run names, and every one the read model holds. */
  async pledges(receipts: readonly Ledger[]): Promise<void> {
    const pledgeRows = await this.select('rm_pledges', 'id');
    const pledgeIds = new Set([
      ...receipts.flatMap((r) => (typeof r.pledgeId === 'string' ? [r.pledgeId] : [])),
      ...(this.scope.pledgeIds ?? []),
      ...pledgeRows.map((r) => String(r.id)),
    ]);
    const pledges: Ledger[] = [];
    for (const pledgeId of pledgeIds) {
      const pledge = await this.ledger.find(call(tx.warehouse.GetPledge, { pledgeId }));
      if (pledge !== undefined) {
        pledges.push(pledge);
      }
    }
    await this.cmp.compare(
      {
        table: 'rm_pledges',
        columns: PLEDGE,
        keyColumns: ['id'],
        history: (pledgeId) => call(tx.warehouse.GetPledgeHistory, { pledgeId }),
      },
      pledgeRows,
      pledges,
      recordsById(pledges),
    );
  }

  /** Prices of the run's commodities (a commodity name cannot hold '-': the markers without it). */
  async prices(receipts: readonly Ledger[]): Promise<void> {
    const grades = new Map(
      receipts.map((r) => [
        `${String(r.commodity)}/${String(r.grade)}/${String(r.unit)}`,
        [String(r.commodity), String(r.grade), String(r.unit)],
      ]),
    );
    const prices: Ledger[] = [];
    for (const [commodity = '', grade = '', unit = ''] of grades.values()) {
      const price = await this.ledger.query<Ledger | null>(call(tx.warehouse.GetPrice, { commodity, grade, unit }));
      if (price !== null) {
        prices.push(price);
      }
    }
    const priceMarkers = this.scope.runIds.map((m) => m.replace(/[^A-Za-z0-9]/g, ''));
    const priceRecords = new Map(prices.map((p) => [`${String(p.commodity)}/${String(p.grade)}/${String(p.unit)}`, p]));
    await this.cmp.compare(
      { table: 'rm_prices', columns: PRICE, keyColumns: ['commodity', 'grade', 'unit'] },
      await this.select('rm_prices', 'commodity', priceMarkers),
      prices,
      priceRecords,
    );
  }
}

/** A row's `block/tx` position. */
function positionOf(row: SqlRow): string {
  return `${norm(row.block_number) ?? ''}/${norm(row.tx_index) ?? ''}`;
}

function uniqueRows(rows: readonly SqlRow[]): SqlRow[] {
  return [...new Map(rows.map((r) => [String(r.id), r])).values()];
}

/** `repaidAt`/`defaultedAt`: the updatedAt of the oldest version in that status (history is newest first). */
async function withEndTimes(ledger: LedgerQueries, financing: Ledger): Promise<Ledger> {
  if (financing.status !== 'REPAID' && financing.status !== 'DEFAULTED') {
    return financing;
  }
  const history = await ledger.query<HistoryEntry[]>(call(tx.financing.GetFinancingHistory, { financingId: String(financing.id) }));
  const firstIn = (status: string): unknown => [...history].reverse().find((h) => h.value?.status === status)?.value?.updatedAt;
  return { ...financing, repaidAt: firstIn('REPAID'), defaultedAt: firstIn('DEFAULTED') };
}

function withoutEndTimes(financing: Ledger): Ledger {
  return Object.fromEntries(Object.entries(financing).filter(([name]) => name !== 'repaidAt' && name !== 'defaultedAt'));
}

/** Asserts the read model equals the ledger for the run, and returns how many objects of each table were compared. */
export async function expectReadModelMatchesLedger(rm: ReadModelReader, scope: ComparisonScope): Promise<Record<string, number>> {
  const { differences, compared } = await compareReadModelWithLedger(rm, scope);
  expect(differences).toEqual([]);
  return compared;
}

/** Runs `fn` with a reader of a read model's SQLite file (its own connections, beside a running writer). */
export async function withReadModelFile<T>(file: string, fn: (rm: SqliteExecutor) => Promise<T>): Promise<T> {
  const executor = new SqliteExecutor(file);
  try {
    return await fn(executor);
  } finally {
    await executor.close();
  }
}
