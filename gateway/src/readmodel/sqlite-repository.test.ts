import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHAIN_COLUMNS } from './chain-source';
import { migrate } from './sql-repository';
import { SqliteExecutor } from './sqlite-repository';
import { repositoryContract } from './testing/repository-contract';
import { riskFeaturesContract } from './testing/risk-features-contract';

describe('SQLite read model repository', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-sqlite-'));
  let n = 0;
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const freshDatabase = (): Promise<() => SqliteExecutor> => {
    const file = path.join(dir, `read-model-${String(++n)}.db`);
    return Promise.resolve(() => new SqliteExecutor(file));
  };
  repositoryContract(freshDatabase);
  describe('risk features', () => {
    riskFeaturesContract(freshDatabase);
  });

  it("reads the chain snapshot's delta (rows from a block on) through an index of every chain table", async () => {
    const executor = (await freshDatabase())();
    try {
      await migrate(executor);
      for (const table of Object.keys(CHAIN_COLUMNS)) {
        const plan = await executor.all(`EXPLAIN QUERY PLAN SELECT * FROM rm_${table} WHERE block_number >= ?`, [7]);
        expect(plan.map((step) => String(step.detail)).join(' ')).toContain(`USING INDEX rm_${table}_block`);
      }
    } finally {
      await executor.close();
    }
  });
});
