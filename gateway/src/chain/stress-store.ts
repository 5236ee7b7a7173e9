import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite';

export interface StoredStress {
  readonly scenarioHash: string;
  readonly height: string;
  /** The full (auditor's) result JSON, byte for byte as first computed. */
  readonly json: string;
  readonly sha256: string;
  readonly firstRunAt: string;
}

export interface StressRecording extends StoredStress {
  /** True when this run's JSON is byte-identical to the first run at the same scenario and height (trivially so on the first). */
  readonly matchesFirstRun: boolean;
  readonly firstRun: boolean;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Row {
  scenario_hash: string;
  height: string;
  json: string;
  sha256: string;
  first_run_at: string;
}

const stored = (row: Row): StoredStress => ({
  scenarioHash: row.scenario_hash,
  height: row.height,
  json: row.json,
  sha256: row.sha256,
  firstRunAt: row.first_run_at,
});

export const DEFAULT_STRESS_RESULT_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Stress results keyed by scenario hash and read-model height. The first run at a key is kept;
 * every later run at that key is compared with it byte for byte, so a re-run is provably the same.
 * A result expires `ttlMs` after its first run (default 7 days): it is no longer served, and
 * expired results are deleted whenever a new one is recorded, so the table does not grow without bound.
 */
export class StressResultStore {
  readonly #db: SqliteDatabase;
  readonly #ttlMs: number;

  constructor(db: SqliteDatabase, options: { readonly ttlMs?: number } = {}) {
    this.#db = db;
    this.#ttlMs = options.ttlMs ?? DEFAULT_STRESS_RESULT_TTL_MS;
    db.exec(`CREATE TABLE IF NOT EXISTS chain_stress_results (
      scenario_hash TEXT NOT NULL, height TEXT NOT NULL, json TEXT NOT NULL, sha256 TEXT NOT NULL, first_run_at TEXT NOT NULL,
      PRIMARY KEY (scenario_hash, height)
    )`);
    db.exec('CREATE INDEX IF NOT EXISTS chain_stress_results_first_run ON chain_stress_results (first_run_at)');
  }

  /** Results first run before this instant have expired (ISO text compares in time order). */
  #cutoff(at: Date): string {
    return new Date(at.getTime() - this.#ttlMs).toISOString();
  }

  record(scenarioHash: string, height: string, json: string, at: Date): StressRecording {
    this.#db.prepare('DELETE FROM chain_stress_results WHERE first_run_at < ?').run(this.#cutoff(at));
    const hash = sha256(json);
    const inserted = this.#db
      .prepare(
        'INSERT INTO chain_stress_results (scenario_hash, height, json, sha256, first_run_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(scenarioHash, height, json, hash, at.toISOString());
    const first = this.get(scenarioHash, height, at);
    if (first === undefined) {
      throw new Error('stress result vanished after insert');
    }
    return { ...first, matchesFirstRun: first.json === json, firstRun: inserted.changes === 1 };
  }

  /** The result first run at this key, unless it expired by `at`. */
  get(scenarioHash: string, height: string, at: Date): StoredStress | undefined {
    const row = this.#db
      .prepare('SELECT * FROM chain_stress_results WHERE scenario_hash = ? AND height = ? AND first_run_at >= ?')
      .get(scenarioHash, height, this.#cutoff(at)) as Row | undefined;
    return row === undefined ? undefined : stored(row);
  }
}
