import type { GatewayConfig } from '../config';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../http/app';
import type { ReadinessOptions } from '../ops/readiness';
import { CredentialStore } from '../auth/credentials';
import type { RouteModule } from '../http/route-context';
import { IdempotencyStore } from '../store/idempotency-store';
import { LineTermsKeeper } from '../store/line-terms-keeper';
import Database from 'better-sqlite3';
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
export interface TestAppOptions {
  readonly routes?: readonly RouteModule[];
  readonly dir?: string;
  readonly ledgers?: FakeLedgers;
  readonly logger?: FastifyBaseLogger;
  readonly readiness?: ReadinessOptions;
  readonly configure?: (config: GatewayConfig) => GatewayConfig;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? temporaryDir();
  const config = (options.configure ?? ((c: GatewayConfig) => c))(testConfig(dir));
  const ledgers = options.ledgers ?? new FakeLedgers();
  const idempotency = IdempotencyStore.open(config.sqlitePath);
  const app = await buildApp({
    config,
    credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
    ledgers,
    stores: { idempotency, lineTerms: LineTermsKeeper.open(config.sqlitePath) },
    routes: options.routes ?? [],
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.readiness ? { readiness: options.readiness } : {}),
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

/** A line terms keeper on an in-memory database, for apps built by hand in tests. */
export function memoryLineTerms(): LineTermsKeeper {
  return new LineTermsKeeper(new Database(':memory:'));
}
