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

/**
 * How many shard keys each bank's share of a core enterprise's consortium cap is split into (when
 * the cap is first set; a cap keeps its count). More than a line's tranches: every approval of the
 * bank on that core enterprise, on any line, draws on this share, and with 32 slots a third of 50
 * concurrent approvals collided on a slot (MVCC conflict or endorsers disagreeing) and were endorsed
 * again. The price: a slot holds share / 128, and a financing larger than that spans several slots.
 */
export const SHARDS_PER_CAP = 128;

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

/** One bank's share of a consortium cap: what that bank alone may have drawn against it. */
export interface CapShareLimit {
  readonly bankMsp: string;
  /** Decimal string of minor units; the shares sum to the cap. */
  readonly limit: string;
}

/**
 * The consortium-wide cap on one core enterprise's financed exposure, in one currency, across all
 * banks, and its split into the banks' shares (evenly over the bank orgs). Each share is split
 * into `shardCount` slots: a shard key (the slot's limit, the auditor's) and a draw key (what the
 * bank drew on it, the bank's own key), so no bank can change another bank's draws.
 */
export interface ConsortiumCap {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string;
  readonly shares: readonly CapShareLimit[];
  /** Slots per bank share. */
  readonly shardCount: number;
  readonly setBy: string;
  readonly updatedAt: string;
}

/** A credit line's tranche key, as stored: one slot of the line's limit. */
export interface Tranche extends Slot {
  readonly lineId: string;
}

/** A cap shard key (`scf.cap.shard`), as stored: one slot's limit of one bank's share; the auditor's key. */
export interface CapShardLimit {
  readonly coreId: string;
  readonly currency: string;
  readonly bankMsp: string;
  readonly index: number;
  readonly limit: string;
}

/** A cap draw key (`scf.cap.draw`), as stored: what one bank drew on one slot of its share; that bank's key. */
export interface CapDraw {
  readonly coreId: string;
  readonly currency: string;
  readonly bankMsp: string;
  readonly index: number;
  readonly drawn: string;
}

/** A cap shard as the exposure reads show it: the slot's limit (shard key) and the bank's draw on it (draw key). */
export interface CapShard extends Slot {
  readonly coreId: string;
  readonly currency: string;
  readonly bankMsp: string;
}

/** One bank's share in GetCoreExposure: its limit, what it drew, and its headroom (sums over its slots). */
export interface CapShareExposure {
  readonly bankMsp: string;
  readonly limit: string;
  readonly drawn: string;
  readonly headroom: string;
}

/** GetCreditLine's answer: the line, its tranches and their totals (decimal strings). */
export interface CreditLineExposure {
  readonly line: CreditLine;
  readonly drawn: string;
  readonly headroom: string;
  readonly tranches: readonly Tranche[];
}

/**
 * GetCoreExposure's answer: the cap (null when none is set), the totals over every bank, each
 * bank's share, and the shards (every bank's; in GetApprovalContext only the financing bank's).
 */
export interface CoreExposure {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string | null;
  readonly drawn: string;
  readonly headroom: string;
  readonly shares: readonly CapShareExposure[];
  readonly shards: readonly CapShard[];
}
