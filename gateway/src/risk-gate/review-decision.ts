import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import { CommitOutcomeUnknownError } from '../ledger/errors';
import type { RecordedDecision, ReviewItem, ReviewKind, RiskDecisionStore } from './decision-store';
import { approvedFinancingOf, decodePledgeAcceptance } from './endorsed-results';
import type { FinancingGate } from './financing-gate';
import type { PledgeGate } from './pledge-gate';
import type { Financing } from '@scf/kernel/records/financing';
import type { Pledge } from '@scf/kernel/records/warehouse';

/** An officer's decision on a review the risk engine queued. */
export interface ReviewDecisionRequest {
  /** The financing's or the pledge's id. */
  readonly reviewId: string;
  readonly officer: Caller;
  readonly decision: 'APPROVE' | 'REJECT';
  readonly note: string | null;
  /** Needed only when a financing and a pledge with this id both wait for review. */
  readonly kind: ReviewKind | undefined;
}

/** What an officer's decision came to. */
export type ReviewDecisionOutcome =
  | {
      /** Decided: approved on the ledger, a financing rejected on the ledger, or a pledge's review closed as rejected. */
      readonly closed: true;
      readonly kind: ReviewKind;
      readonly decision: 'APPROVE' | 'REJECT';
      /** The committed transaction; null for a pledge rejection (nothing is submitted). */
      readonly transactionId: string | null;
      readonly blockNumber: string | null;
      readonly financing?: Financing;
      readonly pledge?: Pledge;
      /** The review as closed. */
      readonly review: ReviewItem;
      readonly record: RecordedDecision;
    }
  | {
      /** The officer's APPROVE failed the re-check of the endorsed result: nothing was submitted. */
      readonly closed: false;
      readonly record: RecordedDecision;
    };

export interface ReviewDeskDeps {
  readonly financings: FinancingGate;
  /** Absent, pledge reviews are not decided here (NOT_FOUND). */
  readonly pledges?: PledgeGate;
  readonly decisions: RiskDecisionStore;
}

const utf8 = new TextDecoder();

/** RejectFinancing's result: the financing as rejected. */
export const rejectedFinancing = (endorsed: Uint8Array): unknown => JSON.parse(utf8.decode(endorsed)) as unknown;

/** A review decision's endorsed result: ApproveFinancing's post-state carries the financing; RejectFinancing is the financing. */
const decidedFinancing = (decision: 'APPROVE' | 'REJECT', endorsed: Uint8Array): unknown =>
  decision === 'APPROVE' ? approvedFinancingOf(endorsed) : rejectedFinancing(endorsed);

/**
 * The gate's call, and if its submit ends with the commit unknown, the success answer an
 * Idempotency-Key retry gives once the ledger shows that transaction committed (from its endorsed
 * result; without the assessment record, which is not written when the commit is unknown).
 */
export async function answeringUnknownCommit<T>(
  run: () => Promise<T>,
  answer: (endorsed: Uint8Array, transactionId: string) => object,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CommitOutcomeUnknownError) {
      throw error.withAnswer(200, { ...answer(error.result, error.transactionId) });
    }
    throw error;
  }
}

/**
 * The review queue's decisions: which review an officer decides (financing or pledge), which
 * gate decides it, and what the officer's APPROVE or REJECT comes to on the ledger.
 */
export class ReviewDesk {
  constructor(private readonly deps: ReviewDeskDeps) {}

  /**
   * APPROVE goes through the gate's endorse → re-check → submit (ApproveFinancing as the bank's
   * risk-gateway identity, or AcceptPledge as the officer with the queued terms). REJECT of a
   * financing is closed on the ledger too (RejectFinancing as the bank's risk gateway); REJECT of a
   * pledge closes the review only (the chaincode has no bank-side rejection of a pledge).
   */
  async decide(request: ReviewDecisionRequest): Promise<ReviewDecisionOutcome> {
    const { reviewId: id, officer, decision, note } = request;
    if (officer.role !== 'bank') {
      throw new ApiError('FORBIDDEN', 'only a bank officer decides a review');
    }
    const kind = this.kindOf(id, officer, request.kind);
    const closedReview = (): ReviewItem => {
      const review = this.deps.decisions.review(id, kind);
      if (review === undefined) {
        throw new Error(`unreachable: the review of ${kind} ${id} vanished`);
      }
      return review;
    };
    if (kind === 'pledge') {
      const pledgeGate = this.deps.pledges;
      if (pledgeGate === undefined) {
        throw new ApiError('NOT_FOUND', `no review of pledge ${id} for ${officer.mspId}`);
      }
      const outcome = await answeringUnknownCommit(
        () => pledgeGate.decideReview(id, officer, decision, note),
        (endorsed, transactionId) => ({
          kind,
          decision,
          transactionId,
          blockNumber: null,
          pledge: decodePledgeAcceptance(endorsed).pledge,
        }),
      );
      if (outcome.decision === 'APPROVE') {
        const { transactionId, blockNumber, pledge, record } = outcome;
        return { closed: true, kind, decision: 'APPROVE', transactionId, blockNumber, pledge, review: closedReview(), record };
      }
      if (outcome.record.stage !== 'officer-review') {
        return { closed: false, record: outcome.record };
      }
      return {
        closed: true,
        kind,
        decision: 'REJECT',
        transactionId: null,
        blockNumber: null,
        review: closedReview(),
        record: outcome.record,
      };
    }
    const outcome = await answeringUnknownCommit(
      () => this.deps.financings.decideReview(id, officer, decision, note),
      (endorsed, transactionId) => ({ kind, decision, transactionId, blockNumber: null, financing: decidedFinancing(decision, endorsed) }),
    );
    if (outcome.decision === 'APPROVE') {
      const { transactionId, blockNumber, financing, record } = outcome;
      return { closed: true, kind, decision: 'APPROVE', transactionId, blockNumber, financing, review: closedReview(), record };
    }
    if (outcome.decision === 'REJECT' && outcome.onLedger !== undefined) {
      const { transactionId, blockNumber, financing } = outcome.onLedger;
      return {
        closed: true,
        kind,
        decision: 'REJECT',
        transactionId,
        blockNumber,
        financing,
        review: closedReview(),
        record: outcome.record,
      };
    }
    return { closed: false, record: outcome.record };
  }

  /** Which review an officer decides: the kind named, or the only one of that id pending at its bank. */
  private kindOf(id: string, officer: Caller, named: ReviewKind | undefined): ReviewKind {
    if (named !== undefined) {
      return named;
    }
    const own = this.deps.decisions.reviewsOf(id).filter((r) => r.bankMsp === officer.mspId);
    const pending = own.filter((r) => r.status === 'PENDING');
    if (pending.length > 1) {
      throw new ApiError('INVALID_STATE', `a financing and a pledge ${id} both wait for review: name the kind`);
    }
    return (pending[0] ?? own[0])?.kind ?? 'financing';
  }
}
