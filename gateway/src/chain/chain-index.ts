import {
  LIVE_FINANCING,
  LIVE_PLEDGE,
  priceKey,
  type ChainFinancing,
  type ChainParticipant,
  type ChainPledge,
  type ChainPrice,
  type ChainReceipt,
  type ChainReceivable,
  type ChainSnapshot,
} from './snapshot';

/** Who passed a claim to whom: the core to its tier-1 seller, or a holder to the upstream supplier it split a part off to. */
export interface ArrivalEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * Lookups over a snapshot, built in one pass each: maps keyed by id, never a search per item.
 * Shared by the graph, the metrics, the signals and the stress engine.
 */
export interface ChainIndex {
  readonly snapshot: ChainSnapshot;
  readonly participants: ReadonlyMap<string, ChainParticipant>;
  readonly receivables: ReadonlyMap<string, ChainReceivable>;
  /** Live financing (ACTIVE or DEFAULTED) per receivable id. */
  readonly liveFinancingOf: ReadonlyMap<string, ChainFinancing>;
  readonly prices: ReadonlyMap<string, ChainPrice>;
  /** Core enterprises with receivables, sorted. */
  readonly coreIds: readonly string[];
  /** Per core: every participant holding or having sold a claim on it. */
  readonly membersOf: ReadonlyMap<string, ReadonlySet<string>>;
  arrivalOf(receivable: ChainReceivable): ArrivalEdge;
}

export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function indexChain(snapshot: ChainSnapshot): ChainIndex {
  const participants = new Map(snapshot.participants.map((p) => [p.id, p]));
  const receivables = new Map(snapshot.receivables.map((r) => [r.id, r]));
  const liveFinancingOf = new Map<string, ChainFinancing>();
  for (const f of snapshot.financings) {
    if (LIVE_FINANCING.has(f.status)) {
      liveFinancingOf.set(f.receivableId, f);
    }
  }
  const prices = new Map(snapshot.prices.map((p) => [priceKey(p.commodity, p.grade, p.unit), p]));
  const membersOf = new Map<string, Set<string>>();
  for (const r of snapshot.receivables) {
    let members = membersOf.get(r.debtorId);
    if (members === undefined) {
      members = new Set();
      membersOf.set(r.debtorId, members);
    }
    members.add(r.creditorId);
    members.add(r.holderId);
  }
  const arrivals = new Map<string, ArrivalEdge>();
  const arrivalOf = (receivable: ChainReceivable): ArrivalEdge => {
    const known = arrivals.get(receivable.id);
    if (known !== undefined) {
      return known;
    }
    // Walk up to the nearest ancestor whose holder differs (or the root), then memoise the path.
    const path: ChainReceivable[] = [];
    let current: ChainReceivable = receivable;
    let edge: ArrivalEdge | undefined;
    for (;;) {
      const cached = arrivals.get(current.id);
      if (cached !== undefined) {
        edge = cached;
        break;
      }
      path.push(current);
      const parent = current.parentId === undefined ? undefined : receivables.get(current.parentId);
      if (parent === undefined) {
        edge = { from: current.debtorId, to: current.holderId };
        break;
      }
      if (parent.holderId !== current.holderId) {
        edge = { from: parent.holderId, to: current.holderId };
        break;
      }
      current = parent;
    }
    for (const r of path) {
      arrivals.set(r.id, edge);
    }
    return edge;
  };
  return {
    snapshot,
    participants,
    receivables,
    liveFinancingOf,
    prices,
    coreIds: [...membersOf.keys()].sort(byId),
    membersOf,
    arrivalOf,
  };
}

/** A live pledge with the value of its goods at the oracle's price. */
export interface PledgeValue {
  pledgeId: string;
  ownerId: string;
  bankMsp: string;
  warehouseId: string;
  commodity: string;
  currency: string;
  loan: bigint;
  value: bigint;
  haircutBps: bigint;
  maintenanceRatioBps: bigint;
}

type PriceFactor = (commodity: string) => { num: bigint; den: bigint };

/** Live pledges with the value of their goods at the oracle's price (0 when the receipt or price is unknown). */
export function pledgeValues(index: ChainIndex, priceFactor: PriceFactor = () => ({ num: 1n, den: 1n })): PledgeValue[] {
  const receipts = new Map(index.snapshot.receipts.map((r) => [r.id, r]));
  return index.snapshot.pledges
    .filter((p) => LIVE_PLEDGE.has(p.status))
    .map((p) => valuePledge(index, p, receipts.get(p.receiptId), priceFactor));
}

function valuePledge(index: ChainIndex, p: ChainPledge, receipt: ChainReceipt | undefined, priceFactor: PriceFactor): PledgeValue {
  const price = receipt === undefined ? undefined : index.prices.get(priceKey(receipt.commodity, receipt.grade, receipt.unit));
  const value = goodsValue(receipt, price, priceFactor);
  return {
    pledgeId: p.id,
    ownerId: p.ownerId,
    bankMsp: p.bankMsp,
    warehouseId: receipt?.warehouseId ?? '',
    commodity: receipt?.commodity ?? '',
    currency: p.currency ?? price?.currency ?? '',
    loan: p.loanAmount,
    value,
    haircutBps: p.haircutBps,
    maintenanceRatioBps: p.maintenanceRatioBps,
  };
}

function goodsValue(receipt: ChainReceipt | undefined, price: ChainPrice | undefined, priceFactor: PriceFactor): bigint {
  const factor = priceFactor(receipt?.commodity ?? '');
  return receipt === undefined || price === undefined ? 0n : (receipt.quantity * price.pricePerUnit * factor.num) / factor.den;
}
