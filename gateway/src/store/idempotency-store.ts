import { openSqlite, type SqliteDatabase } from './sqlite';

/** One mutating request's identity: who, with which key, asked for what. */
export interface IdempotencyClaim {
  /** The credential's name: keys of different callers never collide. */
  readonly scope: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  /** SHA-256 (hex) of the request's canonical body. */
  readonly bodyHash: string;
}

export interface StoredResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  | ({ readonly kind: 'replay' } & StoredResponse)
  | { readonly kind: 'in-flight' }
  /** Same key, different method, path or body. */
  | { readonly kind: 'mismatch' }
  /**
   * The request submitted a transaction whose commit is not known: ask the ledger about that
   * transaction id before anything else; `answer` is the success response if it committed.
   */
  | {
      readonly kind: 'outcome-unknown';
      readonly transactionId: string;
      readonly answer: StoredResponse;
      /** The signed envelope to send again; undefined when none was kept or its decision expired. */
      readonly envelope: Uint8Array | undefined;
      /**
       * The signed decision the transaction carries expired: its envelope is never sent again, and
       * if the ledger does not know the transaction the request is to run anew (decided anew).
       */
      readonly expired: boolean;
    };

export interface IdempotencyStoreOptions {
  readonly now?: () => number;
  /**
   * An in-flight claim older than this is taken to be orphaned (its process died) and may be
   * claimed again. Long enough to cover a submit and its commit-status wait.
   */
  readonly inFlightLeaseMs?: number;
  /**
   * A completed request's stored response is kept this long after it completed, then forgotten:
   * the key may be used again as new. Keys still in flight or bound to a transaction whose commit
   * is unknown never expire (they guard against a second submit). Default 24 hours.
   */
  readonly ttlMs?: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Expired responses are deleted in bulk at most this often; a single expired key is forgotten as soon as it is claimed. */
const PURGE_INTERVAL_MS = 60_000;

interface Row {
  method: string;
  path: string;
  body_hash: string;
  state: 'in-flight' | 'done';
  status: number | null;
  response_body: string | null;
  content_type: string | null;
  created_at: number;
  transaction_id: string | null;
}

/** Columns added after the first release: a key bound to a transaction whose commit is unknown. */
const UNKNOWN_OUTCOME_COLUMNS = [
  'transaction_id TEXT',
  'pending_status INTEGER',
  'pending_body TEXT',
  'pending_content_type TEXT',
  'pending_envelope TEXT',
  'pending_send_until INTEGER',
];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in-flight', 'done')),
  status INTEGER,
  response_body TEXT,
  content_type TEXT,
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  PRIMARY KEY (scope, idempotency_key)
) WITHOUT ROWID`;

type StoredRow = Row & {
  pending_status: number | null;
  pending_body: string | null;
  pending_content_type: string | null;
  pending_envelope: string | null;
  pending_send_until: number | null;
};

const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The stored response of a completed request, replayed verbatim. */
function replayOf(row: StoredRow): ClaimOutcome | undefined {
  if (row.state !== 'done' || row.status === null || row.response_body === null) {
    return undefined;
  }
  return { kind: 'replay', status: row.status, body: row.response_body, contentType: row.content_type ?? DEFAULT_CONTENT_TYPE };
}

/** An in-flight request bound to a transaction whose commit is unknown. */
function outcomeUnknownOf(row: StoredRow, now: number): ClaimOutcome | undefined {
  if (row.state !== 'in-flight' || row.transaction_id === null || row.pending_status === null || row.pending_body === null) {
    return undefined;
  }
  // Never taken over by age: only the ledger can say whether this transaction committed.
  const expired = row.pending_send_until !== null && now >= row.pending_send_until;
  return {
    kind: 'outcome-unknown',
    transactionId: row.transaction_id,
    answer: { status: row.pending_status, body: row.pending_body, contentType: row.pending_content_type ?? DEFAULT_CONTENT_TYPE },
    envelope: row.pending_envelope === null || expired ? undefined : Buffer.from(row.pending_envelope, 'base64'),
    expired,
  };
}

/** Idempotency keys in SQLite: a claim is one INSERT, so exactly one request wins a key. */
export class IdempotencyStore {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;
  readonly #leaseMs: number;
  readonly #insert;
  readonly #select;
  readonly #takeOver;
  readonly #complete;
  readonly #release;
  readonly #bindToTransaction;
  readonly #ttlMs: number;
  readonly #expireKey;
  readonly #purge;
  #lastPurge = Number.NEGATIVE_INFINITY;

  constructor(db: SqliteDatabase, options: IdempotencyStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.inFlightLeaseMs ?? 10 * 60_000;
    this.#ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    db.exec(SCHEMA);
    db.exec("CREATE INDEX IF NOT EXISTS idempotency_keys_completed ON idempotency_keys (completed_at) WHERE state = 'done'");
    const columns = new Set((db.prepare('PRAGMA table_info(idempotency_keys)').all() as { name: string }[]).map((c) => c.name));
    for (const column of UNKNOWN_OUTCOME_COLUMNS) {
      if (!columns.has(column.split(' ')[0] ?? column)) {
        db.exec(`ALTER TABLE idempotency_keys ADD COLUMN ${column}`);
      }
    }
    this.#insert = db.prepare<[string, string, string, string, string, number]>(
      `INSERT INTO idempotency_keys (scope, idempotency_key, method, path, body_hash, state, created_at)
       VALUES (?, ?, ?, ?, ?, 'in-flight', ?) ON CONFLICT DO NOTHING`,
    );
    this.#select = db.prepare<[string, string], Row>(
      `SELECT method, path, body_hash, state, status, response_body, content_type, created_at, transaction_id, pending_status, pending_body, pending_content_type, pending_envelope, pending_send_until
       FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?`,
    );
    this.#takeOver = db.prepare<[number, string, string, number]>(
      "UPDATE idempotency_keys SET created_at = ? WHERE scope = ? AND idempotency_key = ? AND state = 'in-flight' AND created_at = ?",
    );
    this.#complete = db.prepare<[number, string, string, number, string, string]>(
      "UPDATE idempotency_keys SET state = 'done', status = ?, response_body = ?, content_type = ?, completed_at = ? WHERE scope = ? AND idempotency_key = ? AND state = 'in-flight'",
    );
    this.#release = db.prepare<[string, string]>(
      "DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND state = 'in-flight'",
    );
    this.#expireKey = db.prepare<[string, string, number]>(
      "DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND state = 'done' AND completed_at < ?",
    );
    this.#purge = db.prepare<[number]>("DELETE FROM idempotency_keys WHERE state = 'done' AND completed_at < ?");
    this.#bindToTransaction = db.prepare<[string, number, string, string, string | null, number | null, string, string]>(
      "UPDATE idempotency_keys SET transaction_id = ?, pending_status = ?, pending_body = ?, pending_content_type = ?, pending_envelope = ?, pending_send_until = ? WHERE scope = ? AND idempotency_key = ? AND state = 'in-flight'",
    );
  }

  static open(file: string, options: IdempotencyStoreOptions = {}): IdempotencyStore {
    return new IdempotencyStore(openSqlite(file), options);
  }

  claim(claim: IdempotencyClaim): ClaimOutcome {
    const now = this.#now();
    this.#expire(claim, now);
    if (this.#tryInsert(claim, now)) {
      return { kind: 'claimed' };
    }
    const row = this.#select.get(claim.scope, claim.key) as StoredRow | undefined;
    if (row === undefined) {
      // Released between our INSERT and SELECT: try once more.
      return this.#tryInsert(claim, now) ? { kind: 'claimed' } : { kind: 'in-flight' };
    }
    if (row.method !== claim.method || row.path !== claim.path || row.body_hash !== claim.bodyHash) {
      return { kind: 'mismatch' };
    }
    return replayOf(row) ?? outcomeUnknownOf(row, now) ?? this.#takeOverIfOrphaned(claim, row, now);
  }

  /** Forgets the claimed key's response if it expired, and every expired response at most once per PURGE_INTERVAL_MS. */
  #expire(claim: IdempotencyClaim, now: number): void {
    const cutoff = now - this.#ttlMs;
    if (now - this.#lastPurge >= PURGE_INTERVAL_MS) {
      this.#lastPurge = now;
      this.purgeExpired(now);
    } else {
      this.#expireKey.run(claim.scope, claim.key, cutoff);
    }
  }

  /** Deletes every stored response that completed more than the TTL before `now`; returns how many. */
  purgeExpired(now: number = this.#now()): number {
    return this.#purge.run(now - this.#ttlMs).changes;
  }

  #tryInsert(claim: IdempotencyClaim, now: number): boolean {
    return this.#insert.run(claim.scope, claim.key, claim.method, claim.path, claim.bodyHash, now).changes === 1;
  }

  /** An in-flight claim past its lease is taken to be orphaned: the first request to take it over wins it. */
  #takeOverIfOrphaned(claim: IdempotencyClaim, row: StoredRow, now: number): ClaimOutcome {
    if (now - row.created_at >= this.#leaseMs && this.#takeOver.run(now, claim.scope, claim.key, row.created_at).changes === 1) {
      return { kind: 'claimed' };
    }
    return { kind: 'in-flight' };
  }

  /** Stores the response a claimed request produced; a replay returns it verbatim. */
  complete(scope: string, key: string, response: StoredResponse): void {
    this.#complete.run(response.status, response.body, response.contentType, this.#now(), scope, key);
  }

  /**
   * Keeps an in-flight claim whose request submitted `transactionId` without learning whether it
   * committed: the key stays bound to that transaction (across restarts), with the response to
   * give if it did and its signed envelope (so that a retry can send that same transaction again),
   * until the ledger tells (complete or release). From `sendUntilMs` on (the signed decision in
   * the envelope expired) the envelope is no longer handed out to be sent again.
   */
  bindToTransaction(
    scope: string,
    key: string,
    transactionId: string,
    answer: StoredResponse,
    envelope?: Uint8Array,
    sendUntilMs?: number,
  ): void {
    const stored = envelope === undefined ? null : Buffer.from(envelope).toString('base64');
    this.#bindToTransaction.run(transactionId, answer.status, answer.body, answer.contentType, stored, sendUntilMs ?? null, scope, key);
  }

  /** Forgets an in-flight claim (the request failed with 5xx), so the client may retry. */
  release(scope: string, key: string): void {
    this.#release.run(scope, key);
  }

  close(): void {
    this.#db.close();
  }
}
