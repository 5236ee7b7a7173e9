/** Unit tests: stored stress results, compared byte for byte at one key, expire after their TTL. */
import path from 'node:path';
import { openSqlite } from '../store/sqlite';
import { temporaryDir } from '../testing/test-app';
import { StressResultStore } from './stress-store';

describe('StressResultStore', () => {
  const at = (seconds: number): Date => new Date(Date.UTC(2025, 5, 1) + seconds * 1000);

  it('keeps the first run at a key, compares later runs with it, and forgets it after its TTL', () => {
    const db = openSqlite(path.join(temporaryDir(), 'stress.db'));
    try {
      const store = new StressResultStore(db, { ttlMs: 60_000 });
      expect(store.record('h', '10', '{"a":1}', at(0))).toMatchObject({ firstRun: true, matchesFirstRun: true });
      expect(store.record('h', '10', '{"a":2}', at(30))).toMatchObject({ firstRun: false, matchesFirstRun: false, json: '{"a":1}' });
      expect(store.get('h', '10', at(60))?.json).toBe('{"a":1}');
      expect(store.get('h', '10', at(61))).toBeUndefined();
      // Recorded again after it expired: a new first run, and the expired row is gone.
      expect(store.record('h', '10', '{"a":2}', at(61))).toMatchObject({
        firstRun: true,
        json: '{"a":2}',
        firstRunAt: at(61).toISOString(),
      });
      expect(db.prepare('SELECT COUNT(*) AS n FROM chain_stress_results').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
