import type { Assessment } from '../risk/engine';
import type { Finding } from '../risk/finding';
import type { SqliteDatabase } from '../store/sqlite';
import type { RiskDecision } from '@scf/kernel/records/risk-assessment';

/** Where in the gate a decision was made. */
export type DecisionStage = 'assessment' | 'post-endorsement' | 'officer-review';

export interface RecordedDecision {
  readonly id: number;
  readonly financingId: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  readonly stage: DecisionStage;
  readonly decision: RiskDecision;
  readonly score: number;
  readonly reasonCodes: readonly string[];
  readonly explanations: readonly Finding[];
  readonly policyVersion: string;
  readonly inputsHash: string;
  /** The approval's transaction id, when one was committed. */
  readonly transactionId: string | null;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export type ReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** What waits for an officer: a financing request or a warehouse-receipt pledge. */
export type ReviewKind = 'financing' | 'pledge';

/** A pledge acceptance's terms, kept with its review so that an officer's approval endorses the same acceptance. */
export interface PledgeReviewTerms {
  readonly haircutBps: string;
  readonly maintenanceRatioBps: string;
}

export interface ReviewItem {
  readonly kind: ReviewKind;
  /** The financing's or the pledge's id (the name is kept from when only financings were reviewed). */
  readonly financingId: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  readonly amount: string;
  readonly assessment: Assessment;
  readonly status: ReviewStatus;
  readonly queuedAt: string;
  /**
   * The credential of the officer who asked for the assessment that queued it: four eyes, that
   * officer may not decide it. Null for a review queued before this was recorded.
   */
  readonly requestedBy: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  /** A pledge's acceptance terms; null for a financing. */
  readonly terms: PledgeReviewTerms | null;
}

/** What a gate queues; kind defaults to financing. */
export type NewReview = Omit<ReviewItem, 'kind' | 'status' | 'decidedBy' | 'decidedAt' | 'note' | 'terms' | 'requestedBy'> & {
  readonly requestedBy: string;
  readonly kind?: ReviewKind;
  readonly terms?: PledgeReviewTerms;
};

interface DecisionRow {
  id: number;
  financing_id: string;
  bank_msp: string;
  borrower_id: string;
  stage: DecisionStage;
  decision: RiskDecision;
  score: number;
  reason_codes: string;
  explanations: string;
  policy_version: string;
  inputs_hash: string;
  transaction_id: string | null;
  decided_by: string;
  decided_at: string;
}

interface ReviewRow {
  kind: ReviewKind;
  financing_id: string;
  bank_msp: string;
  borrower_id: string;
  amount: string;
  assessment: string;
  status: ReviewStatus;
  queued_at: string;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  terms: string | null;
}

export interface DecisionFilter {
  readonly bankMsp?: string;
  readonly financingId?: string;
  readonly reasonCode?: string;
  readonly decision?: RiskDecision;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

/**
 * Every risk decision with its reasons, and the queue of REVIEW decisions waiting for a bank
 * officer. Kept by the gateway (the ledger only stores approvals and rejections that a bank
 * submitted): a financing the engine rejects never reaches the orderer, so this is its record.
 */
export class RiskDecisionStore {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS risk_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        financing_id TEXT NOT NULL,
        bank_msp TEXT NOT NULL,
        borrower_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        decision TEXT NOT NULL,
        score INTEGER NOT NULL,
        reason_codes TEXT NOT NULL,
        explanations TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        inputs_hash TEXT NOT NULL,
        transaction_id TEXT,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS risk_decisions_by_financing ON risk_decisions (financing_id);
      CREATE INDEX IF NOT EXISTS risk_decisions_by_bank_time ON risk_decisions (bank_msp, decided_at);
      CREATE TABLE IF NOT EXISTS risk_decision_inputs (
        inputs_hash TEXT PRIMARY KEY,
        inputs_json TEXT NOT NULL
      );
    `);
    migrateReviews(db);
  }

  /**
   * Keeps the inputs behind an inputs hash (the canonical JSON the hash is taken of), once per
   * hash: an auditor reads them back and recomputes the hash a decision on the ledger carries.
   */
  keepInputs(inputsHash: string, inputsJson: string): void {
    this.db.prepare('INSERT OR IGNORE INTO risk_decision_inputs (inputs_hash, inputs_json) VALUES (?, ?)').run(inputsHash, inputsJson);
  }

  /** The inputs kept for `inputsHash`, and the banks whose decisions carry it. */
  inputsOf(inputsHash: string): { readonly inputsJson: string; readonly bankMsps: readonly string[] } | undefined {
    const row = this.db.prepare('SELECT inputs_json FROM risk_decision_inputs WHERE inputs_hash = ?').get(inputsHash) as
      { inputs_json: string } | undefined;
    if (row === undefined) {
      return undefined;
    }
    const banks = this.db.prepare('SELECT DISTINCT bank_msp FROM risk_decisions WHERE inputs_hash = ?').all(inputsHash) as {
      bank_msp: string;
    }[];
    return { inputsJson: row.inputs_json, bankMsps: banks.map((b) => b.bank_msp) };
  }

  /** Records what the engine (or an officer) decided about one request, with everything it was based on. */
  recordAssessment(
    subject: { readonly id: string; readonly bankMsp: string; readonly borrowerId: string },
    stage: DecisionStage,
    assessment: Assessment,
    decidedBy: string,
    decidedAt: string,
    transactionId: string | null,
  ): RecordedDecision {
    const { decision, score, reasonCodes, explanations, policyVersion, inputsHash } = assessment;
    return this.record({
      financingId: subject.id,
      bankMsp: subject.bankMsp,
      borrowerId: subject.borrowerId,
      stage,
      decision,
      score,
      reasonCodes,
      explanations,
      policyVersion,
      inputsHash,
      transactionId,
      decidedBy,
      decidedAt,
    });
  }

  record(decision: Omit<RecordedDecision, 'id'>): RecordedDecision {
    const info = this.db
      .prepare(
        `INSERT INTO risk_decisions (financing_id, bank_msp, borrower_id, stage, decision, score, reason_codes, explanations, policy_version, inputs_hash, transaction_id, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        decision.financingId,
        decision.bankMsp,
        decision.borrowerId,
        decision.stage,
        decision.decision,
        decision.score,
        JSON.stringify(decision.reasonCodes),
        JSON.stringify(decision.explanations),
        decision.policyVersion,
        decision.inputsHash,
        decision.transactionId,
        decision.decidedBy,
        decision.decidedAt,
      );
    return { ...decision, id: Number(info.lastInsertRowid) };
  }

  decisions(filter: DecisionFilter): RecordedDecision[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, value: string | undefined): void => {
      if (value !== undefined) {
        where.push(clause);
        params.push(value);
      }
    };
    add('bank_msp = ?', filter.bankMsp);
    add('financing_id = ?', filter.financingId);
    add('decision = ?', filter.decision);
    add('decided_at >= ?', filter.from);
    add('decided_at < ?', filter.to);
    add('EXISTS (SELECT 1 FROM json_each(reason_codes) WHERE json_each.value = ?)', filter.reasonCode);
    const sql = `SELECT * FROM risk_decisions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit) as DecisionRow[];
    return rows.map(toDecision);
  }

  /** Queues a REVIEW; a financing (or pledge) already queued keeps its first entry. */
  enqueueReview(item: NewReview): ReviewItem {
    const kind = item.kind ?? 'financing';
    this.db
      .prepare(
        `INSERT INTO risk_reviews (kind, financing_id, bank_msp, borrower_id, amount, assessment, status, queued_at, terms, requested_by)
         VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) ON CONFLICT (kind, financing_id) DO NOTHING`,
      )
      .run(
        kind,
        item.financingId,
        item.bankMsp,
        item.borrowerId,
        item.amount,
        JSON.stringify(item.assessment),
        item.queuedAt,
        item.terms === undefined ? null : JSON.stringify(item.terms),
        item.requestedBy,
      );
    const queued = this.review(item.financingId, kind);
    if (!queued) {
      throw new Error(`review of ${kind} ${item.financingId} was not stored`);
    }
    return queued;
  }

  review(id: string, kind: ReviewKind = 'financing'): ReviewItem | undefined {
    const row = this.db.prepare('SELECT * FROM risk_reviews WHERE kind = ? AND financing_id = ?').get(kind, id) as ReviewRow | undefined;
    return row ? toReview(row) : undefined;
  }

  /** Every review of `id`, whatever its kind (a financing and a pledge may share an id). */
  reviewsOf(id: string): ReviewItem[] {
    const rows = this.db.prepare('SELECT * FROM risk_reviews WHERE financing_id = ? ORDER BY kind').all(id) as ReviewRow[];
    return rows.map(toReview);
  }

  reviews(bankMsp: string | undefined, status: ReviewStatus | undefined): ReviewItem[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM risk_reviews WHERE (? IS NULL OR bank_msp = ?) AND (? IS NULL OR status = ?) ORDER BY queued_at, financing_id, kind`,
      )
      .all(bankMsp ?? null, bankMsp ?? null, status ?? null, status ?? null) as ReviewRow[];
    return rows.map(toReview);
  }

  /** Moves a PENDING review to its outcome; false when it was no longer pending. */
  closeReview(
    id: string,
    status: Exclude<ReviewStatus, 'PENDING'>,
    decidedBy: string,
    decidedAt: string,
    note: string | null,
    kind: ReviewKind = 'financing',
  ): boolean {
    const info = this.db
      .prepare(
        `UPDATE risk_reviews SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE kind = ? AND financing_id = ? AND status = 'PENDING'`,
      )
      .run(status, decidedBy, decidedAt, note, kind, id);
    return info.changes === 1;
  }
}

function toDecision(row: DecisionRow): RecordedDecision {
  return {
    id: row.id,
    financingId: row.financing_id,
    bankMsp: row.bank_msp,
    borrowerId: row.borrower_id,
    stage: row.stage,
    decision: row.decision,
    score: row.score,
    reasonCodes: JSON.parse(row.reason_codes) as string[],
    explanations: JSON.parse(row.explanations) as Finding[],
    policyVersion: row.policy_version,
    inputsHash: row.inputs_hash,
    transactionId: row.transaction_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

const REVIEWS_TABLE = `
  CREATE TABLE IF NOT EXISTS risk_reviews (
    kind TEXT NOT NULL DEFAULT 'financing' CHECK (kind IN ('financing', 'pledge')),
    financing_id TEXT NOT NULL,
    bank_msp TEXT NOT NULL,
    borrower_id TEXT NOT NULL,
    amount TEXT NOT NULL,
    assessment TEXT NOT NULL,
    status TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    note TEXT,
    terms TEXT,
    requested_by TEXT,
    PRIMARY KEY (kind, financing_id)
  )`;

/**
 * The review queue holds financings and pledges, keyed by (kind, id). A file from before pledges
 * were queued (financing_id alone the key, no kind) is moved over, its rows all financings; a
 * file from before four eyes gets the requested_by column (null: who asked is not known).
 */
function migrateReviews(db: SqliteDatabase): void {
  const columns = (db.prepare('PRAGMA table_info(risk_reviews)').all() as { name: string }[]).map((c) => c.name);
  if (columns.length === 0) {
    db.exec(REVIEWS_TABLE);
    return;
  }
  if (columns.includes('kind')) {
    if (!columns.includes('requested_by')) {
      db.exec('ALTER TABLE risk_reviews ADD COLUMN requested_by TEXT');
    }
    return;
  }
  db.transaction(() => {
    db.exec('ALTER TABLE risk_reviews RENAME TO risk_reviews_before_kinds');
    db.exec(REVIEWS_TABLE);
    db.exec(`INSERT INTO risk_reviews (kind, financing_id, bank_msp, borrower_id, amount, assessment, status, queued_at, decided_by, decided_at, note)
             SELECT 'financing', financing_id, bank_msp, borrower_id, amount, assessment, status, queued_at, decided_by, decided_at, note FROM risk_reviews_before_kinds`);
    db.exec('DROP TABLE risk_reviews_before_kinds');
  })();
}

function toReview(row: ReviewRow): ReviewItem {
  return {
    kind: row.kind,
    financingId: row.financing_id,
    bankMsp: row.bank_msp,
    borrowerId: row.borrower_id,
    amount: row.amount,
    assessment: JSON.parse(row.assessment) as Assessment,
    status: row.status,
    queuedAt: row.queued_at,
    requestedBy: row.requested_by ?? null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.note,
    terms: row.terms === null ? null : (JSON.parse(row.terms) as PledgeReviewTerms),
  };
}
