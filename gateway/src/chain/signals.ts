import type { ChainFigures, RateSample } from '../risk/inputs';
import type { ChainPolicy, RiskPolicy } from '../risk/policy';
import { indexChain, pledgeValues, type ChainIndex } from './chain-index';
import { isOverdue } from './core-metrics';
import { LIVE_FINANCING, type ChainFinancing, type ChainSnapshot } from './snapshot';

/** The financing the gate is assessing, as the chain signals need it. */
export interface FinancingAsked {
  readonly id: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  /** The core enterprise owing the receivable: the chain the financing joins. */
  readonly debtorId: string;
  readonly currency: string;
  readonly amount: bigint;
}

const NOT_ASKED = new Set(['REJECTED', 'CANCELLED']);

class Sample {
  count = 0;
  amount = 0n;
  base = 0n;
  add(amount: bigint, base: bigint, counted: boolean): void {
    this.count += counted ? 1 : 0;
    this.amount += amount;
    this.base += base;
  }
  get value(): RateSample {
    return { count: this.count, amount: this.amount, base: this.base };
  }
}

/**
 * The early-warning figures for one financing (see risk/checks/chain-*.ts): the core's overdue
 * and dilution rates recently and before, the bank's share of its book on this chain, the
 * chain's pledged goods against their loans, and the borrower tier's financing volume per
 * window. One pass over each table; `nowDay` is the gate's clock (epoch days).
 */
export function chainFigures(
  snapshot: ChainSnapshot,
  policy: ChainPolicy,
  asked: FinancingAsked,
  nowDay: number,
  index: ChainIndex = indexChain(snapshot),
): ChainFigures {
  const scope: Scope = {
    asked,
    nowDay,
    window: policy.windowDays,
    windows: policy.tierVolumeWindows,
    tier: tierOf(index, asked.borrowerId),
  };
  const { overdue, dilution } = receivableRates(snapshot, scope);
  const { bankOnChain, tierVolume } = financingFigures(snapshot, index, scope);
  return {
    coreId: asked.debtorId,
    overdue,
    dilution,
    bankOnChain,
    pledgeCoverage: pledgeCoverage(index, asked),
    tierVolume,
  };
}

/** The financing asked, the gate's day and the policy's windows every figure is taken over. */
interface Scope {
  readonly asked: FinancingAsked;
  readonly nowDay: number;
  readonly window: number;
  readonly windows: number;
  /** The borrower's supplier tier. */
  readonly tier: number;
}

const tierOf = (index: ChainIndex, participantId: string): number => index.participants.get(participantId)?.tier ?? 1;

class RecentAndHistory {
  readonly recent = new Sample();
  readonly history = new Sample();
  /** The recent sample when `day` falls in the last window (after `since`), else the history. */
  at(day: number, since: number): Sample {
    return day > since ? this.recent : this.history;
  }
  get value(): { recent: RateSample; history: RateSample } {
    return { recent: this.recent.value, history: this.history.value };
  }
}

/** The core's receivables in the currency: overdue by due date, dilution by issue date. */
function receivableRates(snapshot: ChainSnapshot, { asked, nowDay, window }: Scope): Pick<ChainFigures, 'overdue' | 'dilution'> {
  const since = nowDay - window;
  const overdue = new RecentAndHistory();
  const dilution = new RecentAndHistory();
  for (const r of snapshot.receivables) {
    if (r.debtorId !== asked.debtorId || r.currency !== asked.currency) {
      continue;
    }
    if (r.status !== 'SPLIT' && r.dueDay <= nowDay) {
      overdue.at(r.dueDay, since).add(isOverdue(r, nowDay) ? r.outstanding : 0n, r.face, true);
    }
    if (r.issueDay <= nowDay) {
      const root = r.parentId === undefined;
      dilution.at(r.issueDay, since).add(r.diluted, root ? r.face : 0n, root);
    }
  }
  return { overdue: overdue.value, dilution: dilution.value };
}

/** Other financings in the currency: the bank's live book (on this chain and overall), and the tier's volume per window. */
function financingFigures(snapshot: ChainSnapshot, index: ChainIndex, scope: Scope): Pick<ChainFigures, 'bankOnChain' | 'tierVolume'> {
  const { asked } = scope;
  const volumes: bigint[] = Array.from({ length: scope.windows + 1 }, () => 0n);
  let chainExposure = 0n;
  let book = 0n;
  for (const f of snapshot.financings) {
    if (f.id === asked.id || f.currency !== asked.currency) {
      continue;
    }
    if (f.bankMsp === asked.bankMsp && LIVE_FINANCING.has(f.status)) {
      book += f.outstandingPrincipal;
      chainExposure += f.debtorId === asked.debtorId ? f.outstandingPrincipal : 0n;
    }
    const slot = volumeSlot(f, index, scope);
    if (slot !== undefined) {
      volumes[slot] = (volumes[slot] ?? 0n) + f.amount;
    }
  }
  return {
    bankOnChain: { chainExposureAfter: chainExposure + asked.amount, bookAfter: book + asked.amount },
    tierVolume: { tier: scope.tier, recent: (volumes[0] ?? 0n) + asked.amount, prior: volumes.slice(1).reverse() },
  };
}

/** The window (0 = the last) a financing asked on this chain by the borrower's tier counts in; undefined when it does not count. */
function volumeSlot(f: ChainFinancing, index: ChainIndex, { asked, nowDay, window, windows, tier }: Scope): number | undefined {
  if (f.debtorId !== asked.debtorId || NOT_ASKED.has(f.status)) {
    return undefined;
  }
  const age = nowDay - f.requestedDay;
  const slot = age < 0 ? -1 : Math.floor(age / window);
  return slot >= 0 && slot <= windows && tierOf(index, f.borrowerId) === tier ? slot : undefined;
}

/** The chain's live pledges in the currency, by the core or a member of its chain. */
function pledgeCoverage(index: ChainIndex, asked: FinancingAsked): ChainFigures['pledgeCoverage'] {
  const core = asked.debtorId;
  const members = index.membersOf.get(core);
  let value = 0n;
  let loans = 0n;
  let pledges = 0;
  for (const p of pledgeValues(index)) {
    if (p.currency === asked.currency && (p.ownerId === core || members?.has(p.ownerId) === true)) {
      value += p.value;
      loans += p.loan;
      pledges += 1;
    }
  }
  return { pledges, value, loans };
}

/** What the risk gate calls: the figures for a financing at the read model's current height. */
export type ChainFiguresSource = (policy: RiskPolicy, asked: FinancingAsked, nowSeconds: number) => Promise<ChainFigures>;

/** A financing that matches none: the figures of a scope with every financing of the snapshot counted and nothing asked. */
const NOBODY = '';

/**
 * `chainFigures` for many financings of one snapshot: the figures of each scope (bank, core,
 * currency, borrower tier, day, windows) computed once with every financing counted and nothing
 * asked, then, per financing, its own row (if the snapshot has it) taken off and its amount added.
 * The same figures as `chainFigures` (signals.test.ts compares them for every financing of a
 * chain), for one pass over the tables per scope and block instead of one per approval.
 */
export class ChainFiguresMemo {
  readonly #index: ChainIndex;
  readonly #financings: ReadonlyMap<string, ChainFinancing>;
  readonly #scopes = new Map<string, ChainFigures>();

  constructor(readonly snapshot: ChainSnapshot) {
    this.#index = indexChain(snapshot);
    this.#financings = new Map(snapshot.financings.map((f) => [f.id, f]));
  }

  figures(policy: ChainPolicy, asked: FinancingAsked, nowDay: number): ChainFigures {
    const tier = tierOf(this.#index, asked.borrowerId);
    const key = [asked.bankMsp, asked.debtorId, asked.currency, tier, nowDay, policy.windowDays, policy.tierVolumeWindows].join('\u0000');
    let base = this.#scopes.get(key);
    if (base === undefined) {
      base = chainFigures(this.snapshot, policy, { ...asked, id: NOBODY, amount: 0n }, nowDay, this.#index);
      this.#scopes.set(key, base);
    }
    const own = this.#financings.get(asked.id);
    const scope: Scope = { asked, nowDay, window: policy.windowDays, windows: policy.tierVolumeWindows, tier };
    let chainExposure = base.bankOnChain.chainExposureAfter;
    let book = base.bankOnChain.bookAfter;
    const volumes = [base.tierVolume.recent, ...[...base.tierVolume.prior].reverse()];
    if (own !== undefined && own.currency === asked.currency) {
      if (own.bankMsp === asked.bankMsp && LIVE_FINANCING.has(own.status)) {
        book -= own.outstandingPrincipal;
        chainExposure -= own.debtorId === asked.debtorId ? own.outstandingPrincipal : 0n;
      }
      const slot = volumeSlot(own, this.#index, scope);
      if (slot !== undefined) {
        volumes[slot] = (volumes[slot] ?? 0n) - own.amount;
      }
    }
    return {
      ...base,
      coreId: asked.debtorId,
      bankOnChain: { chainExposureAfter: chainExposure + asked.amount, bookAfter: book + asked.amount },
      tierVolume: { tier, recent: (volumes[0] ?? 0n) + asked.amount, prior: volumes.slice(1).reverse() },
    };
  }
}

export function chainFiguresSource(snapshots: { get(): Promise<ChainSnapshot> }): ChainFiguresSource {
  // The index and each scope's figures are pure functions of the snapshot: computed once per snapshot (per height), not per financing.
  const memos = new WeakMap<ChainSnapshot, ChainFiguresMemo>();
  return async (policy, asked, nowSeconds) => {
    const snapshot = await snapshots.get();
    let memo = memos.get(snapshot);
    if (memo === undefined) {
      memo = new ChainFiguresMemo(snapshot);
      memos.set(snapshot, memo);
    }
    return memo.figures(policy.chain, asked, Math.floor(nowSeconds / 86_400));
  };
}
