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
