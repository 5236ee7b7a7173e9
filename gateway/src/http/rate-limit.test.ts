import { TokenBuckets } from './rate-limit';
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
});
