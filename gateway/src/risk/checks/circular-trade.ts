import { raise, type Check } from '../finding';
import type { TransferEdge } from '../inputs';

/**
 * The shortest chain of transfers that leads from `start` back to `start` in at most
 * `maxDepth` hops, or undefined. Breadth-first, so the first return found is the shortest;
 * each participant is expanded at most once, so the search is O(edges).
 */
export function findCycle(edges: readonly TransferEdge[], start: string, maxDepth: number): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const targets = next.get(from);
    if (targets === undefined) {
      next.set(from, [to]);
    } else {
      targets.push(to);
    }
  }
  const parent = new Map<string, string>();
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const target of next.get(node) ?? []) {
        if (target === start) {
          return pathTo(parent, node, start);
        }
        if (!parent.has(target)) {
          parent.set(target, node);
          following.push(target);
        }
      }
    }
    frontier = following;
  }
  return undefined;
}

/**
 * The transfers `findCycle(edges, start, maxDepth)` can look at: every edge leaving a participant
 * within `maxDepth - 1` hops of `start` (the search expands those and no others), once each,
 * sorted. Whatever else is in `edges` cannot change its answer.
 */
export function edgesWithin(edges: readonly TransferEdge[], start: string, maxDepth: number): TransferEdge[] {
  const next = new Map<string, TransferEdge[]>();
  for (const edge of edges) {
    const leaving = next.get(edge.from);
    if (leaving === undefined) {
      next.set(edge.from, [edge]);
    } else {
      leaving.push(edge);
    }
  }
  const reached = new Set([start]);
  const used = new Map<string, TransferEdge>();
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const edge of next.get(node) ?? []) {
        used.set(JSON.stringify([edge.from, edge.to]), { from: edge.from, to: edge.to });
        if (!reached.has(edge.to)) {
          reached.add(edge.to);
          following.push(edge.to);
        }
      }
    }
    frontier = following;
  }
  return [...used.keys()].sort().map((key) => used.get(key) as TransferEdge);
}

function pathTo(parent: ReadonlyMap<string, string>, last: string, start: string): string[] {
  const path = [last, start];
  for (let node = last; node !== start;) {
    const previous = parent.get(node);
    if (previous === undefined) {
      break;
    }
    path.unshift(previous);
    node = previous;
  }
  return path;
}

/** Round-tripping: the borrower's receivables come back to it through others (it is upstream of itself). */
export const circularTrade: Check = (policy, inputs) => {
  const { maxDepth, severity } = policy.circularTrade;
  const cycle = findCycle(inputs.transfers, inputs.request.borrowerId, maxDepth);
  return cycle === undefined
    ? undefined
    : raise(
        policy,
        'CIRCULAR_TRADE',
        severity,
        `transfers return to ${inputs.request.borrowerId} in ${cycle.length - 1} hops: ${cycle.join(' → ')} (searched ${maxDepth})`,
      );
};
