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

/** One bank's share of a consortium cap and its slot limits (decimal strings). */
export interface ShareSlotLimits {
  readonly bankMsp: string;
  readonly share: string;
  readonly limits: readonly string[];
}

/**
 * Splits a consortium cap evenly into the banks' shares (the first banks in the given order get the
 * remainder's units), then each share into `slotCount` slot limits. `drawnByBank` is what each bank
 * has drawn on its slots when the cap already exists: each slot keeps its draw and the rest is spread
 * evenly; a share below what its bank has drawn is refused (`INVALID_STATE`), so re-setting the cap
 * never puts a bank over its share. Undefined `drawnByBank`: a new cap, nothing drawn.
 */
export function capShareLimits(
  cap: bigint,
  banks: readonly string[],
  slotCount: number,
  drawnByBank: ReadonlyMap<string, readonly bigint[]> | undefined,
  what: string,
): ShareSlotLimits[] {
  const shares = splitEvenly(cap, banks.length);
  return banks.map((bankMsp, i) => {
    const share = shares[i] ?? 0n;
    const drawn = drawnByBank?.get(bankMsp) ?? Array.from({ length: slotCount }, () => 0n);
    const limits =
      drawnByBank === undefined ? initialSlotLimits(share, slotCount) : resizedSlotLimits(share, drawn, `${bankMsp}'s share of ${what}`);
    return { bankMsp, share: formatAmount(share), limits };
  });
}
