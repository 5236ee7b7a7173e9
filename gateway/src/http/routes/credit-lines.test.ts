/** Unit tests (app.inject over scripted fake ledgers): the scf.creditline routes. */
import { capFixture, creditLineFixture, historyOf } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { creditLineRoutes } from './credit-lines';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const grant = {
  lineId: 'line-1',
  coreId: 'core',
  currency: 'USD',
  limit: '1000000',
  expiresOn: '2026-12-31',
  maxAdvanceRateBps: '8000',
  maxTenorDays: 180,
  graceDays: 10,
};
const exposure = {
  line: creditLineFixture,
  drawn: '800',
  headroom: '999200',
  tranches: [{ lineId: 'line-1', index: 0, limit: '31250', drawn: '800' }],
};

const cases: [string, LedgerRouteCase][] = [
  [
    'grant',
    {
      method: 'POST',
      url: '/v1/credit-lines',
      body: grant,
      status: 201,
      ledgerCall: call(tx.creditLine.GrantCreditLine, {
        lineId: 'line-1',
        coreId: 'core',
        currency: 'USD',
        limit: '1000000',
        expiresOn: '2026-12-31',
        maxAdvanceRateBps: '8000',
        maxTenorDays: '180',
        graceDays: '10',
      }),
      result: creditLineFixture,
    },
  ],
  [
    'set limit',
    {
      method: 'PUT',
      url: '/v1/credit-lines/line-1/limit',
      body: { limit: '5' },
      ledgerCall: call(tx.creditLine.SetCreditLineLimit, { lineId: 'line-1', limit: '5' }),
      result: creditLineFixture,
    },
  ],
  [
    'close',
    {
      method: 'POST',
      url: '/v1/credit-lines/line-1/close',
      ledgerCall: call(tx.creditLine.CloseCreditLine, { lineId: 'line-1' }),
      result: { ...creditLineFixture, status: 'CLOSED' },
    },
  ],
  [
    'get with exposure',
    {
      method: 'GET',
      url: '/v1/credit-lines/line-1',
      ledgerCall: call(tx.creditLine.GetCreditLine, { lineId: 'line-1' }),
      result: exposure,
    },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/credit-lines/line-1/history',
      ledgerCall: call(tx.creditLine.GetCreditLineHistory, { lineId: 'line-1' }),
      result: historyOf(creditLineFixture),
    },
  ],
  [
    'list by bank',
    {
      method: 'GET',
      url: '/v1/orgs/BankAMSP/credit-lines',
      ledgerCall: call(tx.creditLine.ListCreditLinesByBank, { bankMsp: 'BankAMSP' }),
      result: [creditLineFixture],
    },
  ],
  [
    'list by core',
    {
      method: 'GET',
      url: '/v1/participants/core/credit-lines',
      ledgerCall: call(tx.creditLine.ListCreditLinesByCore, { coreId: 'core' }),
      result: [],
    },
  ],
  [
    'set consortium cap',
    {
      method: 'PUT',
      url: '/v1/consortium-caps/core/USD',
      body: { cap: '5000000' },
      ledgerCall: call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '5000000' }),
      result: capFixture,
    },
  ],
  [
    'core exposure',
    {
      method: 'GET',
      url: '/v1/consortium-caps/core/USD',
      ledgerCall: call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency: 'USD' }),
      result: {
        coreId: 'core',
        currency: 'USD',
        cap: '5000000',
        drawn: '800',
        headroom: '4999200',
        shares: [
          { bankMsp: 'BankAMSP', limit: '2500000', drawn: '800', headroom: '2499200' },
          { bankMsp: 'BankBMSP', limit: '2500000', drawn: '0', headroom: '2500000' },
        ],
        shards: [
          { coreId: 'core', currency: 'USD', bankMsp: 'BankAMSP', index: 0, limit: '2500000', drawn: '800' },
          { coreId: 'core', currency: 'USD', bankMsp: 'BankBMSP', index: 0, limit: '2500000', drawn: '0' },
        ],
      },
    },
  ],
  [
    'core exposure without a cap',
    {
      method: 'GET',
      url: '/v1/consortium-caps/core/EUR',
      ledgerCall: call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency: 'EUR' }),
      result: { coreId: 'core', currency: 'EUR', cap: null, drawn: '0', headroom: '0', shares: [], shards: [] },
    },
  ],
];

describe('credit line routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([creditLineRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it.each([
    ['a numeric limit', 'POST', '/v1/credit-lines', { ...grant, limit: 1000000 }, '/body/limit'],
    ['a decimal limit', 'POST', '/v1/credit-lines', { ...grant, limit: '10.5' }, '/body/limit'],
    ['a leading-zero limit', 'PUT', '/v1/credit-lines/line-1/limit', { limit: '007' }, '/body/limit'],
    ['a 31-digit limit', 'PUT', '/v1/credit-lines/line-1/limit', { limit: '1'.repeat(31) }, '/body/limit'],
    ['a non-ISO expiry', 'POST', '/v1/credit-lines', { ...grant, expiresOn: '31/12/2026' }, '/body/expiresOn'],
    ['month 13', 'POST', '/v1/credit-lines', { ...grant, expiresOn: '2026-13-01' }, '/body/expiresOn'],
    ['a negative rate', 'POST', '/v1/credit-lines', { ...grant, maxAdvanceRateBps: '-1' }, '/body/maxAdvanceRateBps'],
    ['a zero tenor', 'POST', '/v1/credit-lines', { ...grant, maxTenorDays: 0 }, '/body/maxTenorDays'],
    ['a lower-case currency', 'PUT', '/v1/consortium-caps/core/usd', { cap: '1' }, '/params/currency'],
    ['a bad line id', 'POST', '/v1/credit-lines/line%201/close', undefined, '/params/lineId'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});
