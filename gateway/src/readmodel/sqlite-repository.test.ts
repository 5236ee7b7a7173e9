import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
});
