import { createHash } from 'node:crypto';
import type { Reader } from '@scf/kernel/visibility';
import type { CollectionName } from '../collections';
import { compileSearch } from '../compile-search';
import { decodeBlock } from '../decode-block';
import { projectBlock } from '../projection';
import type { ReadModelRepository } from '../repository';
import type { BlockProjection, RowWrite } from '../row-write';
import type { SqlExecutor } from '../sql-executor';
import { CheckpointGapError, migrate, SqlReadModelRepository } from '../sql-repository';
import { scopeFor } from '../viewer-scope';
import { scenarioBlocks, SCENARIO_NOW_SECONDS, SCENARIO_START_MS } from './scenario';

/** Opens (another connection to) one fresh, empty database. */
export type DatabaseOpener = () => SqlExecutor;

const TABLE_KEYS: Readonly<Record<string, string>> = {
  rm_transactions: 'block_number, tx_index',
  rm_participants: 'id',
  rm_credit_lines: 'id',
  rm_consortium_caps: 'core_id, currency',
  rm_receivables: 'id',
  rm_dilutions: 'receivable_id, id',
  rm_transfers: 'receivable_id',
  rm_financings: 'id',
  rm_payments: 'id',
  rm_payment_allocations: 'payment_id, seq',
  rm_receipts: 'id',
  rm_pledges: 'id',
  rm_prices: 'commodity, grade, unit',
};

export const projections = (): BlockProjection[] => scenarioBlocks().map((block) => projectBlock(decodeBlock(block), 'scf'));

export async function openRepository(open: DatabaseOpener): Promise<ReadModelRepository> {
  const executor = open();
  await migrate(executor);
  return new SqlReadModelRepository(executor);
}

/** Every row of every table in key order, numbers normalised (PostgreSQL returns BIGINT as text). */
export async function dump(repository: ReadModelRepository): Promise<Record<string, Record<string, string>[]>> {
  const out: Record<string, Record<string, string>[]> = {};
  for (const [table, key] of Object.entries(TABLE_KEYS)) {
    const rows = await repository.search({ table, where: [], orderBy: key, limit: 100_000, offset: 0 });
    out[table] = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'string' ? value : JSON.stringify(value)])),
    );
  }
  return out;
}

export async function checksum(repository: ReadModelRepository): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify(await dump(repository)))
    .digest('hex');
}

/** Fails every statement after the first `statements` of a transaction: the process "dies" before COMMIT. */
function crashingAfter(executor: SqlExecutor, statements: number): SqlExecutor {
  return {
    dialect: executor.dialect,
    all: (sql, params) => executor.all(sql, params),
    close: () => executor.close(),
    transaction: (work) =>
      executor.transaction((tx) => {
        let left = statements;
        const guard = (): void => {
          if (--left < 0) {
            throw new Error('simulated crash');
          }
        };
        return work({
          all: (sql, params) => (guard(), tx.all(sql, params)),
          run: (sql, params) => (guard(), tx.run(sql, params)),
        });
      }),
  };
}

const day = (n: number): number => Math.floor((SCENARIO_START_MS + n * 86_400_000) / 1000);

/** The behaviour both repositories must share, run against a fresh database per test. */
export function repositoryContract(freshDatabase: () => Promise<DatabaseOpener>): void {
  let repository: ReadModelRepository;
  let open: DatabaseOpener;

  beforeEach(async () => {
    open = await freshDatabase();
    repository = await openRepository(open);
  });
  afterEach(async () => {
    await repository.close();
  });

  const applyAll = async (): Promise<void> => {
    for (const projection of projections()) {
      await expect(repository.applyBlock(projection)).resolves.toEqual({ applied: true, skipped: [] });
    }
  };

  it('scopes a search by the visibility table and walks split trees, in this dialect', async () => {
    await applyAll();
    const signer = { mspId: 'OtherMSP', clientId: 'x' };
    const visible = async (reader: Reader, collection: CollectionName): Promise<unknown[]> => {
      const compiled = compileSearch(
        { collection, filters: {}, sort: undefined, limit: 100, offset: 0 },
        scopeFor({ reader, signer }, collection),
      );
      return compiled === null ? [] : (await repository.search(compiled)).map((row) => row.id).sort();
    };
    // Bank A financed r1-a and r1-b (and r2): their parent r1 is along their trees; bank B's r3 and r4 are not.
    expect(await visible({ kind: 'bank', bankMsp: 'BankAMSP' }, 'receivables')).toEqual(['r1', 'r1-a', 'r1-b', 'r2']);
    // supplier-2 holds r1-b (its parent r1, not its sibling r1-a) and r4.
    const supplier2: Reader = { kind: 'participant', participantId: 'supplier-2', mspId: 'SuppliersMSP' };
    expect(await visible(supplier2, 'receivables')).toEqual(['r1', 'r1-b', 'r4']);
    expect(await visible(supplier2, 'payments')).toEqual([]);
    expect(await visible(supplier2, 'financings')).toEqual(['f4', 'f5']);
    expect(await visible({ kind: 'bank', bankMsp: 'BankBMSP' }, 'payments')).toEqual([]);
    expect(await visible({ kind: 'nobody' }, 'receivables')).toEqual([]);
    const trees = await repository.receivableTrees(['r1-b']);
    expect(trees.get('r1-b')).toMatchObject({ holders: ['supplier-2', 'supplier-1'], 'financing-banks': ['BankAMSP'] });
  });

  it('starts at block 0 and advances the checkpoint with each block', async () => {
    expect(await repository.nextBlock()).toBe(0n);
    await applyAll();
    expect(await repository.status()).toEqual({ nextBlock: 10n, transactionCount: 29, skippedCount: 0 });
  });

  it('migrates idempotently: reopening keeps data and checkpoint', async () => {
    await applyAll();
    const before = await checksum(repository);
    const again = await openRepository(open);
    expect(await again.nextBlock()).toBe(10n);
    expect(await checksum(again)).toBe(before);
    await again.close();
  });

  it('ignores a block it already applied and refuses a gap', async () => {
    await applyAll();
    const before = await checksum(repository);
    const all = projections();
    const third = all[3];
    if (!third) {
      throw new Error('scenario too short');
    }
    expect(await repository.applyBlock(third)).toEqual({ applied: false, skipped: [] });
    expect(await checksum(repository)).toBe(before);
    await expect(repository.applyBlock({ ...third, blockNumber: 12n })).rejects.toBeInstanceOf(CheckpointGapError);
    expect(await repository.nextBlock()).toBe(10n);
  });

  it('skips a transaction whose row the database refuses, keeps it with its error, and projects the rest', async () => {
    const all = projections();
    // The first participant registration, its NOT NULL name missing (a record of a shape the schema does not allow).
    const blockIndex = all.findIndex((p) => p.transactions.some((t) => t.rows[0]?.table === 'rm_participants'));
    const block = all[blockIndex];
    const poisoned = block?.transactions.find((t) => t.rows[0]?.table === 'rm_participants');
    if (!block || !poisoned) {
      throw new Error('the scenario registers no participant');
    }
    const [first, ...rest] = poisoned.rows;
    const broken = { ...poisoned, rows: [...rest, { ...first, values: { ...first?.values, name: null } } as RowWrite] };
    all[blockIndex] = { ...block, transactions: block.transactions.map((t) => (t === poisoned ? broken : t)) };
    const results = [];
    for (const projection of all) {
      results.push(await repository.applyBlock(projection));
    }

    const skipped = results.flatMap((r) => r.skipped);
    expect(skipped).toEqual([
      {
        blockNumber: block.blockNumber,
        txIndex: poisoned.txIndex,
        txId: poisoned.txId,
        fn: poisoned.fn,
        error: expect.stringMatching(/^the read model refused a row of its writes \((SQLITE_CONSTRAINT_NOTNULL|23502)\): /) as string,
      },
    ]);
    // Every block applied, the poisoned transaction's record too; none of its rows (they are all or none).
    expect(await repository.status()).toEqual({ nextBlock: 10n, transactionCount: 29, skippedCount: 1 });
    for (const row of poisoned.rows) {
      expect(await rowAt(repository, row)).toEqual([]);
    }
    const last = all[all.length - 1];
    const lastRows = last?.transactions.flatMap((t) => [t.record, ...t.rows]) ?? [];
    expect(lastRows.length).toBeGreaterThan(0);
    for (const row of lastRows) {
      expect(await rowAt(repository, row)).toHaveLength(1);
    }
    expect(await repository.skippedTransactions(10, 0)).toEqual([
      {
        blockNumber: String(block.blockNumber),
        txIndex: poisoned.txIndex,
        txId: poisoned.txId,
        fn: poisoned.fn,
        error: skipped[0]?.error,
        skippedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
      },
    ]);
    // Redelivered, the block changes nothing and is not skipped twice.
    expect(await repository.applyBlock(block)).toEqual({ applied: false, skipped: [] });
    expect((await repository.status()).skippedCount).toBe(1);
  });

  it('skips a transaction the projection could not read, with its error', async () => {
    const all = projections();
    const [head, ...rest] = all;
    const tx = head?.transactions[0];
    if (!head || !tx) {
      throw new Error('scenario too short');
    }
    all[0] = { ...head, transactions: [{ ...tx, rows: [], error: 'unreadable scf.participant value' }, ...head.transactions.slice(1)] };
    const results = [];
    for (const projection of [all[0], ...rest]) {
      results.push(await repository.applyBlock(projection));
    }
    expect(results.flatMap((r) => r.skipped).map((s) => s.error)).toEqual(['unreadable scf.participant value']);
    expect(await repository.status()).toEqual({ nextBlock: 10n, transactionCount: 29, skippedCount: 1 });
  });

  it('never applies the writes of an invalid transaction', async () => {
    await applyAll();
    const [f4] = await repository.search({
      table: 'rm_financings',
      where: [{ sql: 'id = ?', params: ['f4'] }],
      orderBy: 'id',
      limit: 1,
      offset: 0,
    });
    expect(f4).toMatchObject({ status: 'REJECTED', outstanding_principal: '0' });
    const invalid = await repository.search({
      table: 'rm_transactions',
      where: [{ sql: 'validation_code <> ?', params: [0] }],
      orderBy: 'block_number, tx_index',
      limit: 10,
      offset: 0,
    });
    expect(invalid.map((t) => [Number(t.block_number), Number(t.tx_index), t.validation_name])).toEqual([[5, 2, 'MVCC_READ_CONFLICT']]);
  });

  it('keeps the ledger record verbatim and the first repaid/defaulted time', async () => {
    await applyAll();
    const record = await repository.receivableRecord('r1-a');
    expect(JSON.parse(record ?? '{}')).toMatchObject({ id: 'r1-a', financingId: 'f1', parentId: 'r1' });
    const [f3] = await repository.search({
      table: 'rm_financings',
      where: [{ sql: 'id = ?', params: ['f3'] }],
      orderBy: 'id',
      limit: 1,
      offset: 0,
    });
    expect(f3).toMatchObject({ status: 'DEFAULTED', defaulted_at: '2025-05-21T00:00:00.000Z' });
  });

  it('sorts TEXT amounts numerically with (length, text)', async () => {
    await applyAll();
    const rows = await repository.search({
      table: 'rm_receivables',
      where: [],
      orderBy: 'length(face) DESC, face DESC, id ASC',
      limit: 3,
      offset: 1,
    });
    expect(rows.map((r) => [r.id, r.face])).toEqual([
      ['r3', '700000'],
      ['r1-a', '600000'],
      ['r2', '500000'],
    ]);
  });

  it('finds a participant by its certificate identity', async () => {
    await applyAll();
    expect(await repository.participantByIdentity('SuppliersMSP', 'x509::/CN=supplier-2::/CN=ca')).toEqual({
      id: 'supplier-2',
      role: 'supplier',
      mspId: 'SuppliersMSP',
      status: 'ACTIVE',
    });
    expect(await repository.participantByIdentity('BankAMSP', 'x509::/CN=supplier-2::/CN=ca')).toBeUndefined();
  });

  describe('risk features', () => {
    beforeEach(applyAll);

    it('summarises a supplier history: repayments on time, late, defaulted; face, dilution, tenure, monthly volume', async () => {
      expect(await repository.supplierHistory('supplier-1', SCENARIO_NOW_SECONDS)).toEqual({
        financedCount: 3,
        onTimeRepaidCount: 1,
        lateRepaidCount: 1,
        defaultedCount: 1,
        totalFace: 2_200_000n,
        totalDiluted: 50_000n,
        tenureDays: 150,
        monthlyVolumes: [1_000_000n, 500_000n, 700_000n],
      });
      expect(await repository.supplierHistory('supplier-2', SCENARIO_NOW_SECONDS)).toMatchObject({
        financedCount: 1,
        totalFace: 300_000n,
        tenureDays: 145,
        monthlyVolumes: [300_000n],
      });
    });

    it('sees only history up to "now"', async () => {
      expect(await repository.supplierHistory('supplier-1', day(40))).toMatchObject({
        financedCount: 2,
        onTimeRepaidCount: 0,
        totalFace: 1_500_000n,
        monthlyVolumes: [1_000_000n, 500_000n],
      });
    });

    it('gives an unknown supplier an empty history', async () => {
      expect(await repository.supplierHistory('nobody', SCENARIO_NOW_SECONDS)).toEqual({
        financedCount: 0,
        onTimeRepaidCount: 0,
        lateRepaidCount: 0,
        defaultedCount: 0,
        totalFace: 0n,
        totalDiluted: 0n,
        tenureDays: 0,
        monthlyVolumes: [],
      });
    });

    it("sums a bank's live principal per supplier (defaulted still counts, repaid does not)", async () => {
      expect(await repository.bankBook('BankAMSP')).toEqual({ exposureBySupplier: { 'supplier-2': 250_000n } });
      expect(await repository.bankBook('BankBMSP')).toEqual({ exposureBySupplier: { 'supplier-1': 500_000n } });
    });

    it('lists request times per bank and borrower, optionally leaving one financing out', async () => {
      expect(await repository.recentRequestTimes('BankAMSP', 'supplier-1')).toEqual([day(3), day(32)]);
      expect(await repository.recentRequestTimes('BankAMSP', 'supplier-1', 'f2')).toEqual([day(3)]);
      // The same list with its ids (what the gate's per-height memo reads once and leaves each financing's own out of).
      const withIds = await repository.requestTimesById('BankAMSP', 'supplier-1');
      expect(withIds.map((r) => r.at)).toEqual([day(3), day(32)]);
      expect(withIds.find((r) => r.id === 'f2')?.at).toBe(day(32));
    });

    it('finds transfer edges within the given depth, either direction', async () => {
      expect(await repository.transfersAround('supplier-2', 2)).toEqual([{ from: 'supplier-1', to: 'supplier-2' }]);
      expect(await repository.transfersAround('supplier-1', 1)).toEqual([{ from: 'supplier-1', to: 'supplier-2' }]);
      expect(await repository.transfersAround('supplier-1', 0)).toEqual([]);
      expect(await repository.transfersAround('core', 3)).toEqual([]);
    });
  });

  describe('report queries', () => {
    beforeEach(applyAll);

    it('lists lines and caps, and the open financings and receivables, of everyone or of one bank', async () => {
      expect(await repository.reportCreditLines('BankBMSP')).toEqual([
        {
          id: 'line-BankBMSP',
          bankMsp: 'BankBMSP',
          coreId: 'core',
          currency: 'USD',
          // The line's terms are private: the projection of public write sets has none.
          limit: null,
          status: 'ACTIVE',
          expiresOn: null,
        },
      ]);
      expect((await repository.reportCreditLines()).map((l) => l.id)).toEqual(['line-BankAMSP', 'line-BankBMSP']);
      expect(await repository.reportConsortiumCaps()).toEqual([{ coreId: 'core', currency: 'USD', cap: '1000000000' }]);
      // f1, f2 repaid, f4 rejected; f3 defaulted still owes its principal.
      expect(await repository.reportOpenFinancings()).toEqual([
        {
          id: 'f3',
          lineId: 'line-BankBMSP',
          bankMsp: 'BankBMSP',
          borrowerId: 'supplier-1',
          coreId: 'core',
          currency: 'USD',
          outstandingPrincipal: '500000',
          maturityDate: '2025-05-01',
        },
        {
          id: 'f5',
          lineId: 'line-BankAMSP',
          bankMsp: 'BankAMSP',
          borrowerId: 'supplier-2',
          coreId: 'core',
          currency: 'USD',
          outstandingPrincipal: '250000',
          maturityDate: '2025-03-02',
        },
      ]);
      expect((await repository.reportOpenFinancings('BankAMSP')).map((f) => f.id)).toEqual(['f5']);
      // r1 is split (its parts are the open claims).
      expect((await repository.reportOpenReceivables()).map((r) => [r.id, r.outstanding, r.dueDate])).toEqual([
        ['r1-a', '600000', '2025-03-02'],
        ['r1-b', '400000', '2025-03-02'],
        ['r2', '450000', '2025-04-01'],
        ['r3', '700000', '2025-05-01'],
        ['r4', '300000', '2025-02-10'],
      ]);
      expect((await repository.reportOpenReceivables('BankAMSP')).map((r) => r.id)).toEqual(['r1-a', 'r1-b', 'r2']);
    });
  });

  it('after a crash before COMMIT, resumes from its checkpoint: every transaction exactly once', async () => {
    const all = projections();
    const reference = await checksum((await applyAllTo(repository, all), repository));

    const crashed = await freshDatabase();
    const first = await openRepository(crashed);
    for (const projection of all.slice(0, 5)) {
      await first.applyBlock(projection);
    }
    await first.close();
    const dying = new SqlReadModelRepository(crashingAfter(crashed(), 4));
    const sixth = all[5];
    if (!sixth) {
      throw new Error('scenario too short');
    }
    await expect(dying.applyBlock(sixth)).rejects.toThrow('simulated crash');
    await dying.close();

    const resumed = await openRepository(crashed);
    expect(await resumed.nextBlock()).toBe(5n);
    // A reconnecting stream may redeliver blocks before the checkpoint: they are skipped.
    for (const projection of all.slice(2)) {
      await resumed.applyBlock(projection);
    }
    expect(await resumed.status()).toEqual({ nextBlock: 10n, transactionCount: 29, skippedCount: 0 });
    expect(await checksum(resumed)).toBe(reference);
    await resumed.close();
  });
}

/** The stored row with the write's key (its values as written), if any. */
async function rowAt(repository: ReadModelRepository, write: RowWrite): Promise<unknown[]> {
  const where = write.key.map((column) => ({ sql: `${column} = ?`, params: [write.values[column] ?? null] }));
  return repository.search({ table: write.table, where, orderBy: write.key.join(', '), limit: 2, offset: 0 });
}

async function applyAllTo(repository: ReadModelRepository, all: readonly BlockProjection[]): Promise<void> {
  for (const projection of all) {
    await repository.applyBlock(projection);
  }
}
