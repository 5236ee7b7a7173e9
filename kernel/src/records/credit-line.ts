/**
 * A limit that many transactions draw on at once (a credit line, a consortium cap) is split
 * into slots, each its own ledger key with its own limit and drawn amount.
 *
 * Why: Fabric validates every key a transaction read against the versions committed before
 * it. On this network, 20 clients writing one key commit 5% of their tries. With one key
 * per line every financing on that line would conflict with every other one in the same
 * block. With N slots, a financing draws first from a home slot picked by hashing its id
 * (spreading concurrent financings over N keys) and only reads further slots, in a fixed
 * order, when its home slot lacks headroom. Totals are the sum over a partial-key query.
 */
export interface Slot {
  readonly index: number;
  /** Decimal string of minor units. */
  readonly limit: string;
  readonly drawn: string;
}

export interface Draw {
  readonly index: number;
  readonly amount: string;
}

/** How many tranche keys a credit line's limit is split into (see allocation.ts for why). */
export const TRANCHES_PER_LINE = 32;

/** How many shard keys a core enterprise's consortium cap is split into. */
export const SHARDS_PER_CAP = 32;

export const CREDIT_LINE_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export type CreditLineStatus = (typeof CREDIT_LINE_STATUSES)[number];

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

/** A credit line's tranche key, as stored: one slot of the line's limit. */
export interface Tranche extends Slot {
  readonly lineId: string;
}

/** A consortium cap's shard key, as stored: one slot of the core enterprise's cap in a currency. */
export interface CapShard extends Slot {
  readonly coreId: string;
  readonly currency: string;
}

/** GetCreditLine's answer: the line, its tranches and their totals (decimal strings). */
export interface CreditLineExposure {
  readonly line: CreditLine;
  readonly drawn: string;
  readonly headroom: string;
  readonly tranches: readonly Tranche[];
}

/** GetCoreExposure's answer: the cap (null when none is set), its shards and their totals. */
export interface CoreExposure {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string | null;
  readonly drawn: string;
  readonly headroom: string;
  readonly shards: readonly CapShard[];
}
