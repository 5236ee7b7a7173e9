import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { LedgerDirectory } from '../ledger/ledger';
import { timeGateLeg } from '../ops/metrics';
import { type Assessment, assess, toLedgerAssessment } from '../risk/engine';
import type { Finding } from '../risk/finding';
import type { RiskPolicy } from '../risk/policy';
import { decisionInputsJson } from '../risk/inputs-hash';
import { recheckPostState } from '../risk/post-state';
import type { DecisionStage, RecordedDecision, ReviewItem } from './decision-store';
import { assertSecondOfficer } from './four-eyes';
import { countRiskDecision } from './decision-metrics';
import {
  approvedFinancingOf,
  decodeApprovalResult,
  type EndorsedApproval,
  EndorsedResultError,
  type EndorsedSlot,
} from './endorsed-results';
import { TransientKey } from '@scf/kernel/transient';
import type { RiskGateDeps } from './gate-deps';
import { decisionExpiry, type DecisionSigning, riskIdentityOf, sendUntilMsOf, signDecision } from './sign-decision';
import type { ProvenanceReaders } from './provenance';
import { type GateSnapshot, gatherFinancingInputs, type LedgerSnapshot } from './gather-inputs';
import { LineTermsMemo } from './line-terms-memo';
import { DrawStarts } from './draw-starts';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { formatAmount, parseAmount, sumOf } from '@scf/kernel/money';
import { approvalBinding, type FinancingApprovalDecision } from '@scf/kernel/records/gate-decision';
import { approvalEndorsingOrgs, type Financing } from '@scf/kernel/records/financing';
import type { RiskAssessment } from '@scf/kernel/records/risk-assessment';

export interface FinancingGateDeps extends RiskGateDeps, DecisionSigning {
  /** The blocks as the bank's own peer committed them, for the collateral's provenance. */
  readonly provenance: ProvenanceReaders;
}

export { DECISION_TTL_SECONDS } from './sign-decision';

export type GateOutcome =
  | {
      readonly decision: 'APPROVE';
      readonly financing: Financing;
      readonly transactionId: string;
      readonly blockNumber: string | null;
      readonly record: RecordedDecision;
    }
  | { readonly decision: 'REJECT'; readonly record: RecordedDecision; readonly onLedger?: LedgerRejection }
  | { readonly decision: 'REVIEW'; readonly review: ReviewItem; readonly record: RecordedDecision };

/** An officer's rejection closed on the ledger (scf.financing:RejectFinancing), so the requester sees it. */
export interface LedgerRejection {
  readonly financing: Financing;
  readonly transactionId: string;
  readonly blockNumber: string | null;
}

const utf8 = new TextDecoder();

/** The officer's reason code on an approval of a REVIEW, so the ledger shows a human decided. */
export const OFFICER_APPROVED = 'OFFICER_APPROVED';
/** The officer's reason code on a rejection it submits to the ledger. */
export const OFFICER_REJECTED = 'OFFICER_REJECTED';

/**
 * A bank's financing approvals: assess with the bank's risk engine, endorse the approval signed
 * by the bank's risk-gateway identity, re-check what endorsement returned, and only then submit.
 * A REJECT is recorded here and never reaches the orderer; a REVIEW waits for an officer.
 */
/** The role gate of every financing decision: asked before anything is looked up, so others learn nothing. */
function assertBankOfficer(caller: Caller): void {
  if (caller.role !== 'bank') {
    throw new ApiError('FORBIDDEN', 'only a bank officer can ask its bank to decide a financing');
  }
}

/** Only the financing's own bank decides it, and only while it is REQUESTED. */
function assertDecidable(snapshot: LedgerSnapshot, financingId: string, officer: Caller): void {
  if (snapshot.financing.bankMsp !== officer.mspId) {
    throw new ApiError('FORBIDDEN', `financing ${financingId} was asked of ${snapshot.financing.bankMsp}`);
  }
  if (snapshot.financing.status !== 'REQUESTED') {
    throw new ApiError('INVALID_STATE', `financing ${financingId} is ${snapshot.financing.status}`);
  }
}

export class FinancingGate {
  /** The lines' private terms by commitment: read sealed once per line and terms, not per assessment. */
  readonly #lineTerms = new LineTermsMemo();
  /** Where each approval's draw begins: approvals in flight together start on different slots. */
  readonly #drawStarts = new DrawStarts();

  constructor(private readonly deps: FinancingGateDeps) {}

  async assess(financingId: string, officer: Caller): Promise<GateOutcome> {
    const { snapshot, policy, hashed } = await this.snapshotFor(financingId, officer);
    const assessment = assess(policy, snapshot.inputs, hashed);
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
        requestedBy: officer.credential,
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
      throw new ApiError('NOT_FOUND', `no review of financing ${financingId} for ${officer.mspId}`);
    }
    if (review.status !== 'PENDING') {
      throw new ApiError('INVALID_STATE', `the review of financing ${financingId} is already ${review.status}`);
    }
    assertSecondOfficer(review, officer);
    const { snapshot, policy, hashed } = await this.snapshotFor(financingId, officer);
    if (decision === 'REJECT') {
      const reviewed: Assessment = { ...review.assessment, decision };
      // The officer's rejection is closed on the ledger too, so that the requester sees it.
      const onLedger = await this.rejectOnLedger(snapshot, review.assessment);
      this.deps.decisions.closeReview(financingId, 'REJECTED', officer.credential, this.isoNow(), note);
      countDecision('REJECT', review.assessment.reasonCodes);
      return { decision: 'REJECT', onLedger, record: this.record(snapshot, 'officer-review', reviewed, officer, onLedger.transactionId) };
    }
    // Approval re-assesses on the state as it is now: what the officer approves is what is submitted.
    const current = assess(policy, snapshot.inputs, hashed);
    if (current.decision === 'REJECT') {
      countDecision('REJECT', current.reasonCodes);
      return { decision: 'REJECT', record: this.record(snapshot, 'officer-review', current, officer, null) };
    }
    const ledgerAssessment: RiskAssessment = { ...toLedgerAssessment(current), decision: 'APPROVE' };
    // The bank's record says who approved (stage officer-review, decidedBy); the ledger keeps no reason codes.
    const approving: Assessment = { ...current, decision: 'APPROVE' };
    const outcome = await this.approve(snapshot, policy, approving, ledgerAssessment, officer, 'officer-review');
    this.deps.decisions.closeReview(
      financingId,
      outcome.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
      officer.credential,
      this.isoNow(),
      note,
    );
    return outcome;
  }

  /**
   * A bank officer declines a financing request on the ledger (scf.financing:RejectFinancing,
   * signed by the bank's risk-gateway identity, the only one the chaincode accepts it from).
   * The engine assesses it first so that the ledger records the policy and inputs hash the officer
   * saw, and the bank's record its score and reasons; a pending review of it is closed as rejected.
   */
  async reject(financingId: string, officer: Caller, note: string | null): Promise<GateOutcome & { readonly decision: 'REJECT' }> {
    const { snapshot, policy, hashed } = await this.snapshotFor(financingId, officer);
    const assessment = assess(policy, snapshot.inputs, hashed);
    const onLedger = await this.rejectOnLedger(snapshot, assessment);
    this.deps.decisions.closeReview(financingId, 'REJECTED', officer.credential, this.isoNow(), note);
    // The bank's record keeps the engine's findings (stage officer-review); the ledger only the verdict and its inputs hash.
    const rejected: Assessment = { ...assessment, decision: 'REJECT' };
    countDecision('REJECT', [...assessment.reasonCodes, OFFICER_REJECTED]);
    return { decision: 'REJECT', onLedger, record: this.record(snapshot, 'officer-review', rejected, officer, onLedger.transactionId) };
  }

  private async rejectOnLedger(snapshot: LedgerSnapshot, assessment: Assessment): Promise<LedgerRejection> {
    const ledgerAssessment = toLedgerAssessment(assessment);
    const committed = await this.riskLedger(snapshot.financing.bankMsp).submit(
      call(tx.financing.RejectFinancing, {
        financingId: snapshot.financing.id,
        assessmentJson: JSON.stringify({ ...ledgerAssessment, decision: 'REJECT' }),
      }),
    );
    return {
      financing: JSON.parse(utf8.decode(committed.result)) as Financing,
      transactionId: committed.transactionId,
      blockNumber: committed.blockNumber === undefined ? null : committed.blockNumber.toString(),
    };
  }

  /** The ledger's and the read model's inputs, the policy, and the inputs hash (its text kept for the auditor, computed once). */
  private async snapshotFor(financingId: string, officer: Caller): Promise<{ snapshot: GateSnapshot; policy: RiskPolicy; hashed: string }> {
    assertBankOfficer(officer);
    const policy = this.deps.policyFor(officer.mspId);
    const gathered = await gatherFinancingInputs(
      this.riskLedger(officer.mspId),
      // The line's private terms are read as the officer: its key is a file the gateway holds.
      this.deps.ledgers.forIdentity(officer.identity),
      this.#lineTerms,
      this.deps.provenance.forIdentity(this.riskIdentity(officer.mspId)),
      this.deps.features,
      policy,
      financingId,
      this.deps.nowSeconds(),
    );
    const snapshot = await this.withChainFigures(gathered, policy);
    assertDecidable(snapshot, financingId, officer);
    // The inputs behind the hash this assessment will carry, kept for the auditor to recompute it.
    const inputsJson = decisionInputsJson(policy, snapshot.inputs);
    const hashed = sha256Hex(inputsJson);
    this.deps.decisions.keepInputs(hashed, inputsJson);
    return { snapshot, policy, hashed };
  }

  /** The inputs with the chain's early-warning figures added, when the gate has a source for them. */
  private async withChainFigures(snapshot: GateSnapshot, policy: RiskPolicy): Promise<GateSnapshot> {
    const source = this.deps.chainFigures;
    if (source === undefined) {
      return snapshot;
    }
    const { financing, inputs } = snapshot;
    const asked = {
      id: financing.id,
      bankMsp: financing.bankMsp,
      borrowerId: financing.borrowerId,
      debtorId: financing.debtorId,
      currency: financing.currency,
      amount: inputs.request.amount,
    };
    return { ...snapshot, inputs: { ...inputs, chain: await timeGateLeg('chain', () => source(policy, asked, inputs.now)) } };
  }

  /** The bank's own risk-gateway identity: the only one the chaincode accepts an approval from. */
  private riskLedger(bankMsp: string): ReturnType<LedgerDirectory['forIdentity']> {
    return this.deps.ledgers.forIdentity(this.riskIdentity(bankMsp));
  }

  private riskIdentity(bankMsp: string): Parameters<LedgerDirectory['forIdentity']>[0] {
    return riskIdentityOf(this.deps.credentials, bankMsp);
  }

  private async approve(
    snapshot: LedgerSnapshot,
    policy: RiskPolicy,
    assessment: Assessment,
    ledgerAssessment: RiskAssessment,
    officer: Caller,
    stage: DecisionStage,
  ): Promise<GateOutcome> {
    const ledger = this.riskLedger(snapshot.financing.bankMsp);
    const expiresAt = decisionExpiry(this.deps.nowSeconds());
    const decisionJson = await this.signedApproval(snapshot.financing, ledgerAssessment, expiresAt);
    // The approval the re-check decoded and passed, kept for the answer (not decoded a second time).
    let passed: EndorsedApproval | undefined;
    const gated = await ledger.endorseThenDecide(
      call(tx.financing.ApproveFinancing, {
        financingId: snapshot.financing.id,
        assessmentJson: JSON.stringify(ledgerAssessment),
        decisionJson,
        drawStart: this.#drawStarts.next(snapshot.financing.bankMsp),
      }),
      (result) => {
        const rechecked = recheckEndorsedResult(policy, snapshot, result);
        // An officer has already accepted review-level findings; only a hard breach stops it now.
        const findings = rechecked.findings.filter((f) => stage === 'assessment' || f.severity === 'reject');
        passed = findings.length === 0 ? rechecked.endorsed : undefined;
        return Promise.resolve(findings.length === 0 ? { proceed: true as const, findings } : { proceed: false as const, findings });
      },
      // All three owner orgs at once (without them the peer gateway simulates on its own peer, then plans
      // the others), and the line's terms, read sealed on the bank's own peer: every endorser checks
      // them against the line's commitment.
      {
        sendUntilMs: sendUntilMsOf(expiresAt),
        endorsingOrganizations: approvalEndorsingOrgs(snapshot.financing, snapshot.receivable),
        transient: { [TransientKey.lineTerms]: JSON.stringify(snapshot.lineTerms) },
      },
    );
    if (!gated.submitted) {
      const findings = gated.decision.findings;
      const rejected: Assessment = { ...assessment, decision: 'REJECT', reasonCodes: findings.map((f) => f.code), explanations: findings };
      countDecision('REJECT', rejected.reasonCodes);
      return { decision: 'REJECT', record: this.record(snapshot, 'post-endorsement', rejected, officer, null) };
    }
    // The very bytes the re-check decoded and passed (the last endorsement decided on is the one submitted).
    const financing = passed?.financing ?? approvedFinancingOf(gated.result);
    const approved: Assessment = { ...assessment, decision: 'APPROVE' };
    return {
      decision: 'APPROVE',
      financing,
      transactionId: gated.transactionId,
      blockNumber: gated.blockNumber === undefined ? null : gated.blockNumber.toString(),
      record: this.record(snapshot, stage, approved, officer, gated.transactionId),
    };
  }

  /** The approval decision, signed with the bank's risk key: one ECDSA signature per approval. */
  private async signedApproval(financing: Financing, assessment: RiskAssessment, expiresAt: string): Promise<string> {
    const decision: FinancingApprovalDecision = {
      kind: 'financing-approval',
      bankMsp: financing.bankMsp,
      ...approvalBinding(financing, assessment),
      expiresAt,
    };
    return signDecision(this.deps, decision);
  }

  private record(
    snapshot: LedgerSnapshot,
    stage: DecisionStage,
    assessment: Assessment,
    officer: Caller,
    transactionId: string | null,
  ): RecordedDecision {
    const { id, bankMsp, borrowerId } = snapshot.financing;
    return this.deps.decisions.recordAssessment(
      { id, bankMsp, borrowerId },
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

/** Decodes the endorsed result and re-checks it; a result that cannot be decoded is refused. */
function recheckEndorsedResult(
  policy: RiskPolicy,
  snapshot: LedgerSnapshot,
  result: Uint8Array,
): { readonly findings: Finding[]; readonly endorsed?: EndorsedApproval } {
  let endorsed: EndorsedApproval;
  try {
    endorsed = decodeApprovalResult(result, snapshot.lineTerms);
  } catch (error) {
    if (error instanceof EndorsedResultError) {
      return { findings: [{ code: 'POST_STATE_UNREADABLE', severity: 'reject', points: 0, explanation: error.message }] };
    }
    throw error;
  }
  return { findings: recheckEndorsedApproval(policy, snapshot, endorsed), endorsed };
}

/**
 * What endorsement returned must be the approval the engine assessed: the same financing, now
 * ACTIVE, for the same amount, drawn in full. And the exposure it leaves must be within the
 * bank's policy (line limit and minimum headroom after, consortium cap after), computed from the
 * freshest figures available without making one busy line one hot key:
 *
 *   line after = pre-read line total − pre-read drawn of the tranches the approval drew on
 *                + the endorsed drawn-after of those tranches
 *
 * and likewise for the core enterprise over its cap shards; the line limit and the cap are the
 * ones the endorsement read. The approving transaction reads (and Fabric validates at commit)
 * only the slots it draws on, so whatever endorsement saw on those keys, including a draw that
 * landed there after the pre-read, corrects the pre-read, and a draw on them after endorsement
 * invalidates the transaction (MVCC_READ_CONFLICT; the ledger client re-endorses and re-checks).
 *
 * Accepted gap: a draw committed on ANOTHER tranche or shard between the pre-read and the
 * endorsement is not in these figures (the approval does not read that key, by design, so that
 * approvals on one line commit side by side), and the line or core total checked here can then
 * be below the committed one. That only weakens the policy's margin checks (headroom, a cap
 * breach reported as a finding), never the ledger's limits: the chaincode refuses any draw
 * beyond a slot's own limit, and the slot limits sum to the line limit and the cap, so the line
 * limit and the consortium cap hold whatever the gate saw. Reading every slot in the approval
 * would close the gap only by serialising every approval on a line (and on a core enterprise
 * across banks) into one per block.
 */
export function recheckEndorsedApproval(policy: RiskPolicy, snapshot: LedgerSnapshot, endorsed: EndorsedApproval): Finding[] {
  const assessedAmount = snapshot.inputs.request.amount;
  const findings: Finding[] = [];
  const { financing, exposureAfter: after } = endorsed;
  const drawn = sumOf(financing.trancheDraws.map((d) => parseAmount(d.amount, 'trancheDraws.amount')));
  if (financing.id !== snapshot.financing.id || financing.status !== 'ACTIVE' || drawn !== assessedAmount) {
    findings.push({
      code: 'POST_STATE_AMOUNT_CHANGED',
      severity: 'reject',
      points: 0,
      explanation: `endorsement returned financing ${financing.id} ${financing.status} drawing ${drawn.toString()}, not the assessed ${assessedAmount.toString()}`,
    });
  }
  const expected = snapshot.financing;
  const mismatch = (explanation: string): Finding[] => [
    ...findings,
    { code: 'POST_STATE_MISMATCH', severity: 'reject', points: 0, explanation },
  ];
  if (after.lineId !== expected.lineId || after.coreId !== expected.debtorId || after.currency !== expected.currency) {
    return mismatch(
      `the endorsed post-state is for line ${after.lineId} and cap ${after.coreId}/${after.currency}, not line ${expected.lineId} and cap ${expected.debtorId}/${expected.currency}`,
    );
  }
  const lineAfter = totalAfter(
    snapshot.exposure.lineDrawn,
    snapshot.exposure.tranches,
    after.tranches,
    financing.trancheDraws,
    `line ${after.lineId} tranche`,
  );
  if (typeof lineAfter === 'string') {
    return mismatch(lineAfter);
  }
  const coreAfter = totalAfter(
    snapshot.exposure.coreDrawn,
    snapshot.exposure.shards,
    after.shards,
    financing.capDraws,
    `cap ${after.coreId}/${after.currency} shard`,
  );
  if (typeof coreAfter === 'string') {
    return mismatch(coreAfter);
  }
  findings.push(
    ...recheckPostState(policy, assessedAmount, {
      financedAmount: parseAmount(financing.amount, 'financing.amount'),
      receivableOutstanding: snapshot.inputs.receivable.outstanding,
      line: { lineId: after.lineId, limit: after.lineLimit, exposureAfter: lineAfter },
      consortium: { cap: after.consortiumCap, aggregateAfter: coreAfter },
    }).map((finding) =>
      withPreRead(finding, snapshot, { line: lineAfter, lineLimit: after.lineLimit, core: coreAfter, cap: after.consortiumCap }),
    ),
  );
  return findings;
}

/**
 * The pre-read total with the slots the approval drew on replaced by their endorsed figures; or,
 * when the reported slots are not exactly the ones the financing drew on, once each, known to the
 * pre-read and within their own limit, why not (the result does not add up).
 */
function totalAfter(
  preReadTotal: bigint,
  preRead: ReadonlyMap<number, bigint>,
  touched: readonly EndorsedSlot[],
  draws: readonly { readonly index: number }[],
  what: string,
): bigint | string {
  const reported = touched.map((slot) => slot.index);
  const drawnOn = [...new Set(draws.map((d) => d.index))].sort((x, y) => x - y);
  if (new Set(reported).size !== reported.length || [...reported].sort((x, y) => x - y).join() !== drawnOn.join()) {
    return `the endorsed post-state reports ${what}s [${reported.join(', ')}], but the financing drew on [${drawnOn.join(', ')}]`;
  }
  let total = preReadTotal;
  for (const slot of touched) {
    const before = preRead.get(slot.index);
    if (before === undefined) {
      return `the endorsed post-state reports ${what} ${String(slot.index)}, which the pre-endorsement reads do not know`;
    }
    if (slot.drawnAfter > slot.limit) {
      return `the endorsed post-state reports ${what} ${String(slot.index)} drawn ${formatAmount(slot.drawnAfter)}, above its limit ${formatAmount(slot.limit)}`;
    }
    total += slot.drawnAfter - before;
  }
  return total;
}

/** A post-state finding says what the pre-endorsement reads alone had expected, so the record shows the drift. */
function withPreRead(
  finding: Finding,
  snapshot: LedgerSnapshot,
  after: { readonly line: bigint; readonly lineLimit: bigint; readonly core: bigint; readonly cap: bigint },
): Finding {
  const { line, consortium } = snapshot.inputs;
  if (finding.code === 'LINE_LIMIT_EXCEEDED' || finding.code === 'LINE_HEADROOM_LOW') {
    return after.line === line.exposureAfter && after.lineLimit === line.limit
      ? finding
      : {
          ...finding,
          explanation: `${finding.explanation} (endorsed post-state; the pre-endorsement reads gave ${formatAmount(line.exposureAfter)} of ${formatAmount(line.limit)})`,
        };
  }
  if (finding.code === 'CONSORTIUM_CAP_EXCEEDED') {
    return after.core === consortium.aggregateAfter && after.cap === consortium.cap
      ? finding
      : {
          ...finding,
          explanation: `${finding.explanation} (endorsed post-state; the pre-endorsement reads gave ${formatAmount(consortium.aggregateAfter)} of ${formatAmount(consortium.cap)})`,
        };
  }
  return finding;
}

function countDecision(decision: string, reasonCodes: readonly string[]): void {
  countRiskDecision('financing', decision, reasonCodes);
}
