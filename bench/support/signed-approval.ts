import { call, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import { decisionBytes, type FinancingApprovalDecision } from '@scf/kernel/records/gate-decision';
import { hash } from '@hyperledger/fabric-gateway';
import { signingIdentity } from '@scf/network';
import type { FabricClients } from './fabric';

const ASSESSMENT = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'bench',
  inputsHash: 'b'.repeat(64),
});
/** ApproveFinancing of a financing prepareFinancings made (700 000 on `lineId`), signed as Bank A's risk gate signs it. */
export async function signedApproval(fabric: FabricClients, financingId: string, lineId: string): Promise<SubmitCall> {
  const decision: FinancingApprovalDecision = {
    kind: 'financing-approval',
    bankMsp: 'BankAMSP',
    financingId,
    receivableId: financingId.replace(/-f$/, ''),
    lineId,
    amount: '700000',
    policyVersion: 'bench',
    inputsHash: 'b'.repeat(64),
    expiresAt: `${new Date(Date.now() + 3_600_000).toISOString().slice(0, 19)}Z`,
  };
  // Through the identity's Fabric signer: its key file, or its bank's HSM (PKCS#11) when it has one.
  const { signer } = signingIdentity(fabric.identityFiles('bank-a-risk'));
  const signature = Buffer.from(await signer(hash.sha256(decisionBytes(decision)))).toString('base64');
  return call(tx.financing.ApproveFinancing, {
    financingId,
    assessmentJson: ASSESSMENT,
    decisionJson: JSON.stringify({ decision, signature }),
  });
}
