/** Unit tests (app.inject over fake ledgers): every non-2xx leaves as { code, message, details? }. */
import { Type } from 'typebox';
import {
  CommitOutcomeUnknownError,
  CommitUnknown,
  LedgerFailure,
  LedgerRefusal,
  NetworkUnavailable,
  ReadConflict,
  TransactionInvalid,
} from '../ledger/errors';
import type { RouteModule } from './route-context';
import { TEST_KEYS } from '../testing/fakes';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { ApiError } from './api-error';
import { apiErrorOf } from './errors';
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
    throw new ApiError(ErrorCode.LIMIT_EXCEEDED, 'credit line cl-1 has 0 left', { lineId: 'cl-1' });
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
    t.ledgers.answer = () => Promise.reject(new NetworkUnavailable('the ledger network did not answer in time', undefined, undefined));
    try {
      const response = await t.app.inject({ method: 'GET', url: '/v1/system/version', headers: auth });
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([503, 'NETWORK_UNAVAILABLE']);
    } finally {
      t.ledgers.answer = () => new TextEncoder().encode('{}');
    }
  });
});

describe('apiErrorOf: ledger errors by their code, through the one table', () => {
  const details = { transactionId: 'tx-1' };
  const cause = new Error('the fabric-gateway error');

  // The statuses the API has always answered; pinned here, not read from the table under test.
  const refusalStatus: Record<Exclude<ErrorCode, 'INTERNAL'>, number> = {
    INVALID_ARGUMENT: 400,
    NOT_FOUND: 404,
    ENTITY_CLAIMED: 409,
    NOT_REGISTERED: 403,
    FORBIDDEN: 403,
    SUSPENDED: 403,
    ALREADY_EXISTS: 409,
    DUPLICATE_FINGERPRINT: 409,
    ENCUMBERED: 409,
    INVALID_STATE: 409,
    DECISION_UNSIGNED: 422,
    DECISION_SIGNATURE_INVALID: 422,
    DECISION_EXPIRED: 409,
    DECISION_MISMATCH: 422,
    TERMS_MISMATCH: 422,
    CONSENT_EXPIRED: 409,
    INVITATION_UNKNOWN: 404,
    INVITATION_USED: 409,
    INVITATION_EXPIRED: 409,
    LIMIT_EXCEEDED: 422,
    CAP_EXCEEDED: 422,
    ADVANCE_RATE_EXCEEDED: 422,
    TENOR_EXCEEDED: 422,
    LINE_EXPIRED: 422,
    AMOUNT_EXCEEDS_OUTSTANDING: 422,
    COLLATERAL_INSUFFICIENT: 422,
    RISK_NOT_APPROVED: 422,
    CURRENCY_MISMATCH: 422,
  };

  it.each(Object.entries(refusalStatus))('a chaincode refusal %s → HTTP %i with its message and the transaction id', (code, status) => {
    const mapped = apiErrorOf(new LedgerRefusal(code as keyof typeof refusalStatus, 'receivable r-1 is pledged', details, cause));
    expect([mapped.httpStatus, mapped.toBody(), mapped.cause]).toEqual([
      status,
      { code, message: 'receivable r-1 is pledged', details },
      cause,
    ]);
  });

  it.each([
    ['ReadConflict', new ReadConflict('retry', details, cause), 409, 'CONFLICT'],
    ['TransactionInvalid', new TransactionInvalid('not committed', details, cause), 409, 'TRANSACTION_INVALID'],
    ['CommitUnknown', new CommitUnknown('unknown', details, cause), 503, 'COMMIT_STATUS_UNKNOWN'],
    ['CommitOutcomeUnknownError', new CommitOutcomeUnknownError('tx-1', new Uint8Array(), cause), 503, 'COMMIT_STATUS_UNKNOWN'],
    ['NetworkUnavailable', new NetworkUnavailable('down', details, cause), 503, 'NETWORK_UNAVAILABLE'],
    ['LedgerFailure', new LedgerFailure('the chaincode failed unexpectedly', details, cause), 500, 'INTERNAL'],
  ])('%s → HTTP %i %s, message and details as the ledger said them', (_name, error, status, code) => {
    const mapped = apiErrorOf(error);
    expect([mapped.httpStatus, mapped.toBody(), mapped.cause]).toEqual([status, { code, message: error.message, details }, cause]);
  });

  it('an ApiError passes through; any other error becomes a bare 500', () => {
    const apiError = new ApiError(ErrorCode.LIMIT_EXCEEDED, 'over');
    expect(apiErrorOf(apiError)).toBe(apiError);
    const mapped = apiErrorOf(new Error('ENOENT /etc/secret'));
    expect([mapped.httpStatus, mapped.toBody()]).toEqual([500, { code: 'INTERNAL', message: 'internal error' }]);
  });

  it("a Fastify 4xx it does not name keeps Fastify's status, as INVALID_ARGUMENT", () => {
    // As @fastify/error builds them: an Error with a FST_ code and a statusCode.
    const fastifyError = (code: string, statusCode: number): Error => Object.assign(new Error(code), { code, statusCode });
    const contentLength = fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400);
    const forbiddenPath = fastifyError('FST_STATIC_FORBIDDEN_PATH', 403);
    const body = { code: 'INVALID_ARGUMENT', message: 'the request is malformed' };
    expect([apiErrorOf(contentLength).httpStatus, apiErrorOf(contentLength).toBody()]).toEqual([400, body]);
    expect([apiErrorOf(forbiddenPath).httpStatus, apiErrorOf(forbiddenPath).toBody()]).toEqual([403, body]);
  });
});
