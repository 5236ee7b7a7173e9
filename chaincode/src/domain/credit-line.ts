import { reallocateLimits, splitEvenly } from './allocation';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { formatAmount } from '@scf/kernel/money';
import type { CreditLine } from '@scf/kernel/records/credit-line';

export function initialSlotLimits(limit: bigint, count: number): string[] {
  return splitEvenly(limit, count).map(formatAmount);
}

/** New per-slot limits when a line limit or cap changes; refuses to go below what is drawn. */
export function resizedSlotLimits(total: bigint, drawn: readonly bigint[], what: string): string[] {
  const limits = reallocateLimits(total, drawn);
  return limits?.map(formatAmount) ?? fail(ErrorCode.INVALID_STATE, `${what} cannot be set below the exposure already drawn on it`);
}

export function closeCreditLine(line: CreditLine, at: string): CreditLine {
  ensure(line.status === 'ACTIVE', ErrorCode.INVALID_STATE, `credit line ${line.id} is already closed`);
  return { ...line, status: 'CLOSED', updatedAt: at };
}
