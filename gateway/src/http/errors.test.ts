/** Unit tests (app.inject over fake ledgers): every non-2xx leaves as { code, message, details? }. */
import { Type } from 'typebox';
import type { RouteModule } from './route-context';
import { TEST_KEYS } from '../testing/fakes';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { ApiError } from './api-error';
import { ErrorCode } from '@scf/kernel/errors';

const Amount = Type.String({ pattern: '^(0|[1-9][0-9]*)$' });

const probeRoutes: RouteModule = (app) => {
  app.post(
    '/v1/test/echo',
    {
      schema: {
        body: Type.Object({ amount: Amount, currency: Type.String({ minLength: 3, maxLength: 3 }) }, { additionalProperties: false }),
      },
    },
    (request) => ({ amount: request.body.amount }),
  );
  app.get('/v1/test/crash', () => {
    throw new Error('ECONNREFUSED /srv/secret/db.sqlite at Object.<anonymous> (internal.js:1:1)');
  });
  app.get('/v1/test/refused', () => {
    throw new ApiError(422, ErrorCode.LIMIT_EXCEEDED, 'credit line cl-1 has 0 left', { lineId: 'cl-1' });
  });
  return Promise.resolve();
};

const auth = { authorization: `Bearer ${TEST_KEYS.supplier1}` };

describe('the one error shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ routes: [probeRoutes] });
  });
  afterAll(() => t.close());

  it('schema violations → 400 INVALID_ARGUMENT naming every failing path', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: auth,
      payload: { amount: 12.5, currency: 'EURO', extra: true },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; message: string; details: { violations: { path: string; message: string }[] } }>();
    expect(body.code).toBe('INVALID_ARGUMENT');
    const paths = body.details.violations.map((violation) => violation.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/amount', '/body/currency']));
    expect(body.message).toMatch(/^\/body\//);
  });

  it('a valid body reaches the handler', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: auth,
      payload: { amount: '1250', currency: 'EUR' },
    });
    expect([response.statusCode, response.json()]).toEqual([200, { amount: '1250' }]);
  });

  it('malformed JSON → 400 INVALID_ARGUMENT', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"amount":',
    });
    expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'no route GET /v1/nothing-here' });
  });

  it('a body over 256 KiB → 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: auth,
      payload: { amount: '1', currency: 'EUR', pad: 'x'.repeat(300 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unexpected error → 500 INTERNAL without its text or stack', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/test/crash', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'INTERNAL', message: 'internal error' });
    expect(response.body).not.toMatch(/secret|ECONNREFUSED|internal\.js/);
  });

  it('an ApiError thrown by a route keeps its status, code and details', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/test/refused', headers: auth });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ code: 'LIMIT_EXCEEDED', message: 'credit line cl-1 has 0 left', details: { lineId: 'cl-1' } });
  });

  it('a ledger failure surfaces as the mapped error', async () => {
    t.ledgers.answer = () => Promise.reject(new ApiError(503, 'NETWORK_UNAVAILABLE', 'the ledger network did not answer in time'));
    try {
      const response = await t.app.inject({ method: 'GET', url: '/v1/system/version', headers: auth });
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([503, 'NETWORK_UNAVAILABLE']);
    } finally {
      t.ledgers.answer = () => new TextEncoder().encode('{}');
    }
  });
});
