import type { Financing } from '@scf/chaincode/domain/financing';
import { parseAmount, sumOf } from '@scf/chaincode/domain/money';
import type { RiskAssessment } from '@scf/chaincode/domain/risk-assessment';
import type { Caller, CredentialStore } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { LedgerDirectory } from '../ledger/ledger';
import { type Assessment, assess, toLedgerAssessment } from '../risk/engine';
import type { Finding } from '../risk/finding';
import type { RiskPolicy } from '../risk/policy';
import { recheckPostState } from '../risk/post-state';
import type { DecisionStage, RecordedDecision, ReviewItem } from './decision-store';
import { countRiskDecision } from './decision-metrics';
import type { RiskGateDeps } from './gate-deps';
import { type GateSnapshot, gatherFinancingInputs } from './gather-inputs';

export interface FinancingGateDeps extends RiskGateDeps {
  readonly credentials: CredentialStore;
}

export type GateOutcome =
  | { readonly decision: 'APPROVE'; readonly financing: Financing; readonly transactionId: string; readonly blockNumber: string | null; readonly record: RecordedDecision }
  | { readonly decision: 'REJECT'; readonly record: RecordedDecision; readonly onLedger?: LedgerRejection }
  | { readonly decision: 'REVIEW'; readonly review: ReviewItem; readonly record: RecordedDecision };

/** An officer's rejection closed on the ledger (scf.financing:RejectFinancing), so the requester sees it. */
export interface LedgerRejection {
  readonly financing: Financing;
  readonly transactionId: string;
  readonly blockNumber: string | null;
}

/** The officer's reason code on an approval of a REVIEW, so the ledger shows a human decided. */
export const OFFICER_APPROVED = 'OFFICER_APPROVED';
/** The officer's reason code on a rejection it submits to the ledger. */
export const OFFICER_REJECTED = 'OFFICER_REJECTED';

const utf8 = new TextDecoder();

/**
 * A bank's financing approvals: assess with the bank's risk engine, endorse the approval signed
 * by the bank's risk-gateway identity, re-check what endorsement returned, and only then submit.
 * A REJECT is recorded here and never reaches the orderer; a REVIEW waits for an officer.
 */
/** The role gate of every financing decision: asked before anything is looked up, so others learn nothing. */
function assertBankOfficer(caller: Caller): void {
  if (caller.role !== 'bank') {
    throw new ApiError(403, 'FORBIDDEN', 'only a bank officer can ask its bank to decide a financing');
  }
}

export class FinancingGate {
  constructor(private readonly deps: FinancingGateDeps) {}

  async assess(financingId: string, officer: Caller): Promise<GateOutcome> {
    const { snapshot, policy } = await this.snapshotFor(financingId, officer);
    const assessment = assess(policy, snapshot.inputs);
    countDecision(assessment.decision, assessment.reasonCodes);
    if (assessment.decision === 'REJECT') {
      return { decision: 'REJECT', record: this.record(snapshot, 'assessment', assessment, officer, null) };
    }
    if (assessment.decision === 'REVIEW') {
      const review = this.deps.decisions.enqueueReview({
        financingId,
        bankMsp: snapshot.financing.bankMsp,
        borrowerId: snapshot.financing.borrowerId,
        amount: snapshot.financing.amount,
        assessment,
        queuedAt: this.isoNow(),
      });
      return { decision: 'REVIEW', review, record: this.record(snapshot, 'assessment', assessment, officer, null) };
    }
    return this.approve(snapshot, policy, assessment, toLedgerAssessment(assessment), officer, 'assessment');
  }

  /** An officer of the financing's bank approves or rejects a financing the engine sent to review. */
  async decideReview(financingId: string, officer: Caller, decision: 'APPROVE' | 'REJECT', note: string | null): Promise<GateOutcome> {
    assertBankOfficer(officer);
    const review = this.deps.decisions.review(financingId);
    if (!review || review.bankMsp !== officer.mspId) {
      throw new ApiError(404, 'NOT_FOUND', `no review of financing ${financingId} for ${officer.mspId}`);
    }
    if (review.status !== 'PENDING') {
      throw new ApiError(409, 'INVALID_STATE', `the review of financing ${financingId} is already ${review.status}`);
    }
    const { snapshot, policy } = await this.snapshotFor(financingId, officer);
    const reviewed: Assessment = { ...review.assessment, decision: decision };
    if (decision === 'REJECT') {
      // The officer's rejection is closed on the ledger too, so that the requester sees it.
      const onLedger = await this.rejectOnLedger(snapshot, review.assessment);
      this.deps.decisions.closeReview(financingId, 'REJECTED', officer.credential, this.isoNow(), note);
      countDecision('REJECT', review.assessment.reasonCodes);
      return { decision: 'REJECT', onLedger, record: this.record(snapshot, 'officer-review', reviewed, officer, onLedger.transactionId) };
    }
    const ledgerAssessment: RiskAssessment = { ...toLedgerAssessment(review.assessment), decision: 'APPROVE' };
    const withOfficer = { ...ledgerAssessment, reasonCodes: [...ledgerAssessment.reasonCodes.slice(0, 19), OFFICER_APPROVED].sort() };
    const outcome = await this.approve(snapshot, policy, reviewed, withOfficer, officer, 'officer-review');
    this.deps.decisions.closeReview(financingId, outcome.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', officer.credential, this.isoNow(), note);
    return outcome;
  }

  /**
   * A bank officer declines a financing request on the ledger (scf.financing:RejectFinancing,
   * signed by the bank's risk-gateway identity, the only one the chaincode accepts it from).
   * The engine assesses it first so that the ledger records the score, policy and inputs the
   * officer saw, with OFFICER_REJECTED; a pending review of it is closed as rejected.
   */
  async reject(financingId: string, officer: Caller, note: string | null): Promise<GateOutcome & { readonly decision: 'REJECT' }> {
    const { snapshot, policy } = await this.snapshotFor(financingId, officer);
    const assessment = assess(policy, snapshot.inputs);
    const onLedger = await this.rejectOnLedger(snapshot, assessment);
    this.deps.decisions.closeReview(financingId, 'REJECTED', officer.credential, this.isoNow(), note);
    // The gateway's record keeps the engine's findings; the ledger's copy adds OFFICER_REJECTED.
    const rejected: Assessment = { ...assessment, decision: 'REJECT' };
    countDecision('REJECT', [...assessment.reasonCodes, OFFICER_REJECTED]);
    return { decision: 'REJECT', onLedger, record: this.record(snapshot, 'officer-review', rejected, officer, onLedger.transactionId) };
  }

  private async rejectOnLedger(snapshot: GateSnapshot, assessment: Assessment): Promise<LedgerRejection> {
    const ledgerAssessment = toLedgerAssessment(assessment);
    const reasonCodes = [...new Set([...ledgerAssessment.reasonCodes.slice(0, 19), OFFICER_REJECTED])].sort();
    const committed = await this.riskLedger(snapshot.financing.bankMsp).submit('scf.financing', 'RejectFinancing', [
      snapshot.financing.id,
      JSON.stringify({ ...ledgerAssessment, decision: 'REJECT', reasonCodes }),
    ]);
    return {
      financing: JSON.parse(utf8.decode(committed.result)) as Financing,
      transactionId: committed.transactionId,
      blockNumber: committed.blockNumber === undefined ? null : committed.blockNumber.toString(),
    };
  }

  private async snapshotFor(financingId: string, officer: Caller): Promise<{ snapshot: GateSnapshot; policy: RiskPolicy }> {
    assertBankOfficer(officer);
    const policy = this.deps.policyFor(officer.mspId);
    const gathered = await gatherFinancingInputs(this.riskLedger(officer.mspId), this.deps.features, policy, financingId, this.deps.nowSeconds());
    const snapshot = await this.withChainFigures(gathered, policy);
    if (snapshot.financing.bankMsp !== officer.mspId) {
      throw new ApiError(403, 'FORBIDDEN', `financing ${financingId} was asked of ${snapshot.financing.bankMsp}`);
    }
    if (snapshot.financing.status !== 'REQUESTED') {
      throw new ApiError(409, 'INVALID_STATE', `financing ${financingId} is ${snapshot.financing.status}`);
    }
    return { snapshot, policy };
  }

  /** The inputs with the chain's early-warning figures added, when the gate has a source for them. */
  private async withChainFigures(snapshot: GateSnapshot, policy: RiskPolicy): Promise<GateSnapshot> {
    const source = this.deps.chainFigures;
    if (source === undefined) {
      return snapshot;
    }
    const { financing, inputs } = snapshot;
    const asked = { id: financing.id, bankMsp: financing.bankMsp, borrowerId: financing.borrowerId, debtorId: financing.debtorId, currency: financing.currency, amount: inputs.request.amount };
    return { ...snapshot, inputs: { ...inputs, chain: await source(policy, asked, inputs.now) } };
  }

    /** The bank's own risk-gateway identity: the only one the chaincode accepts an approval from. */
  private riskLedger(bankMsp: string): ReturnType<LedgerDirectory['forIdentity']> {
    const gateway = this.deps.credentials.all().find((c) => c.internal && c.role === 'risk-gateway' && c.mspId === bankMsp);
    if (!gateway) {
      throw new ApiError(503, 'RISK_GATEWAY_UNAVAILABLE', `no risk-gateway identity is configured for ${bankMsp}`);
    }
    return this.deps.ledgers.forIdentity(gateway.identity);
  }

  private async approve(
    snapshot: GateSnapshot,
    policy: RiskPolicy,
    assessment: Assessment,
    ledgerAssessment: RiskAssessment,
    officer: Caller,
    stage: DecisionStage,
  ): Promise<GateOutcome> {
    const ledger = this.riskLedger(snapshot.financing.bankMsp);
    const gated = await ledger.endorseThenDecide('scf.financing', 'ApproveFinancing', [snapshot.financing.id, JSON.stringify(ledgerAssessment)], (result) => {
      // An officer has already accepted review-level findings; only a hard breach stops it now.
      const findings = recheckEndorsedApproval(policy, snapshot, JSON.parse(utf8.decode(result)) as Financing).filter(
        (f) => stage === 'assessment' || f.severity === 'reject',
      );
      return Promise.resolve(findings.length === 0 ? { proceed: true as const, findings } : { proceed: false as const, findings });
    });
    if (!gated.submitted) {
      const findings = gated.decision.findings;
      const rejected: Assessment = { ...assessment, decision: 'REJECT', reasonCodes: findings.map((f) => f.code), explanations: findings };
      countDecision('REJECT', rejected.reasonCodes);
      return { decision: 'REJECT', record: this.record(snapshot, 'post-endorsement', rejected, officer, null) };
    }
    const financing = JSON.parse(utf8.decode(gated.result)) as Financing;
    const approved: Assessment = { ...assessment, decision: 'APPROVE' };
    return {
      decision: 'APPROVE',
      financing,
      transactionId: gated.transactionId,
      blockNumber: gated.blockNumber === undefined ? null : gated.blockNumber.toString(),
      record: this.record(snapshot, stage, approved, officer, gated.transactionId),
    };
  }

  private record(snapshot: GateSnapshot, stage: DecisionStage, assessment: Assessment, officer: Caller, transactionId: string | null): RecordedDecision {
    const { id, bankMsp, borrowerId } = snapshot.financing;
    return this.deps.decisions.recordAssessment({ id, bankMsp, borrowerId }, stage, assessment, officer.credential, this.isoNow(), transactionId);
  }

  private isoNow(): string {
    return new Date(this.deps.nowSeconds() * 1000).toISOString();
  }
}

/**
 * What endorsement returned must be the approval the engine assessed: the same financing, now
 * ACTIVE, for the same amount, drawn in full; and, with that amount, the line and consortium
 * exposures must still be within policy. (The approval deliberately reads only the tranche it
 * draws on, not the whole line, so one busy line is not one hot key; the line and cap totals
 * come from the pre-endorsement reads.)
 */
export function recheckEndorsedApproval(policy: RiskPolicy, snapshot: GateSnapshot, endorsed: Financing): Finding[] {
  const assessedAmount = snapshot.inputs.request.amount;
  const findings: Finding[] = [];
  const drawn = sumOf(endorsed.trancheDraws.map((d) => parseAmount(d.amount, 'trancheDraws.amount')));
  if (endorsed.id !== snapshot.financing.id || endorsed.status !== 'ACTIVE' || drawn !== assessedAmount) {
    findings.push({
      code: 'POST_STATE_AMOUNT_CHANGED',
      severity: 'reject',
      points: 0,
      explanation: `endorsement returned financing ${endorsed.id} ${endorsed.status} drawing ${drawn.toString()}, not the assessed ${assessedAmount.toString()}`,
    });
  }
  const financedAmount = parseAmount(endorsed.amount, 'financing.amount');
  findings.push(
    ...recheckPostState(policy, assessedAmount, {
      financedAmount,
      receivableOutstanding: snapshot.inputs.receivable.outstanding,
      line: snapshot.inputs.line,
      consortium: snapshot.inputs.consortium,
    }),
  );
  return findings;
}

function countDecision(decision: string, reasonCodes: readonly string[]): void {
  countRiskDecision('financing', decision, reasonCodes);
}
