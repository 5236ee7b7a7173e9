import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app';
import { CredentialStore } from '../auth/credentials';
import type { RouteModule } from '../routes/route-context';
import { IdempotencyStore } from '../store/idempotency-store';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, testConfig } from './fakes';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly ledgers: FakeLedgers;
  readonly idempotency: IdempotencyStore;
  readonly dir: string;
  close(): Promise<void>;
}

export function temporaryDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'scf-gateway-test-'));
}

/** Unit tests only: the real HTTP stack over fake ledgers, a temp SQLite file and test credentials. */
export async function buildTestApp(options: { routes?: readonly RouteModule[]; dir?: string; ledgers?: FakeLedgers } = {}): Promise<TestApp> {
  const dir = options.dir ?? temporaryDir();
  const config = testConfig(dir);
  const ledgers = options.ledgers ?? new FakeLedgers();
  const idempotency = IdempotencyStore.open(config.sqlitePath);
  const app = await buildApp({
    config,
    credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
    ledgers,
    stores: { idempotency },
    routes: options.routes ?? [],
  });
  return {
    app,
    ledgers,
    idempotency,
    dir,
    close: async () => {
      await app.close();
      idempotency.close();
    },
  };
}
