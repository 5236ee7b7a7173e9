import type { ChainFigures, RateSample } from '../risk/inputs';
import type { ChainPolicy, RiskPolicy } from '../risk/policy';
import { indexChain, pledgeValues, type ChainIndex } from './chain-index';
import { isOverdue } from './core-metrics';
import { LIVE_FINANCING, type ChainSnapshot } from './snapshot';

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
  const core = asked.debtorId;
  const window = policy.windowDays;
  const since = nowDay - window;
  const overdue = { recent: new Sample(), history: new Sample() };
  const dilution = { recent: new Sample(), history: new Sample() };
  for (const r of snapshot.receivables) {
    if (r.debtorId !== core || r.currency !== asked.currency) {
      continue;
    }
    if (r.status !== 'SPLIT' && r.dueDay <= nowDay) {
      (r.dueDay > since ? overdue.recent : overdue.history).add(isOverdue(r, nowDay) ? r.outstanding : 0n, r.face, true);
    }
    if (r.issueDay <= nowDay) {
      const root = r.parentId === undefined;
      (r.issueDay > since ? dilution.recent : dilution.history).add(r.diluted, root ? r.face : 0n, root);
    }
  }

  const tier = index.participants.get(asked.borrowerId)?.tier ?? 1;
  const windows = policy.tierVolumeWindows;
  const volumes: bigint[] = Array.from({ length: windows + 1 }, () => 0n);
  let chainExposure = 0n;
  let book = 0n;
  for (const f of snapshot.financings) {
    if (f.id === asked.id || f.currency !== asked.currency) {
      continue;
    }
    if (f.bankMsp === asked.bankMsp && LIVE_FINANCING.has(f.status)) {
      book += f.outstandingPrincipal;
      chainExposure += f.debtorId === core ? f.outstandingPrincipal : 0n;
    }
    const age = nowDay - f.requestedDay;
    const slot = age < 0 ? -1 : Math.floor(age / window);
    if (
      f.debtorId === core &&
      !NOT_ASKED.has(f.status) &&
      slot >= 0 &&
      slot <= windows &&
      (index.participants.get(f.borrowerId)?.tier ?? 1) === tier
    ) {
      volumes[slot] = (volumes[slot] ?? 0n) + f.amount;
    }
  }

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

  return {
    coreId: core,
    overdue: { recent: overdue.recent.value, history: overdue.history.value },
    dilution: { recent: dilution.recent.value, history: dilution.history.value },
    bankOnChain: { chainExposureAfter: chainExposure + asked.amount, bookAfter: book + asked.amount },
    pledgeCoverage: { pledges, value, loans },
    tierVolume: { tier, recent: (volumes[0] ?? 0n) + asked.amount, prior: volumes.slice(1).reverse() },
  };
}

/** What the risk gate calls: the figures for a financing at the read model's current height. */
export type ChainFiguresSource = (policy: RiskPolicy, asked: FinancingAsked, nowSeconds: number) => Promise<ChainFigures>;

export function chainFiguresSource(snapshots: { get(): Promise<ChainSnapshot> }): ChainFiguresSource {
  return async (policy, asked, nowSeconds) => chainFigures(await snapshots.get(), policy.chain, asked, Math.floor(nowSeconds / 86_400));
}
