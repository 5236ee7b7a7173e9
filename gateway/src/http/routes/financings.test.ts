/** Unit tests (app.inject over scripted fake ledgers): the scf.financing routes, and that private terms only travel as transient data. */
import { financingFixture, historyOf } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { financingRoutes } from './financings';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const SENTINEL_SALT = 'feedface'.repeat(4);
const terms = { salt: SENTINEL_SALT, rateKind: 'DISCOUNT', rateBps: '731', feeAmount: '9137' };
const requested = { ...financingFixture, status: 'REQUESTED', assessment: undefined, decidedAt: undefined, trancheDraws: [], capDraws: [] };

const recordTerms: LedgerRouteCase = {
  method: 'POST',
  url: '/v1/financings/fin-1/terms',
  body: terms,
  status: 201,
  lookups: { GetFinancing: financingFixture },
  ledgerCall: call(tx.financing.RecordTerms, { financingId: 'fin-1' }),
  result: { financingId: 'fin-1', termsRecorded: true },
};
const getTerms: LedgerRouteCase = {
  method: 'GET',
  url: '/v1/financings/fin-1/terms',
  ledgerCall: call(tx.financing.GetTerms, { financingId: 'fin-1' }),
  result: terms,
};
const verifyDisclosure: LedgerRouteCase = {
  method: 'POST',
  url: '/v1/financings/fin-1/terms/verification',
  body: terms,
  ledgerCall: call(tx.financing.VerifyTermsDisclosure, { financingId: 'fin-1' }),
  result: { financingId: 'fin-1', matches: true },
};

const cases: [string, LedgerRouteCase][] = [
  [
    'request',
    {
      method: 'POST',
      url: '/v1/financings',
      body: { financingId: 'fin-1', receivableId: 'rcv-1', lineId: 'line-1', amount: '800' },
      status: 201,
      ledgerCall: call(tx.financing.RequestFinancing, { financingId: 'fin-1', receivableId: 'rcv-1', lineId: 'line-1', amount: '800' }),
      result: requested,
    },
  ],
  [
    'cancel',
    {
      method: 'POST',
      url: '/v1/financings/fin-1/cancel',
      ledgerCall: call(tx.financing.CancelFinancing, { financingId: 'fin-1' }),
      result: { ...requested, status: 'CANCELLED' },
    },
  ],
  ['record terms', recordTerms],
  ['get terms', getTerms],
  ['verify a disclosure', verifyDisclosure],
  [
    'get',
    {
      method: 'GET',
      url: '/v1/financings/fin-1',
      ledgerCall: call(tx.financing.GetFinancing, { financingId: 'fin-1' }),
      result: financingFixture,
    },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/financings/fin-1/history',
      ledgerCall: call(tx.financing.GetFinancingHistory, { financingId: 'fin-1' }),
      result: historyOf(financingFixture),
    },
  ],
  [
    'list by bank',
    {
      method: 'GET',
      url: '/v1/orgs/BankAMSP/financings',
      ledgerCall: call(tx.financing.ListFinancingsByBank, { bankMsp: 'BankAMSP' }),
      result: [financingFixture],
    },
  ],
  [
    'list by borrower',
    {
      method: 'GET',
      url: '/v1/participants/supplier-1/financings',
      ledgerCall: call(tx.financing.ListFinancingsByBorrower, { borrowerId: 'supplier-1' }),
      result: [financingFixture],
    },
  ],
  [
    'list by receivable',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1/financings',
      ledgerCall: call(tx.financing.ListFinancingsByReceivable, { receivableId: 'rcv-1' }),
      result: [requested, financingFixture],
    },
  ],
];

describe('financing routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([financingRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it("records terms in the transient map only, endorsed by the caller's bank and the borrower's org", async () => {
    await expectRouteReachesLedger(h, recordTerms);
    expect(JSON.stringify(h.ledgers.calls)).not.toContain(SENTINEL_SALT);
    const options = h.ledgers.optionsOf(tx.financing.RecordTerms.name);
    expect(options).toEqual({ transient: { terms: JSON.stringify(terms) }, endorsingOrganizations: ['BankAMSP', 'SuppliersMSP'] });
  });

  it('reads terms by evaluation and never submits', async () => {
    await expectRouteReachesLedger(h, getTerms);
    expect(h.ledgers.calls.map((c) => c.method)).toEqual(['evaluate']);
  });

  it("sends disclosed terms to the auditor's check as transient data only", async () => {
    await expectRouteReachesLedger(h, verifyDisclosure);
    expect(JSON.stringify(h.ledgers.calls)).not.toContain(SENTINEL_SALT);
    expect(h.ledgers.optionsOf(tx.financing.VerifyTermsDisclosure.name)).toEqual({ transient: { terms: JSON.stringify(terms) } });
  });

  it.each([
    ['a numeric amount', 'POST', '/v1/financings', { financingId: 'f', receivableId: 'r', lineId: 'l', amount: 5 }, '/body/amount'],
    ['terms with an unknown field', 'POST', '/v1/financings/fin-1/terms', { ...terms, borrowerName: 'x' }, '/body'],
    ['terms with a numeric rate', 'POST', '/v1/financings/fin-1/terms', { ...terms, rateBps: 731 }, '/body/rateBps'],
    ['terms with a decimal fee', 'POST', '/v1/financings/fin-1/terms', { ...terms, feeAmount: '91.37' }, '/body/feeAmount'],
    ['terms without a salt', 'POST', '/v1/financings/fin-1/terms/verification', { rateKind: 'DISCOUNT', rateBps: '1' }, '/body'],
    ['a bad financing id', 'GET', '/v1/financings/fin!1', undefined, '/params/financingId'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});
