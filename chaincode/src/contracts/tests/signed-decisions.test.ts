import { ID } from '../../testing/identities';
import { ASSESSMENT, financingDecision, ok, P, pledgeDecision, World } from '../../testing/world';
import type { Financing } from '@scf/kernel/records/financing';
import type { RiskKey } from '@scf/kernel/records/gate-decision';
import type { CommodityPrice, Pledge } from '@scf/kernel/records/warehouse';
import { BANK_A_RISK_KEY, BANK_B_RISK_KEY, publicKeyOf, signedDecisionJson, STRANGER_RISK_KEY } from '@scf/kernel/testing/risk-keys';

const APPROVE = 'scf.financing:ApproveFinancing';
const assessment = JSON.stringify(ASSESSMENT);

async function requested(): Promise<{ world: World; financing: Financing }> {
  const world = await World.withLines();
  await world.confirmedReceivable('r1');
  const financing = await world.submitOk<Financing>(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '700000']);
  return { world, financing };
}

describe('ApproveFinancing checks the risk gate’s signed decision', () => {
  it('commits a decision signed with the bank’s registered key and bound to the financing', async () => {
    const { world, financing } = await requested();
    const decision = signedDecisionJson(financingDecision(financing), BANK_A_RISK_KEY);
    await world.submitOk(ID.bankAGateway, APPROVE, ['f1', assessment, decision, '']);
  });

  it.each([
    ['a tampered amount', { amount: '700001' }, 'DECISION_MISMATCH'],
    ['another financing', { financingId: 'f2' }, 'DECISION_MISMATCH'],
    ['another receivable', { receivableId: 'r2' }, 'DECISION_MISMATCH'],
    ['another line', { lineId: 'line2' }, 'DECISION_MISMATCH'],
    ['another policy version', { policyVersion: 'risk-2024.9' }, 'DECISION_MISMATCH'],
    ['other inputs', { inputsHash: 'd'.repeat(64) }, 'DECISION_MISMATCH'],
    ['another bank', { bankMsp: 'BankBMSP' }, 'DECISION_MISMATCH'],
    ['an expired decision', { expiresAt: '2025-01-01T00:00:00Z' }, 'DECISION_EXPIRED'],
  ])('refuses %s, signed by the right key', async (_what, overrides, code) => {
    const { world, financing } = await requested();
    const decision = signedDecisionJson(financingDecision(financing, ASSESSMENT, overrides), BANK_A_RISK_KEY);
    expect(await world.submit(ID.bankAGateway, APPROVE, ['f1', assessment, decision, ''])).toMatchObject({ ok: false, code });
    expect((await world.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', ['f1'])).status).toBe('REQUESTED');
  });

  it('refuses an assessment other than the one the decision was signed for', async () => {
    const { world, financing } = await requested();
    const decision = signedDecisionJson(financingDecision(financing), BANK_A_RISK_KEY);
    const other = JSON.stringify({ ...ASSESSMENT, inputsHash: 'e'.repeat(64) });
    expect(await world.submit(ID.bankAGateway, APPROVE, ['f1', other, decision, ''])).toMatchObject({
      ok: false,
      code: 'DECISION_MISMATCH',
    });
  });

  it.each([
    ['another bank’s key', BANK_B_RISK_KEY],
    ['a key no bank registered', STRANGER_RISK_KEY],
  ])('refuses a decision signed with %s', async (_what, key) => {
    const { world, financing } = await requested();
    const decision = signedDecisionJson(financingDecision(financing), key);
    expect(await world.submit(ID.bankAGateway, APPROVE, ['f1', assessment, decision, ''])).toMatchObject({
      ok: false,
      code: 'DECISION_SIGNATURE_INVALID',
    });
  });

  it('refuses a missing or signature-less decision', async () => {
    const { world, financing } = await requested();
    expect(await world.submit(ID.bankAGateway, APPROVE, ['f1', assessment, '', ''])).toMatchObject({
      ok: false,
      code: 'DECISION_UNSIGNED',
    });
    const unsigned = JSON.stringify({ decision: financingDecision(financing) });
    expect(await world.submit(ID.bankAGateway, APPROVE, ['f1', assessment, unsigned, ''])).toMatchObject({
      ok: false,
      code: 'DECISION_UNSIGNED',
    });
  });
});

describe('RegisterRiskKey', () => {
  it('stores the key under the caller’s bank org, and replaces it', async () => {
    const world = await World.registered();
    const key = await world.evaluateOk<RiskKey>(ID.auditor, 'scf.participant:GetRiskKey', ['BankAMSP']);
    expect(key).toMatchObject({ bankMsp: 'BankAMSP', publicKeyPem: publicKeyOf(BANK_A_RISK_KEY), registeredBy: ID.bankAAdmin.getID() });
    ok(await world.submit(ID.bankAAdmin, 'scf.participant:RegisterRiskKey', [publicKeyOf(STRANGER_RISK_KEY)]));
    const replaced = await world.evaluateOk<RiskKey>(ID.auditor, 'scf.participant:GetRiskKey', ['BankAMSP']);
    expect(replaced.publicKeyPem).toBe(publicKeyOf(STRANGER_RISK_KEY));
  });

  it('is refused to anyone but a bank org’s admin', async () => {
    const world = await World.registered();
    const pem = publicKeyOf(STRANGER_RISK_KEY);
    for (const who of [ID.bankAOfficer, ID.bankAGateway, ID.supplier1]) {
      expect(await world.submit(who, 'scf.participant:RegisterRiskKey', [pem])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await world.submit(ID.coreAdmin, 'scf.participant:RegisterRiskKey', [pem])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.bankAAdmin, 'scf.participant:RegisterRiskKey', ['-----BEGIN PUBLIC KEY-----'])).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    const key = await world.evaluateOk<RiskKey>(ID.auditor, 'scf.participant:GetRiskKey', ['BankAMSP']);
    expect(key.publicKeyPem).toBe(publicKeyOf(BANK_A_RISK_KEY));
  });
});

describe('AcceptPledge checks the risk gate’s signed decision (haircut, maintenance, price age)', () => {
  async function requestedPledge(): Promise<World> {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['w1', P.supplier1, 'LOT-7', 'COPPER', 'A', 'KG', '1000', 'Bay 3']);
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', 'BankAMSP', '80000']);
    return world;
  }
  const ACCEPT = 'scf.warehouse:AcceptPledge';

  it('an officer cannot accept on terms the gate did not sign: a lower haircut, no decision, another bank’s key', async () => {
    const world = await requestedPledge();
    const signed = await world.acceptArgs('p1', '2000', '11000');
    // The officer swaps in a haircut the policy would refuse, keeping the signed decision.
    expect(await world.submit(ID.bankAOfficer, ACCEPT, ['p1', '500', '11000', signed[3] ?? ''])).toMatchObject({
      ok: false,
      code: 'DECISION_MISMATCH',
    });
    expect(await world.submit(ID.bankAOfficer, ACCEPT, ['p1', '2000', '11000', ''])).toMatchObject({
      ok: false,
      code: 'DECISION_UNSIGNED',
    });
    const pledge = await world.evaluateOk<Pledge>(ID.auditor, 'scf.warehouse:GetPledge', ['p1']);
    const price = await world.evaluateOk<CommodityPrice>(ID.auditor, 'scf.warehouse:GetPrice', ['COPPER', 'A', 'KG']);
    const byB = signedDecisionJson(pledgeDecision(pledge, '2000', '11000', price), BANK_B_RISK_KEY);
    expect(await world.submit(ID.bankAOfficer, ACCEPT, ['p1', '2000', '11000', byB])).toMatchObject({
      ok: false,
      code: 'DECISION_SIGNATURE_INVALID',
    });
    await world.submitOk(ID.bankAOfficer, ACCEPT, signed);
  });

  it('a decision made on an older price is refused once the oracle has moved it', async () => {
    const world = await requestedPledge();
    const signed = await world.acceptArgs('p1', '2000', '11000');
    world.net.advanceDays(1);
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '90']);
    expect(await world.submit(ID.bankAOfficer, ACCEPT, signed)).toMatchObject({ ok: false, code: 'DECISION_MISMATCH' });
  });
});
