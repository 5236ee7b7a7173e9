import { foldInvoiceNumber } from '@scf/kernel/text-fold';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';
import { dilutionRow, financingRow, participantRow, receivableRow } from '../entity-rows';
import { supplierHistoryOf, type FinancingHistoryRow, type IssuedReceivableRow } from '../history-features';
import type { ReadModelRepository } from '../repository';
import type { BlockProjection, RowWrite } from '../row-write';
import { upsertStatement } from '../sql';
import { migrate, SqlReadModelRepository } from '../sql-repository';
import type { DatabaseOpener } from './repository-contract';

const LONG = '1234567890123456789012345'; // 25 digits: beyond BIGINT
const NOW_ISO = '2026-06-01T12:00:00.000Z';
const NOW = Date.parse(NOW_ISO) / 1000;
const at = { blockNumber: 0, txIndex: 0 };

function participant(id: string, legalEntityId: string): RowWrite {
  const p = { id, legalEntityId, mspId: 'SuppliersMSP', clientId: id, role: 'supplier', status: 'ACTIVE', name: id };
  return participantRow({ ...p, registeredAt: NOW_ISO, updatedAt: NOW_ISO } as unknown as Participant, JSON.stringify(p), at);
}

interface ReceivableSpec {
  readonly invoiceNumber?: string;
  readonly creditorId?: string;
  readonly debtorId?: string;
  readonly face?: string;
  readonly issueDate?: string;
  readonly dueDate?: string;
  readonly currency?: string;
  readonly rootId?: string;
  readonly parentId?: string;
  readonly createdAt?: string;
}

function receivable(id: string, spec: ReceivableSpec = {}): Receivable {
  const r = {
    invoiceNumber: `INV-${id}`,
    currency: 'USD',
    issueDate: '2026-03-01',
    dueDate: '2026-05-31',
    creditorId: 'seller',
    debtorId: 'buyer',
    face: '1000',
    rootId: id,
    createdAt: '2026-03-01T09:00:00.000Z',
    ...spec,
  };
  return {
    ...r,
    id,
    childIds: [],
    holderId: r.creditorId,
    holderMsp: 'SuppliersMSP',
    outstanding: r.face,
    settled: '0',
    diluted: '0',
    status: 'CONFIRMED',
    delinquency: 'CURRENT',
    updatedAt: r.createdAt,
  } as unknown as Receivable;
}

const receivableWrite = (r: Receivable): RowWrite => receivableRow(r, JSON.stringify(r), at);

function transactionRecord(blockNumber: number): RowWrite {
  return {
    table: 'rm_transactions',
    key: ['block_number', 'tx_index'],
    values: {
      block_number: blockNumber,
      tx_index: 0,
      tx_id: `tx-${String(blockNumber)}`,
      header_type: 3,
      validation_code: 0,
      validation_name: 'VALID',
      tx_timestamp: NOW_ISO,
      creator_msp: 'SuppliersMSP',
      creator_id: 'x',
      creator_cert_hash: 'x',
      chaincode: 'scf',
      fn: 'test',
      args: '[]',
    },
  };
}

function block(blockNumber: number, rows: readonly RowWrite[]): BlockProjection {
  const record = transactionRecord(blockNumber);
  return { blockNumber: BigInt(blockNumber), transactions: [{ txIndex: 0, txId: `tx-${String(blockNumber)}`, fn: 'test', record, rows }] };
}

/** Two participants of the seller's company, one of the buyer's, and another buyer. */
const PARTICIPANTS = [
  participant('seller', 'LEI-S'),
  participant('seller-2', 'LEI-S'),
  participant('buyer', 'LEI-B'),
  participant('other', 'LEI-O'),
];

/** The financed invoice and its possible twins: folding, near-duplicates, and what is neither. */
const FINANCED = receivable('fin', { invoiceNumber: 'inv-001', face: '5000' });
const TWIN_ROWS = [
  receivable('fullwidth', { invoiceNumber: 'ＩＮＶ－００１', face: '7000' }), // same invoice, folded
  receivable('second-id', { invoiceNumber: 'INV 001', creditorId: 'seller-2', issueDate: '2026-01-01' }), // same company
  receivable('near', { invoiceNumber: 'INV-002', face: '5000' }), // other number, same terms
  receivable('near-other-face', { invoiceNumber: 'INV-003', face: '5001' }),
  receivable('other-debtor', { invoiceNumber: 'inv-001', debtorId: 'other' }),
  receivable('fin-a', { invoiceNumber: 'inv-001', face: '5000', rootId: 'fin', parentId: 'fin' }), // its own split
  receivable('split-of-fullwidth', { invoiceNumber: 'inv-001', rootId: 'fullwidth', parentId: 'fullwidth' }), // not a root
].map(receivableWrite);
const EXPECTED_TWINS = { sameInvoiceIds: ['fullwidth', 'second-id'], nearDuplicateIds: ['near'] };

const VERSION_7_COLUMNS = ['invoice_fold', 'face_units', 'legal_entity_id'];

/** Runs one write as it would have been written before schema version 7 (without the derived columns). */
async function writeBeforeVersion7(open: DatabaseOpener, rows: readonly RowWrite[]): Promise<void> {
  const executor = open();
  await migrate(executor, 6);
  await executor.transaction(async (tx) => {
    for (const write of rows) {
      const values = Object.fromEntries(Object.entries(write.values).filter(([column]) => !VERSION_7_COLUMNS.includes(column)));
      const statement = upsertStatement({ ...write, values });
      await tx.run(statement.sql, statement.params);
    }
  });
  await executor.close();
}

function financing(
  id: string,
  status: string,
  spec: { requestedAt?: string; repaidAt?: string; defaultedAt?: string; maturity?: string; outstanding?: string; borrower?: string },
): RowWrite {
  const f = {
    id,
    receivableId: `r-${id}`,
    lineId: 'line',
    bankMsp: 'BankAMSP',
    borrowerId: spec.borrower ?? 'seller',
    borrowerMsp: 'SuppliersMSP',
    debtorId: 'buyer',
    currency: 'USD',
    amount: '100',
    outstandingPrincipal: spec.outstanding ?? '0',
    repaidPrincipal: '100',
    status,
    maturityDate: spec.maturity ?? '2026-04-30',
    requestedAt: spec.requestedAt ?? '2026-03-02T00:00:00.000Z',
    updatedAt: spec.defaultedAt ?? spec.repaidAt ?? '2026-03-02T00:00:00.000Z',
  } as unknown as Financing;
  const write = financingRow(f, JSON.stringify(f), at);
  // A financing repaid after it defaulted keeps both times (keepFirst): set them as the projection would have.
  return { ...write, values: { ...write.values, repaid_at: spec.repaidAt ?? null, defaulted_at: spec.defaultedAt ?? null } };
}

/** Financings around "now" (at, before, after) and receivables and dilutions with amounts of every length. */
const HISTORY_ROWS: RowWrite[] = [
  financing('on-time', 'REPAID', { repaidAt: '2026-04-30T23:00:00.000Z' }),
  financing('late', 'REPAID', { repaidAt: '2026-05-01T00:00:00.000Z' }),
  financing('repaid-at-now', 'REPAID', { repaidAt: NOW_ISO, maturity: '2026-06-01' }),
  financing('repaid-after-now', 'REPAID', { repaidAt: '2026-06-01T12:00:00.001Z' }),
  financing('defaulted-then-repaid', 'REPAID', { defaultedAt: '2026-05-10T00:00:00.000Z', repaidAt: '2026-05-20T00:00:00.000Z' }),
  financing('repaid-defaulted-later', 'DEFAULTED', { repaidAt: '2026-04-01T00:00:00.000Z', defaultedAt: '2026-07-01T00:00:00.000Z' }),
  financing('defaulted-at-now', 'DEFAULTED', { defaultedAt: NOW_ISO }),
  financing('active', 'ACTIVE', {}),
  financing('requested', 'REQUESTED', {}),
  financing('requested-after-now', 'ACTIVE', { requestedAt: '2026-06-02T00:00:00.000Z' }),
  ...[
    receivable('h1', { face: LONG, issueDate: '2026-01-15', createdAt: '2026-01-15T08:00:00.000Z' }),
    receivable('h2', { face: '999999999999999999', issueDate: '2026-01-20' }), // 18 digits: summed by SQL
    receivable('h3', { face: '7', issueDate: '2026-04-01', createdAt: NOW_ISO }), // created at now: known
    receivable('h4', { face: '8', issueDate: '2026-06-01', createdAt: '2026-06-01T12:00:01.000Z' }), // after now
    receivable('h1-a', { face: '5', rootId: 'h1', parentId: 'h1', issueDate: '2026-02-01' }), // a split: not issued again
  ].map(receivableWrite),
  ...[
    { receivableId: 'h2', id: 'd1', amount: LONG, recordedAt: '2026-02-01T00:00:00.000Z' },
    { receivableId: 'h2', id: 'd2', amount: '25', recordedAt: NOW_ISO },
    { receivableId: 'h2', id: 'd3', amount: '1000', recordedAt: '2026-07-01T00:00:00.000Z' },
  ].map((d) => dilutionRow({ ...d, kind: 'RETURN', recordedBy: 'buyer' }, JSON.stringify(d), at)),
];

/** The JS reference (supplierHistoryOf) over the same rows as the SQL. */
function referenceHistory(nowSeconds: number): ReturnType<typeof supplierHistoryOf> {
  const nowIso = new Date(nowSeconds * 1000).toISOString();
  const of = (table: string): Record<string, unknown>[] => HISTORY_ROWS.filter((w) => w.table === table).map((w) => w.values);
  const financings = of('rm_financings').filter((f) => String(f.requested_at) <= nowIso) as unknown as FinancingHistoryRow[];
  const issued = of('rm_receivables').filter(
    (r) => r.parent_id === null && String(r.created_at) <= nowIso,
  ) as unknown as IssuedReceivableRow[];
  const dilutions = of('rm_dilutions')
    .filter((d) => String(d.recorded_at) <= nowIso)
    .map((d) => String(d.amount));
  return supplierHistoryOf(financings, issued, dilutions, nowSeconds);
}

/** The risk gate's features as lookups (issue 18): the same answers as the scans they replaced. */
export function riskFeaturesContract(freshDatabase: () => Promise<DatabaseOpener>): void {
  let repository: ReadModelRepository | undefined;
  afterEach(async () => {
    await repository?.close();
    repository = undefined;
  });
  const opened = async (open: DatabaseOpener): Promise<ReadModelRepository> => {
    const executor = open();
    await migrate(executor);
    repository = new SqlReadModelRepository(executor);
    return repository;
  };

  it('finds an invoice folded alike as the same invoice, the same terms as a near-duplicate, never its own tree', async () => {
    const repo = await opened(await freshDatabase());
    await repo.applyBlock(block(0, [...PARTICIPANTS, receivableWrite(FINANCED), ...TWIN_ROWS]));
    expect(await repo.invoiceTwins(FINANCED)).toEqual(EXPECTED_TWINS);
    // A split part is compared by its root.
    const part = receivable('fin-a', { invoiceNumber: 'inv-001', face: '5000', rootId: 'fin', parentId: 'fin' });
    expect(await repo.invoiceTwins(part)).toEqual(EXPECTED_TWINS);
    // A seller the read model does not know has no twins.
    expect(await repo.invoiceTwins(receivable('x', { creditorId: 'stranger', invoiceNumber: 'inv-001' }))).toEqual({
      sameInvoiceIds: [],
      nearDuplicateIds: [],
    });
  });

  it('fills the derived columns of rows projected before schema version 7: they are found as twins and summed after it', async () => {
    const open = await freshDatabase();
    const long = receivable('long', { invoiceNumber: 'INV-L', face: LONG, issueDate: '2026-01-01' });
    await writeBeforeVersion7(open, [...PARTICIPANTS, ...TWIN_ROWS, receivableWrite(long), transactionRecord(0)]);
    const repo = await opened(open);
    const [filled] = await repo.search({
      table: 'rm_receivables',
      where: [{ sql: 'id = ?', params: ['fullwidth'] }],
      orderBy: 'id',
      limit: 1,
      offset: 0,
    });
    expect(filled?.invoice_fold).toBe(foldInvoiceNumber('inv-001'));
    expect(String(filled?.face_units)).toBe('7000');
    expect(await repo.invoiceTwins(FINANCED)).toEqual(EXPECTED_TWINS);
    // Roots of 'seller' (not seller-2's): fullwidth 7000, near 5000, near-other-face 5001, other-debtor 1000, long; by month.
    expect(await repo.supplierHistory('seller', NOW)).toMatchObject({
      totalFace: 18_001n + BigInt(LONG),
      monthlyVolumes: [BigInt(LONG), 0n, 18_001n],
    });
  });

  it('sums amounts of any length exactly and applies the at-or-before-now rules, as the JS reference does', async () => {
    const repo = await opened(await freshDatabase());
    await repo.applyBlock(block(0, [...PARTICIPANTS, ...HISTORY_ROWS]));
    const history = await repo.supplierHistory('seller', NOW);
    expect(history).toEqual({
      financedCount: 8, // funded (ACTIVE, REPAID, DEFAULTED); not REQUESTED, nor requested after now
      onTimeRepaidCount: 3, // on-time, repaid-at-now (on its maturity date), repaid-defaulted-later (its default is not known yet)
      lateRepaidCount: 1, // late; repaid-after-now is not known yet
      defaultedCount: 2, // defaulted-then-repaid (defaulted wins), defaulted-at-now
      totalFace: BigInt(LONG) + 999_999_999_999_999_999n + 7n,
      totalDiluted: BigInt(LONG) + 25n,
      tenureDays: 137,
      monthlyVolumes: [BigInt(LONG) + 999_999_999_999_999_999n, 0n, 0n, 7n],
    });
    expect(history).toEqual(referenceHistory(NOW));
    expect(await repo.supplierHistory('seller', NOW - 1)).toEqual(referenceHistory(NOW - 1));
  });

  it('sums beyond the 64-bit range exactly (SQLite SUM overflows: the rows are summed in JS)', async () => {
    const repo = await opened(await freshDatabase());
    const faces = Array.from({ length: 12 }, (_, i) =>
      receivable(`big-${String(i)}`, { face: '999999999999999999', issueDate: '2026-02-03' }),
    );
    await repo.applyBlock(block(0, [...PARTICIPANTS, ...faces.map(receivableWrite)]));
    const history = await repo.supplierHistory('seller', NOW);
    expect(history.totalFace).toBe(12n * 999_999_999_999_999_999n);
    expect(history.monthlyVolumes).toEqual([12n * 999_999_999_999_999_999n]);
  });

  it("sums a bank's book exactly, amounts of any length, live financings only", async () => {
    const repo = await opened(await freshDatabase());
    await repo.applyBlock(
      block(0, [
        financing('long', 'ACTIVE', { outstanding: LONG }),
        financing('short', 'DEFAULTED', { outstanding: '999999999999999999' }),
        financing('repaid', 'REPAID', { outstanding: '7' }),
        financing('zero', 'ACTIVE', { outstanding: '0', borrower: 'seller-2' }),
        financing('other', 'ACTIVE', { outstanding: '3', borrower: 'buyer' }),
      ]),
    );
    expect(await repo.bankBook('BankAMSP')).toEqual({ exposureBySupplier: { seller: BigInt(LONG) + 999_999_999_999_999_999n, buyer: 3n } });
    expect(await repo.recentRequestTimes('BankAMSP', 'seller', 'short')).toHaveLength(2);
  });
}
