import { Pool } from 'pg';
import { PostgresExecutor } from './postgres-repository';
import { startPostgres, type PostgresServer } from './testing/postgres-server';
import { repositoryContract } from './testing/repository-contract';
import { riskFeaturesContract } from './testing/risk-features-contract';

/** Against a real PostgreSQL 15 started for this file; missing binaries fail the suite. */
describe('PostgreSQL read model repository', () => {
  let server: PostgresServer | undefined;
  let admin: Pool | undefined;
  let n = 0;

  beforeAll(async () => {
    server = await startPostgres();
    admin = new Pool({ connectionString: server.url('postgres'), max: 1 });
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    server?.stop();
  });

  const freshDatabase = async (): Promise<() => PostgresExecutor> => {
    if (!server || !admin) {
      throw new Error('PostgreSQL did not start');
    }
    const database = `read_model_${String(++n)}`;
    await admin.query(`CREATE DATABASE ${database}`);
    const url = server.url(database);
    return () => {
      // Each repository closes its own executor, and with it this pool.
      return new PostgresExecutor(new Pool({ connectionString: url, max: 3 }));
    };
  };
  repositoryContract(freshDatabase);
  describe('risk features', () => {
    riskFeaturesContract(freshDatabase);
  });
});
