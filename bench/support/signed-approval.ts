import { call, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import { decisionBytes, type FinancingApprovalDecision } from '@scf/kernel/records/gate-decision';
import { sign } from 'node:crypto';
import fs from 'node:fs';
import type { FabricClients } from './fabric';

const ASSESSMENT = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'bench',
  inputsHash: 'b'.repeat(64),
});
/** ApproveFinancing of a financing prepareFinancings made (700 000 on `lineId`), signed as Bank A's risk gate signs it. */
export function signedApproval(fabric: FabricClients, financingId: string, lineId: string): SubmitCall {
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
  const signature = sign('sha256', decisionBytes(decision), fs.readFileSync(fabric.keyPath('bank-a-risk'))).toString('base64');
  return call(tx.financing.ApproveFinancing, {
    financingId,
    assessmentJson: ASSESSMENT,
    decisionJson: JSON.stringify({ decision, signature }),
  });
}
