import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { formatAmount, minOf, sumOf } from '@scf/kernel/money';
import type { Allocation, Payment, PaymentStatus } from '@scf/kernel/records/payment';

export interface Waterfall {
  readonly amount: bigint;
  readonly holderId: string;
  /** The live financing on the receivable, if any: its bank is paid first. */
  readonly financing?: { readonly id: string; readonly bankMsp: string; readonly outstandingPrincipal: bigint };
}

/**
 * The financing bank is paid first, up to its outstanding principal; the rest goes to the
 * holder. Interest and fees are private terms the ledger does not see, so they are settled
 * between bank and borrower off-chain; the ledger only tracks principal.
 */
export function allocate(waterfall: Waterfall): Allocation[] {
  const bankShare = waterfall.financing ? minOf(waterfall.amount, waterfall.financing.outstandingPrincipal) : 0n;
  const holderShare = waterfall.amount - bankShare;
  const allocations: Allocation[] = [];
  if (waterfall.financing && bankShare > 0n) {
    allocations.push({ payeeKind: 'BANK', payeeId: waterfall.financing.bankMsp, amount: formatAmount(bankShare) });
  }
  if (holderShare > 0n) {
    allocations.push({ payeeKind: 'HOLDER', payeeId: waterfall.holderId, amount: formatAmount(holderShare) });
  }
  return allocations;
}

export interface Acknowledger {
  readonly participantId: string;
  readonly mspId: string;
  /** Bank allocations are acknowledged by a bank officer of that bank. */
  readonly isBankOfficer: boolean;
}

function isPayee(allocation: Allocation, who: Acknowledger): boolean {
  return allocation.payeeKind === 'BANK' ? who.isBankOfficer && who.mspId === allocation.payeeId : who.participantId === allocation.payeeId;
}

export interface Acknowledgement {
  readonly payment: Payment;
  readonly allocation: Allocation;
}

export function acknowledgePayment(payment: Payment, who: Acknowledger, at: string): Acknowledgement {
  ensure(payment.status === 'PENDING', ErrorCode.INVALID_STATE, `payment ${payment.id} is already settled`);
  const index = payment.allocations.findIndex((a) => isPayee(a, who));
  ensure(index >= 0, ErrorCode.FORBIDDEN, `the caller is not a payee of payment ${payment.id}`);
  const current = payment.allocations[index] ?? fail(ErrorCode.INTERNAL, 'allocation vanished');
  ensure(current.acknowledgedAt === undefined, ErrorCode.INVALID_STATE, `the caller already acknowledged payment ${payment.id}`);
  const allocation: Allocation = { ...current, acknowledgedBy: who.participantId, acknowledgedAt: at };
  const allocations = payment.allocations.map((a, i) => (i === index ? allocation : a));
  const status: PaymentStatus = allocations.every((a) => a.acknowledgedAt !== undefined) ? 'SETTLED' : 'PENDING';
  return { payment: { ...payment, allocations, status, updatedAt: at }, allocation };
}

export interface Closure {
  readonly payment: Payment;
  /** The unacknowledged shares now void: what the receivable no longer reserves. */
  readonly unapplied: bigint;
}

/**
 * A pending payment a payee disputes (the money never came) ends: CANCELLED by its debtor, or
 * REJECTED by a payee whose share is still unacknowledged. Acknowledged shares stay settled;
 * the others are void, and the receivable is free for a new payment.
 */
export function closePayment(payment: Payment, how: 'CANCELLED' | 'REJECTED', who: Acknowledger, reason: string, at: string): Closure {
  if (how === 'CANCELLED') {
    ensure(payment.debtorId === who.participantId, ErrorCode.FORBIDDEN, `only the debtor of payment ${payment.id} may cancel it`);
  } else {
    ensure(
      payment.allocations.some((a) => a.acknowledgedAt === undefined && isPayee(a, who)),
      ErrorCode.FORBIDDEN,
      `only a payee that has not acknowledged payment ${payment.id} may reject it`,
    );
  }
  ensure(payment.status === 'PENDING', ErrorCode.INVALID_STATE, `payment ${payment.id} is ${payment.status}, not PENDING`);
  const unapplied = sumOf(payment.allocations.filter((a) => a.acknowledgedAt === undefined).map((a) => BigInt(a.amount)));
  return {
    payment: { ...payment, status: how, closedBy: who.participantId, closedAt: at, closeReason: reason, updatedAt: at },
    unapplied,
  };
}
