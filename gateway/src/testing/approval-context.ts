import type { RecordedCall } from './fakes';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { creditLineTermsBytes, creditLineTermsHash } from '@scf/kernel/records/line-terms';
import { sealToCertificate } from '@scf/kernel/sealed-answer';
import { SEALING_CERT } from '@scf/kernel/testing/certificates';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';
import type { CoreExposure, CreditLineExposure, CreditLineTerms } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

const utf8 = new TextDecoder();

/**
 * A fake's answer to scf.financing:GetApprovalContext, composed from its answers to the single
 * queries the chaincode folds into it (GetFinancing, GetCreditLine, GetCoreExposure, GetReceivable
 * up the parent chain, GetReceivableHistory), as chaincode/src/ledger/approval-context.ts does.
 */
export function approvalContextFrom(call: RecordedCall, answer: (call: RecordedCall) => Uint8Array): ApprovalContext {
  const ask = (transaction: { readonly contract: string; readonly name: string }, args: readonly string[]): unknown =>
    JSON.parse(utf8.decode(answer({ ...call, method: 'evaluate', contract: transaction.contract, transaction: transaction.name, args })));
  const financing = ask(tx.financing.GetFinancing, [String(call.args[0])]) as Financing;
  const line = ask(tx.creditLine.GetCreditLine, [financing.lineId]) as CreditLineExposure;
  const core = ask(tx.creditLine.GetCoreExposure, [financing.debtorId, financing.currency]) as CoreExposure;
  const chain = [ask(tx.receivable.GetReceivable, [financing.receivableId]) as Receivable];
  for (let top = chain[0]; top?.parentId !== undefined && chain.length < 64; top = chain[0]) {
    const parentId = top.parentId;
    if (chain.some((r) => r.id === parentId)) {
      break;
    }
    chain.unshift(ask(tx.receivable.GetReceivable, [parentId]) as Receivable);
  }
  const lineage = chain.map((receivable) => ({
    receivable,
    history: ask(tx.receivable.GetReceivableHistory, [receivable.id]) as ApprovalContext['lineage'][number]['history'],
  }));
  const { line: publicLine, lineTerms } = sealedLineTerms(line, String(call.args[0]));
  return { financing, line: publicLine, core, lineage, lineTerms };
}

/**
 * As the chaincode answers the line's bank: the line's public part (committing to its terms) and
 * the terms sealed to the caller (the test sealing certificate). A fake's line answer may still
 * carry its limit and the tranche limits: they become the terms.
 */
function sealedLineTerms(
  exposure: CreditLineExposure,
  financingId: string,
): { line: CreditLineExposure; lineTerms: NonNullable<ApprovalContext['lineTerms']> } {
  const trancheLimits = exposure.tranches.map((t) => t.limit ?? '0');
  const terms: CreditLineTerms = {
    salt: '7e57'.repeat(8),
    limit: exposure.line.limit ?? trancheLimits.reduce((sum, l) => (BigInt(sum) + BigInt(l)).toString(), '0'),
    expiresOn: exposure.line.expiresOn ?? '2099-12-31',
    maxAdvanceRateBps: exposure.line.maxAdvanceRateBps ?? '10000',
    maxTenorDays: exposure.line.maxTenorDays ?? 3650,
    graceDays: exposure.line.graceDays ?? 0,
    trancheLimits,
  };
  const context = `${fcn(tx.financing.GetApprovalContext)} ${financingId} tx-fake`;
  const bytes = creditLineTermsBytes(terms);
  return {
    line: {
      ...exposure,
      line: { ...exposure.line, termsHash: creditLineTermsHash(terms) },
      tranches: exposure.tranches.map(({ lineId, index, drawn }) => ({ lineId, index, drawn })),
    },
    lineTerms: sealToCertificate(bytes, SEALING_CERT, bytes, context),
  };
}
