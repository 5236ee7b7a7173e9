/**
 * Object-level authorization (issue 7) on the real network: a caller whose role admits an
 * operation is still refused another participant's record by id (BOLA), and no role may set the
 * fields the ledger decides (mass assignment). Every refusal is in the error shape and reaches no
 * block; a positive control shows each record exists and its owner gets it.
 */
import { leiFromLabel } from '@scf/kernel/legal-entity';
import { startGatewayProcess, type GatewayProcess } from '../../support/gateway-process';
import { eventually } from '../../support/fabric';
import { chaincodeErrorCode, evaluateAs, invoiceTerms, isoDay, restLineTerms, runUniqueFace } from '../../support/ledger';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import { settledHeight, transactionsIn } from '../support/chain';
import { createFixtures } from './fixtures';
import type { Fixtures } from './requests';

let gw: GatewayProcess;
let f: Fixtures;
let height: number;

interface Answer {
  readonly status: number;
  readonly body: { readonly code?: string; readonly message?: string; readonly items?: unknown[] } & Record<string, unknown>;
}

const send = async (credential: string, method: string, path: string, body?: unknown): Promise<Answer> =>
  (await gw.fetch(credential, method, path, body)) as Answer;

async function expectRefused(credential: string, method: string, path: string, status: number, body?: unknown): Promise<Answer> {
  const answer = await send(credential, method, path, body);
  expect([credential, method, path, answer.status]).toEqual([credential, method, path, status]);
  expect(typeof answer.body.code).toBe('string');
  expect(typeof answer.body.message).toBe('string');
  return answer;
}

beforeAll(async () => {
  gw = await startGatewayProcess();
  f = await createFixtures(gw);
  height = await settledHeight();
}, 300_000);

afterAll(async () => {
  await gw.stop();
});

describe("BOLA: another participant's record by id", () => {
  it('private financing and pledge terms: only the bank and the borrower (owner) read them', async () => {
    expect(await gw.ok('bank-a', 'GET', `/v1/financings/${f.financingId}/terms`)).toMatchObject({ rateKind: 'DISCOUNT', rateBps: '300' });
    expect(await gw.ok('supplier-1', 'GET', `/v1/financings/${f.financingId}/terms`)).toMatchObject({ rateKind: 'DISCOUNT' });
    await expectRefused('bank-b', 'GET', `/v1/financings/${f.financingId}/terms`, 403);
    await expectRefused('supplier-2', 'GET', `/v1/financings/${f.financingId}/terms`, 403);

    expect(await gw.ok('bank-a', 'GET', `/v1/pledges/${f.pledgeId}/terms`)).toMatchObject({ rateKind: 'INTEREST', rateBps: '500' });
    await expectRefused('bank-b', 'GET', `/v1/pledges/${f.pledgeId}/terms`, 403);
    await expectRefused('supplier-2', 'GET', `/v1/pledges/${f.pledgeId}/terms`, 403);
    await expectRefused('core', 'GET', `/v1/pledges/${f.pledgeId}/terms`, 403);
  });

  it('the read model shows each caller only its own records', async () => {
    await eventually(
      async () => {
        expect(await gw.ok('auditor', 'GET', '/v1/readmodel/status')).toMatchObject({ lag: '0' });
      },
      240_000,
      1_000,
    );
    const count = async (credential: string, path: string): Promise<number> =>
      (await gw.ok<{ items: unknown[] }>(credential, 'GET', path)).items.length;
    expect(await count('supplier-1', `/v1/search/receivables?rootId=${f.receivableId}`)).toBe(1);
    expect(await count('core', `/v1/search/receivables?rootId=${f.receivableId}`)).toBe(1);
    expect(await count('supplier-2', `/v1/search/receivables?rootId=${f.receivableId}`)).toBe(0);
    expect(await count('bank-a', `/v1/search/financings?receivableId=${f.receivableId}`)).toBe(1);
    expect(await count('bank-b', `/v1/search/financings?receivableId=${f.receivableId}`)).toBe(0);
    expect(await count('supplier-2', `/v1/search/financings?receivableId=${f.receivableId}`)).toBe(0);
    expect(await count('core', `/v1/search/payments?receivableId=${f.paidId}`)).toBe(1);
    expect(await count('supplier-2', `/v1/search/payments?receivableId=${f.paidId}`)).toBe(0);
    expect(await count('bank-b', `/v1/search/credit-lines?bankMsp=BankAMSP&limit=100`)).toBe(0);
    expect(await count('warehouse', `/v1/search/receivables?rootId=${f.receivableId}`)).toBe(0);
  }, 300_000);

  it("changing another participant's record by id is refused and reaches no block", async () => {
    await expectRefused('bank-b', 'PUT', `/v1/credit-lines/${f.lineId}/limit`, 403, { limit: '5' });
    await expectRefused('bank-b', 'POST', `/v1/credit-lines/${f.lineId}/close`, 403);
    await expectRefused('supplier-2', 'POST', `/v1/financings/${f.financingId}/cancel`, 403);
    await expectRefused('supplier-2', 'POST', `/v1/receivables/${f.receivableId}/transfer`, 403, {
      newReceivableId: `${f.token}-stolen`,
      holderId: 'supplier-2',
    });
    await expectRefused('supplier-2', 'POST', '/v1/financings', 403, {
      financingId: `${f.token}-fin-b`,
      receivableId: f.receivableId,
      lineId: f.lineId,
      amount: '1000',
    });
    await expectRefused('supplier-2', 'POST', '/v1/pledges', 403, {
      pledgeId: `${f.token}-pl-b`,
      receiptId: f.receiptId,
      bankMsp: 'BankAMSP',
      loanAmount: '10',
    });
    await expectRefused('bank-b', 'POST', `/v1/pledges/${f.pledgeId}/accept`, 403, { haircutBps: '3000', maintenanceRatioBps: '12000' });
    await expectRefused('bank-b', 'POST', `/v1/pledges/${f.pledgeId}/release`, 403);
    await expectRefused('bank-b', 'POST', `/v1/financings/${f.financingId}/assess`, 403);
    await expectRefused('core-admin', 'POST', `/v1/participants/${f.memberId}/suspend`, 403);
    // An org admin registers participants of its own org only, in the roles that org may hold.
    await expectRefused('suppliers-admin', 'POST', '/v1/participants', 403, {
      participantId: `${f.token}-fake-bank`,
      clientId: `x509::/OU=client/CN=${f.token}-fake-bank@suppliers.scf.local::/O=suppliers.scf.local/CN=ca.suppliers.scf.local`,
      name: 'Not a bank',
      role: 'bank',
      legalEntityId: leiFromLabel(`${f.token}-fake-bank`),
    });
    const end = await settledHeight();
    const leaked = (await transactionsIn(height, end)).filter((t) => t.args.some((a) => a.includes(f.token)));
    expect(leaked.map((t) => `${t.fn} ${t.args.join(' ')}`)).toEqual([]);
    expect(await gw.ok('auditor', 'GET', `/v1/financings/${f.financingId}`)).toMatchObject({ status: 'REQUESTED' });
    expect(await gw.ok('auditor', 'GET', `/v1/pledges/${f.pledgeId}`)).toMatchObject({ status: 'REQUESTED' });
    expect(await gw.ok('auditor', 'GET', `/v1/participants/${f.memberId}`)).toMatchObject({ status: 'ACTIVE' });
  }, 120_000);
});

describe('mass assignment: fields the ledger decides', () => {
  const receivable = (id: string): Record<string, unknown> => ({
    receivableId: id,
    debtorId: 'core',
    invoiceNumber: `INV-${id}`,
    currency: 'USD',
    amount: '1000',
    issueDate: isoDay(-1),
    dueDate: isoDay(30),
  });

  it.each([
    ['a supplier sets the status of its receivable', { status: 'CONFIRMED' }],
    ['a supplier names another holder', { holderId: 'supplier-2' }],
    ['a supplier names another creditor', { creditorId: 'supplier-3' }],
    ['a supplier sets the outstanding amount', { outstanding: '1' }],
    ['a supplier attaches a financing', { financingId: 'fin-1' }],
    ['a supplier sets the bank fields', { bankMsp: 'BankAMSP', advanceRateBps: '10000' }],
    ['a supplier adds an unknown field', { isAdmin: true }],
  ])('%s: 400 and nothing issued', async (_what, extra) => {
    const id = `${f.token}-mass-${Object.keys(extra).join('-').toLowerCase()}`;
    const refused = await expectRefused('supplier-1', 'POST', '/v1/receivables', 400, { ...receivable(id), ...extra });
    expect(refused.body.code).toBe('INVALID_ARGUMENT');
    await expectRefused('auditor', 'GET', `/v1/receivables/${id}`, 404);
  });

  it("financing requests, credit lines, limits, pledges and registrations refuse the ledger's own fields", async () => {
    const financing = { financingId: `${f.token}-mass-fin`, receivableId: f.receivableId, lineId: f.lineId, amount: '1000' };
    for (const extra of [{ status: 'ACTIVE' }, { bankMsp: 'BankBMSP' }, { approvedBy: 'bank-a-risk' }, { drawn: '0' }]) {
      await expectRefused('supplier-1', 'POST', '/v1/financings', 400, { ...financing, ...extra });
    }
    const line = restLineTerms(`${f.token}-mass-line`, { limit: '1000' });
    for (const extra of [{ bankMsp: 'BankBMSP' }, { drawn: '0' }, { status: 'CLOSED' }]) {
      await expectRefused('bank-a', 'POST', '/v1/credit-lines', 400, { ...line, ...extra });
    }
    await expectRefused('bank-a', 'PUT', `/v1/credit-lines/${f.lineId}/limit`, 400, { limit: '2000000000', status: 'CLOSED' });
    await expectRefused('bank-a', 'POST', `/v1/pledges/${f.pledgeId}/accept`, 400, {
      haircutBps: '3000',
      maintenanceRatioBps: '12000',
      status: 'ACTIVE',
    });
    await expectRefused('supplier-1', 'POST', '/v1/pledges', 400, {
      pledgeId: `${f.token}-mass-pl`,
      receiptId: f.receiptId,
      bankMsp: 'BankAMSP',
      loanAmount: '10',
      ownerId: 'supplier-2',
    });
    await expectRefused('suppliers-admin', 'POST', '/v1/participants', 400, {
      participantId: `${f.token}-mass-member`,
      clientId: `x509::/OU=client/CN=${f.token}-mass-member@suppliers.scf.local::/O=suppliers.scf.local/CN=ca.suppliers.scf.local`,
      name: 'Mass assignment',
      role: 'supplier',
      tier: 1,
      legalEntityId: leiFromLabel(`${f.token}-mass-member`),
      mspId: 'BankAMSP',
    });
    await expectRefused('auditor', 'GET', `/v1/financings/${f.token}-mass-fin`, 404);
    await expectRefused('auditor', 'GET', `/v1/credit-lines/${f.token}-mass-line`, 404);
    await expectRefused('auditor', 'GET', `/v1/participants/${f.token}-mass-member`, 404);
    expect(await gw.ok('auditor', 'GET', `/v1/pledges/${f.pledgeId}`)).toMatchObject({ status: 'REQUESTED' });
  }, 120_000);
});

describe('visibility (kernel/src/visibility.ts) on every read path', () => {
  const ids = (items: readonly { id?: unknown; line?: { id?: unknown } }[]): unknown[] => items.map((i) => i.id);

  it("lists keep only what the caller may read: a competitor's list misses what the owner's shows", async () => {
    const list = async (credential: string, path: string): Promise<unknown[]> =>
      ids(await gw.ok<{ id: unknown }[]>(credential, 'GET', path));
    expect(await list('bank-a', '/v1/orgs/BankAMSP/financings')).toContain(f.financingId);
    expect(await list('bank-b', '/v1/orgs/BankAMSP/financings')).not.toContain(f.financingId);
    expect(await list('bank-a', '/v1/orgs/BankAMSP/credit-lines')).toContain(f.lineId);
    expect(await list('bank-b', '/v1/orgs/BankAMSP/credit-lines')).not.toContain(f.lineId);
    expect(await list('core', '/v1/participants/core/credit-lines')).toContain(f.lineId);
    expect(await list('bank-b', '/v1/participants/core/credit-lines')).not.toContain(f.lineId);
    expect(await list('supplier-1', '/v1/participants/supplier-1/financings')).toContain(f.financingId);
    expect(await list('supplier-2', '/v1/participants/supplier-1/financings')).toEqual([]);
    expect(await list('supplier-1', '/v1/participants/supplier-1/receivables?as=holder')).toContain(f.receivableId);
    // supplier-2 may see a receivable of supplier-1's it holds a split of (the demo's tiers), never these.
    const seenBySupplier2 = await list('supplier-2', '/v1/participants/supplier-1/receivables?as=holder');
    expect(seenBySupplier2).not.toContain(f.receivableId);
    expect(seenBySupplier2).not.toContain(f.issuedId);
    expect(await list('bank-b', `/v1/receivables/${f.receivableId}/financings`)).toEqual([]);
    expect(await list('supplier-1', '/v1/participants/supplier-1/warehouse-receipts')).toContain(f.receiptId);
    expect(await list('supplier-2', '/v1/participants/supplier-1/warehouse-receipts')).toEqual([]);
  }, 120_000);

  it("another party's record by id is refused to the other bank, supplier and the warehouse; its parties read it", async () => {
    const records = [
      { path: `/v1/financings/${f.financingId}`, readers: ['bank-a', 'supplier-1', 'auditor'] },
      { path: `/v1/financings/${f.financingId}/history`, readers: ['bank-a', 'supplier-1', 'auditor'] },
      { path: `/v1/credit-lines/${f.lineId}`, readers: ['bank-a', 'core', 'auditor'] },
      { path: `/v1/receivables/${f.receivableId}`, readers: ['bank-a', 'supplier-1', 'core', 'auditor'] },
      { path: `/v1/receivables/${f.issuedId}`, readers: ['supplier-1', 'core', 'auditor'] },
      { path: `/v1/payments/${f.paymentId}`, readers: ['supplier-1', 'core', 'auditor'] },
      { path: `/v1/pledges/${f.pledgeId}`, readers: ['bank-a', 'supplier-1', 'auditor'] },
      { path: `/v1/warehouse-receipts/${f.receiptId}`, readers: ['bank-a', 'supplier-1', 'warehouse', 'auditor'] },
      { path: `/v1/audit/financings/${f.financingId}/history`, readers: ['bank-a', 'supplier-1', 'auditor'] },
    ];
    for (const { path, readers } of records) {
      for (const credential of ['bank-a', 'bank-b', 'supplier-1', 'supplier-2', 'core', 'warehouse', 'auditor', 'suppliers-admin']) {
        const answer = await send(credential, 'GET', path);
        // An org admin's key is served by its gateway's admin listener only, which has no data routes.
        const refused = credential.endsWith('-admin') ? 404 : 403;
        expect([path, credential, answer.status]).toEqual([path, credential, readers.includes(credential) ? 200 : refused]);
      }
    }
  }, 300_000);

  it('reports and the chain view: another bank gets only its own positions beside consortium totals, a supplier nothing', async () => {
    await eventually(
      async () => {
        expect(await gw.ok('auditor', 'GET', '/v1/readmodel/status')).toMatchObject({ lag: '0' });
      },
      240_000,
      1_000,
    );
    // Positive control: bank A's own line is in its exposure report.
    expect(JSON.stringify(await gw.ok('bank-a', 'GET', '/v1/reports/exposure'))).toContain(f.lineId);
    const views: [string, string, unknown?][] = [
      ['GET', '/v1/reports/exposure'],
      ['GET', '/v1/reports/overdue-aging'],
      ['GET', '/v1/reports/risk-decisions'],
      ['GET', '/v1/reports/concentration'],
      ['GET', '/v1/chain/graph?coreId=core'],
      ['GET', '/v1/chain/cores'],
      ['POST', '/v1/chain/stress', { scenario: { kind: 'core-default', coreId: 'core', recoveryBps: 4000 } }],
    ];
    for (const [method, path, body] of views) {
      const asBankB = await send('bank-b', method, path, body);
      const text = JSON.stringify(asBankB.body);
      // Nothing of bank A's (its org, line, financing) nor supplier-1's receivables by id.
      const leaks = ['BankAMSP', f.lineId, f.financingId, f.receivableId, f.issuedId, f.paidId].filter((x) => text.includes(x));
      expect([path, asBankB.status, leaks]).toEqual([path, 200, []]);
      for (const other of ['supplier-2', 'core', 'warehouse']) {
        expect([path, other, (await send(other, method, path, body)).status]).toEqual([path, other, 403]);
      }
    }
    await expectRefused('bank-b', 'GET', '/v1/chain/graph?coreId=core&bankMsp=BankAMSP', 403);
    // The read model's search follows the same table: supplier-1 sees what it issued, supplier-2 and bank B none of it.
    const count = async (credential: string, path: string): Promise<number> =>
      (await gw.ok<{ items: unknown[] }>(credential, 'GET', path)).items.length;
    expect(await count('supplier-1', `/v1/search/receivables?creditorId=supplier-1&rootId=${f.issuedId}`)).toBe(1);
    expect(await count('supplier-2', `/v1/search/receivables?creditorId=supplier-1&rootId=${f.issuedId}`)).toBe(0);
    expect(await count('bank-b', `/v1/search/receivables?rootId=${f.issuedId}`)).toBe(0);
    expect(await count('bank-b', `/v1/search/payments?receivableId=${f.paidId}`)).toBe(0);
  }, 300_000);

  it('the chaincode queries refuse another org’s identity directly (fabric-gateway evaluate, no REST gateway)', async () => {
    const refusal = refusalOf;
    expect(await refusal('bank-b', call(tx.financing.GetFinancing, { financingId: f.financingId }))).toBe('FORBIDDEN');
    expect(await refusal('bank-b', call(tx.financing.GetApprovalContext, { financingId: f.financingId }))).toBe('FORBIDDEN');
    expect(await refusal('bank-b', call(tx.creditLine.GetCreditLine, { lineId: f.lineId }))).toBe('FORBIDDEN');
    expect(await refusal('supplier-2', call(tx.receivable.GetReceivable, { receivableId: f.receivableId }))).toBe('FORBIDDEN');
    expect(await refusal('supplier-2', call(tx.receivable.GetReceivableHistory, { receivableId: f.receivableId }))).toBe('FORBIDDEN');
    expect(await refusal('supplier-2', call(tx.repayment.GetPayment, { paymentId: f.paymentId }))).toBe('FORBIDDEN');
    expect(await refusal('bank-b', call(tx.warehouse.GetPledge, { pledgeId: f.pledgeId }))).toBe('FORBIDDEN');
    expect(await refusal('bank-a', call(tx.financing.GetFinancing, { financingId: f.financingId }))).toBe('OK');
    expect(await refusal('supplier-1', call(tx.receivable.GetReceivable, { receivableId: f.receivableId }))).toBe('OK');
    const bankBList = await evaluateAs<{ id: string }[]>('bank-b', call(tx.financing.ListFinancingsByBank, { bankMsp: 'BankAMSP' }));
    expect(bankBList.map((x) => x.id)).not.toContain(f.financingId);
    const bankAList = await evaluateAs<{ id: string }[]>('bank-a', call(tx.financing.ListFinancingsByBank, { bankMsp: 'BankAMSP' }));
    expect(bankAList.map((x) => x.id)).toContain(f.financingId);
  }, 120_000);

  it('the event stream tells each caller only of transactions about what it may read', async () => {
    const streams = await Promise.all(['supplier-1', 'supplier-2', 'bank-b', 'auditor'].map((c) => openEvents(c)));
    try {
      const issued = await gw.ok<{ transactionId: string }>('supplier-1', 'POST', '/v1/receivables', {
        receivableId: `${f.token}-evt`,
        debtorId: 'core',
        invoiceNumber: `INV-${f.token}-evt`,
        currency: 'USD',
        amount: String(runUniqueFace()),
        issueDate: isoDay(-1),
        dueDate: isoDay(30),
      });
      const [own, other, bank, auditor] = streams;
      await eventually(() => containing(auditor, issued.transactionId), 120_000, 250);
      await eventually(() => containing(own, issued.transactionId), 30_000, 250);
      // The block reached every stream (its number), without the transaction for those who may not read it.
      const blockOf = /"blockNumber":"(\d+)","transactions":\[[^\]]*?/.exec(auditor?.text() ?? '');
      expect(blockOf).not.toBeNull();
      await eventually(() => containing(other, `"blockNumber":"${blockOf?.[1] ?? ''}"`), 30_000, 250);
      expect(other?.text()).not.toContain(issued.transactionId);
      expect(bank?.text()).not.toContain(issued.transactionId);
    } finally {
      for (const stream of streams) {
        stream.close();
      }
    }
  }, 240_000);

  it('along a split tree: the holder of the parent hears of a request on a part it passed on, and finds it in search', async () => {
    const id = `${f.token}-tree`;
    const face = runUniqueFace();
    await gw.ok('supplier-1', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(face) }));
    // Each party writes through its own org's gateway: retried until that peer has the previous step.
    await eventually(() => gw.ok('core', 'POST', `/v1/receivables/${id}/confirm`), 60_000, 500);
    await eventually(
      () =>
        gw.ok('supplier-1', 'POST', `/v1/receivables/${id}/split`, {
          parts: [
            { id: `${id}-a`, amount: String(face - 1000n), holderId: 'supplier-1' },
            { id: `${id}-b`, amount: '1000', holderId: 'supplier-2' },
          ],
        }),
      60_000,
      500,
    );
    const streams = await Promise.all(['supplier-1', 'supplier-3', 'auditor'].map((c) => openEvents(c)));
    try {
      const asked = await eventually(
        () =>
          gw.ok<{ transactionId: string }>('core', 'POST', `/v1/receivables/${id}-b/dilution-requests`, {
            dilutionId: `${id}-cn`,
            kind: 'CREDIT_NOTE',
            amount: '100',
            reference: `CN-${id}`,
            expiresAt: `${isoDay(10)}T00:00:00Z`,
          }),
        60_000,
        500,
      );
      const [parentHolder, stranger, auditor] = streams;
      await eventually(() => containing(auditor, asked.transactionId), 120_000, 250);
      // supplier-1 holds the parent: the request on the part it passed to supplier-2 reaches it (the request names only supplier-2 and core).
      await eventually(() => containing(parentHolder, asked.transactionId), 60_000, 250);
      expect(stranger?.text()).not.toContain(asked.transactionId);
    } finally {
      for (const stream of streams) {
        stream.close();
      }
    }
    const listed = async (credential: string): Promise<unknown[]> =>
      (await gw.ok<{ items: { id: unknown }[] }>(credential, 'GET', `/v1/search/dilution-requests?receivableId=${id}-b`)).items.map(
        (i) => i.id,
      );
    await eventually(
      async () => {
        expect(await listed('supplier-2')).toEqual([`${id}-cn`]);
      },
      120_000,
      500,
    );
    expect(await listed('supplier-1')).toEqual([`${id}-cn`]);
    expect(await listed('supplier-3')).toEqual([]);
    expect(await listed('bank-b')).toEqual([]);
  }, 300_000);

  it('a suspended participant reads nothing: ledger routes, read model, reports, chain view, events', async () => {
    await gw.ok('suppliers-admin', 'POST', '/v1/participants/supplier-3/suspend');
    try {
      await eventually(
        async () => {
          expect((await send('supplier-3', 'GET', '/v1/search/receivables')).body.code).toBe('SUSPENDED');
        },
        120_000,
        500,
      );
      for (const path of [
        '/v1/participants/supplier-1',
        '/v1/participants/supplier-3/receivables?as=holder',
        '/v1/search/transactions',
        '/v1/readmodel/status',
        '/v1/reports/exposure',
        '/v1/chain/graph?coreId=core',
        '/v1/events',
      ]) {
        const answer = await send('supplier-3', 'GET', path);
        expect([path, answer.status, answer.body.code]).toEqual([path, 403, 'SUSPENDED']);
      }
      expect(await refusalOf('supplier-3', call(tx.participant.GetParticipant, { participantId: 'supplier-1' }))).toBe('SUSPENDED');
    } finally {
      await gw.ok('suppliers-admin', 'POST', '/v1/participants/supplier-3/reinstate');
    }
    await eventually(
      async () => {
        expect((await send('supplier-3', 'GET', '/v1/search/receivables')).status).toBe(200);
      },
      120_000,
      500,
    );
  }, 300_000);
});

const refusalOf = (participant: string, query: EvaluateCall): Promise<string | undefined> =>
  evaluateAs(participant, query).then(
    () => 'OK',
    (error: unknown) => chaincodeErrorCode(error),
  );

/** Resolves when the stream has received `expected`, else throws (for eventually). */
function containing(stream: { text: () => string } | undefined, expected: string): Promise<void> {
  if (!(stream?.text() ?? '').includes(expected)) {
    return Promise.reject(new Error(`not yet received ${expected}`));
  }
  return Promise.resolve();
}

/** An open GET /v1/events stream as `credential`, collecting what it receives. */
async function openEvents(credential: string): Promise<{ text: () => string; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(`${gw.url}/v1/events`, {
    headers: { authorization: `Bearer ${gw.keys[credential] ?? ''}` },
    signal: controller.signal,
  });
  expect([credential, response.status]).toEqual([credential, 200]);
  let received = '';
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) {
        return;
      }
      received += value ?? '';
    }
  })();
  await eventually(() => containing({ text: () => received }, ': connected'), 10_000, 100);
  return {
    text: () => received,
    close: () => {
      controller.abort();
    },
  };
}
