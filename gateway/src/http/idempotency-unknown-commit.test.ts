/**
 * Unit tests (app.inject, fake ledgers, a temp SQLite file): an Idempotency-Key whose request
 * submitted a transaction with an unknown commit stays bound to that transaction; a retry asks
 * the ledger about it before anything else and never runs a new proposal while it is unknown.
 */
import { CommitOutcomeUnknownError } from '../ledger/errors';
import { financingRoutes } from './routes/financings';
import { IdempotencyStore } from '../store/idempotency-store';
import { FakeLedgers, TEST_KEYS, type RecordedCall } from '../testing/fakes';
import { financingFixture } from '../testing/ledger-fixtures';
import { buildTestApp, temporaryDir, type TestApp } from '../testing/test-app';
import { bodyFingerprint } from './idempotency';
import { tx } from '@scf/kernel/catalogue/catalogue';

const encoder = new TextEncoder();
const cancelled = { ...financingFixture, status: 'CANCELLED' };
const LOST = 'tx-lost-in-the-orderer';

/** Fake ledgers whose next submits of `transaction` end with the commit unknown while `lose` is true. */
class LosingLedgers extends FakeLedgers {
  lose = true;
  /** The decision expiry the lost transaction carries (sendUntilMs), if any. */
  sendUntilMs: number | undefined;
  constructor(private readonly results: Readonly<Record<string, unknown>>) {
    super();
    this.answer = (call: RecordedCall): Uint8Array => {
      const result = encoder.encode(JSON.stringify(this.results[call.transaction] ?? {}));
      if (call.method !== 'evaluate' && this.lose) {
        throw new CommitOutcomeUnknownError(
          LOST,
          result,
          new Error('commit status deadline exceeded'),
          encoder.encode('signed envelope of the lost transaction'),
          this.sendUntilMs,
        );
      }
      return result;
    };
  }

  submits(transaction: string): number {
    return this.calls.filter((c) => c.method === 'submit' && c.transaction === transaction).length;
  }
}

const headers = (key: string): Record<string, string> => ({ authorization: `Bearer ${TEST_KEYS.supplier1}`, 'idempotency-key': key });

describe('Idempotency-Key after a submit whose commit is unknown', () => {
  let t: TestApp;
  let ledgers: LosingLedgers;
  beforeEach(async () => {
    ledgers = new LosingLedgers({ CancelFinancing: cancelled, RequestFinancing: { ...financingFixture, status: 'REQUESTED' } });
    t = await buildTestApp({ routes: [financingRoutes], ledgers });
  });
  afterEach(() => t.close());

  const cancel = (key: string) => t.app.inject({ method: 'POST', url: '/v1/financings/fin-1/cancel', headers: headers(key) });

  it('answers 503 COMMIT_STATUS_UNKNOWN with the transaction id, and keeps the key bound to it', async () => {
    const first = await cancel('k-unknown');
    expect(first.statusCode).toBe(503);
    expect(first.json()).toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN', details: { transactionId: LOST } });
    expect(
      t.idempotency.claim({
        scope: 'supplier-1',
        key: 'k-unknown',
        method: 'POST',
        path: '/v1/financings/fin-1/cancel',
        bodyHash: bodyFingerprint(undefined),
      }),
    ).toEqual({
      kind: 'outcome-unknown',
      transactionId: LOST,
      answer: { status: 200, body: JSON.stringify({ ...cancelled, transactionId: LOST }), contentType: 'application/json; charset=utf-8' },
      envelope: Buffer.from('signed envelope of the lost transaction'),
      expired: false,
    });
  });

  it('committed valid: the retry answers the success built from the endorsed result, and submits nothing', async () => {
    await cancel('k-committed');
    ledgers.lose = false;
    ledgers.fates.set(LOST, { state: 'committed', blockNumber: undefined });
    const retry = await cancel('k-committed');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replay']).toBe('true');
    expect(retry.json()).toEqual({ ...cancelled, transactionId: LOST });
    expect(ledgers.fateQueries).toEqual([LOST]);
    // The ledger got the stored envelope, to send that same transaction again if it does not know it.
    expect(ledgers.fateEnvelopes).toEqual(['signed envelope of the lost transaction']);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(1);
    // From then on a plain replay of the stored answer: the ledger is not asked again.
    const again = await cancel('k-committed');
    expect([again.statusCode, again.body]).toEqual([200, retry.body]);
    expect(ledgers.fateQueries).toEqual([LOST]);
  });

  it('committed valid on a create: the retry answers with the route status (201)', async () => {
    const body = { financingId: 'fin-1', receivableId: 'rcv-1', lineId: 'line-1', amount: '800' };
    const request = () => t.app.inject({ method: 'POST', url: '/v1/financings', headers: headers('k-create'), payload: body });
    expect((await request()).statusCode).toBe(503);
    ledgers.fates.set(LOST, { state: 'committed', blockNumber: 9n });
    const retry = await request();
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ id: financingFixture.id, status: 'REQUESTED', transactionId: LOST });
    expect(ledgers.submits(tx.financing.RequestFinancing.name)).toBe(1);
  });

  it('invalidated: the key is released and the retry runs as a new request (a new transaction)', async () => {
    await cancel('k-invalid');
    ledgers.lose = false;
    ledgers.fates.set(LOST, { state: 'invalid', validationCode: 'MVCC_READ_CONFLICT' });
    const retry = await cancel('k-invalid');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replay']).toBeUndefined();
    const { transactionId } = retry.json<{ transactionId: string }>();
    expect(transactionId).not.toBe(LOST);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(2);
    // That new answer is now the key's answer.
    const again = await cancel('k-invalid');
    expect([again.headers['idempotent-replay'], again.json<{ transactionId: string }>().transactionId]).toEqual(['true', transactionId]);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(2);
  });

  it('still unknown: 503 again, nothing new is submitted, however often it is retried', async () => {
    await cancel('k-still');
    ledgers.lose = false;
    for (let i = 0; i < 3; i++) {
      const retry = await cancel('k-still');
      expect(retry.statusCode).toBe(503);
      expect(retry.json()).toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN', details: { transactionId: LOST } });
    }
    expect(ledgers.fateQueries).toEqual([LOST, LOST, LOST]);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(1);
  });

  it('a decision still live: its envelope is sent again on a retry, and an unknown outcome stays 503', async () => {
    ledgers.sendUntilMs = Date.now() + 60_000;
    await cancel('k-live');
    ledgers.lose = false;
    expect((await cancel('k-live')).statusCode).toBe(503);
    expect(ledgers.fateEnvelopes).toEqual(['signed envelope of the lost transaction']);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(1);
  });

  it('a decision expired: the envelope is never sent again; unknown to the ledger, the request runs anew (decided anew)', async () => {
    ledgers.sendUntilMs = Date.now() - 1;
    await cancel('k-expired');
    ledgers.lose = false;
    const retry = await cancel('k-expired');
    // The ledger was asked about the old transaction without its envelope: nothing old is sent.
    expect(ledgers.fateQueries).toEqual([LOST]);
    expect(ledgers.fateEnvelopes).toEqual([undefined]);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replay']).toBeUndefined();
    expect(retry.json<{ transactionId: string }>().transactionId).not.toBe(LOST);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(2);
  });

  it('a decision expired but the old transaction committed meanwhile: its success is the answer, nothing new runs', async () => {
    ledgers.sendUntilMs = Date.now() - 1;
    await cancel('k-expired-committed');
    ledgers.fates.set(LOST, { state: 'committed', blockNumber: 5n });
    const retry = await cancel('k-expired-committed');
    expect([retry.statusCode, retry.headers['idempotent-replay']]).toEqual([200, 'true']);
    expect(ledgers.fateEnvelopes).toEqual([undefined]);
    expect(ledgers.submits(tx.financing.CancelFinancing.name)).toBe(1);
  });

  it('without a key nothing is kept: a 503 stays a 503', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/financings/fin-1/cancel',
      headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` },
    });
    expect(response.statusCode).toBe(503);
    expect(ledgers.fateQueries).toEqual([]);
  });
});

describe('a key bound to an unknown commit, across a restart', () => {
  it('survives in the SQLite file: after the restart the retry asks about that transaction and answers its success', async () => {
    const dir = temporaryDir();
    const before = new LosingLedgers({ CancelFinancing: cancelled });
    const first = await buildTestApp({ dir, routes: [financingRoutes], ledgers: before });
    expect((await first.app.inject({ method: 'POST', url: '/v1/financings/fin-1/cancel', headers: headers('k-restart') })).statusCode).toBe(
      503,
    );
    await first.close();

    const after = new LosingLedgers({ CancelFinancing: cancelled });
    after.lose = false;
    after.fates.set(LOST, { state: 'committed', blockNumber: undefined });
    const second = await buildTestApp({ dir, routes: [financingRoutes], ledgers: after });
    try {
      const retry = await second.app.inject({ method: 'POST', url: '/v1/financings/fin-1/cancel', headers: headers('k-restart') });
      expect([retry.statusCode, retry.headers['idempotent-replay']]).toEqual([200, 'true']);
      expect(retry.json()).toEqual({ ...cancelled, transactionId: LOST });
      expect(after.fateQueries).toEqual([LOST]);
      expect(after.submits(tx.financing.CancelFinancing.name)).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('is never taken over as an orphaned claim, however old', async () => {
    const dir = temporaryDir();
    const ledgers = new LosingLedgers({ CancelFinancing: cancelled });
    const first = await buildTestApp({ dir, routes: [financingRoutes], ledgers });
    await first.app.inject({ method: 'POST', url: '/v1/financings/fin-1/cancel', headers: headers('k-old') });
    await first.close();
    const store = IdempotencyStore.open(`${dir}/gateway.db`, { now: () => Date.now() + 365 * 86_400_000, inFlightLeaseMs: 1 });
    try {
      const outcome = store.claim({
        scope: 'supplier-1',
        key: 'k-old',
        method: 'POST',
        path: '/v1/financings/fin-1/cancel',
        bodyHash: bodyFingerprint(undefined),
      });
      expect(outcome).toMatchObject({ kind: 'outcome-unknown', transactionId: LOST, answer: { status: 200 } });
    } finally {
      store.close();
    }
  });
});
