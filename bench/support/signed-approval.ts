import { DrawStarts } from '../../gateway/src/risk-gate/draw-starts';
import { call, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import { decisionBytes, type FinancingApprovalDecision } from '@scf/kernel/records/gate-decision';
import { approvalEndorsingOrgs } from '@scf/kernel/records/financing';
import { isSealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { TransientKey } from '@scf/kernel/transient';
import { hash } from '@hyperledger/fabric-gateway';
import { signingIdentity } from '@scf/network';
import fs from 'node:fs';
import type { FabricClients, SubmitExtras } from './fabric';

const ASSESSMENT = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'bench',
  inputsHash: 'b'.repeat(64),
});

/** The bench's approvals: Bank A lends to supplier-1 (Suppliers) against a receivable on `core` (Core). */
const ENDORSERS = approvalEndorsingOrgs({ bankMsp: 'BankAMSP', borrowerMsp: 'SuppliersMSP' }, { debtorMsp: 'CoreMSP' });

/** Consecutive draw starts, as the gate gives its approvals (gateway DrawStarts). */
const drawStarts = new DrawStarts();

/** Each line's private terms as JSON, read once, sealed, on Bank A's peer as bank-a (as the gate reads them). */
const termsOfLine = new Map<string, Promise<string>>();

function lineTerms(fabric: FabricClients, lineId: string): Promise<string> {
  let terms = termsOfLine.get(lineId);
  if (terms === undefined) {
    terms = fabric.evaluate<unknown>('bank-a', call(tx.creditLine.GetCreditLineTerms, { lineId })).then((answer) => {
      if (!isSealedAnswer(answer)) {
        throw new Error(`GetCreditLineTerms ${lineId} did not answer sealed`);
      }
      return openSealed(answer, fs.readFileSync(fabric.identityFiles('bank-a').keyPath)).toString('utf8');
    });
    termsOfLine.set(lineId, terms);
  }
  return terms;
}

/**
 * ApproveFinancing of a financing prepareFinancings made (700 000 on `lineId`), signed as Bank A's
 * risk gate signs it, with what the gate sends beside it: the line's terms (transient) and the
 * three owner orgs as endorsers. No assessment: the ledger's part of an approval alone.
 */
export async function signedApproval(
  fabric: FabricClients,
  financingId: string,
  lineId: string,
): Promise<{ transaction: SubmitCall; extras: SubmitExtras }> {
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
  return {
    transaction: call(tx.financing.ApproveFinancing, {
      financingId,
      assessmentJson: ASSESSMENT,
      decisionJson: JSON.stringify({ decision, signature }),
      drawStart: drawStarts.next('BankAMSP'),
    }),
    extras: { transient: { [TransientKey.lineTerms]: await lineTerms(fabric, lineId) }, endorsingOrganizations: ENDORSERS },
  };
}
