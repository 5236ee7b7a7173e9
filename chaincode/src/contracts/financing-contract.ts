import { Info, Returns, Transaction } from 'fabric-contract-api';
import {
  approvalResult,
  approveFinancing,
  cancelFinancing,
  checkApprovalRules,
  markTermsRecorded,
  rejectFinancing,
  requestFinancing,
} from '../domain/financing';
import { encumber } from '../domain/receivable';
import { approvalContext } from '../ledger/approval-context';
import { getCap, requireCreditLine } from '../ledger/credit-lines';
import { planExposure, saveExposure } from '../ledger/exposure';
import { type FinancingIndex, insertFinancing, listFinancings, requireFinancing, updateFinancing } from '../ledger/financings';
import { requireReceivable, updateReceivable } from '../ledger/receivables';
import { requireSignedDecision } from '../ledger/risk-keys';
import { approvalBinding } from '@scf/kernel/records/gate-decision';
import { parseDrawStart } from '@scf/kernel/records/credit-line';
import { EVENTS } from './events';
import { historyAs, ReadScope } from './read-scope';
import { verifiedLineTerms } from './line-terms-support';
import { type Loan, readSealedTerms, storeTerms, verifyDisclosure } from './private-terms-support';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue, fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { parseJsonQuietly } from '@scf/kernel/canonical-json';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { parsePositiveAmount } from '@scf/kernel/money';
import type { Financing, RecordedAssessment } from '@scf/kernel/records/financing';
import { parseRiskAssessment } from '@scf/kernel/records/risk-assessment';
import { parseId, parseMspId } from '@scf/kernel/text';
import { mayRead } from '@scf/kernel/visibility';

/** The financings under an index that the caller may read, as it may read them. */
async function listVisible(ctx: ScfContext, index: FinancingIndex, owner: string): Promise<string> {
  const scope = new ReadScope(ctx);
  const financings = await listFinancings(ctx.store, index, owner);
  return toJson(financings.filter((f) => scope.seesFinancing(f)).map((f) => scope.financing(f)));
}

function loanOf(financing: Financing): Loan {
  return { kind: 'financing', id: financing.id, bankMsp: financing.bankMsp, borrowerMsp: financing.borrowerMsp };
}

/** A bank's decision must come from a risk gateway of that very bank. */
async function requireOwnBankFinancing(ctx: ScfContext, financingId: string): Promise<Financing> {
  const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
  ensure(financing.bankMsp === ctx.caller.mspId, ErrorCode.FORBIDDEN, `financing ${financing.id} is for ${financing.bankMsp}`);
  return financing;
}

function recordedAssessment(ctx: ScfContext, assessmentJson: string): RecordedAssessment {
  return {
    ...parseRiskAssessment(parseJsonQuietly(assessmentJson, 'assessment')),
    assessedBy: ctx.participant.id,
    assessedAt: ctx.now.iso,
  };
}

/** Bank financing of receivables: request by the holder, decision by the bank's risk gateway, private terms. */
@Info({ title: 'FinancingContract', description: 'Receivable financing: request, risk-gated approval, private terms' })
export class FinancingContract extends ScfContract {
  constructor() {
    super(catalogue.financing);
  }

  /** The holder asks the bank of `lineId` to advance `amount` against its receivable. */
  @Transaction()
  @Returns('string')
  public async RequestFinancing(
    ctx: ScfContext,
    financingId: string,
    receivableId: string,
    lineId: string,
    amount: string,
  ): Promise<string> {
    const id = parseId(financingId, 'financingId');
    const receivable = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const line = await requireCreditLine(ctx.store, parseId(lineId, 'lineId'));
    const financing = requestFinancing(
      { id, amount: parsePositiveAmount(amount, 'amount') },
      receivable,
      line,
      ctx.participant,
      ctx.now.iso,
    );
    await ctx.store.ensureAbsent(KeyType.financing, [id], `financing ${id}`);
    await insertFinancing(ctx.store, financing);
    ctx.emit(EVENTS.financingRequested, {
      financingId: id,
      receivableId: receivable.id,
      bankMsp: financing.bankMsp,
      amount: financing.amount,
    });
    return toJson(financing);
  }

  /**
   * The bank's risk gateway approves with its assessment (JSON: decision, score, reasonCodes,
   * policyVersion, inputsHash) and the gate's signed decision (kernel/src/records/gate-decision.ts):
   * signed with the risk key the bank registered, bound to this financing, its receivable, line and
   * amount and to the assessment's policy version and inputs hash, and unexpired at the
   * transaction timestamp. The line's private terms come in the transient map ("lineTerms", from
   * the bank's gateway, which reads them on its own peer): every endorser, member of the bank × core
   * collection or not, checks them against the line's termsHash (TERMS_MISMATCH) before it uses
   * them. Every hard rule is re-checked here, then the amount is drawn
   * from the line's tranches and the core enterprise's cap shards and the receivable encumbered.
   * The draw begins at the slots `drawStart` names (kernel parseDrawStart), or hashed from the
   * financing id when it is empty.
   * Returns `{financing, exposureAfter}`: the post-state of the keys it touched (consortium cap, and
   * each tranche and cap shard it drew on with its drawn amount after; no line term), which
   * the gateway re-checks against its policy before it submits. It reads no other slot, so
   * approvals drawing on different tranches of one line commit side by side.
   */
  @Transaction()
  @Returns('string')
  public async ApproveFinancing(
    ctx: ScfContext,
    financingId: string,
    assessmentJson: string,
    decisionJson: string,
    drawStart: string,
  ): Promise<string> {
    const start = parseDrawStart(drawStart);
    const financing = await requireOwnBankFinancing(ctx, financingId);
    const assessment = recordedAssessment(ctx, assessmentJson);
    const binding = approvalBinding(financing, assessment);
    await requireSignedDecision(ctx.store, decisionJson, 'financing-approval', financing.bankMsp, binding, ctx.now.seconds);
    const receivable = await requireReceivable(ctx.store, financing.receivableId);
    const line = await requireCreditLine(ctx.store, financing.lineId);
    const terms = verifiedLineTerms(ctx, line);
    checkApprovalRules(financing, receivable, line, terms, assessment, ctx.now.day);
    const cap =
      (await getCap(ctx.store, line.coreId, line.currency)) ??
      fail(ErrorCode.CAP_EXCEEDED, `no consortium cap is set for ${line.coreId} in ${line.currency}`);
    const plan = await planExposure(ctx.store, line, terms, cap, { financingId: financing.id, drawStart: start }, BigInt(financing.amount));
    const approved = approveFinancing(financing, terms, receivable, assessment, plan, ctx.now.iso);
    const encumbered = encumber(receivable, financing.id, ctx.now.iso);
    const result = approvalResult(approved, line, cap, plan);
    await saveExposure(ctx.store, plan);
    await updateFinancing(ctx.store, approved);
    await updateReceivable(ctx.store, encumbered, receivable, approved.bankMsp);
    ctx.emit(EVENTS.financingApproved, {
      financingId: approved.id,
      receivableId: receivable.id,
      bankMsp: approved.bankMsp,
      amount: approved.amount,
    });
    return toJson(result);
  }

  @Transaction()
  @Returns('string')
  public async RejectFinancing(ctx: ScfContext, financingId: string, assessmentJson: string): Promise<string> {
    const financing = await requireOwnBankFinancing(ctx, financingId);
    const rejected = rejectFinancing(financing, recordedAssessment(ctx, assessmentJson), ctx.now.iso);
    await updateFinancing(ctx.store, rejected);
    ctx.emit(EVENTS.financingRejected, { financingId: rejected.id, bankMsp: rejected.bankMsp });
    return toJson(rejected);
  }

  @Transaction()
  @Returns('string')
  public async CancelFinancing(ctx: ScfContext, financingId: string): Promise<string> {
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    const cancelled = cancelFinancing(financing, ctx.participant.id, ctx.now.iso);
    await updateFinancing(ctx.store, cancelled);
    ctx.emit(EVENTS.financingCancelled, { financingId: cancelled.id });
    return toJson(cancelled);
  }

  /** The bank records its pricing, passed in the transient map under "terms", in the bank × borrower collection. */
  @Transaction()
  @Returns('string')
  public async RecordTerms(ctx: ScfContext, financingId: string): Promise<string> {
    const financing = await requireOwnBankFinancing(ctx, financingId);
    const marked = markTermsRecorded(financing, ctx.now.iso);
    await storeTerms(ctx, loanOf(financing));
    await updateFinancing(ctx.store, marked);
    ctx.emit(EVENTS.financingTermsRecorded, { financingId: marked.id, bankMsp: marked.bankMsp });
    return toJson({ financingId: marked.id, termsRecorded: true });
  }

  /** The bank's officers or gateway, or the borrower, read the private terms, sealed to the caller's certificate key. */
  @Transaction(false)
  @Returns('string')
  public async GetTerms(ctx: ScfContext, financingId: string): Promise<string> {
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    const isBank = ctx.participant.role !== 'supplier' && ctx.caller.mspId === financing.bankMsp;
    ensure(
      isBank || ctx.participant.id === financing.borrowerId,
      ErrorCode.FORBIDDEN,
      `only the bank or the borrower of financing ${financing.id} may read its terms`,
    );
    return readSealedTerms(ctx, loanOf(financing), fcn(tx.financing.GetTerms));
  }

  /** The auditor checks terms disclosed to it (transient "terms") against the on-chain hash. */
  @Transaction(false)
  @Returns('string')
  public async VerifyTermsDisclosure(ctx: ScfContext, financingId: string): Promise<string> {
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    return toJson({ financingId: financing.id, matches: await verifyDisclosure(ctx, loanOf(financing)) });
  }

  @Transaction(false)
  @Returns('string')
  public async GetFinancing(ctx: ScfContext, financingId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    return toJson(scope.financing(scope.require(scope.seesFinancing(financing), financing, `financing ${financing.id}`)));
  }

  /** The risk gate's reads before an approval, in one query (ledger/approval-context.ts); for the financing's bank and the auditor. */
  @Transaction(false)
  @Returns('string')
  public async GetApprovalContext(ctx: ScfContext, financingId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    const parties = { bank: [financing.bankMsp] };
    scope.require(mayRead(scope.reader, 'approvalContext', parties), financing, `the approval context of financing ${financing.id}`);
    return toJson(await approvalContext(ctx.store, financing.id));
  }

  @Transaction(false)
  @Returns('string')
  public async ListFinancingsByBank(ctx: ScfContext, bankMsp: string): Promise<string> {
    return listVisible(ctx, KeyType.financingsByBank, parseMspId(bankMsp, 'bankMsp'));
  }

  @Transaction(false)
  @Returns('string')
  public async ListFinancingsByBorrower(ctx: ScfContext, borrowerId: string): Promise<string> {
    return listVisible(ctx, KeyType.financingsByBorrower, parseId(borrowerId, 'borrowerId'));
  }

  @Transaction(false)
  @Returns('string')
  public async ListFinancingsByReceivable(ctx: ScfContext, receivableId: string): Promise<string> {
    return listVisible(ctx, KeyType.financingsByReceivable, parseId(receivableId, 'receivableId'));
  }

  @Transaction(false)
  @Returns('string')
  public async GetFinancingHistory(ctx: ScfContext, financingId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const financing = await requireFinancing(ctx.store, parseId(financingId, 'financingId'));
    scope.require(scope.seesFinancing(financing), financing, `financing ${financing.id}`);
    return toJson(historyAs(await ctx.store.history<Financing>(KeyType.financing, [financing.id]), (f) => scope.financing(f)));
  }
}
