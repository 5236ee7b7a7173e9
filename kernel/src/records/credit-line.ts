import { parseSmallInt } from '../money';

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

/**
 * Where an approval's draw begins, when its caller says (ApproveFinancing's `drawStart`): tranche
 * `drawStart mod trancheCount` and shard `drawStart mod shardCount`. A home slot hashed from the
 * financing id spreads approvals over the slots at random, and with 50 in flight on one bank's cap
 * share about one in five met another on a slot and was endorsed again (issue 18); a gate that
 * gives its approvals consecutive numbers starts them on different slots. Only the order in which
 * slots are read changes: every slot still keeps within its own limit. Empty: hashed from the
 * financing id. A multiple of every power-of-two slot count, so a counter that wraps stays in order.
 */
export const DRAW_START_MODULUS = 1 << 20;

export function parseDrawStart(text: unknown): number | undefined {
  return text === '' ? undefined : parseSmallInt(text, 'drawStart', 0, DRAW_START_MODULUS - 1);
}

export const CREDIT_LINE_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export type CreditLineStatus = (typeof CREDIT_LINE_STATUSES)[number];

/**
 * A credit line as the public state holds it: who granted it to whom, in which currency, its
 * status, and a commitment to its terms. The terms themselves (limit, expiry, maximum advance
 * rate, maximum tenor, grace days, the split of the limit over the tranches) are the bank's
 * business with the core enterprise: they live in the bank × core private data collection
 * (`creditLineTermsCollection`), and the public record keeps only `termsHash`, the SHA-256 of
 * their canonical JSON with a secret salt, which every endorser checks terms passed to it against.
 */
export interface CreditLine {
  readonly id: string;
  readonly bankMsp: string;
  readonly grantedBy: string;
  readonly coreId: string;
  readonly currency: string;
  /** Lower-case hex SHA-256 of the canonical JSON of the line's CreditLineTerms (salted). */
  readonly termsHash: string;
  /** Whether the bank has stored the terms (RecordCreditLineTerms): no financing is approved on a line without them. */
  readonly termsRecorded: boolean;
  readonly trancheCount: number;
  readonly status: CreditLineStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A credit line's private terms, held by the line's bank and core enterprise only (the private
 * collection `terms_<bank>_CoreMSP`), never on the public state nor in a block in clear.
 */
export interface CreditLineTerms {
  /** 32-128 lower-case hex characters, secret: without it an outsider could hash guessed terms and compare. */
  readonly salt: string;
  /** Decimal string of minor units. */
  readonly limit: string;
  /** Last day (inclusive, UTC) on which the line may fund new financings. */
  readonly expiresOn: string;
  readonly maxAdvanceRateBps: string;
  readonly maxTenorDays: number;
  /** Days after the due date before an unpaid receivable financed on this line is in default. */
  readonly graceDays: number;
  /** The limit's split over the line's tranches (index order, decimal strings); they sum to `limit`. */
  readonly trancheLimits: readonly string[];
}

/** The terms a line's readers among its parties see (the salt and the tranche split stay inside). */
export type LineTermsView = Pick<CreditLineTerms, 'limit' | 'expiresOn' | 'maxAdvanceRateBps' | 'maxTenorDays' | 'graceDays'>;

/** A line as the REST API shows it: the public record, with its terms for the line's bank and core enterprise. */
export type CreditLineView = CreditLine & Partial<LineTermsView>;

/** The public record with the terms' view fields, for a reader who has the terms. */
export function lineWithTerms(line: CreditLine, terms: CreditLineTerms): CreditLineView {
  const { limit, expiresOn, maxAdvanceRateBps, maxTenorDays, graceDays } = terms;
  return { ...line, limit, expiresOn, maxAdvanceRateBps, maxTenorDays, graceDays };
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

/** A credit line's tranche key, as stored: what was drawn on one slot (its limit is in the line's private terms). */
export interface TrancheDraw {
  readonly lineId: string;
  readonly index: number;
  readonly drawn: string;
}

/** A tranche with its limit (from the line's private terms): the slot the approval draws on. */
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

/**
 * A line's exposure. GetCreditLine answers the public part (the line, the drawn total and each
 * tranche's drawn amount); for the line's bank and core enterprise the gateway adds the terms it
 * reads sealed (GetCreditLineTerms): the line's limit and terms, the headroom, each tranche's limit.
 */
export interface CreditLineExposure {
  readonly line: CreditLineView;
  readonly drawn: string;
  readonly headroom?: string;
  readonly tranches: readonly (TrancheDraw & { readonly limit?: string })[];
}

/** The exposure with the terms filled in: the view of a reader who holds the terms. */
export function exposureWithTerms(exposure: CreditLineExposure, terms: CreditLineTerms): CreditLineExposure {
  const tranches = exposure.tranches.map((t) => ({ ...t, limit: terms.trancheLimits[t.index] ?? '0' }));
  const headroom = tranches.reduce((sum, t) => {
    const left = BigInt(t.limit) - BigInt(t.drawn);
    return sum + (left > 0n ? left : 0n);
  }, 0n);
  return { line: lineWithTerms(exposure.line, terms), drawn: exposure.drawn, headroom: headroom.toString(), tranches };
}

/**
 * GetCoreExposure's answer: the cap (null when none is set), the totals over every bank, each
 * bank's share, and the shards (every bank's).
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

/**
 * What GetApprovalContext says of the core enterprise's cap: the cap (null when none is set), the
 * total drawn over every bank, and the draws of the financing bank's share (the slots its approval
 * draws on), read from the draw keys alone: the slot limits (one key per slot, the auditor's) are
 * not read, the approval's endorsement reads the limits of the slots it draws on.
 */
export interface CoreDraws {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string | null;
  readonly drawn: string;
  readonly draws: readonly CapDraw[];
}
