import type { RecordedCall } from './fakes';
import { tx } from '@scf/kernel/catalogue/catalogue';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';
import type { CoreExposure, CreditLineExposure } from '@scf/kernel/records/credit-line';
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
  return { financing, line, core, lineage };
}
