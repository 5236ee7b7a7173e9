/** Unit tests (app.inject, a temp SQLite file, fake ledgers): Idempotency-Key semantics, concurrency and restart. */
import { Type } from 'typebox';
import type { RouteModule } from './route-context';
import { TEST_KEYS } from '../testing/fakes';
import { buildTestApp, temporaryDir, type TestApp } from '../testing/test-app';
import { IdempotencyStore } from '../store/idempotency-store';
import { ApiError } from './api-error';
import { bodyFingerprint } from './idempotency';
import { ErrorCode } from '@scf/kernel/errors';

interface Counters {
  executions: number;
  /** Resolved by the test to let the in-flight handler finish. */
  gate: Promise<void>;
}

function countingRoutes(counters: Counters): RouteModule {
  return (app) => {
    app.post(
      '/v1/test/orders',
      { schema: { body: Type.Object({ amount: Type.String(), note: Type.Optional(Type.String()) }) } },
      async (request, reply) => {
        counters.executions++;
        const execution = counters.executions;
        await counters.gate;
        if (request.body.note === 'server-error') {
          throw new Error('boom');
        }
        if (request.body.note === 'refuse') {
          throw new ApiError(ErrorCode.LIMIT_EXCEEDED, `refused on execution ${execution}`);
        }
        return reply.code(201).send({ execution, amount: request.body.amount });
      },
    );
    return Promise.resolve();
  };
}

const asSupplier = (key: string): Record<string, string> => ({ authorization: `Bearer ${TEST_KEYS.supplier1}`, 'idempotency-key': key });

describe('Idempotency-Key', () => {
  let t: TestApp;
  const counters: Counters = { executions: 0, gate: Promise.resolve() };
  beforeAll(async () => {
    t = await buildTestApp({ routes: [countingRoutes(counters)] });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    counters.executions = 0;
    counters.gate = Promise.resolve();
  });

  const post = (key: string, payload: unknown, headers: Record<string, string> = asSupplier(key)) =>
    t.app.inject({ method: 'POST', url: '/v1/test/orders', headers, payload: payload as object });

  it('replays the first response verbatim, with Idempotent-Replay, without executing again', async () => {
    const first = await post('k-replay', { amount: '100' });
    const again = await post('k-replay', { amount: '100' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replay']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(counters.executions).toBe(1);
  });

  it('treats bodies equal up to key order as the same request', async () => {
    await post('k-order', { amount: '5', note: 'a' });
    const again = await post('k-order', { note: 'a', amount: '5' });
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(counters.executions).toBe(1);
  });

  it('same key, different body → 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await post('k-reuse', { amount: '100' });
    const other = await post('k-reuse', { amount: '999' });
    expect(other.statusCode).toBe(422);
    expect(other.json<{ code: string }>().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(counters.executions).toBe(1);
  });

  it('scopes keys per credential', async () => {
    await post('k-shared', { amount: '1' });
    const bank = await post(
      'k-shared',
      { amount: '1' },
      { authorization: `Bearer ${TEST_KEYS.bankOfficer}`, 'idempotency-key': 'k-shared' },
    );
    expect(bank.headers['idempotent-replay']).toBeUndefined();
    expect(counters.executions).toBe(2);
  });

  it('stores 4xx answers, releases the key after a 5xx so that a retry runs', async () => {
    const refused = await post('k-4xx', { amount: '1', note: 'refuse' });
    const refusedAgain = await post('k-4xx', { amount: '1', note: 'refuse' });
    expect([refused.statusCode, refusedAgain.statusCode, refusedAgain.body]).toEqual([422, 422, refused.body]);
    expect(counters.executions).toBe(1);

    const failed = await post('k-5xx', { amount: '1', note: 'server-error' });
    const retried = await post('k-5xx', { amount: '1', note: 'server-error' });
    expect([failed.statusCode, retried.statusCode]).toEqual([500, 500]);
    expect(retried.headers['idempotent-replay']).toBeUndefined();
    expect(counters.executions).toBe(3);
  });

  it('rejects a malformed key with 400 and runs nothing', async () => {
    const response = await post('x'.repeat(129), { amount: '1' });
    expect(response.statusCode).toBe(400);
    const control = await post('bad\u0007key', { amount: '1' });
    expect(control.statusCode).toBe(400);
    expect(counters.executions).toBe(0);
  });

  it('a replay while the first is in flight → 409 IDEMPOTENCY_IN_FLIGHT', async () => {
    let open = (): void => undefined;
    counters.gate = new Promise((resolve) => {
      open = resolve;
    });
    const first = post('k-flight', { amount: '7' });
    while (counters.executions === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const concurrent = await post('k-flight', { amount: '7' });
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json<{ code: string }>().code).toBe('IDEMPOTENCY_IN_FLIGHT');
    open();
    expect((await first).statusCode).toBe(201);
    expect((await post('k-flight', { amount: '7' })).headers['idempotent-replay']).toBe('true');
  });

  it('50 concurrent identical requests execute the handler exactly once', async () => {
    // The one execution is held until the 49 others have been answered, so they all overlap it.
    let open = (): void => undefined;
    counters.gate = new Promise((resolve) => {
      open = resolve;
    });
    let answered = 0;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        post('k-storm', { amount: '50' }).then((response) => {
          answered++;
          if (answered === 49) {
            open();
          }
          return response;
        }),
      ),
    );
    expect(counters.executions).toBe(1);
    const originals = responses.filter((r) => r.statusCode === 201);
    expect(originals).toHaveLength(1);
    expect(originals[0]?.headers['idempotent-replay']).toBeUndefined();
    const others = responses.filter((r) => r.statusCode !== 201).map((r) => [r.statusCode, r.json<{ code: string }>().code]);
    expect(others).toEqual(Array.from({ length: 49 }, () => [409, 'IDEMPOTENCY_IN_FLIGHT']));
    const replay = await post('k-storm', { amount: '50' });
    expect([replay.statusCode, replay.body]).toEqual([201, originals[0]?.body]);
    expect(counters.executions).toBe(1);
  });

  it('requests without a key are not deduplicated', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/v1/test/orders',
      headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` },
      payload: { amount: '1' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/test/orders',
      headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` },
      payload: { amount: '1' },
    });
    expect(counters.executions).toBe(2);
  });
});

describe('Idempotency-Key across a restart', () => {
  it('replays from the reopened database file', async () => {
    const dir = temporaryDir();
    const counters: Counters = { executions: 0, gate: Promise.resolve() };
    const before = await buildTestApp({ dir, routes: [countingRoutes(counters)] });
    const first = await before.app.inject({
      method: 'POST',
      url: '/v1/test/orders',
      headers: asSupplier('k-restart'),
      payload: { amount: '3' },
    });
    await before.close();

    const after = await buildTestApp({ dir, routes: [countingRoutes(counters)] });
    try {
      const replay = await after.app.inject({
        method: 'POST',
        url: '/v1/test/orders',
        headers: asSupplier('k-restart'),
        payload: { amount: '3' },
      });
      expect([replay.statusCode, replay.body, replay.headers['idempotent-replay']]).toEqual([201, first.body, 'true']);
      expect(counters.executions).toBe(1);
    } finally {
      await after.close();
    }
  });
});

describe('IdempotencyStore', () => {
  const claim = { scope: 'supplier-1', key: 'k', method: 'POST', path: '/v1/x', bodyHash: bodyFingerprint({ a: '1' }) };

  it('lets an orphaned in-flight claim be taken over only after its lease', () => {
    let now = 1_000;
    const store = IdempotencyStore.open(`${temporaryDir()}/idem.db`, { now: () => now, inFlightLeaseMs: 500 });
    try {
      expect(store.claim(claim).kind).toBe('claimed');
      now += 499;
      expect(store.claim(claim).kind).toBe('in-flight');
      now += 1;
      expect(store.claim(claim).kind).toBe('claimed');
    } finally {
      store.close();
    }
  });

  it('forgets a completed response after its TTL (the key runs anew); never a claim still in flight', () => {
    let now = 1_000;
    const store = IdempotencyStore.open(`${temporaryDir()}/idem.db`, { now: () => now, ttlMs: 60_000, inFlightLeaseMs: 10 * 60_000 });
    try {
      expect(store.claim(claim).kind).toBe('claimed');
      store.complete(claim.scope, claim.key, { status: 201, body: '{}', contentType: 'application/json' });
      now += 60_000;
      expect(store.claim(claim).kind).toBe('replay');
      expect(store.claim({ ...claim, bodyHash: 'other' }).kind).toBe('mismatch');
      now += 1;
      expect(store.claim({ ...claim, bodyHash: 'other' }).kind).toBe('claimed');
      // In flight (not completed), however old: kept; its lease decides.
      now += 5 * 60_000;
      expect(store.claim({ ...claim, bodyHash: 'other' }).kind).toBe('in-flight');
    } finally {
      store.close();
    }
  });

  it('purges every expired response in bulk', () => {
    let now = 0;
    const store = IdempotencyStore.open(`${temporaryDir()}/idem.db`, { now: () => now, ttlMs: 1_000 });
    try {
      for (const key of ['a', 'b', 'c']) {
        store.claim({ ...claim, key });
        store.complete(claim.scope, key, { status: 200, body: '{}', contentType: 'application/json' });
      }
      now = 1_000;
      expect(store.purgeExpired()).toBe(0);
      now = 1_001;
      expect(store.purgeExpired()).toBe(3);
    } finally {
      store.close();
    }
  });

  it('a different path under the same key is a mismatch', () => {
    const store = IdempotencyStore.open(`${temporaryDir()}/idem.db`);
    try {
      store.claim(claim);
      expect(store.claim({ ...claim, path: '/v1/y' }).kind).toBe('mismatch');
    } finally {
      store.close();
    }
  });
});
