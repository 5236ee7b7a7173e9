import { reallocateLimits, splitEvenly } from './allocation';
import { ErrorCode, ensure, fail } from './errors';
import { formatAmount } from './money';

/** How many tranche keys a credit line's limit is split into (see allocation.ts for why). */
export const TRANCHES_PER_LINE = 32;
/** How many shard keys a core enterprise's consortium cap is split into. */
export const SHARDS_PER_CAP = 32;

export type CreditLineStatus = 'ACTIVE' | 'CLOSED';

export interface CreditLine {
  readonly id: string;
  readonly bankMsp: string;
  readonly grantedBy: string;
  readonly coreId: string;
  readonly currency: string;
  readonly limit: string;
  /** Last day (inclusive, UTC) on which the line may fund new financings. */
  readonly expiresOn: string;
  readonly maxAdvanceRateBps: string;
  readonly maxTenorDays: number;
  /** Days after the due date before an unpaid receivable financed on this line is in default. */
  readonly graceDays: number;
  readonly trancheCount: number;
  readonly status: CreditLineStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The consortium-wide cap on one core enterprise's financed exposure, in one currency, across all banks. */
export interface ConsortiumCap {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string;
  readonly shardCount: number;
  readonly setBy: string;
  readonly updatedAt: string;
}

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
