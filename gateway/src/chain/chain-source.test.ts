import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { openPostgresReadModel } from '../readmodel/postgres-repository';
import type { ReadModelRepository } from '../readmodel/repository';
import { openSqliteReadModel } from '../readmodel/sqlite-repository';
import { projections } from '../readmodel/testing/repository-contract';
import { startPostgres, type PostgresServer } from '../readmodel/testing/postgres-server';
import { ChainSnapshotCache, loadChainSnapshot } from './load-snapshot';
import { runStress } from './stress/engine';

const asJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

async function projected(repository: ReadModelRepository): Promise<ReadModelRepository> {
  for (const projection of projections()) {
    await repository.applyBlock(projection);
  }
  return repository;
}

/** The chain's rows read through both drivers give the same snapshot and so byte-identical stress results. */
describe('chain snapshot on SQLite and PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-chain-source-'));
  let server: PostgresServer | undefined;
  let sqlite: ReadModelRepository | undefined;
  let postgres: ReadModelRepository | undefined;

  beforeAll(async () => {
    server = await startPostgres();
    const admin = new Pool({ connectionString: server.url('postgres'), max: 1 });
    await admin.query('CREATE DATABASE chain_source');
    await admin.end();
    postgres = await projected(await openPostgresReadModel(server.url('chain_source')));
    sqlite = await projected(await openSqliteReadModel(path.join(dir, 'read-model.db')));
  }, 120_000);
  afterAll(async () => {
    await postgres?.close();
    await sqlite?.close();
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same rows in the same order at the same height', async () => {
    if (!sqlite || !postgres) {
      throw new Error('read models did not open');
    }
    const [a, b] = await Promise.all([loadChainSnapshot(sqlite), loadChainSnapshot(postgres)]);
    expect(a.height).toBe(BigInt(projections().length));
    expect(a.receivables.length).toBeGreaterThan(3);
    expect(a.receivables.find((r) => r.parentId !== undefined)).toBeDefined();
    expect(asJson(b)).toBe(asJson(a));
    const scenario = { kind: 'core-default', coreId: 'core', recoveryBps: 0 } as const;
    expect(JSON.stringify(runStress(b, scenario))).toBe(JSON.stringify(runStress(a, scenario)));
  });

  it('moves a snapshot on by the rows written since its height: the same snapshot as reading every row', async () => {
    if (!sqlite || !postgres) {
      throw new Error('read models did not open');
    }
    const growing = await openSqliteReadModel(path.join(dir, 'growing.db'));
    try {
      const cache = new ChainSnapshotCache(growing);
      const all = projections();
      const seen = [];
      for (const projection of all) {
        await growing.applyBlock(projection);
        const moved = await cache.get();
        expect(moved.height).toBe(projection.blockNumber + 1n);
        expect(asJson(moved)).toBe(asJson(await loadChainSnapshot(growing)));
        seen.push(moved);
      }
      // Not only new rows: blocks after the first receivables change rows an earlier snapshot held.
      const first = seen.find((s) => s.receivables.length > 0);
      const last = seen[seen.length - 1];
      const changedRows = first?.receivables.filter((r) => asJson(last?.receivables.find((x) => x.id === r.id)) !== asJson(r)) ?? [];
      expect(changedRows.length).toBeGreaterThan(0);
      // The same through PostgreSQL: the earliest of those snapshots moved on by the rows written since.
      if (first === undefined) {
        throw new Error('no receivable was projected');
      }
      expect(asJson(await loadChainSnapshot(postgres, first))).toBe(asJson(await loadChainSnapshot(postgres)));
    } finally {
      await growing.close();
    }
  });

  it('reads the whole chain again when the read model went back below the snapshot it had', async () => {
    if (!sqlite) {
      throw new Error('read models did not open');
    }
    const full = await loadChainSnapshot(sqlite);
    const ahead = { ...full, height: full.height + 5n, receivables: [] };
    expect(asJson(await loadChainSnapshot(sqlite, ahead))).toBe(asJson(full));
  });
});
