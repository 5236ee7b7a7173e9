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

/**
 * Stress results keyed by scenario hash and read-model height. The first run at a key is kept;
 * every later run at that key is compared with it byte for byte, so a re-run is provably the same.
 */
export class StressResultStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS chain_stress_results (
      scenario_hash TEXT NOT NULL, height TEXT NOT NULL, json TEXT NOT NULL, sha256 TEXT NOT NULL, first_run_at TEXT NOT NULL,
      PRIMARY KEY (scenario_hash, height)
    )`);
  }

  record(scenarioHash: string, height: string, json: string, at: Date): StressRecording {
    const hash = sha256(json);
    const inserted = this.#db
      .prepare(
        'INSERT INTO chain_stress_results (scenario_hash, height, json, sha256, first_run_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(scenarioHash, height, json, hash, at.toISOString());
    const first = this.get(scenarioHash, height);
    if (first === undefined) {
      throw new Error('stress result vanished after insert');
    }
    return { ...first, matchesFirstRun: first.json === json, firstRun: inserted.changes === 1 };
  }

  get(scenarioHash: string, height: string): StoredStress | undefined {
    const row = this.#db.prepare('SELECT * FROM chain_stress_results WHERE scenario_hash = ? AND height = ?').get(scenarioHash, height) as
      Row | undefined;
    return row === undefined ? undefined : stored(row);
  }
}
