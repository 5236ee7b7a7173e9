/** Unit tests (app.inject over fake ledgers): request ids in headers and logs, readiness, metrics, OpenAPI. */
import pino from 'pino';
import { Writable } from 'node:stream';
import { NetworkUnavailable } from '../../ledger/errors';
import { TEST_KEYS } from '../../testing/fakes';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { tx } from '@scf/kernel/catalogue/catalogue';

function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const auth = { authorization: `Bearer ${TEST_KEYS.supplier1}` };

describe('request ids', () => {
  const capture = capturingLogger();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ logger: capture.logger });
  });
  afterAll(() => t.close());

  it('honours a sane X-Request-Id, echoes it, and puts it on every log line of the request', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { ...auth, 'x-request-id': 'client-req.42' } });
    expect(response.headers['x-request-id']).toBe('client-req.42');
    const lines = capture.lines().filter((line) => line.reqId === 'client-req.42');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
  });

  it('replaces an unsafe or oversized id with a fresh UUID', async () => {
    for (const unsafe of ['has spaces', 'x'.repeat(129), 'line\u0001break']) {
      const response = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': unsafe } });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('echoes the id on errors too, and never logs the API key', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: 'Bearer leaked-key-123', 'x-request-id': 'err-1' },
    });
    expect([response.statusCode, response.headers['x-request-id']]).toEqual([401, 'err-1']);
    expect(JSON.stringify(capture.lines())).not.toContain('leaked-key-123');
  });
});

describe('readiness', () => {
  let now = 0;
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ readiness: { cacheMs: 2_000, now: () => now } });
  });
  afterAll(() => t.close());

  it('is 200 when scf.system:Version answers, 503 NETWORK_UNAVAILABLE when not, cached for 2 s', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const versionCalls = (): number =>
      t.ledgers.calls.filter((c) => c.contract === tx.system.Version.contract && c.transaction === tx.system.Version.name).length;
    expect(versionCalls()).toBe(1);

    t.ledgers.answer = () => Promise.reject(new NetworkUnavailable('down', undefined, undefined));
    now += 1_999;
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(versionCalls()).toBe(1);

    now += 1;
    const down = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json<{ code: string }>().code).toBe('NETWORK_UNAVAILABLE');
    expect(versionCalls()).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });
});

describe('metrics and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('counts requests by route pattern, method and status', async () => {
    await t.app.inject({ method: 'GET', url: '/v1/me', headers: auth });
    await t.app.inject({ method: 'GET', url: '/v1/me' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TEST_KEYS.auditor}` } });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/scf_gateway_http_requests_total\{route="\/v1\/me",method="GET",status="200"\} [1-9]/);
    expect(metrics.body).toMatch(/scf_gateway_http_requests_total\{route="\/v1\/me",method="GET",status="401"\} [1-9]/);
    expect(metrics.body).toContain('scf_gateway_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('# TYPE scf_gateway_risk_decisions_total counter');
    expect(metrics.body).toContain('# TYPE scf_gateway_ledger_round_trip_seconds histogram');
  });

  it('serves the metrics to the auditor only: 401 without a key, 403 FORBIDDEN for any other credential', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect([anonymous.statusCode, anonymous.json<{ code: string }>().code]).toEqual([401, 'UNAUTHENTICATED']);
    const supplier = await t.app.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect([supplier.statusCode, supplier.json<{ code: string }>().code]).toEqual([403, 'FORBIDDEN']);
    expect(supplier.body).not.toContain('scf_gateway');
  });

  it('serves an OpenAPI 3 document with the API-key security schemes and the routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
      security: Record<string, string[]>[];
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.values(document.components.securitySchemes)).toEqual(
      expect.arrayContaining([
        { type: 'http', scheme: 'bearer', description: expect.any(String) as string },
        { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: expect.any(String) as string },
      ]),
    );
    expect(document.security.length).toBeGreaterThan(0);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/system/version', '/v1/me', '/healthz', '/readyz']));
    expect(document.paths['/healthz']?.get?.security).toEqual([]);
    expect(Object.keys(document.paths['/v1/me']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});
