/**
 * The gateway's limits beyond the request rate (issue 16), on the gateway as a process with small
 * budgets: open event streams per credential, the heavy endpoints' own lower rate, failed
 * authentications per client address, the expiry of idempotency records and stored stress
 * results, and /metrics for the auditor only. Each limit refuses with its own error code.
 */
import http from 'node:http';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { runId } from '../support/ledger';

const STREAMS = 2;
const IDEMPOTENCY_TTL_SECONDS = 3;
const STRESS_TTL_SECONDS = 20;
const AUTH_FAILURE_BURST = 3;
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess({
    GATEWAY_EVENT_STREAMS_PER_CREDENTIAL: String(STREAMS),
    GATEWAY_HEAVY_PER_MINUTE: '1',
    GATEWAY_HEAVY_BURST: '1',
    GATEWAY_AUTH_FAILURES_PER_MINUTE: '6',
    GATEWAY_AUTH_FAILURE_BURST: String(AUTH_FAILURE_BURST),
    GATEWAY_IDEMPOTENCY_TTL_SECONDS: String(IDEMPOTENCY_TTL_SECONDS),
    GATEWAY_STRESS_RESULT_TTL_SECONDS: String(STRESS_TTL_SECONDS),
  });
}, 120_000);

afterAll(async () => {
  await gw.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const codeOf = (answer: { body: unknown }): unknown => (answer.body as { code?: unknown } | undefined)?.code;

interface Stream {
  readonly status: number;
  readonly body: string;
  close(): Promise<void>;
}

/** Opens GET /v1/events as `participant`; resolves once the answer's head (and, for a refusal, its body) arrived. */
function openStream(participant: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${gw.url}/v1/events`, { headers: { authorization: `Bearer ${gw.keys[participant] ?? ''}` } }, (response) => {
      const closed = new Promise<void>((done) => response.once('close', done));
      const close = async (): Promise<void> => {
        request.destroy();
        await closed;
      };
      if (response.statusCode === 200) {
        // The first frame (`retry`, `: connected`) says the stream is registered.
        response.once('data', () => {
          resolve({ status: 200, body: '', close });
        });
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body, close });
      });
    });
    request.once('error', reject);
  });
}

describe('limits and expiries', () => {
  it('an undeclared method on an existing path is 405 METHOD_NOT_ALLOWED with Allow; an unknown path stays 404', async () => {
    const put = await gw.fetch('supplier-1', 'PUT', '/v1/me');
    expect([put.status, codeOf(put), put.headers.get('allow')]).toEqual([405, 'METHOD_NOT_ALLOWED', 'GET, HEAD']);
    const deleted = await gw.fetch('supplier-1', 'DELETE', '/v1/receivables/some-id');
    expect([deleted.status, codeOf(deleted)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    expect(deleted.headers.get('allow')).toContain('GET');
    const unknown = await gw.fetch('supplier-1', 'GET', '/v1/no-such-thing');
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });

  it('caps open event streams per credential (429 EVENT_STREAMS_EXCEEDED); others are unaffected; a closed stream frees its place', async () => {
    const open: Stream[] = [];
    try {
      for (let i = 0; i < STREAMS; i++) {
        open.push(await openStream('supplier-1'));
      }
      expect(open.map((s) => s.status)).toEqual(Array.from({ length: STREAMS }, () => 200));
      const refused = await openStream('supplier-1');
      expect([refused.status, (JSON.parse(refused.body) as { code: string; details: unknown }).code]).toEqual([
        429,
        'EVENT_STREAMS_EXCEEDED',
      ]);
      expect((JSON.parse(refused.body) as { details: unknown }).details).toEqual({ limit: STREAMS });

      const other = await openStream('core');
      expect(other.status).toBe(200);
      open.push(other);

      await open.shift()?.close();
      // The server sees the close when the socket ends: the place is free once it has.
      let again = await openStream('supplier-1');
      for (let tries = 0; again.status !== 200 && tries < 50; tries++) {
        await sleep(100);
        again = await openStream('supplier-1');
      }
      expect(again.status).toBe(200);
      open.push(again);
    } finally {
      await Promise.all(open.map((s) => s.close()));
    }
  }, 60_000);

  it('gives the heavy endpoints their own lower rate per credential (429 HEAVY_RATE_LIMITED); other routes still answer', async () => {
    const scenario = { scenario: { kind: 'core-late', coreId: 'core', days: 1 } };
    const first = await gw.fetch('bank-a', 'POST', '/v1/chain/stress', scenario);
    expect(first.status).toBe(200);
    const second = await gw.fetch('bank-a', 'POST', '/v1/chain/stress', scenario);
    expect([second.status, codeOf(second)]).toEqual([429, 'HEAVY_RATE_LIMITED']);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The same credential's other routes, and the same route for another credential, are not limited by it.
    expect((await gw.fetch('bank-a', 'GET', '/v1/me')).status).toBe(200);
    expect((await gw.fetch('auditor', 'POST', '/v1/chain/stress', scenario)).status).toBe(200);
  }, 120_000);

  it('forgets a stored stress result once it expired (404)', async () => {
    const scenario = { scenario: { kind: 'core-late', coreId: 'core', days: 2 } };
    const run = await gw.fetch('bank-b', 'POST', '/v1/chain/stress', scenario);
    expect(run.status).toBe(200);
    const { scenarioHash, height } = (run.body as { result: { scenarioHash: string; height: string } }).result;
    const stored = `/v1/chain/stress/${scenarioHash}/${height}`;
    expect((await gw.fetch('bank-b', 'GET', stored)).status).toBe(200);
    await sleep(STRESS_TTL_SECONDS * 1000 + 1000);
    const expired = await gw.fetch('bank-b', 'GET', stored);
    expect([expired.status, codeOf(expired)]).toEqual([404, 'NOT_FOUND']);
  }, 120_000);

  it('forgets a completed Idempotency-Key once it expired: the key then runs a new request', async () => {
    const key = runId('idem-ttl');
    const label = runId('ttl');
    const write = (body: unknown) => gw.fetch('warehouse', 'POST', '/v1/system/heartbeats', body, { 'idempotency-key': key });
    expect((await write({ label })).status).toBe(201);
    // Before it expired, another body under the key would be 422 IDEMPOTENCY_KEY_REUSED (gateway/src/http/idempotency.test.ts);
    // after it, the key is free: the other body runs as a new request.
    await sleep(IDEMPOTENCY_TTL_SECONDS * 1000 + 1000);
    const fresh = await write({ label: `${label}-other` });
    expect([fresh.status, fresh.headers.get('idempotent-replay')]).toEqual([201, null]);
    expect((fresh.body as { label: string }).label).toBe(`${label}-other`);
  }, 120_000);

  it('serves /metrics to the auditor only: 401 without a key, 403 FORBIDDEN for another credential', async () => {
    const anonymous = await fetch(`${gw.url}/metrics`);
    expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([401, 'UNAUTHENTICATED']);
    const supplier = await gw.fetch('supplier-1', 'GET', '/metrics');
    expect([supplier.status, codeOf(supplier)]).toEqual([403, 'FORBIDDEN']);
    const auditor = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${gw.keys.auditor ?? ''}` } });
    expect(auditor.status).toBe(200);
    expect(await auditor.text()).toContain('scf_gateway_http_requests_total');
  });

  // Last: it locks every keyed request from this address out until Retry-After.
  it('rate-limits failed authentications per address (429 AUTH_RATE_LIMITED): then even a valid key is not checked', async () => {
    // Each org's gateway counts the failures it sees: the wrong keys go to supplier-1's own gateway.
    const suppliers = gw.urlOf('Suppliers');
    const wrong = async () =>
      fetch(`${suppliers}/v1/me`, { headers: { authorization: `Bearer scf_${'x'.repeat(43)}` } }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
        retryAfter: r.headers.get('retry-after'),
      }));
    const failures = [];
    for (let i = 0; i < AUTH_FAILURE_BURST; i++) {
      failures.push(await wrong());
    }
    expect(failures.map((f) => [f.status, codeOf(f)])).toEqual(Array.from({ length: AUTH_FAILURE_BURST }, () => [401, 'UNAUTHENTICATED']));
    // The burst is spent; a failure refills every 10 s, so a slow machine may see one more 401 first.
    let limited = await wrong();
    for (let more = 0; limited.status === 401 && more < 2; more++) {
      limited = await wrong();
    }
    expect([limited.status, codeOf(limited)]).toEqual([429, 'AUTH_RATE_LIMITED']);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    const valid = await gw.fetch('supplier-1', 'GET', '/v1/me');
    expect([valid.status, codeOf(valid)]).toEqual([429, 'AUTH_RATE_LIMITED']);
    // Without a key nothing is guessed: still the plain 401.
    expect((await fetch(`${suppliers}/v1/me`)).status).toBe(401);
    // After Retry-After (a failure refills every 10 s here) the valid key is served again.
    await sleep(Number(limited.retryAfter) * 1000 + 500);
    expect((await gw.fetch('supplier-1', 'GET', '/v1/me')).status).toBe(200);
  }, 120_000);
});
