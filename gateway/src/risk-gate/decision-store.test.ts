import path from 'node:path';
import { openSqlite } from '../store/sqlite';
import { temporaryDir } from '../testing/test-app';
import { RiskDecisionStore } from './decision-store';

const assessment = {
  decision: 'REVIEW',
  score: 400,
  reasonCodes: ['LINE_HEADROOM_LOW'],
  explanations: [],
  policyVersion: 'bank-a/2025.1',
  inputsHash: 'a'.repeat(64),
};

describe('the review queue', () => {
  it('keeps financings and pledges apart, even under one id', () => {
    const store = new RiskDecisionStore(openSqlite(path.join(temporaryDir(), 'reviews.db')));
    const base = {
      financingId: 'x1',
      bankMsp: 'BankAMSP',
      borrowerId: 'supplier-1',
      amount: '100',
      assessment: assessment as never,
      queuedAt: '2026-01-01T00:00:00.000Z',
      requestedBy: 'bank-a',
    };
    store.enqueueReview(base);
    store.enqueueReview({ ...base, kind: 'pledge', terms: { haircutBps: '3000', maintenanceRatioBps: '12000' } });
    expect(store.reviews('BankAMSP', 'PENDING').map((r) => [r.kind, r.financingId, r.terms, r.requestedBy])).toEqual([
      ['financing', 'x1', null, 'bank-a'],
      ['pledge', 'x1', { haircutBps: '3000', maintenanceRatioBps: '12000' }, 'bank-a'],
    ]);
    expect(store.closeReview('x1', 'REJECTED', 'bank-a', '2026-01-02T00:00:00.000Z', null, 'pledge')).toBe(true);
    expect(store.review('x1')?.status).toBe('PENDING');
    expect(store.review('x1', 'pledge')?.status).toBe('REJECTED');
    expect(store.reviewsOf('x1').map((r) => r.kind)).toEqual(['financing', 'pledge']);
  });

  it('moves a queue from before pledges were queued over, its rows all financings', () => {
    const file = path.join(temporaryDir(), 'old.db');
    const old = openSqlite(file);
    old.exec(`CREATE TABLE risk_reviews (financing_id TEXT PRIMARY KEY, bank_msp TEXT NOT NULL, borrower_id TEXT NOT NULL, amount TEXT NOT NULL, assessment TEXT NOT NULL,
              status TEXT NOT NULL, queued_at TEXT NOT NULL, decided_by TEXT, decided_at TEXT, note TEXT)`);
    old
      .prepare(
        `INSERT INTO risk_reviews VALUES ('f1', 'BankAMSP', 'supplier-1', '700000', ?, 'PENDING', '2026-01-01T00:00:00.000Z', NULL, NULL, NULL)`,
      )
      .run(JSON.stringify(assessment));
    old.close();
    const store = new RiskDecisionStore(openSqlite(file));
    expect(store.review('f1')).toMatchObject({
      kind: 'financing',
      financingId: 'f1',
      status: 'PENDING',
      terms: null,
      amount: '700000',
      requestedBy: null,
    });
    // Opening it again leaves it as it is.
    expect(new RiskDecisionStore(openSqlite(file)).reviews(undefined, undefined)).toHaveLength(1);
  });

  it('gives a queue from before four eyes the requested_by column, who asked unknown', () => {
    const file = path.join(temporaryDir(), 'kinds.db');
    const before = openSqlite(file);
    before.exec(`CREATE TABLE risk_reviews (kind TEXT NOT NULL DEFAULT 'financing', financing_id TEXT NOT NULL, bank_msp TEXT NOT NULL,
              borrower_id TEXT NOT NULL, amount TEXT NOT NULL, assessment TEXT NOT NULL, status TEXT NOT NULL, queued_at TEXT NOT NULL,
              decided_by TEXT, decided_at TEXT, note TEXT, terms TEXT, PRIMARY KEY (kind, financing_id))`);
    before
      .prepare(
        `INSERT INTO risk_reviews (financing_id, bank_msp, borrower_id, amount, assessment, status, queued_at) VALUES ('f1', 'BankAMSP', 'supplier-1', '1', ?, 'PENDING', 'x')`,
      )
      .run(JSON.stringify(assessment));
    before.close();
    const store = new RiskDecisionStore(openSqlite(file));
    expect(store.review('f1')?.requestedBy).toBeNull();
    store.enqueueReview({
      financingId: 'f2',
      bankMsp: 'BankAMSP',
      borrowerId: 's',
      amount: '1',
      assessment: assessment as never,
      queuedAt: 'x',
      requestedBy: 'bank-a',
    });
    expect(store.review('f2')?.requestedBy).toBe('bank-a');
  });
});
