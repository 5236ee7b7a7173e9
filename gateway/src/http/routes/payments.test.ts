/** Unit tests (app.inject over scripted fake ledgers): the scf.repayment routes. */
import { financingFixture, historyOf, paymentFixture, receivableFixture } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { repaymentRoutes } from './payments';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const payment = { paymentId: 'pay-1', receivableId: 'rcv-1', amount: '1000', reference: 'WIRE 42' };

const cases: [string, LedgerRouteCase][] = [
  [
    'record a payment',
    {
      method: 'POST',
      url: '/v1/payments',
      body: payment,
      status: 201,
      ledgerCall: call(tx.repayment.RecordPayment, { paymentId: 'pay-1', receivableId: 'rcv-1', amount: '1000', reference: 'WIRE 42' }),
      result: paymentFixture,
    },
  ],
  [
    "acknowledge the bank's share",
    {
      method: 'POST',
      url: '/v1/payments/pay-1/acknowledge',
      ledgerCall: call(tx.repayment.AcknowledgePayment, { paymentId: 'pay-1' }),
      result: { payment: paymentFixture, receivable: receivableFixture, financing: { ...financingFixture, status: 'REPAID' } },
    },
  ],
  [
    "acknowledge the holder's share",
    {
      method: 'POST',
      url: '/v1/payments/pay-1/acknowledge',
      ledgerCall: call(tx.repayment.AcknowledgePayment, { paymentId: 'pay-1' }),
      result: { payment: { ...paymentFixture, status: 'SETTLED' }, receivable: receivableFixture, financing: null },
    },
  ],
  [
    'the debtor cancels a payment that never came',
    {
      method: 'POST',
      url: '/v1/payments/pay-1/cancel',
      body: { reason: 'wrong account' },
      ledgerCall: call(tx.repayment.CancelPayment, { paymentId: 'pay-1', reason: 'wrong account' }),
      result: {
        payment: {
          ...paymentFixture,
          status: 'CANCELLED',
          closedBy: 'core',
          closedAt: '2025-01-03T00:00:00Z',
          closeReason: 'wrong account',
        },
        receivable: receivableFixture,
      },
    },
  ],
  [
    'a payee rejects a payment it never received',
    {
      method: 'POST',
      url: '/v1/payments/pay-1/reject',
      body: { reason: 'never arrived' },
      ledgerCall: call(tx.repayment.RejectPayment, { paymentId: 'pay-1', reason: 'never arrived' }),
      result: { payment: { ...paymentFixture, status: 'REJECTED', closedBy: 'supplier-1' }, receivable: receivableFixture },
    },
  ],
  [
    'mark delinquency',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/delinquency',
      ledgerCall: call(tx.repayment.MarkDelinquency, { receivableId: 'rcv-1' }),
      result: { ...receivableFixture, delinquency: 'OVERDUE' },
    },
  ],
  [
    'get',
    { method: 'GET', url: '/v1/payments/pay-1', ledgerCall: call(tx.repayment.GetPayment, { paymentId: 'pay-1' }), result: paymentFixture },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/payments/pay-1/history',
      ledgerCall: call(tx.repayment.GetPaymentHistory, { paymentId: 'pay-1' }),
      result: historyOf(paymentFixture),
    },
  ],
  [
    'list by receivable',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1/payments',
      ledgerCall: call(tx.repayment.ListPaymentsByReceivable, { receivableId: 'rcv-1' }),
      result: [paymentFixture],
    },
  ],
];

describe('repayment routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([repaymentRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it.each([
    ['a fractional amount', { ...payment, amount: '10.00' }, '/body/amount'],
    ['a zero-padded amount', { ...payment, amount: '01' }, '/body/amount'],
    ['an empty reference', { ...payment, reference: '' }, '/body/reference'],
    ['a bad receivable id', { ...payment, receivableId: '' }, '/body/receivableId'],
  ] as const)('rejects %s', (_name, body, path) => expectSchemaRejects(h, 'POST', '/v1/payments', body, path));
});
