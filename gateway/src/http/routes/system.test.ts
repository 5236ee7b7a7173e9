/** Unit tests (app.inject over scripted fake ledgers): scf.system's version, heartbeat write and read. */
import { TEST_KEYS } from '../../testing/fakes';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const heartbeat = { label: 'probe-1', mspId: 'BankAMSP', txId: 'abc', unixSeconds: '1767225600' };

const cases: [string, LedgerRouteCase][] = [
  ['version', { method: 'GET', url: '/v1/system/version', ledgerCall: call(tx.system.Version), result: { name: 'scf', version: '1.0.0' } }],
  [
    'write a heartbeat',
    {
      method: 'POST',
      url: '/v1/system/heartbeats',
      body: { label: 'probe-1' },
      status: 201,
      ledgerCall: call(tx.system.Heartbeat, { label: 'probe-1' }),
      result: heartbeat,
    },
  ],
  [
    'read a heartbeat',
    {
      method: 'GET',
      url: '/v1/system/heartbeats/BankAMSP/probe-1',
      ledgerCall: call(tx.system.ReadHeartbeat, { mspId: 'BankAMSP', label: 'probe-1' }),
      result: heartbeat,
    },
  ],
];

describe('system routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    // systemRoutes is registered by buildApp itself.
    h = await ledgerRouteHarness([]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it('lets any role write a heartbeat (the chaincode rule is ANYONE), as the caller itself', async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.system.Heartbeat.name, { ...heartbeat, mspId: 'SuppliersMSP' });
    const response = await h.send('POST', '/v1/system/heartbeats', { label: 'probe-2' }, TEST_KEYS.supplier1);
    expect(response.statusCode).toBe(201);
    expect(h.ledgers.calls).toEqual([
      expect.objectContaining({
        identity: 'SuppliersMSP/User1',
        method: 'submit',
        transaction: tx.system.Heartbeat.name,
        args: ['probe-2'],
      }),
    ]);
  });

  it.each([
    ['a label with a space', 'POST', '/v1/system/heartbeats', { label: 'a b' }, '/body/label'],
    ['a label too long', 'POST', '/v1/system/heartbeats', { label: 'x'.repeat(65) }, '/body/label'],
    ['an unknown body field', 'POST', '/v1/system/heartbeats', { label: 'a', extra: 1 }, '/body'],
    ['a bad msp id', 'GET', '/v1/system/heartbeats/bank%20a/probe', undefined, '/params/mspId'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});
