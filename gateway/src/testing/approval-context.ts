import type { RecordedCall } from './fakes';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { creditLineTermsBytes, creditLineTermsHash } from '@scf/kernel/records/line-terms';
import { type SealedAnswer, sealToCertificate } from '@scf/kernel/sealed-answer';
import { SEALING_CERT } from '@scf/kernel/testing/certificates';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';
import type { CoreDraws, CoreExposure, CreditLineExposure, CreditLineTerms } from '@scf/kernel/records/credit-line';
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
  return { financing, line: publicLine(line), core: coreDrawsOf(core, financing.bankMsp), lineage };
}

/** The approval context's view of a cap (CoreDraws) from a GetCoreExposure answer: the financing bank's draws only. */
function coreDrawsOf(core: CoreExposure, bankMsp: string): CoreDraws {
  const { coreId, currency, cap, drawn } = core;
  const draws = core.shards
    .filter((shard) => shard.bankMsp === bankMsp)
    .map((shard) => ({ coreId: shard.coreId, currency: shard.currency, bankMsp: shard.bankMsp, index: shard.index, drawn: shard.drawn }));
  return { coreId, currency, cap, drawn, draws };
}

/**
 * The terms of a fake's line: a fake's GetCreditLine answer may still carry the line's limit and
 * the tranche limits (as the ledger answered before the terms went private); they become the terms.
 */
function termsOf(exposure: CreditLineExposure): CreditLineTerms {
  const trancheLimits = exposure.tranches.map((t) => t.limit ?? '0');
  return {
    salt: '7e57'.repeat(8),
    limit: exposure.line.limit ?? trancheLimits.reduce((sum, l) => (BigInt(sum) + BigInt(l)).toString(), '0'),
    expiresOn: exposure.line.expiresOn ?? '2099-12-31',
    maxAdvanceRateBps: exposure.line.maxAdvanceRateBps ?? '10000',
    maxTenorDays: exposure.line.maxTenorDays ?? 3650,
    graceDays: exposure.line.graceDays ?? 0,
    trancheLimits,
  };
}

/** The line's public part, as the chaincode answers it: committing to its terms, no limit anywhere. */
function publicLine(exposure: CreditLineExposure): CreditLineExposure {
  const { id, bankMsp, grantedBy, coreId, currency, termsRecorded, trancheCount, status, createdAt, updatedAt } = exposure.line;
  const line = { id, bankMsp, grantedBy, coreId, currency, termsRecorded, trancheCount, status, createdAt, updatedAt };
  return {
    line: { ...line, termsHash: creditLineTermsHash(termsOf(exposure)) },
    drawn: exposure.drawn,
    tranches: exposure.tranches.map(({ lineId, index, drawn }) => ({ lineId, index, drawn })),
  };
}

/**
 * A fake's answer to scf.creditline:GetCreditLineTerms: the terms of its GetCreditLine answer,
 * sealed to the test sealing certificate (every fake identity holds its key), as the chaincode seals them.
 */
export function lineTermsAnswerFrom(call: RecordedCall, answer: (call: RecordedCall) => Uint8Array): SealedAnswer {
  const lineId = String(call.args[0]);
  const exposure = JSON.parse(
    utf8.decode(answer({ ...call, contract: tx.creditLine.GetCreditLine.contract, transaction: tx.creditLine.GetCreditLine.name })),
  ) as CreditLineExposure;
  const bytes = creditLineTermsBytes(termsOf(exposure));
  const context = `${fcn(tx.creditLine.GetCreditLineTerms)} ${lineId} tx-fake`;
  return sealToCertificate(bytes, SEALING_CERT, bytes, context);
}
