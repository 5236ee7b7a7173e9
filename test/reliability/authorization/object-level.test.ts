/**
 * Object-level authorization (issue 7) on the real network: a caller whose role admits an
 * operation is still refused another participant's record by id (BOLA), and no role may set the
 * fields the ledger decides (mass assignment). Every refusal is in the error shape and reaches no
 * block; a positive control shows each record exists and its owner gets it.
 */
import { leiFromLabel } from '@scf/kernel/legal-entity';
import { startGatewayProcess, type GatewayProcess } from '../../support/gateway-process';
import { eventually } from '../../support/fabric';
import { isoDay } from '../../support/ledger';
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
    const line = {
      lineId: `${f.token}-mass-line`,
      coreId: 'core',
      currency: 'USD',
      limit: '1000',
      expiresOn: isoDay(365),
      maxAdvanceRateBps: '9000',
      maxTenorDays: 180,
      graceDays: 10,
    };
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
