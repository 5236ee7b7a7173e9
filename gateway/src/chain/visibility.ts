import { positionViewerOf, seesBank, type PositionViewer } from '../analytics/position-viewer';
import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { CoreMetrics } from './core-metrics';
import type { ChainGraph } from './graph';
import type { StressResult } from './stress/result';
import { ErrorCode } from '@scf/kernel/errors';

export type ChainViewer = PositionViewer;

export function chainViewerOf(caller: Pick<Caller, 'role' | 'mspId'>): ChainViewer {
  return positionViewerOf(caller, 'only bank officers and the auditor see the chain view');
}

/** The viewer narrowed to `bankMsp` when one is asked for: the auditor may pick any bank, a bank only itself. */
export function narrowTo(viewer: ChainViewer, bankMsp: string | undefined): ChainViewer {
  if (bankMsp === undefined) {
    return viewer;
  }
  if (viewer.kind === 'bank' && viewer.bankMsp !== bankMsp) {
    throw new ApiError(ErrorCode.FORBIDDEN, `a bank sees only its own positions, not ${bankMsp}'s`);
  }
  return { kind: 'bank', bankMsp };
}

/** Receivable edges keep their (trade) totals with only the viewer's exposure; goods edges are per bank, so only the viewer's own remain. */
export function graphFor(viewer: ChainViewer, graph: ChainGraph): ChainGraph {
  if (viewer.kind === 'auditor') {
    return graph;
  }
  const edges = graph.edges
    .filter((e) => e.kind === 'receivable' || e.banks.some((b) => b.bankMsp === viewer.bankMsp))
    .map((e) => ({ ...e, banks: e.banks.filter((b) => b.bankMsp === viewer.bankMsp) }));
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  return { ...graph, nodes: graph.nodes.filter((n) => used.has(n.id)), edges };
}

/** Consortium aggregates (financed total, HHI, bank count, goods) stay; the per-bank list keeps only the viewer's line. */
export function metricsFor(viewer: ChainViewer, metrics: readonly CoreMetrics[]): CoreMetrics[] {
  return metrics.map((m) => (viewer.kind === 'auditor' ? m : { ...m, banks: m.banks.filter((b) => b.bankMsp === viewer.bankMsp) }));
}

/**
 * Consortium totals, counts and the suppliers' liquidity gaps stay; bank lines, listed receivables
 * and margin calls only the viewer's own: a bank is listed only the receivables it finances (an
 * unfinanced receivable is its creditor's, holders' and debtor's, never another bank's to read).
 */
export function stressFor(viewer: ChainViewer, result: StressResult): StressResult {
  if (viewer.kind === 'auditor') {
    return result;
  }
  return {
    ...result,
    banks: result.banks.filter((b) => b.bankMsp === viewer.bankMsp),
    receivables: {
      ...result.receivables,
      listed: result.receivables.listed.filter((r) => r.bankMsp !== null && seesBank(viewer, r.bankMsp)),
    },
    marginCalls: result.marginCalls.filter((m) => m.bankMsp === viewer.bankMsp),
  };
}
