import { perMinute, TokenBuckets } from './rate-limit';
import { buildTestApp } from '../testing/test-app';
import { TEST_KEYS } from '../testing/fakes';

describe('rate limits per credential', () => {
  it('admits a burst, then refills at the steady rate', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => buckets.take('a').admitted)).toEqual([true, true, true, false]);
    expect(buckets.take('a')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(buckets.take('b').admitted).toBe(true);
    now = 500;
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('a').admitted).toBe(false);
  });

  it('answers 429 with Retry-After in the one error shape, per credential', async () => {
    const test = await buildTestApp({ configure: (config) => ({ ...config, rateLimit: { perSecond: 1, burst: 2 } }) });
    const get = (key: string) => test.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
    expect((await get(TEST_KEYS.supplier1)).statusCode).toBe(200);
    expect((await get(TEST_KEYS.supplier1)).statusCode).toBe(200);
    const limited = await get(TEST_KEYS.supplier1);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await get(TEST_KEYS.bankOfficer)).statusCode).toBe(200);
    await test.close();
  });

  it('peeks without taking a token', () => {
    let now = 0;
    const buckets = new TokenBuckets(perMinute({ perMinute: 60, burst: 1 }), () => now);
    expect(buckets.peek('a')).toEqual({ admitted: true });
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.peek('a')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    now = 1_000;
    expect(buckets.peek('a')).toEqual({ admitted: true });
  });

  it('gives a heavy route its own lower rate per credential: 429 HEAVY_RATE_LIMITED, other routes unaffected', async () => {
    const test = await buildTestApp({
      configure: (config) => ({ ...config, limits: { ...config.limits, heavy: { perMinute: 1, burst: 1 } } }),
      routes: [
        (app) => {
          app.post('/v1/test/heavy', { config: { heavy: true } }, () => ({ ok: true }));
          return Promise.resolve();
        },
      ],
    });
    const call = (key: string, url = '/v1/test/heavy') =>
      test.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` } });
    expect((await call(TEST_KEYS.supplier1)).statusCode).toBe(200);
    const limited = await call(TEST_KEYS.supplier1);
    expect([limited.statusCode, limited.json<{ code: string }>().code, limited.headers['retry-after']]).toEqual([
      429,
      'HEAVY_RATE_LIMITED',
      '60',
    ]);
    expect((await call(TEST_KEYS.bankOfficer)).statusCode).toBe(200);
    expect(
      (await test.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` } })).statusCode,
    ).toBe(200);
    await test.close();
  });

  it('refuses keys from an address past its failed authentications (429 AUTH_RATE_LIMITED), without checking them', async () => {
    const test = await buildTestApp({
      configure: (config) => ({ ...config, limits: { ...config.limits, authFailures: { perMinute: 1, burst: 2 } } }),
    });
    const get = (key?: string) =>
      test.app.inject({ method: 'GET', url: '/v1/me', headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
    expect([(await get('wrong-1')).statusCode, (await get('wrong-2')).statusCode]).toEqual([401, 401]);
    const limited = await get(TEST_KEYS.supplier1);
    expect([limited.statusCode, limited.json<{ code: string }>().code]).toEqual([429, 'AUTH_RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // No key, nothing guessed: the plain 401.
    expect((await get()).statusCode).toBe(401);
    await test.close();
  });
});
