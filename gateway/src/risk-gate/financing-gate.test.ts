import type { Financing } from '@scf/chaincode/domain/financing';
import type { Receivable } from '@scf/chaincode/domain/receivable';
import path from 'node:path';
import { CredentialStore } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { loadPolicy } from '../risk/policy';
import { openSqlite } from '../store/sqlite';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, type RecordedCall } from '../testing/fakes';
import { temporaryDir } from '../testing/test-app';
import { RiskDecisionStore } from './decision-store';
import { FinancingGate, OFFICER_APPROVED, OFFICER_REJECTED } from './financing-gate';

const NOW = Date.UTC(2026, 0, 15) / 1000;
const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

const financing: Financing = {
  id: 'f1', receivableId: 'r1', lineId: 'line1', bankMsp: 'BankAMSP', borrowerId: 'supplier-1', borrowerMsp: 'SuppliersMSP', debtorId: 'core',
  currency: 'USD', amount: '700000', outstandingPrincipal: '0', repaidPrincipal: '0', status: 'REQUESTED', maturityDate: '2026-03-01',
  requestedAt: '2026-01-14T00:00:00Z', trancheDraws: [], capDraws: [], coverageBreach: false, termsRecorded: false, updatedAt: '2026-01-14T00:00:00Z',
};
const receivable: Receivable = {
  id: 'r1', rootId: 'r1', childIds: [], invoiceNumber: 'INV-1', invoiceFingerprint: 'f'.repeat(64), currency: 'USD', issueDate: '2026-01-10', dueDate: '2026-03-01',
  creditorId: 'supplier-1', debtorId: 'core', debtorMsp: 'CoreMSP', holderId: 'supplier-1', holderMsp: 'SuppliersMSP', face: '1000000', outstanding: '1000000',
  settled: '0', diluted: '0', splitOff: '0', status: 'CONFIRMED', delinquency: 'CURRENT', pendingAmount: '0', createdAt: '2026-01-10T00:00:00Z', updatedAt: '2026-01-10T00:00:00Z',
};
const approved: Financing = { ...financing, status: 'ACTIVE', outstandingPrincipal: '700000', trancheDraws: [{ index: 3, amount: '700000' }], capDraws: [{ index: 3, amount: '700000' }] };

/** A seasoned supplier with a clean record: nothing in its history raises the score. */
const cleanFeatures: RiskFeatureSource = {
  supplierHistory: () => Promise.resolve({ financedCount: 10, onTimeRepaidCount: 10, lateRepaidCount: 0, defaultedCount: 0, totalFace: 50_000_000n, totalDiluted: 0n, tenureDays: 900, monthlyVolumes: [5_000_000n, 5_000_000n, 5_000_000n, 5_000_000n] }),
  bankBook: () => Promise.resolve({ exposureBySupplier: {} }),
  recentRequestTimes: () => Promise.resolve([]),
  transfersAround: () => Promise.resolve([]),
};

function setup(state: { financing?: Financing; receivable?: Receivable; endorsed?: Financing; lineDrawn?: string } = {}): { gate: FinancingGate; ledgers: FakeLedgers; decisions: RiskDecisionStore; credentials: CredentialStore } {
  const ledgers = new FakeLedgers();
  ledgers.answer = (call: RecordedCall): Uint8Array => {
    switch (call.transaction) {
      case 'GetFinancing':
        return json(state.financing ?? financing);
      case 'GetReceivable':
        return json(state.receivable ?? receivable);
      case 'GetCreditLine':
        return json({ line: { id: 'line1', limit: '10000000' }, drawn: state.lineDrawn ?? '0' });
      case 'GetCoreExposure':
        return json({ cap: '50000000', drawn: '0' });
      case 'ApproveFinancing':
        return json(state.endorsed ?? approved);
      case 'RejectFinancing':
        return json({ ...(state.financing ?? financing), status: 'REJECTED' });
      default:
        throw new Error(`unexpected ${call.transaction}`);
    }
  };
  const decisions = new RiskDecisionStore(openSqlite(path.join(temporaryDir(), 'gate.db')));
  const credentials = new CredentialStore(TEST_CREDENTIALS, fakeNetwork());
  const policyDir = path.join(__dirname, '..', '..', 'policies');
  const gate = new FinancingGate({ ledgers, credentials, features: cleanFeatures, decisions, policyFor: (msp) => loadPolicy(policyDir, msp), nowSeconds: () => NOW });
  return { gate, ledgers, decisions, credentials };
}

const officer = (credentials: CredentialStore, name = 'bank-a') => credentials.byName(name) ?? (() => { throw new Error(name); })();
const approvals = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.transaction === 'ApproveFinancing');
const ledgerRejections = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.transaction === 'RejectFinancing');
const writes = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.method !== 'evaluate');

describe('the financing risk gate', () => {
  it('approves a clean request: endorsed and submitted as the bank risk-gateway identity, decision kept with its tx id', async () => {
    const { gate, ledgers, decisions, credentials } = setup();
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('APPROVE');
    expect(approvals(ledgers)).toHaveLength(1);
    const [approval] = approvals(ledgers);
    expect(approval).toMatchObject({ identity: 'BankAMSP/User2', method: 'endorseThenDecide' });
    expect(approval?.args[0]).toBe('f1');
    expect(JSON.parse(String(approval?.args[1]))).toMatchObject({ decision: 'APPROVE', policyVersion: 'bank-a/2025.1' });
    const [kept] = decisions.decisions({ financingId: 'f1', limit: 10 });
    expect(kept).toMatchObject({ decision: 'APPROVE', stage: 'assessment', decidedBy: 'bank-a' });
    expect(kept?.transactionId).toMatch(/^tx-/);
  });

  it('rejects collateral in dispute before anything is endorsed', async () => {
    const { gate, ledgers, decisions, credentials } = setup({ receivable: { ...receivable, status: 'DISPUTED' } });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('REJECT');
    expect(approvals(ledgers)).toHaveLength(0);
    expect(decisions.decisions({ reasonCode: 'COLLATERAL_DISPUTED', limit: 10 })).toHaveLength(1);
  });

  it('an advance above the bank policy (80%) is rejected although the chaincode line allows more', async () => {
    const { gate, ledgers, credentials } = setup({ financing: { ...financing, amount: '850000' } });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision === 'REJECT' && outcome.record.reasonCodes).toContain('ADVANCE_RATE_ABOVE_POLICY');
    expect(approvals(ledgers)).toHaveLength(0);
  });

  it('does not submit when the endorsed result is not what was assessed', async () => {
    const { gate, ledgers, credentials } = setup({ endorsed: { ...approved, amount: '900000', trancheDraws: [{ index: 3, amount: '900000' }] } });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome).toMatchObject({ decision: 'REJECT', record: { stage: 'post-endorsement', reasonCodes: expect.arrayContaining(['POST_STATE_AMOUNT_CHANGED']) as unknown } });
    expect(approvals(ledgers)).toHaveLength(1);
    expect(ledgers.calls.filter((c) => c.method === 'submit')).toHaveLength(0);
  });

  it('queues a request near the line limit for review; an officer approval goes through the same endorse-check-submit', async () => {
    const { gate, ledgers, decisions, credentials } = setup({ lineDrawn: '8900000' });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('REVIEW');
    expect(approvals(ledgers)).toHaveLength(0);
    expect(decisions.reviews('BankAMSP', 'PENDING').map((r) => r.financingId)).toEqual(['f1']);

    const decided = await gate.decideReview('f1', officer(credentials), 'APPROVE', 'known customer');
    expect(decided.decision).toBe('APPROVE');
    const sent = JSON.parse(String(approvals(ledgers)[0]?.args[1])) as { decision: string; reasonCodes: string[] };
    expect(sent.decision).toBe('APPROVE');
    expect(sent.reasonCodes).toEqual(expect.arrayContaining([OFFICER_APPROVED, 'LINE_HEADROOM_LOW']));
    expect(decisions.review('f1')).toMatchObject({ status: 'APPROVED', decidedBy: 'bank-a', note: 'known customer' });
    await expect(gate.decideReview('f1', officer(credentials), 'REJECT', null)).rejects.toMatchObject({ httpStatus: 409 });
  });

  it('an engine REJECT submits nothing at all (neither approval nor ledger rejection)', async () => {
    const { gate, ledgers, credentials } = setup({ receivable: { ...receivable, status: 'DISPUTED' } });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REJECT');
    expect(writes(ledgers)).toEqual([]);
  });

  it("an officer's rejection of a review is closed on the ledger too: RejectFinancing as the risk-gateway identity", async () => {
    const { gate, ledgers, decisions, credentials } = setup({ lineDrawn: '8900000' });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REVIEW');
    const decided = await gate.decideReview('f1', officer(credentials), 'REJECT', 'order book not confirmed');
    expect(decided).toMatchObject({ decision: 'REJECT', onLedger: { financing: { id: 'f1', status: 'REJECTED' }, transactionId: expect.stringMatching(/^tx-/) as unknown }, record: { stage: 'officer-review' } });
    expect(approvals(ledgers)).toHaveLength(0);
    const [rejection] = ledgerRejections(ledgers);
    expect(rejection).toMatchObject({ identity: 'BankAMSP/User2', method: 'submit' });
    const sent = JSON.parse(String(rejection?.args[1])) as { decision: string; reasonCodes: string[] };
    expect(sent).toMatchObject({ decision: 'REJECT', reasonCodes: expect.arrayContaining([OFFICER_REJECTED, 'LINE_HEADROOM_LOW']) as unknown });
    expect(decisions.review('f1')).toMatchObject({ status: 'REJECTED', note: 'order book not confirmed' });
    const [kept] = decisions.decisions({ financingId: 'f1', limit: 1 });
    expect(kept).toMatchObject({ decision: 'REJECT', stage: 'officer-review', transactionId: decided.decision === 'REJECT' ? decided.onLedger?.transactionId : 'none' });
  });

  it('a bank officer declines a request on the ledger (POST /reject): assessed, then RejectFinancing with OFFICER_REJECTED', async () => {
    const { gate, ledgers, decisions, credentials } = setup();
    const outcome = await gate.reject('f1', officer(credentials), 'no appetite');
    expect(outcome.onLedger?.financing.status).toBe('REJECTED');
    expect(writes(ledgers)).toEqual([expect.objectContaining({ identity: 'BankAMSP/User2', method: 'submit', transaction: 'RejectFinancing' })]);
    const sent = JSON.parse(String(ledgerRejections(ledgers)[0]?.args[1])) as { decision: string; reasonCodes: string[]; policyVersion: string };
    expect(sent).toMatchObject({ decision: 'REJECT', reasonCodes: [OFFICER_REJECTED], policyVersion: 'bank-a/2025.1' });
    expect(decisions.decisions({ financingId: 'f1', limit: 1 })[0]).toMatchObject({ decision: 'REJECT', stage: 'officer-review', decidedBy: 'bank-a' });
  });

  it('only an officer of the financing bank declines it, and only while it is requested', async () => {
    const other = setup({ financing: { ...financing, bankMsp: 'BankBMSP' } });
    await expect(other.gate.reject('f1', officer(other.credentials), null)).rejects.toMatchObject({ httpStatus: 403 });
    await expect(other.gate.reject('f1', officer(other.credentials, 'supplier-1'), null)).rejects.toMatchObject({ httpStatus: 403 });
    const active = setup({ financing: { ...financing, status: 'ACTIVE' } });
    await expect(active.gate.reject('f1', officer(active.credentials), null)).rejects.toMatchObject({ httpStatus: 409 });
    expect([...writes(other.ledgers), ...writes(active.ledgers)]).toEqual([]);
  });

  it('refuses callers who are not an officer of the financing bank', async () => {
    const { gate, credentials } = setup({ financing: { ...financing, bankMsp: 'BankBMSP' } });
    await expect(gate.assess('f1', officer(credentials))).rejects.toMatchObject({ httpStatus: 403, code: 'FORBIDDEN' });
    await expect(gate.assess('f1', officer(credentials, 'supplier-1'))).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses a financing that is no longer a request', async () => {
    const { gate, credentials } = setup({ financing: { ...financing, status: 'ACTIVE' } });
    await expect(gate.assess('f1', officer(credentials))).rejects.toMatchObject({ httpStatus: 409, code: 'INVALID_STATE' });
  });
});
