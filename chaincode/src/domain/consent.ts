import { applyDilution, ensureDilutable } from './receivable';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { formatAmount } from '@scf/kernel/money';
import { type Dilution, type DilutionKind, type DilutionRequest, isExpired, MAX_CONSENT_DAYS } from '@scf/kernel/records/dilution';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { TxTime } from '@scf/kernel/dates';
import { SECONDS_PER_DAY, txTimeFromSeconds } from '@scf/kernel/dates';

/**
 * Consent (issue 16): a dilution the debtor asks for takes effect only when the holder accepts
 * it, before it expires, and on a financed receivable only within what the bank's principal
 * leaves (checked at acceptance, against the receivable and financing as they are then).
 */

export interface DilutionAsk {
  readonly id: string;
  readonly kind: DilutionKind;
  readonly amount: bigint;
  readonly reference: string;
  /** Seconds since 1970 of the last moment the holder can accept. */
  readonly expiresAt: bigint;
}

/** The debtor asks; the receivable is not changed. */
export function requestDilution(receivable: Receivable, callerId: string, ask: DilutionAsk, now: TxTime): DilutionRequest {
  ensure(receivable.debtorId === callerId, ErrorCode.FORBIDDEN, `only the debtor of receivable ${receivable.id} may ask for a dilution`);
  ensureDilutable(receivable, ask.amount);
  ensure(ask.expiresAt > now.seconds, ErrorCode.INVALID_ARGUMENT, 'expiresAt must be after the transaction time');
  ensure(
    ask.expiresAt <= now.seconds + BigInt(MAX_CONSENT_DAYS * SECONDS_PER_DAY),
    ErrorCode.INVALID_ARGUMENT,
    `expiresAt must be at most ${MAX_CONSENT_DAYS} days after the transaction time`,
  );
  return {
    id: ask.id,
    receivableId: receivable.id,
    kind: ask.kind,
    amount: formatAmount(ask.amount),
    reference: ask.reference,
    debtorId: receivable.debtorId,
    debtorMsp: receivable.debtorMsp,
    holderId: receivable.holderId,
    holderMsp: receivable.holderMsp,
    status: 'PENDING',
    expiresAt: txTimeFromSeconds(ask.expiresAt).iso,
    requestedAt: now.iso,
    updatedAt: now.iso,
  };
}

function ensurePending(request: DilutionRequest): void {
  ensure(
    request.status === 'PENDING',
    ErrorCode.INVALID_STATE,
    `dilution request ${request.id} on receivable ${request.receivableId} is ${request.status}`,
  );
}

function ensureHolderActs(request: DilutionRequest, receivable: Receivable, callerId: string): void {
  ensure(
    callerId === request.holderId && callerId === receivable.holderId,
    ErrorCode.FORBIDDEN,
    `only the holder of receivable ${receivable.id} may accept or reject its debtor's dilution`,
  );
}

export interface Acceptance {
  readonly receivable: Receivable;
  readonly dilution: Dilution;
  readonly request: DilutionRequest;
}

/** The holder accepts: the dilution takes effect now, checked against the receivable as it is now. */
export function acceptDilution(
  request: DilutionRequest,
  receivable: Receivable,
  callerId: string,
  financedPrincipal: bigint,
  at: string,
): Acceptance {
  ensureHolderActs(request, receivable, callerId);
  ensurePending(request);
  ensure(
    !isExpired(request, at),
    ErrorCode.CONSENT_EXPIRED,
    `dilution request ${request.id} on receivable ${request.receivableId} expired at ${request.expiresAt}`,
  );
  const diluted = applyDilution(receivable, BigInt(request.amount), financedPrincipal, at);
  const dilution: Dilution = {
    id: request.id,
    receivableId: request.receivableId,
    kind: request.kind,
    amount: request.amount,
    reference: request.reference,
    recordedBy: callerId,
    recordedAt: at,
    requestedBy: request.debtorId,
  };
  return {
    receivable: diluted,
    dilution,
    request: { ...request, status: 'ACCEPTED', decidedBy: callerId, decidedAt: at, updatedAt: at },
  };
}

/** The holder says no (expired or not): nothing changes on the receivable. */
export function rejectDilution(
  request: DilutionRequest,
  receivable: Receivable,
  callerId: string,
  reason: string,
  at: string,
): DilutionRequest {
  ensureHolderActs(request, receivable, callerId);
  ensurePending(request);
  return { ...request, status: 'REJECTED', decidedBy: callerId, decidedAt: at, reason, updatedAt: at };
}

/** The debtor takes its request back (expired or not). */
export function withdrawDilution(request: DilutionRequest, callerId: string, at: string): DilutionRequest {
  ensure(request.debtorId === callerId, ErrorCode.FORBIDDEN, `only the debtor that asked may withdraw dilution request ${request.id}`);
  ensurePending(request);
  return { ...request, status: 'WITHDRAWN', decidedBy: callerId, decidedAt: at, updatedAt: at };
}
