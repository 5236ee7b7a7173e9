import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import { hash } from '@hyperledger/fabric-gateway';
import { orgByName, signingIdentity, userOf } from '@scf/network';
import { network } from './fabric';
import { evaluateAs } from './ledger';
import { call, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import type { Financing } from '@scf/kernel/records/financing';
import { approvalBinding, decisionBytes, type GateDecision, type FinancingApprovalDecision } from '@scf/kernel/records/gate-decision';
import type { CommodityPrice, Pledge } from '@scf/kernel/records/warehouse';

/** Ten minutes from now, as the gate would set it: beyond any test's own transactions. */
function soon(): string {
  return `${new Date(Date.now() + 600_000).toISOString().slice(0, 19)}Z`;
}

/** The approval decision the financing's bank's risk gate would sign for it and `assessmentJson`. */
export async function approvalDecision(
  financingId: string,
  assessmentJson: string,
  overrides: Partial<FinancingApprovalDecision> = {},
): Promise<FinancingApprovalDecision> {
  const financing = await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId }));
  const assessment = JSON.parse(assessmentJson) as { policyVersion: string; inputsHash: string };
  return {
    kind: 'financing-approval',
    bankMsp: financing.bankMsp,
    ...approvalBinding({ ...financing, id: financingId }, assessment),
    expiresAt: soon(),
    ...overrides,
  };
}

/** `{decision, signature}` JSON signed with the certificate key of a demo participant (a bank's risk gateway: its registered key). */
export async function signedBy(participantId: string, decision: GateDecision): Promise<string> {
  const p = demoParticipant(participantId);
  // The identity's Fabric signer: its key file, or its bank's HSM (PKCS#11) when its key is there.
  const { signer } = signingIdentity(userOf(orgByName(network(), p.org), p.user));
  const signature = Buffer.from(await signer(hash.sha256(decisionBytes(decision)))).toString('base64');
  return JSON.stringify({ decision, signature });
}

/** ApproveFinancing with the decision its bank's risk gate (`bank-a-risk` / `bank-b-risk`) signs, as the gate would send it. */
export async function approvalCall(financingId: string, assessmentJson: string): Promise<SubmitCall> {
  const decision = await approvalDecision(financingId, assessmentJson);
  const signer = decision.bankMsp === 'BankBMSP' ? 'bank-b-risk' : 'bank-a-risk';
  return call(tx.financing.ApproveFinancing, {
    financingId,
    assessmentJson,
    decisionJson: await signedBy(signer, decision),
    drawStart: '',
  });
}

/** AcceptPledge on these terms with the decision its bank's risk gate signs for them at the current price. */
export async function acceptanceCall(pledgeId: string, haircutBps: string, maintenanceRatioBps: string): Promise<SubmitCall> {
  const pledge = await evaluateAs<Pledge>('auditor', call(tx.warehouse.GetPledge, { pledgeId }));
  const price = await evaluateAs<CommodityPrice>(
    'auditor',
    call(tx.warehouse.GetPrice, { commodity: pledge.commodity, grade: pledge.grade, unit: pledge.unit }),
  );
  const decision: GateDecision = {
    kind: 'pledge-acceptance',
    bankMsp: pledge.bankMsp,
    pledgeId,
    receiptId: pledge.receiptId,
    loanAmount: pledge.loanAmount,
    haircutBps,
    maintenanceRatioBps,
    priceSetAt: price.setAt,
    policyVersion: 'test-1',
    inputsHash: 'b'.repeat(64),
    expiresAt: soon(),
  };
  const signer = pledge.bankMsp === 'BankBMSP' ? 'bank-b-risk' : 'bank-a-risk';
  return call(tx.warehouse.AcceptPledge, { pledgeId, haircutBps, maintenanceRatioBps, decisionJson: await signedBy(signer, decision) });
}
