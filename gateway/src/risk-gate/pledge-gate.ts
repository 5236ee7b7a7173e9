import type { Caller } from '../auth/credentials';
import type { Ledger } from '../ledger/ledger';
import { ApiError } from '../http/api-error';
import { type Assessment, assess } from '../risk/engine';
import type { Finding } from '../risk/finding';
import type { PledgeRiskInputs } from '../risk/inputs';
import type { DecisionStage, RecordedDecision, ReviewItem } from './decision-store';
import { countRiskDecision } from './decision-metrics';
import { decodePledgeAcceptance } from './endorsed-results';
import { assertSecondOfficer } from './four-eyes';
import type { RiskGateDeps } from './gate-deps';
import { decisionExpiry, type DecisionSigning, sendUntilMsOf, signDecision } from './sign-decision';
import { decisionInputsJson } from '../risk/inputs-hash';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import { recheckEndorsedPledge } from './pledge-post-state';
import type { RiskPolicy } from '../risk/policy';
import { call, type EvaluateCall, tx } from '@scf/kernel/catalogue/catalogue';
import { parseAmount } from '@scf/kernel/money';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

export interface PledgeAcceptanceTerms {
  readonly haircutBps: string;
  readonly maintenanceRatioBps: string;
  /**
   * Deprecated, kept for existing clients: the officer accepts review-level findings in the same
   * call (never reject-level ones) instead of the review queue.
   */
  readonly officerReviewed: boolean;
}

export type PledgeOutcome =
  | {
      readonly decision: 'APPROVE';
      readonly pledge: Pledge;
      readonly transactionId: string;
      readonly blockNumber: string | null;
      readonly record: RecordedDecision;
    }
  | { readonly decision: 'REJECT'; readonly record: RecordedDecision }
  | { readonly decision: 'REVIEW'; readonly review: ReviewItem; readonly record: RecordedDecision };

const utf8 = new TextDecoder();

/** What an assessment was made from: the endorsed result is re-checked against the same. */
interface AssessmentBasis {
  readonly policy: RiskPolicy;
  readonly inputs: PledgeRiskInputs;
}

function assertBankOfficer(officer: Caller): void {
  if (officer.role !== 'bank') {
    throw new ApiError('FORBIDDEN', 'only a bank officer accepts a pledge');
  }
}

/**
 * A bank accepting a warehouse-receipt pledge goes through its risk policy too: the loan against
 * the receipt's value after haircut and the freshness of the oracle's price. The acceptance is
 * signed by the bank officer (the chaincode's rule for pledges) and submitted only if the engine
 * approves it and the endorsed pledge is the one assessed. A REVIEW waits in the same queue as
 * financings for an officer's decision.
 */
export class PledgeGate {
  constructor(private readonly deps: RiskGateDeps & DecisionSigning) {}

  async accept(pledgeId: string, officer: Caller, terms: PledgeAcceptanceTerms): Promise<PledgeOutcome> {
    assertBankOfficer(officer);
    const ledger = this.deps.ledgers.forIdentity(officer.identity);
    const { pledge, assessment, basis } = await this.assess(ledger, pledgeId, officer, terms.haircutBps);
    if (assessment.decision === 'REJECT') {
      countRiskDecision('pledge', 'REJECT', assessment.reasonCodes);
      return { decision: 'REJECT', record: this.record(pledge, 'assessment', assessment, officer, null) };
    }
    // Four eyes: a REVIEW is always queued for another officer (the deprecated officerReviewed no longer skips it).
    if (assessment.decision === 'REVIEW') {
      countRiskDecision('pledge', 'REVIEW', assessment.reasonCodes);
      const review = this.deps.decisions.enqueueReview({
        kind: 'pledge',
        financingId: pledge.id,
        bankMsp: pledge.bankMsp,
        borrowerId: pledge.ownerId,
        amount: pledge.loanAmount,
        assessment,
        queuedAt: this.isoNow(),
        requestedBy: officer.credential,
        terms: { haircutBps: terms.haircutBps, maintenanceRatioBps: terms.maintenanceRatioBps },
      });
      return { decision: 'REVIEW', review, record: this.record(pledge, 'assessment', assessment, officer, null) };
    }
    return this.endorseAcceptance(ledger, pledge, assessment, officer, terms, 'assessment', { ...basis, reviewed: false });
  }

  /**
   * An officer of the pledge's bank decides a pledge the engine sent to review. APPROVE endorses
   * scf.warehouse:AcceptPledge with the queued terms, checks the endorsed pledge and submits it;
   * REJECT closes the review only: the chaincode has no bank-side rejection of a pledge (the
   * owner cancels it), so nothing is submitted.
   */
  async decideReview(pledgeId: string, officer: Caller, decision: 'APPROVE' | 'REJECT', note: string | null): Promise<PledgeOutcome> {
    assertBankOfficer(officer);
    const review = this.deps.decisions.review(pledgeId, 'pledge');
    if (!review || review.bankMsp !== officer.mspId || review.terms === null) {
      throw new ApiError('NOT_FOUND', `no review of pledge ${pledgeId} for ${officer.mspId}`);
    }
    if (review.status !== 'PENDING') {
      throw new ApiError('INVALID_STATE', `the review of pledge ${pledgeId} is already ${review.status}`);
    }
    assertSecondOfficer(review, officer);
    const ledger = this.deps.ledgers.forIdentity(officer.identity);
    // Fresh inputs for the endorsed result's re-check (price and receipt as they are now).
    const { pledge, assessment: current, basis } = await this.assess(ledger, pledgeId, officer, review.terms.haircutBps);
    if (decision === 'REJECT') {
      this.deps.decisions.closeReview(pledgeId, 'REJECTED', officer.credential, this.isoNow(), note, 'pledge');
      countRiskDecision('pledge', 'REJECT', review.assessment.reasonCodes);
      return {
        decision: 'REJECT',
        record: this.record(pledge, 'officer-review', { ...review.assessment, decision: 'REJECT' }, officer, null),
      };
    }
    // Approval re-assesses on the state as it is now: a pledge that now fails a hard rule is not accepted.
    if (current.decision === 'REJECT') {
      countRiskDecision('pledge', 'REJECT', current.reasonCodes);
      return { decision: 'REJECT', record: this.record(pledge, 'officer-review', current, officer, null) };
    }
    const outcome = await this.endorseAcceptance(ledger, pledge, current, officer, review.terms, 'officer-review', {
      ...basis,
      reviewed: true,
    });
    this.deps.decisions.closeReview(
      pledgeId,
      outcome.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
      officer.credential,
      this.isoNow(),
      note,
      'pledge',
    );
    return outcome;
  }

  private async readPledge(ledger: Ledger, pledgeId: string, officer: Caller): Promise<Pledge> {
    const pledge = JSON.parse(utf8.decode(await ledger.evaluate(call(tx.warehouse.GetPledge, { pledgeId })))) as Pledge;
    if (pledge.bankMsp !== officer.mspId) {
      throw new ApiError('FORBIDDEN', `pledge ${pledgeId} was offered to ${pledge.bankMsp}`);
    }
    if (pledge.status !== 'REQUESTED') {
      throw new ApiError('INVALID_STATE', `pledge ${pledgeId} is ${pledge.status}`);
    }
    return pledge;
  }

  private async assess(
    ledger: Ledger,
    pledgeId: string,
    officer: Caller,
    haircutBps: string,
  ): Promise<{ pledge: Pledge; assessment: Assessment; basis: AssessmentBasis }> {
    const read = async <T>(query: EvaluateCall): Promise<T> => JSON.parse(utf8.decode(await ledger.evaluate(query))) as T;
    const pledge = await this.readPledge(ledger, pledgeId, officer);
    const [receipt, price] = await Promise.all([
      read<WarehouseReceipt>(call(tx.warehouse.GetReceipt, { receiptId: pledge.receiptId })),
      read<CommodityPrice>(call(tx.warehouse.GetPrice, { commodity: pledge.commodity, grade: pledge.grade, unit: pledge.unit })),
    ]);
    const policy = this.deps.policyFor(officer.mspId);
    const now = this.deps.nowSeconds();
    const loan = parseAmount(pledge.loanAmount, 'pledge.loanAmount');
    const [supplier, book, recentRequestTimes, transfers] = await Promise.all([
      this.deps.features.supplierHistory(pledge.ownerId, now),
      this.deps.features.bankBook(pledge.bankMsp),
      this.deps.features.recentRequestTimes(pledge.bankMsp, pledge.ownerId),
      this.deps.features.transfersAround(pledge.ownerId, policy.circularTrade.maxDepth),
    ]);
    const inputs: PledgeRiskInputs = {
      kind: 'pledge',
      now,
      request: { id: pledge.id, borrowerId: pledge.ownerId, amount: loan, currency: price.currency },
      book,
      supplier,
      recentRequestTimes: recentRequestTimes.filter((t) => t < now),
      transfers,
      pledge: {
        receiptId: receipt.id,
        receiptStatus: receipt.status,
        encumbered: receipt.pledgeId !== undefined && receipt.pledgeId !== pledge.id,
        value: parseAmount(receipt.quantity, 'receipt.quantity') * parseAmount(price.pricePerUnit, 'price.pricePerUnit'),
        priceSetAt: Math.floor(Date.parse(price.setAt) / 1000),
        haircutBps: Number(parseAmount(haircutBps, 'haircutBps')),
        // A pledge loan runs until repaid: the ledger gives it no maturity.
        tenorDays: 0,
      },
    };
    // The inputs behind the hash this assessment carries, kept for the auditor to recompute it.
    const inputsJson = decisionInputsJson(policy, inputs);
    this.deps.decisions.keepInputs(sha256Hex(inputsJson), inputsJson);
    return { pledge, assessment: assess(policy, inputs), basis: { policy, inputs } };
  }

  /**
   * Endorse AcceptPledge as the officer, re-check the endorsed pledge and valuation against the
   * policy, and only then submit. An officer who reviewed has accepted review-level findings: only
   * a hard breach stops it then.
   */
  private async endorseAcceptance(
    ledger: Ledger,
    pledge: Pledge,
    assessment: Assessment,
    officer: Caller,
    terms: { readonly haircutBps: string; readonly maintenanceRatioBps: string },
    stage: DecisionStage,
    check: AssessmentBasis & { readonly reviewed: boolean },
  ): Promise<PledgeOutcome> {
    // The bank's risk gate signs these terms at the price it valued the receipt at: the chaincode accepts no others.
    const expiresAt = decisionExpiry(this.deps.nowSeconds());
    const decisionJson = await signDecision(this.deps, {
      kind: 'pledge-acceptance',
      bankMsp: pledge.bankMsp,
      pledgeId: pledge.id,
      receiptId: pledge.receiptId,
      loanAmount: pledge.loanAmount,
      haircutBps: parseAmount(terms.haircutBps, 'haircutBps').toString(),
      maintenanceRatioBps: parseAmount(terms.maintenanceRatioBps, 'maintenanceRatioBps').toString(),
      priceSetAt: txTimeFromSeconds(BigInt(check.inputs.pledge.priceSetAt)).iso,
      policyVersion: assessment.policyVersion,
      inputsHash: assessment.inputsHash,
      expiresAt,
    });
    const gated = await ledger.endorseThenDecide(
      call(tx.warehouse.AcceptPledge, {
        pledgeId: pledge.id,
        haircutBps: terms.haircutBps,
        maintenanceRatioBps: terms.maintenanceRatioBps,
        decisionJson,
      }),
      (result) => {
        const findings: Finding[] = recheckEndorsedPledge(check.policy, check.inputs, pledge, terms.haircutBps, result).filter(
          (f) => !check.reviewed || f.severity === 'reject',
        );
        return Promise.resolve({ proceed: findings.length === 0, findings });
      },
      { sendUntilMs: sendUntilMsOf(expiresAt) },
    );
    if (!gated.submitted) {
      const rejected: Assessment = {
        ...assessment,
        decision: 'REJECT',
        reasonCodes: gated.decision.findings.map((f) => f.code),
        explanations: gated.decision.findings,
      };
      countRiskDecision('pledge', 'REJECT', rejected.reasonCodes);
      return { decision: 'REJECT', record: this.record(pledge, 'post-endorsement', rejected, officer, null) };
    }
    countRiskDecision('pledge', 'APPROVE', assessment.reasonCodes);
    return {
      decision: 'APPROVE',
      pledge: decodePledgeAcceptance(gated.result).pledge,
      transactionId: gated.transactionId,
      blockNumber: gated.blockNumber === undefined ? null : gated.blockNumber.toString(),
      record: this.record(pledge, stage, { ...assessment, decision: 'APPROVE' }, officer, gated.transactionId),
    };
  }

  private record(
    pledge: Pledge,
    stage: DecisionStage,
    assessment: Assessment,
    officer: Caller,
    transactionId: string | null,
  ): RecordedDecision {
    return this.deps.decisions.recordAssessment(
      { id: pledge.id, bankMsp: pledge.bankMsp, borrowerId: pledge.ownerId },
      stage,
      assessment,
      officer.credential,
      this.isoNow(),
      transactionId,
    );
  }

  private isoNow(): string {
    return new Date(this.deps.nowSeconds() * 1000).toISOString();
  }
}
