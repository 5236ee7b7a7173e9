/** Unit tests (app.inject over fake ledgers): API-key authentication and that a caller only ever acts as itself. */
import { Type } from 'typebox';
import type { RouteModule } from './route-context';
import { recorded, TEST_KEYS } from '../testing/fakes';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

/** A route that tries every way a caller might name another identity; none of them is honoured. */
const writeRoute: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/test/write',
    {
      schema: {
        body: Type.Object({
          org: Type.Optional(Type.String()),
          user: Type.Optional(Type.String()),
          credential: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const committed = await ledgerOf(request).submit(call(tx.system.Heartbeat, { label: 'x' }));
      return { transactionId: committed.transactionId };
    },
  );
  return Promise.resolve();
};

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ routes: [writeRoute] });
  });
  afterAll(() => t.close());

  it.each([
    ['no key at all', {}],
    ['an unknown bearer key', { authorization: 'Bearer not-a-key' }],
    ['an unknown X-Api-Key', { 'x-api-key': 'not-a-key' }],
    ['a non-bearer scheme', { authorization: `Basic ${TEST_KEYS.supplier1}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('%s → 401 UNAUTHENTICATED in the one error shape', async (_name, headers) => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me', headers });
    expect(response.statusCode).toBe(401);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses before touching the ledger', async () => {
    const before = t.ledgers.calls.length;
    const response = await t.app.inject({ method: 'GET', url: '/v1/system/version', headers: { authorization: 'Bearer wrong' } });
    expect(response.statusCode).toBe(401);
    expect(t.ledgers.calls.length).toBe(before);
  });

  it('accepts the key as a bearer token or in X-Api-Key', async () => {
    const bearer = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` } });
    const header = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': TEST_KEYS.bankOfficer } });
    expect(bearer.json()).toEqual({
      credential: 'supplier-1',
      org: 'Suppliers',
      mspId: 'SuppliersMSP',
      user: 'User1',
      displayName: 'Tier-1 supplier',
      role: 'supplier',
    });
    expect(header.json()).toMatchObject({ credential: 'bank-a', mspId: 'BankAMSP', role: 'bank' });
  });

  it('serves health, readiness and the API description without a key; not the metrics', async () => {
    for (const url of ['/healthz', '/readyz', '/openapi.json']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('signs with the caller’s own identity whatever the request names', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/test/write?credential=bank-a&user=User1&org=BankA',
      headers: { authorization: `Bearer ${TEST_KEYS.supplier1}`, 'x-api-key': TEST_KEYS.bankOfficer, 'x-fabric-user': 'BankAMSP/User1' },
      payload: { org: 'BankA', user: 'User1', credential: 'bank-a' },
    });
    expect(response.statusCode).toBe(200);
    expect(t.ledgers.calls.at(-1)).toMatchObject({ identity: 'SuppliersMSP/User1', method: 'submit' });
  });

  it('uses each caller’s identity for its own requests', async () => {
    await t.app.inject({ method: 'GET', url: '/v1/system/version', headers: { authorization: `Bearer ${TEST_KEYS.bankOfficer}` } });
    expect(t.ledgers.calls.at(-1)).toMatchObject({ identity: 'BankAMSP/User1', ...recorded(call(tx.system.Version)) });
    await t.app.inject({ method: 'GET', url: '/v1/system/version', headers: { authorization: `Bearer ${TEST_KEYS.supplier1}` } });
    expect(t.ledgers.calls.at(-1)).toMatchObject({ identity: 'SuppliersMSP/User1' });
  });
});
