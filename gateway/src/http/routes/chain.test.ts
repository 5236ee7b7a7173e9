import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app';
import { CredentialStore } from '../../auth/credentials';
import type { ReadModelRepository } from '../../readmodel/repository';
import { openSqliteReadModel } from '../../readmodel/sqlite-repository';
import { projections } from '../../readmodel/testing/repository-contract';
import { IdempotencyStore } from '../../store/idempotency-store';
import { memoryLineTerms } from '../../testing/test-app';
import { openSqlite, type SqliteDatabase } from '../../store/sqlite';
import { credentialsFor, FakeLedgers, fakeNetwork, testConfig } from '../../testing/fakes';
import { chainRoutes } from './chain';
import { loadChainSnapshot } from '../../chain/load-snapshot';
import { StressResultStore } from '../../chain/stress-store';

const CALLERS = [
  ['auditor', 'Auditor', 'auditor'],
  ['bank-a', 'BankA', 'bank'],
  ['supplier-1', 'Suppliers', 'supplier'],
] as const;

const credentials = credentialsFor(CALLERS);

describe('chain routes over a projected read model', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-chain-routes-'));
  let app: FastifyInstance;
  let repository: ReadModelRepository;
  let idempotency: IdempotencyStore;
  let db: SqliteDatabase;

  const call = (caller: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer key-${caller}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    repository = await openSqliteReadModel(path.join(dir, 'read-model.db'));
    for (const projection of projections()) {
      await repository.applyBlock(projection);
    }
    idempotency = IdempotencyStore.open(path.join(dir, 'gateway.db'));
    db = openSqlite(path.join(dir, 'gateway.db'));
    app = await buildApp({
      config: testConfig(dir),
      credentials: new CredentialStore(credentials, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: { idempotency, lineTerms: memoryLineTerms(), readModel: { repository, listenerStatus: () => undefined } },
      routes: [chainRoutes(new StressResultStore(db), undefined, () => new Date('2025-06-01T00:00:00Z'))],
    });
  });
  afterAll(async () => {
    await app.close();
    await repository.close();
    idempotency.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads one consistent snapshot, at the read model’s height, sorted by id', async () => {
    const snapshot = await loadChainSnapshot(repository);
    expect(snapshot.height).toBe(BigInt(projections().length));
    expect(snapshot.receivables.map((r) => r.id)).toEqual([...snapshot.receivables.map((r) => r.id)].sort());
    expect(snapshot.financings.length).toBeGreaterThan(0);
  });

  it('shows the auditor the graph from the core down to tier 2, with each bank’s exposure', async () => {
    const response = await call('auditor', 'GET', '/v1/chain/graph?coreId=core');
    expect(response.statusCode).toBe(200);
    const graph = response.json<{ nodes: { id: string }[]; edges: { from: string; to: string; banks: { bankMsp: string }[] }[] }>();
    expect(graph.edges.some((e) => e.from === 'core' && e.to === 'supplier-1')).toBe(true);
    expect(graph.edges.some((e) => e.from === 'supplier-1' && e.to === 'supplier-2')).toBe(true);
  });

  it('refuses a bank asking for another bank’s positions, and anyone but banks and the auditor', async () => {
    for (const url of ['/v1/chain/graph?bankMsp=BankBMSP', '/v1/chain/cores?bankMsp=BankBMSP']) {
      const response = await call('bank-a', 'GET', url);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(
      (
        await call('bank-a', 'POST', '/v1/chain/stress?bankMsp=BankBMSP', {
          scenario: { kind: 'core-default', coreId: 'core', recoveryBps: 0 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('supplier-1', 'GET', '/v1/chain/graph')).statusCode).toBe(403);
    expect((await call('bank-a', 'GET', '/v1/chain/graph?bankMsp=BankAMSP')).statusCode).toBe(200);
  });

  it('shows a bank only its own line in each core’s bank list', async () => {
    const auditor = (await call('auditor', 'GET', '/v1/chain/cores')).json<{ cores: { banks: { bankMsp: string }[] }[] }>();
    const bank = (await call('bank-a', 'GET', '/v1/chain/cores')).json<{ cores: { banks: { bankMsp: string }[]; hhi: string }[] }>();
    expect(auditor.cores.flatMap((c) => c.banks.map((b) => b.bankMsp))).toContain('BankBMSP');
    expect(bank.cores.flatMap((c) => c.banks.map((b) => b.bankMsp)).every((b) => b === 'BankAMSP')).toBe(true);
  });

  it('runs a scenario twice at one height to byte-identical results, stored and served again by hash and height', async () => {
    const scenario = { kind: 'core-default', coreId: 'core', recoveryBps: 2000 };
    const first = await call('auditor', 'POST', '/v1/chain/stress', { scenario });
    const second = await call('auditor', 'POST', '/v1/chain/stress', { scenario });
    expect(first.statusCode).toBe(200);
    const a = first.json<{
      result: { scenarioHash: string; height: string; banks: unknown[] };
      reproduction: { resultSha256: string; matchesFirstRun: boolean };
    }>();
    const b = second.json<{ result: unknown; reproduction: { resultSha256: string; matchesFirstRun: boolean } }>();
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(b.reproduction).toEqual(a.reproduction);
    expect(b.reproduction.matchesFirstRun).toBe(true);
    expect(a.result.banks.length).toBeGreaterThan(0);
    const stored = await call('auditor', 'GET', `/v1/chain/stress/${a.result.scenarioHash}/${a.result.height}`);
    expect(JSON.stringify(stored.json<{ result: unknown }>().result)).toBe(JSON.stringify(a.result));
    const csv = await call('auditor', 'GET', `/v1/chain/stress/${a.result.scenarioHash}/${a.result.height}?format=csv&table=banks`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('scenario_hash,height,bank_msp,currency,exposure,collateral_after,overdue_exposure,loss');
  });

  it('answers 404 for a scenario naming nobody, 400 for a malformed one', async () => {
    expect(
      (await call('auditor', 'POST', '/v1/chain/stress', { scenario: { kind: 'core-default', coreId: 'nobody', recoveryBps: 0 } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('auditor', 'POST', '/v1/chain/stress', { scenario: { kind: 'price-fall', commodity: 'x', fallBps: 20_000 } })).statusCode,
    ).toBe(400);
    expect((await call('auditor', 'GET', '/v1/chain/stress/abc/1')).statusCode).toBe(400);
  });
});
