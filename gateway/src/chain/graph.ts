import { byId, indexChain, pledgeValues, type ChainIndex } from './chain-index';
import { isoDay, OPEN_RECEIVABLE, type ChainSnapshot } from './snapshot';

export interface GraphNode {
  readonly id: string;
  readonly role: string;
  readonly name: string;
  readonly tier: number | null;
}

export interface BankExposure {
  readonly bankMsp: string;
  readonly exposure: string;
}

/**
 * `receivable`: claims on `coreId` that passed from `from` to `to` (core → tier-1 seller, or
 * holder → upstream supplier); `goods`: a warehouse's receipts for `to`'s goods, with the loans
 * pledged against them.
 */
export interface GraphEdge {
  readonly kind: 'receivable' | 'goods';
  readonly coreId: string | null;
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  /** Open receivables' outstanding; for goods, their value at the oracle's price. */
  readonly amount: string;
  readonly count: number;
  /** Live financing principal (goods: pledge loans) per bank, sorted by bank. */
  readonly banks: BankExposure[];
}

export interface ChainGraph {
  readonly height: string;
  readonly asOf: string;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

interface EdgeTotals {
  kind: 'receivable' | 'goods';
  coreId: string | null;
  from: string;
  to: string;
  currency: string;
  amount: bigint;
  count: number;
  banks: Map<string, bigint>;
}

function totalsFor(edges: Map<string, EdgeTotals>, key: Omit<EdgeTotals, 'amount' | 'count' | 'banks'>): EdgeTotals {
  const id = [key.kind, key.coreId ?? '', key.from, key.to, key.currency].join('\u0000');
  let totals = edges.get(id);
  if (totals === undefined) {
    totals = { ...key, amount: 0n, count: 0, banks: new Map() };
    edges.set(id, totals);
  }
  return totals;
}

const addTo = (banks: Map<string, bigint>, bank: string, amount: bigint): void => {
  banks.set(bank, (banks.get(bank) ?? 0n) + amount);
};

/** The supply-chain graph of every core: who passed claims to whom, warehouses and pledged goods, and each bank's exposure on every edge. */
export function chainGraph(snapshot: ChainSnapshot, index: ChainIndex = indexChain(snapshot)): ChainGraph {
  const edges = new Map<string, EdgeTotals>();
  const used = new Set<string>();
  for (const r of snapshot.receivables) {
    if (!OPEN_RECEIVABLE.has(r.status)) {
      continue;
    }
    const arrival = index.arrivalOf(r);
    const totals = totalsFor(edges, { kind: 'receivable', coreId: r.debtorId, from: arrival.from, to: arrival.to, currency: r.currency });
    totals.amount += r.outstanding;
    totals.count += 1;
    const financing = index.liveFinancingOf.get(r.id);
    if (financing !== undefined) {
      addTo(totals.banks, financing.bankMsp, financing.outstandingPrincipal);
    }
    used.add(arrival.from).add(arrival.to);
  }
  for (const p of pledgeValues(index)) {
    const totals = totalsFor(edges, { kind: 'goods', coreId: null, from: p.warehouseId, to: p.ownerId, currency: p.currency });
    totals.amount += p.value;
    totals.count += 1;
    addTo(totals.banks, p.bankMsp, p.loan);
    used.add(p.warehouseId).add(p.ownerId);
  }
  const nodes = [...used].sort(byId).map((id): GraphNode => {
    const p = index.participants.get(id);
    return { id, role: p?.role ?? 'unknown', name: p?.name ?? id, tier: p?.tier ?? null };
  });
  const sorted = [...edges.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([, e]): GraphEdge => ({
      kind: e.kind,
      coreId: e.coreId,
      from: e.from,
      to: e.to,
      currency: e.currency,
      amount: e.amount.toString(),
      count: e.count,
      banks: [...e.banks.entries()]
        .sort(([a], [b]) => byId(a, b))
        .map(([bankMsp, exposure]) => ({ bankMsp, exposure: exposure.toString() })),
    }));
  return { height: snapshot.height.toString(), asOf: isoDay(snapshot.asOfDay), nodes, edges: sorted };
}

/** One core's part of the graph: its receivable edges, and the goods of the participants in them. */
export function graphOfCore(graph: ChainGraph, coreId: string): ChainGraph {
  const claims = graph.edges.filter((e) => e.kind === 'receivable' && e.coreId === coreId);
  const members = new Set(claims.flatMap((e) => [e.from, e.to]));
  const edges = graph.edges.filter((e) => (e.kind === 'receivable' ? e.coreId === coreId : members.has(e.to)));
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  return { ...graph, nodes: graph.nodes.filter((n) => used.has(n.id)), edges };
}
