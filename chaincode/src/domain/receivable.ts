import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { formatAmount, sumOf } from '@scf/kernel/money';
import type { Participant } from '@scf/kernel/records/participant';
import { invoiceFingerprint } from '@scf/kernel/fingerprints';
import { type Delinquency, MAX_SPLIT_PARTS, type Receivable, isEncumbered } from '@scf/kernel/records/receivable';

export interface Issuance {
  readonly id: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly face: bigint;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly issueDay: number;
  readonly dueDay: number;
}

export function issueReceivable(issuance: Issuance, creditor: Participant, debtor: Participant, at: string): Receivable {
  ensure(
    debtor.role === 'core-enterprise' && debtor.status === 'ACTIVE',
    ErrorCode.INVALID_ARGUMENT,
    `debtor ${debtor.id} is not an active core enterprise`,
  );
  ensure(issuance.face > 0n, ErrorCode.INVALID_ARGUMENT, 'amount must be greater than zero');
  ensure(issuance.dueDay >= issuance.issueDay, ErrorCode.INVALID_ARGUMENT, 'dueDate must not be before issueDate');
  const face = formatAmount(issuance.face);
  return {
    id: issuance.id,
    rootId: issuance.id,
    childIds: [],
    invoiceNumber: issuance.invoiceNumber,
    invoiceFingerprint: invoiceFingerprint(creditor.legalEntityId, debtor.legalEntityId, issuance.invoiceNumber),
    currency: issuance.currency,
    issueDate: issuance.issueDate,
    dueDate: issuance.dueDate,
    creditorId: creditor.id,
    debtorId: debtor.id,
    debtorMsp: debtor.mspId,
    holderId: creditor.id,
    holderMsp: creditor.mspId,
    face,
    outstanding: face,
    settled: '0',
    diluted: '0',
    splitOff: '0',
    status: 'ISSUED',
    delinquency: 'CURRENT',
    pendingAmount: '0',
    createdAt: at,
    updatedAt: at,
  };
}

function ensureDebtor(receivable: Receivable, callerId: string): void {
  ensure(receivable.debtorId === callerId, ErrorCode.FORBIDDEN, `only the debtor of receivable ${receivable.id} may do this`);
}

function ensureHolder(receivable: Receivable, callerId: string): void {
  ensure(receivable.holderId === callerId, ErrorCode.FORBIDDEN, `only the holder of receivable ${receivable.id} may do this`);
}

export function confirmReceivable(receivable: Receivable, callerId: string, at: string): Receivable {
  ensureDebtor(receivable, callerId);
  ensure(
    receivable.status === 'ISSUED' || receivable.status === 'DISPUTED',
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} is ${receivable.status}, not ISSUED or DISPUTED`,
  );
  return { ...receivable, status: 'CONFIRMED', disputeReason: undefined, updatedAt: at };
}

/** Only before confirmation: a confirmed receivable is the debtor's irrevocable undertaking; later corrections are dilutions. */
export function disputeReceivable(receivable: Receivable, callerId: string, reason: string, at: string): Receivable {
  ensureDebtor(receivable, callerId);
  ensure(
    receivable.status === 'ISSUED',
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} is ${receivable.status}; only an ISSUED receivable can be disputed`,
  );
  return { ...receivable, status: 'DISPUTED', disputeReason: reason, updatedAt: at };
}

/** Financing, splitting and transfer need a confirmed, unencumbered, current claim with no payment in flight. */
export function ensureFreeToDispose(receivable: Receivable): void {
  ensure(
    !isEncumbered(receivable),
    ErrorCode.ENCUMBERED,
    `receivable ${receivable.id} is encumbered by financing ${receivable.financingId ?? ''}`,
  );
  ensure(receivable.status === 'CONFIRMED', ErrorCode.INVALID_STATE, `receivable ${receivable.id} is ${receivable.status}, not CONFIRMED`);
  ensure(
    receivable.pendingPaymentId === undefined,
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} has payment ${receivable.pendingPaymentId ?? ''} awaiting acknowledgement`,
  );
  ensure(receivable.delinquency !== 'DEFAULTED', ErrorCode.INVALID_STATE, `receivable ${receivable.id} is in default`);
}

export interface SplitPart {
  readonly id: string;
  readonly amount: bigint;
  readonly holder: Participant;
}

export interface SplitResult {
  readonly parent: Receivable;
  readonly children: Receivable[];
}

/**
 * The holder splits its outstanding claim into parts, each kept or transferred to an
 * upstream supplier (a higher tier). A single part is a plain transfer.
 */
export function splitReceivable(receivable: Receivable, holder: Participant, parts: readonly SplitPart[], at: string): SplitResult {
  ensureHolder(receivable, holder.id);
  ensureFreeToDispose(receivable);
  ensure(
    BigInt(receivable.outstanding) > 0n,
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} has nothing outstanding to transfer or split`,
  );
  ensure(parts.length >= 1 && parts.length <= MAX_SPLIT_PARTS, ErrorCode.INVALID_ARGUMENT, `a split has 1 to ${MAX_SPLIT_PARTS} parts`);
  const ids = new Set(parts.map((p) => p.id));
  ensure(
    ids.size === parts.length && !ids.has(receivable.id),
    ErrorCode.INVALID_ARGUMENT,
    'part ids must be distinct and differ from the parent id',
  );
  for (const part of parts) {
    ensure(part.amount > 0n, ErrorCode.INVALID_ARGUMENT, `part ${part.id} must have a positive amount`);
    if (part.holder.id !== holder.id) {
      ensure(
        part.holder.role === 'supplier' && part.holder.status === 'ACTIVE' && (part.holder.tier ?? 0) > (holder.tier ?? 0),
        ErrorCode.INVALID_ARGUMENT,
        `part ${part.id} may only go to the holder or an active upstream supplier (tier above ${holder.tier ?? 0})`,
      );
    }
  }
  const outstanding = BigInt(receivable.outstanding);
  ensure(sumOf(parts.map((p) => p.amount)) === outstanding, ErrorCode.INVALID_ARGUMENT, 'parts must sum exactly to the outstanding amount');
  const children = parts.map((part): Receivable => {
    const amount = formatAmount(part.amount);
    return {
      ...receivable,
      id: part.id,
      parentId: receivable.id,
      childIds: [],
      holderId: part.holder.id,
      holderMsp: part.holder.mspId,
      face: amount,
      outstanding: amount,
      settled: '0',
      diluted: '0',
      splitOff: '0',
      status: 'CONFIRMED',
      pendingAmount: '0',
      createdAt: at,
      updatedAt: at,
    };
  });
  const parent: Receivable = {
    ...receivable,
    childIds: parts.map((p) => p.id),
    outstanding: '0',
    splitOff: formatAmount(BigInt(receivable.splitOff) + outstanding),
    status: 'SPLIT',
    updatedAt: at,
  };
  return { parent, children };
}

function isOpen(receivable: Receivable): boolean {
  return receivable.status === 'ISSUED' || receivable.status === 'DISPUTED' || receivable.status === 'CONFIRMED';
}

/** What a dilution or a new payment may still take: outstanding minus payments awaiting acknowledgement. */
export function available(receivable: Receivable): bigint {
  return BigInt(receivable.outstanding) - BigInt(receivable.pendingAmount);
}

/**
 * What a dilution may take from a receivable whose live financing has `financedPrincipal`
 * outstanding: only the unfinanced margin. The bank advanced against the debtor's confirmed
 * undertaking and is paid first (payment.ts), so as long as available ≥ principal every
 * principal can still be repaid by the debtor before the receivable settles; a dilution that
 * ate into it would leave the receivable SETTLED (or too small to pay) under an ACTIVE
 * financing that nothing can repay, default or release. A larger credit note waits until the
 * principal is repaid. Conservative while a payment awaits acknowledgement (its holder share
 * is not yet settled, its bank share not yet repaid).
 */
export function dilutionHeadroom(receivable: Receivable, financedPrincipal: bigint): bigint {
  return available(receivable) - financedPrincipal;
}

/**
 * The holder's own credit note or return, in one step (a debtor's goes through consent.ts:
 * it takes effect only when the holder accepts). `financedPrincipal` is the outstanding
 * principal of the live financing encumbering the receivable (0n if none); a dilution may not
 * go below it (see dilutionHeadroom), so a receivable never settles by dilution while a
 * financing on it still has principal drawn.
 */
export function diluteReceivable(
  receivable: Receivable,
  callerId: string,
  amount: bigint,
  financedPrincipal: bigint,
  at: string,
): Receivable {
  ensureHolder(receivable, callerId);
  return applyDilution(receivable, amount, financedPrincipal, at);
}

/** A dilution may be asked for on an open receivable and never for more than is available. */
export function ensureDilutable(receivable: Receivable, amount: bigint): void {
  ensure(isOpen(receivable), ErrorCode.INVALID_STATE, `receivable ${receivable.id} is ${receivable.status}`);
  ensure(amount > 0n, ErrorCode.INVALID_ARGUMENT, 'amount must be greater than zero');
  ensure(
    amount <= available(receivable),
    ErrorCode.AMOUNT_EXCEEDS_OUTSTANDING,
    `dilution exceeds what is outstanding on receivable ${receivable.id}`,
  );
}

/** A dilution the holder agreed to (its own, or its acceptance of the debtor's) takes effect. */
export function applyDilution(receivable: Receivable, amount: bigint, financedPrincipal: bigint, at: string): Receivable {
  ensureDilutable(receivable, amount);
  const headroom = dilutionHeadroom(receivable, financedPrincipal);
  ensure(
    amount <= headroom,
    ErrorCode.ENCUMBERED,
    `dilution would reach into the principal financed by ${receivable.financingId ?? ''} on receivable ${receivable.id}; at most ${formatAmount(headroom > 0n ? headroom : 0n)} until it is repaid`,
  );
  const outstanding = BigInt(receivable.outstanding) - amount;
  return {
    ...receivable,
    outstanding: formatAmount(outstanding),
    diluted: formatAmount(BigInt(receivable.diluted) + amount),
    status: outstanding === 0n ? 'SETTLED' : receivable.status,
    updatedAt: at,
  };
}

export function encumber(receivable: Receivable, financingId: string, at: string): Receivable {
  ensureFreeToDispose(receivable);
  return { ...receivable, financingId, updatedAt: at };
}

export function releaseEncumbrance(receivable: Receivable, financingId: string, at: string): Receivable {
  ensure(receivable.financingId === financingId, ErrorCode.INTERNAL, `receivable ${receivable.id} is not encumbered by ${financingId}`);
  return { ...receivable, financingId: undefined, updatedAt: at };
}

/** The debtor records a payment; it only counts once its payees acknowledge it. */
export function reservePayment(receivable: Receivable, callerId: string, paymentId: string, amount: bigint, at: string): Receivable {
  ensureDebtor(receivable, callerId);
  ensure(receivable.status === 'CONFIRMED', ErrorCode.INVALID_STATE, `receivable ${receivable.id} is ${receivable.status}, not CONFIRMED`);
  ensure(
    receivable.pendingPaymentId === undefined,
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} already has payment ${receivable.pendingPaymentId ?? ''} awaiting acknowledgement`,
  );
  ensure(amount > 0n, ErrorCode.INVALID_ARGUMENT, 'amount must be greater than zero');
  ensure(
    amount <= BigInt(receivable.outstanding),
    ErrorCode.AMOUNT_EXCEEDS_OUTSTANDING,
    `payment exceeds what is outstanding on receivable ${receivable.id}`,
  );
  return { ...receivable, pendingPaymentId: paymentId, pendingAmount: formatAmount(amount), updatedAt: at };
}

/**
 * The pending payment was cancelled or rejected: what it had not yet settled (`unapplied`, the
 * sum of its unacknowledged shares) is no longer reserved, and the receivable is free again.
 */
export function releasePendingPayment(receivable: Receivable, paymentId: string, unapplied: bigint, at: string): Receivable {
  ensure(
    receivable.pendingPaymentId === paymentId && BigInt(receivable.pendingAmount) === unapplied,
    ErrorCode.INTERNAL,
    `payment ${paymentId} is not pending on receivable ${receivable.id} for ${formatAmount(unapplied)}`,
  );
  return { ...receivable, pendingPaymentId: undefined, pendingAmount: '0', updatedAt: at };
}

/** One acknowledged allocation of the pending payment becomes settled. */
export function applySettlement(receivable: Receivable, paymentId: string, amount: bigint, at: string): Receivable {
  ensure(
    receivable.pendingPaymentId === paymentId,
    ErrorCode.INTERNAL,
    `payment ${paymentId} is not pending on receivable ${receivable.id}`,
  );
  const pending = BigInt(receivable.pendingAmount) - amount;
  const outstanding = BigInt(receivable.outstanding) - amount;
  if (pending < 0n || outstanding < 0n) {
    fail(ErrorCode.INTERNAL, 'settlement exceeds the pending payment');
  }
  return {
    ...receivable,
    pendingPaymentId: pending === 0n ? undefined : paymentId,
    outstanding: formatAmount(outstanding),
    settled: formatAmount(BigInt(receivable.settled) + amount),
    pendingAmount: formatAmount(pending),
    status: outstanding === 0n ? 'SETTLED' : receivable.status,
    updatedAt: at,
  };
}

const SEVERITY: Readonly<Record<Delinquency, number>> = { CURRENT: 0, OVERDUE: 1, DEFAULTED: 2 };

/** Overdue the day after the due date; in default once the grace period has also passed. */
/** `lastDayBeforeDefault`: the financing's `defaultsAfter` day; an unfinanced receivable defaults the day after it is due. */
export function delinquencyOn(dueDay: number, lastDayBeforeDefault: number, today: number): Delinquency {
  if (today > lastDayBeforeDefault) {
    return 'DEFAULTED';
  }
  return today > dueDay ? 'OVERDUE' : 'CURRENT';
}

export function markDelinquency(receivable: Receivable, level: Delinquency, at: string): Receivable {
  ensure(isOpen(receivable), ErrorCode.INVALID_STATE, `receivable ${receivable.id} is ${receivable.status}`);
  ensure(
    SEVERITY[level] > SEVERITY[receivable.delinquency],
    ErrorCode.INVALID_STATE,
    `receivable ${receivable.id} is already ${receivable.delinquency}; nothing to mark`,
  );
  return { ...receivable, delinquency: level, updatedAt: at };
}

export function conserves(receivable: Receivable): boolean {
  const parts = [receivable.settled, receivable.diluted, receivable.outstanding, receivable.splitOff].map((v) => BigInt(v));
  return sumOf(parts) === BigInt(receivable.face);
}
