import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { openPostgresReadModel } from '../readmodel/postgres-repository';
import type { ReadModelRepository } from '../readmodel/repository';
import { openSqliteReadModel } from '../readmodel/sqlite-repository';
import { projections } from '../readmodel/testing/repository-contract';
import { startPostgres, type PostgresServer } from '../readmodel/testing/postgres-server';
import { loadChainSnapshot } from './load-snapshot';
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
});
