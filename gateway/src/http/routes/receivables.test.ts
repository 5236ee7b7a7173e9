/** Unit tests (app.inject over scripted fake ledgers): the scf.receivable routes. */
import { TEST_KEYS } from '../../testing/fakes';
import { financingFixture, historyOf, receivableFixture } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
} from '../../testing/ledger-route-testing';
import { receivableRoutes } from './receivables';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const issue = {
  receivableId: 'rcv-1',
  debtorId: 'core',
  invoiceNumber: 'INV 001',
  currency: 'USD',
  amount: '1000',
  issueDate: '2025-01-02',
  dueDate: '2025-04-02',
};
const child = { ...receivableFixture, id: 'rcv-1a', parentId: 'rcv-1', holderId: 'supplier-2' };
const split = { parent: { ...receivableFixture, status: 'SPLIT' }, children: [child] };
const dilution = { dilutionId: 'dil-1', kind: 'CREDIT_NOTE', amount: '100', reference: 'CN 9' };
const dilutionRequestRecord = {
  id: 'dil-1',
  receivableId: 'rcv-1',
  kind: 'CREDIT_NOTE',
  amount: '100',
  reference: 'CN 9',
  debtorId: 'core',
  debtorMsp: 'CoreMSP',
  holderId: 'supplier-1',
  holderMsp: 'SuppliersMSP',
  status: 'PENDING',
  expiresAt: '2025-02-01T00:00:00Z',
  requestedAt: '2025-01-02T00:00:00Z',
  updatedAt: '2025-01-02T00:00:00Z',
};
const dilutionRecord = {
  id: 'dil-1',
  receivableId: 'rcv-1',
  kind: 'CREDIT_NOTE',
  amount: '100',
  reference: 'CN 9',
  recordedBy: 'core',
  recordedAt: '2025-01-03T00:00:00Z',
};

const cases: [string, LedgerRouteCase][] = [
  [
    'issue',
    {
      method: 'POST',
      url: '/v1/receivables',
      body: issue,
      status: 201,
      ledgerCall: call(tx.receivable.IssueReceivable, {
        receivableId: 'rcv-1',
        debtorId: 'core',
        invoiceNumber: 'INV 001',
        currency: 'USD',
        amount: '1000',
        issueDate: '2025-01-02',
        dueDate: '2025-04-02',
      }),
      result: receivableFixture,
    },
  ],
  [
    'confirm',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/confirm',
      ledgerCall: call(tx.receivable.ConfirmReceivable, { receivableId: 'rcv-1' }),
      result: receivableFixture,
    },
  ],
  [
    'dispute',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dispute',
      body: { reason: 'short delivery' },
      ledgerCall: call(tx.receivable.DisputeReceivable, { receivableId: 'rcv-1', reason: 'short delivery' }),
      result: { ...receivableFixture, status: 'DISPUTED' },
    },
  ],
  [
    'split into parts with holders',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/split',
      body: {
        parts: [
          { id: 'rcv-1a', amount: '600', holderId: 'supplier-2' },
          { id: 'rcv-1b', amount: '400', holderId: 'supplier-1' },
        ],
      },
      status: 201,
      ledgerCall: call(tx.receivable.SplitReceivable, {
        receivableId: 'rcv-1',
        partsJson: '[{"id":"rcv-1a","amount":"600","holderId":"supplier-2"},{"id":"rcv-1b","amount":"400","holderId":"supplier-1"}]',
      }),
      result: split,
    },
  ],
  [
    'transfer = a one-part split of the outstanding amount',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/transfer',
      body: { newReceivableId: 'rcv-1a', holderId: 'supplier-2' },
      status: 201,
      lookups: { GetReceivable: receivableFixture },
      ledgerCall: call(tx.receivable.SplitReceivable, {
        receivableId: 'rcv-1',
        partsJson: '[{"id":"rcv-1a","amount":"1000","holderId":"supplier-2"}]',
      }),
      result: split,
    },
  ],
  [
    'dilute a financed receivable',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilutions',
      body: dilution,
      status: 201,
      ledgerCall: call(tx.receivable.RecordDilution, {
        receivableId: 'rcv-1',
        dilutionId: 'dil-1',
        kind: 'CREDIT_NOTE',
        amount: '100',
        reference: 'CN 9',
      }),
      result: { receivable: receivableFixture, dilution: dilutionRecord, financing: { ...financingFixture, coverageBreach: true } },
    },
  ],
  [
    'dilute an unfinanced receivable',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilutions',
      body: dilution,
      status: 201,
      ledgerCall: call(tx.receivable.RecordDilution, {
        receivableId: 'rcv-1',
        dilutionId: 'dil-1',
        kind: 'CREDIT_NOTE',
        amount: '100',
        reference: 'CN 9',
      }),
      result: { receivable: receivableFixture, dilution: dilutionRecord, financing: null },
    },
  ],
  [
    'the debtor asks for a dilution (nothing changes until the holder accepts)',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilution-requests',
      body: { ...dilution, expiresAt: '2025-02-01T00:00:00Z' },
      status: 201,
      ledgerCall: call(tx.receivable.RequestDilution, {
        receivableId: 'rcv-1',
        dilutionId: 'dil-1',
        kind: 'CREDIT_NOTE',
        amount: '100',
        reference: 'CN 9',
        expiresAt: '2025-02-01T00:00:00Z',
      }),
      result: dilutionRequestRecord,
    },
  ],
  [
    'the holder accepts it',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilution-requests/dil-1/accept',
      ledgerCall: call(tx.receivable.AcceptDilution, { receivableId: 'rcv-1', dilutionId: 'dil-1' }),
      result: {
        receivable: receivableFixture,
        dilution: { ...dilutionRecord, requestedBy: 'core' },
        request: { ...dilutionRequestRecord, status: 'ACCEPTED', decidedBy: 'supplier-1', decidedAt: '2025-01-03T00:00:00Z' },
        financing: null,
      },
    },
  ],
  [
    'the holder rejects it',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilution-requests/dil-1/reject',
      body: { reason: 'no such credit note' },
      ledgerCall: call(tx.receivable.RejectDilution, { receivableId: 'rcv-1', dilutionId: 'dil-1', reason: 'no such credit note' }),
      result: { ...dilutionRequestRecord, status: 'REJECTED', reason: 'no such credit note' },
    },
  ],
  [
    'the debtor withdraws it',
    {
      method: 'POST',
      url: '/v1/receivables/rcv-1/dilution-requests/dil-1/withdraw',
      ledgerCall: call(tx.receivable.WithdrawDilution, { receivableId: 'rcv-1', dilutionId: 'dil-1' }),
      result: { ...dilutionRequestRecord, status: 'WITHDRAWN' },
    },
  ],
  [
    'list dilution requests',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1/dilution-requests',
      ledgerCall: call(tx.receivable.ListDilutionRequests, { receivableId: 'rcv-1' }),
      result: [dilutionRequestRecord],
    },
  ],
  [
    'list dilutions',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1/dilutions',
      ledgerCall: call(tx.receivable.ListDilutions, { receivableId: 'rcv-1' }),
      result: [dilutionRecord],
    },
  ],
  [
    'get',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1',
      ledgerCall: call(tx.receivable.GetReceivable, { receivableId: 'rcv-1' }),
      result: receivableFixture,
    },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/receivables/rcv-1/history',
      ledgerCall: call(tx.receivable.GetReceivableHistory, { receivableId: 'rcv-1' }),
      result: historyOf(receivableFixture),
    },
  ],
  [
    'list by holder',
    {
      method: 'GET',
      url: '/v1/participants/supplier-1/receivables?as=holder',
      ledgerCall: call(tx.receivable.ListReceivablesByHolder, { holderId: 'supplier-1' }),
      result: [receivableFixture],
    },
  ],
  [
    'list by debtor',
    {
      method: 'GET',
      url: '/v1/participants/core/receivables?as=debtor',
      ledgerCall: call(tx.receivable.ListReceivablesByDebtor, { debtorId: 'core' }),
      result: [receivableFixture, child],
    },
  ],
];

describe('receivable routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([receivableRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it.each([
    ['a numeric amount', 'POST', '/v1/receivables', { ...issue, amount: 1000 }, '/body/amount'],
    ['an amount with a plus sign', 'POST', '/v1/receivables', { ...issue, amount: '+1000' }, '/body/amount'],
    ['an exponent amount', 'POST', '/v1/receivables', { ...issue, amount: '1e3' }, '/body/amount'],
    ['a due date with a time', 'POST', '/v1/receivables', { ...issue, dueDate: '2025-04-02T00:00:00Z' }, '/body/dueDate'],
    ['an id longer than 64', 'POST', '/v1/receivables', { ...issue, receivableId: 'r'.repeat(65) }, '/body/receivableId'],
    ['an invoice number over 64', 'POST', '/v1/receivables', { ...issue, invoiceNumber: 'x'.repeat(65) }, '/body/invoiceNumber'],
    ['no parts', 'POST', '/v1/receivables/rcv-1/split', { parts: [] }, '/body/parts'],
    [
      '11 parts',
      'POST',
      '/v1/receivables/rcv-1/split',
      { parts: Array.from({ length: 11 }, (_, i) => ({ id: `p${i}`, amount: '1', holderId: 'supplier-1' })) },
      '/body/parts',
    ],
    [
      'a part with a bad holder',
      'POST',
      '/v1/receivables/rcv-1/split',
      { parts: [{ id: 'p', amount: '1', holderId: 'a b' }] },
      '/body/parts/0/holderId',
    ],
    ['an unknown dilution kind', 'POST', '/v1/receivables/rcv-1/dilutions', { ...dilution, kind: 'DISCOUNT' }, '/body/kind'],
    ['a list without as', 'GET', '/v1/participants/core/receivables', undefined, '/querystring'],
    ['a list with as=creditor', 'GET', '/v1/participants/core/receivables?as=creditor', undefined, '/querystring/as'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));

  it('replays a retried issue with the same Idempotency-Key instead of submitting twice', async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.receivable.IssueReceivable.name, receivableFixture);
    const send = () =>
      h.t.app.inject({
        method: 'POST',
        url: '/v1/receivables',
        payload: issue,
        headers: { authorization: `Bearer ${TEST_KEYS.supplier1}`, 'idempotency-key': 'issue-rcv-1' },
      });
    const first = await send();
    const replay = await send();
    expect([first.statusCode, replay.statusCode, replay.headers['idempotent-replay']]).toEqual([201, 201, 'true']);
    expect(replay.json()).toEqual(first.json());
    expect(h.ledgers.calls.filter((c) => c.transaction === tx.receivable.IssueReceivable.name)).toHaveLength(1);
  });
});
