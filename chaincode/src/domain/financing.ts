import { ensureFreeToDispose } from './receivable';
import { formatEpochDay, parseIsoDate } from '@scf/kernel/dates';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { applyBpsFloor, formatAmount } from '@scf/kernel/money';
import type { Draw, Slot, ConsortiumCap, CreditLine, CreditLineTerms } from '@scf/kernel/records/credit-line';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { RiskAssessment } from '@scf/kernel/records/risk-assessment';
import { type ApprovalResult, type Financing, type RecordedAssessment, type SlotAfter, isLive } from '@scf/kernel/records/financing';

export interface FinancingRequest {
  readonly id: string;
  readonly amount: bigint;
}

/** The holder asks the line's bank to finance a confirmed, unencumbered receivable. */
export function requestFinancing(
  request: FinancingRequest,
  receivable: Receivable,
  line: CreditLine,
  borrower: Participant,
  at: string,
): Financing {
  ensure(receivable.holderId === borrower.id, ErrorCode.FORBIDDEN, `only the holder of receivable ${receivable.id} may ask to finance it`);
  ensureFreeToDispose(receivable);
  ensure(line.status === 'ACTIVE', ErrorCode.INVALID_STATE, `credit line ${line.id} is ${line.status}`);
  ensure(
    line.coreId === receivable.debtorId,
    ErrorCode.INVALID_ARGUMENT,
    `credit line ${line.id} is not granted to debtor ${receivable.debtorId}`,
  );
  ensure(
    line.currency === receivable.currency,
    ErrorCode.CURRENCY_MISMATCH,
    `credit line ${line.id} is in ${line.currency}, receivable in ${receivable.currency}`,
  );
  ensure(request.amount > 0n, ErrorCode.INVALID_ARGUMENT, 'amount must be greater than zero');
  return {
    id: request.id,
    receivableId: receivable.id,
    lineId: line.id,
    bankMsp: line.bankMsp,
    borrowerId: borrower.id,
    borrowerMsp: borrower.mspId,
    debtorId: receivable.debtorId,
    currency: receivable.currency,
    amount: formatAmount(request.amount),
    outstandingPrincipal: '0',
    repaidPrincipal: '0',
    status: 'REQUESTED',
    maturityDate: receivable.dueDate,
    requestedAt: at,
    trancheDraws: [],
    capDraws: [],
    coverageBreach: false,
    termsRecorded: false,
    updatedAt: at,
  };
}

function ensureRequested(financing: Financing): void {
  ensure(financing.status === 'REQUESTED', ErrorCode.INVALID_STATE, `financing ${financing.id} is ${financing.status}, not REQUESTED`);
}

/**
 * Every hard rule a bank relies on, re-checked at approval against current state and the line's
 * terms (verified against its commitment; headroom on the line and cap is checked while drawing,
 * see allocation.ts). Messages name no term's value: the refusal lands in the endorsers' logs.
 */
export function checkApprovalRules(
  financing: Financing,
  receivable: Receivable,
  line: CreditLine,
  terms: CreditLineTerms,
  assessment: RiskAssessment,
  today: number,
): void {
  ensureRequested(financing);
  ensure(assessment.decision === 'APPROVE', ErrorCode.RISK_NOT_APPROVED, `the risk assessment decided ${assessment.decision}`);
  ensure(
    receivable.holderId === financing.borrowerId,
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} changed holder since the request`,
  );
  ensureFreeToDispose(receivable);
  ensure(line.status === 'ACTIVE', ErrorCode.INVALID_STATE, `credit line ${line.id} is ${line.status}`);
  ensure(today <= parseIsoDate(terms.expiresOn, 'expiresOn'), ErrorCode.LINE_EXPIRED, `credit line ${line.id} has expired`);
  ensure(line.currency === receivable.currency, ErrorCode.CURRENCY_MISMATCH, `credit line ${line.id} is in ${line.currency}`);
  const maxAdvance = applyBpsFloor(BigInt(receivable.outstanding), BigInt(terms.maxAdvanceRateBps));
  ensure(
    BigInt(financing.amount) <= maxAdvance,
    ErrorCode.ADVANCE_RATE_EXCEEDED,
    `amount exceeds the outstanding at credit line ${line.id}'s maximum advance rate`,
  );
  const tenorDays = parseIsoDate(receivable.dueDate, 'dueDate') - today;
  ensure(tenorDays >= 0, ErrorCode.TENOR_EXCEEDED, `receivable ${receivable.id} is already due`);
  ensure(
    tenorDays <= terms.maxTenorDays,
    ErrorCode.TENOR_EXCEEDED,
    `tenor of ${tenorDays} days exceeds credit line ${line.id}'s maximum tenor`,
  );
}

export interface ApprovalDraws {
  readonly trancheDraws: readonly Draw[];
  readonly capDraws: readonly Draw[];
}

export function approveFinancing(
  financing: Financing,
  terms: Pick<CreditLineTerms, 'graceDays'>,
  receivable: Pick<Receivable, 'outstanding' | 'dueDate'>,
  assessment: RecordedAssessment,
  draws: ApprovalDraws,
  at: string,
): Financing {
  ensureRequested(financing);
  return {
    ...financing,
    status: 'ACTIVE',
    outstandingPrincipal: financing.amount,
    decidedAt: at,
    assessment,
    advancedAgainst: receivable.outstanding,
    defaultsAfter: formatEpochDay(parseIsoDate(receivable.dueDate, 'dueDate') + terms.graceDays),
    trancheDraws: draws.trancheDraws,
    capDraws: draws.capDraws,
    updatedAt: at,
  };
}

function slotsAfter(slots: readonly Slot[]): SlotAfter[] {
  return slots.map((slot) => ({ index: slot.index, limit: slot.limit, drawnAfter: slot.drawn }));
}

/**
 * `touched` are the tranche and shard records as the approval writes them (its exposure plan).
 * The result lands in the block: the tranches' limits (the line's private terms) are left out.
 */
export function approvalResult(
  financing: Financing,
  line: CreditLine,
  cap: ConsortiumCap,
  touched: { readonly tranches: readonly Slot[]; readonly shards: readonly Slot[] },
): ApprovalResult {
  ensure(
    cap.coreId === line.coreId && cap.currency === line.currency,
    ErrorCode.INTERNAL,
    `cap ${cap.coreId}/${cap.currency} is not the cap of line ${line.id}`,
  );
  return {
    financing,
    exposureAfter: {
      lineId: line.id,
      tranches: touched.tranches.map((slot) => ({ index: slot.index, drawnAfter: slot.drawn })),
      coreId: cap.coreId,
      currency: cap.currency,
      consortiumCap: cap.cap,
      shards: slotsAfter(touched.shards),
    },
  };
}

export function rejectFinancing(financing: Financing, assessment: RecordedAssessment, at: string): Financing {
  ensureRequested(financing);
  ensure(assessment.decision === 'REJECT', ErrorCode.INVALID_ARGUMENT, 'a rejection must carry a REJECT decision');
  return { ...financing, status: 'REJECTED', decidedAt: at, assessment, updatedAt: at };
}

export function cancelFinancing(financing: Financing, callerId: string, at: string): Financing {
  ensure(financing.borrowerId === callerId, ErrorCode.FORBIDDEN, `only the borrower may cancel financing ${financing.id}`);
  ensureRequested(financing);
  return { ...financing, status: 'CANCELLED', updatedAt: at };
}

/** The bank acknowledged receiving `amount` of principal; the draws are released by the caller. */
export function repayPrincipal(financing: Financing, amount: bigint, remaining: ApprovalDraws, at: string): Financing {
  ensure(isLive(financing), ErrorCode.INVALID_STATE, `financing ${financing.id} is ${financing.status}`);
  const outstanding = BigInt(financing.outstandingPrincipal) - amount;
  if (amount <= 0n || outstanding < 0n) {
    fail(ErrorCode.INTERNAL, 'repayment exceeds the outstanding principal');
  }
  return {
    ...financing,
    outstandingPrincipal: formatAmount(outstanding),
    repaidPrincipal: formatAmount(BigInt(financing.repaidPrincipal) + amount),
    status: outstanding === 0n ? 'REPAID' : financing.status,
    trancheDraws: remaining.trancheDraws,
    capDraws: remaining.capDraws,
    updatedAt: at,
  };
}

/**
 * After a dilution: does the receivable still cover the principal at this financing's advance
 * ratio (amount ÷ the outstanding it was advanced against)? In integers: principal × advancedAgainst
 * > outstanding × amount is a breach.
 */
export function recheckCoverage(financing: Financing, receivableOutstanding: bigint, at: string): Financing {
  if (!isLive(financing)) {
    return financing;
  }
  const advancedAgainst = BigInt(financing.advancedAgainst ?? financing.amount);
  const coverageBreach = BigInt(financing.outstandingPrincipal) * advancedAgainst > receivableOutstanding * BigInt(financing.amount);
  return { ...financing, coverageBreach, updatedAt: at };
}

export function markFinancingDefaulted(financing: Financing, at: string): Financing {
  return financing.status === 'ACTIVE' ? { ...financing, status: 'DEFAULTED', updatedAt: at } : financing;
}

export function markTermsRecorded(financing: Financing, at: string): Financing {
  ensure(
    financing.status !== 'REJECTED' && financing.status !== 'CANCELLED',
    ErrorCode.INVALID_STATE,
    `financing ${financing.id} is ${financing.status}`,
  );
  ensure(!financing.termsRecorded, ErrorCode.ALREADY_EXISTS, `terms of financing ${financing.id} are already recorded`);
  return { ...financing, termsRecorded: true, updatedAt: at };
}
