/** Unit tests (app.inject over scripted fake ledgers): the scf.warehouse routes. */
import { historyOf, pledgeFixture, priceFixture, receiptFixture } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { warehouseRoutes } from './warehouse';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const SENTINEL_SALT = 'c0ffee00'.repeat(4);
const terms = { salt: SENTINEL_SALT, rateKind: 'INTEREST', rateBps: '644' };
const receipt = {
  receiptId: 'wr-1',
  ownerId: 'supplier-1',
  lotId: 'lot-7',
  commodity: 'copper',
  grade: 'A',
  unit: 'kg',
  quantity: '5000',
  location: 'Bay 4',
};
const requested = { ...pledgeFixture, status: 'REQUESTED', currency: undefined, haircutBps: undefined, maintenanceRatioBps: undefined };
const recordTerms: LedgerRouteCase = {
  method: 'POST',
  url: '/v1/pledges/pl-1/terms',
  body: terms,
  status: 201,
  lookups: { GetPledge: { ...pledgeFixture, ownerMsp: 'CoreMSP' } },
  ledgerCall: call(tx.warehouse.RecordPledgeTerms, { pledgeId: 'pl-1' }),
  result: { pledgeId: 'pl-1', termsRecorded: true },
};

const cases: [string, LedgerRouteCase][] = [
  [
    'issue a receipt',
    {
      method: 'POST',
      url: '/v1/warehouse-receipts',
      body: receipt,
      status: 201,
      ledgerCall: call(tx.warehouse.IssueReceipt, {
        receiptId: 'wr-1',
        ownerId: 'supplier-1',
        lotId: 'lot-7',
        commodity: 'copper',
        grade: 'A',
        unit: 'kg',
        quantity: '5000',
        location: 'Bay 4',
      }),
      result: receiptFixture,
    },
  ],
  [
    'redeem',
    {
      method: 'POST',
      url: '/v1/warehouse-receipts/wr-1/redeem',
      ledgerCall: call(tx.warehouse.RedeemReceipt, { receiptId: 'wr-1' }),
      result: { ...receiptFixture, status: 'REDEEMED', pledgeId: undefined },
    },
  ],
  [
    'get a receipt',
    {
      method: 'GET',
      url: '/v1/warehouse-receipts/wr-1',
      ledgerCall: call(tx.warehouse.GetReceipt, { receiptId: 'wr-1' }),
      result: receiptFixture,
    },
  ],
  [
    'receipt history',
    {
      method: 'GET',
      url: '/v1/warehouse-receipts/wr-1/history',
      ledgerCall: call(tx.warehouse.GetReceiptHistory, { receiptId: 'wr-1' }),
      result: historyOf(receiptFixture),
    },
  ],
  [
    'list receipts by owner',
    {
      method: 'GET',
      url: '/v1/participants/supplier-1/warehouse-receipts',
      ledgerCall: call(tx.warehouse.ListReceiptsByOwner, { ownerId: 'supplier-1' }),
      result: [receiptFixture],
    },
  ],
  [
    'set a price',
    {
      method: 'PUT',
      url: '/v1/prices/copper/A/kg',
      body: { currency: 'USD', pricePerUnit: '9' },
      ledgerCall: call(tx.warehouse.SetPrice, { commodity: 'copper', grade: 'A', unit: 'kg', currency: 'USD', pricePerUnit: '9' }),
      result: { price: priceFixture, changedPledges: [{ ...pledgeFixture, status: 'MARGIN_CALL' }] },
    },
  ],
  [
    'get a price',
    {
      method: 'GET',
      url: '/v1/prices/copper/A/kg',
      ledgerCall: call(tx.warehouse.GetPrice, { commodity: 'copper', grade: 'A', unit: 'kg' }),
      result: priceFixture,
    },
  ],
  [
    'request a pledge',
    {
      method: 'POST',
      url: '/v1/pledges',
      body: { pledgeId: 'pl-1', receiptId: 'wr-1', bankMsp: 'BankAMSP', loanAmount: '3000' },
      status: 201,
      ledgerCall: call(tx.warehouse.RequestPledge, { pledgeId: 'pl-1', receiptId: 'wr-1', bankMsp: 'BankAMSP', loanAmount: '3000' }),
      result: requested,
    },
  ],
  [
    'cancel a pledge',
    {
      method: 'POST',
      url: '/v1/pledges/pl-1/cancel',
      ledgerCall: call(tx.warehouse.CancelPledge, { pledgeId: 'pl-1' }),
      result: { ...requested, status: 'CANCELLED' },
    },
  ],
  [
    'release a pledge',
    {
      method: 'POST',
      url: '/v1/pledges/pl-1/release',
      ledgerCall: call(tx.warehouse.ReleasePledge, { pledgeId: 'pl-1' }),
      result: { ...pledgeFixture, status: 'RELEASED' },
    },
  ],
  ['record pledge terms', recordTerms],
  [
    'get pledge terms',
    { method: 'GET', url: '/v1/pledges/pl-1/terms', ledgerCall: call(tx.warehouse.GetPledgeTerms, { pledgeId: 'pl-1' }), result: terms },
  ],
  [
    'get a pledge',
    { method: 'GET', url: '/v1/pledges/pl-1', ledgerCall: call(tx.warehouse.GetPledge, { pledgeId: 'pl-1' }), result: pledgeFixture },
  ],
  [
    'pledge history',
    {
      method: 'GET',
      url: '/v1/pledges/pl-1/history',
      ledgerCall: call(tx.warehouse.GetPledgeHistory, { pledgeId: 'pl-1' }),
      result: historyOf(pledgeFixture),
    },
  ],
];

describe('warehouse routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([warehouseRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it("records pledge terms in the transient map only, endorsed by the caller's bank and the owner's org", async () => {
    await expectRouteReachesLedger(h, recordTerms);
    expect(JSON.stringify(h.ledgers.calls)).not.toContain(SENTINEL_SALT);
    expect(h.ledgers.optionsOf(tx.warehouse.RecordPledgeTerms.name)).toEqual({
      transient: { terms: JSON.stringify(terms) },
      endorsingOrganizations: ['BankAMSP', 'CoreMSP'],
    });
  });

  it('answers a price never set with 404 NOT_FOUND', async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.warehouse.GetPrice.name, null);
    const response = await h.send('GET', '/v1/prices/tin/B/t');
    expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([404, 'NOT_FOUND']);
  });

  it.each([
    ['a decimal quantity', 'POST', '/v1/warehouse-receipts', { ...receipt, quantity: '1.5' }, '/body/quantity'],
    ['a commodity with spaces', 'POST', '/v1/warehouse-receipts', { ...receipt, commodity: 'red copper' }, '/body/commodity'],
    [
      'a pledge to a non-bank org',
      'POST',
      '/v1/pledges',
      { pledgeId: 'p', receiptId: 'r', bankMsp: 'CoreMSP', loanAmount: '1' },
      '/body/bankMsp',
    ],
    ['a numeric loan', 'POST', '/v1/pledges', { pledgeId: 'p', receiptId: 'r', bankMsp: 'BankAMSP', loanAmount: 1 }, '/body/loanAmount'],
    ['a negative price', 'PUT', '/v1/prices/copper/A/kg', { currency: 'USD', pricePerUnit: '-9' }, '/body/pricePerUnit'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});
