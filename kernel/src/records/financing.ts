import type { Draw } from './credit-line';
import type { RiskAssessment } from './risk-assessment';

export const FINANCING_STATUSES = ['REQUESTED', 'ACTIVE', 'REJECTED', 'CANCELLED', 'REPAID', 'DEFAULTED'] as const;
export type FinancingStatus = (typeof FINANCING_STATUSES)[number];

export interface RecordedAssessment extends RiskAssessment {
  readonly assessedBy: string;
  readonly assessedAt: string;
}

/**
 * A bank's advance against one receivable. The public record holds no pricing: the bank's
 * terms live in a private data collection (see terms.ts); `termsRecorded` says they exist.
 */
export interface Financing {
  readonly id: string;
  readonly receivableId: string;
  readonly lineId: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  readonly borrowerMsp: string;
  readonly debtorId: string;
  readonly currency: string;
  readonly amount: string;
  readonly outstandingPrincipal: string;
  readonly repaidPrincipal: string;
  readonly status: FinancingStatus;
  readonly maturityDate: string;
  readonly requestedAt: string;
  readonly decidedAt?: string;
  readonly assessment?: RecordedAssessment;
  /**
   * Set at approval, for the later coverage and default checks, without publishing the line's
   * private terms: the receivable's outstanding when approved (coverage is judged at this
   * financing's own advance ratio, amount ÷ advancedAgainst, not at the line's ceiling), and the
   * last day (UTC) before an unpaid receivable financed by it is in default (its due date plus the
   * line's grace days: what the debtor, the holder and the bank need to act on a default).
   */
  readonly advancedAgainst?: string;
  readonly defaultsAfter?: string;
  /** Where the principal is drawn: credit-line tranches and consortium-cap shards. */
  readonly trancheDraws: readonly Draw[];
  readonly capDraws: readonly Draw[];
  /** Set when dilution left the receivable too small to cover the principal at the financing's advance ratio. */
  readonly coverageBreach: boolean;
  readonly termsRecorded: boolean;
  readonly updatedAt: string;
}

/** A tranche or cap shard the approval drew on, as it leaves it (decimal strings of minor units). */
export interface SlotAfter {
  readonly index: number;
  readonly limit: string;
  readonly drawnAfter: string;
}

/** A tranche the approval drew on: no limit (the line's limits are private terms; the result lands in the block). */
export type TrancheAfter = Omit<SlotAfter, 'limit'>;

/**
 * What an approval leaves behind on the keys it touched, as computed in the approving
 * transaction: the line and the consortium cap it read (their ids and the cap) and each
 * tranche and cap shard it drew on, with its drawn amount after the draw (and, for a cap shard,
 * its limit). The endorsed result is written into the block, so it carries none of the line's
 * private terms: the risk gateway, which passed the terms itself, adds the line's limit and the
 * tranches' limits from them. Only keys the approval reads anyway are reported (not the line's or
 * the core enterprise's totals, which would put every tranche and shard in its read set and make
 * one busy line one hot key). The risk gateway combines these endorsed figures with its own
 * pre-endorsement reads of the other slots and re-checks the result against its policy before it submits.
 */
export interface ExposureAfter {
  readonly lineId: string;
  /** The line's tranches this approval drew on, in draw order. */
  readonly tranches: readonly TrancheAfter[];
  readonly coreId: string;
  readonly currency: string;
  readonly consortiumCap: string;
  /** The core enterprise's cap shards this approval drew on, in draw order. */
  readonly shards: readonly SlotAfter[];
}

/** ApproveFinancing's result: the approved financing and the post-state of the keys it touched. */
export interface ApprovalResult {
  readonly financing: Financing;
  readonly exposureAfter: ExposureAfter;
}

/** A live financing still holds principal against its line, cap and receivable. */
export const LIVE_FINANCING_STATUSES: readonly FinancingStatus[] = ['ACTIVE', 'DEFAULTED'];

export function isLive(financing: Pick<Financing, 'status'>): boolean {
  return LIVE_FINANCING_STATUSES.includes(financing.status);
}

/**
 * The orgs whose peers must endorse ApproveFinancing (chaincode/README.md, "Who owns what"): the
 * bank (its tranche and draw keys, the financing), the borrower (the financing; the receivable's
 * holder, which the approval requires to be the borrower) and the debtor (the receivable).
 * Sorted and de-duplicated. The risk gate names them on the proposal so that the peer gateway
 * endorses on all three at once instead of simulating on its own peer first and planning the
 * rest from that simulation; the peers still validate every key-level policy at commit.
 */
export function approvalEndorsingOrgs(
  financing: Pick<Financing, 'bankMsp' | 'borrowerMsp'>,
  receivable: { readonly debtorMsp: string },
): string[] {
  return [...new Set([financing.bankMsp, financing.borrowerMsp, receivable.debtorMsp])].sort();
}
