/**
 * Workload 6 of the network bench (opt-in, `--growth=1000,10000`): how the cost of a ledger
 * history query, a risk-gate assessment and a chain stress run grows with the ledger. For each
 * size in turn the ledger is topped up to that many receivables (IssueReceivable as supplier-1,
 * 50 in flight, untimed), the read model is let catch up, and the three are timed; each row then
 * prints its p50 as a factor of the first size's. The ledger persists, so a second run only tops
 * up what is missing (and measures at the ledger's size when it already holds more).
 */
import type { Row } from './report';
import type { RestClient } from './rest';
import { closedLoop, inParallel, summarise, timed, type LoadResult, type Sample } from './stats';

export interface GrowthDeps {
  readonly rest: RestClient;
  readonly sizes: readonly number[];
  readonly log: (message: string) => void;
  /** Issues one receivable (the network bench's `issue` as supplier-1); resolves to whether it committed. */
  readonly issueOne: (index: number) => Promise<boolean>;
  /** Prepares `count` REQUESTED financings on a fresh line; resolves to their ids. */
  readonly prepareFinancings: (tag: string, count: number) => Promise<string[]>;
}

const STRESS = { scenario: { kind: 'core-default', coreId: 'core', recoveryBps: 4000 } };

async function receivablesInReadModel(rest: RestClient): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 2_000; page++) {
    const query = `/v1/search/receivables?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = await rest.ok<{ items: unknown[]; nextCursor?: string }>('auditor', 'GET', query);
    count += body.items.length;
    cursor = body.nextCursor;
    if (!cursor || body.items.length === 0) {
      return count;
    }
  }
  return count;
}

async function caughtUp(rest: RestClient): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const status = await rest.ok<{ lag: string }>('auditor', 'GET', '/v1/readmodel/status');
    if (status.lag === '0') {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function topUp(deps: GrowthDeps, target: number, issued: { next: number }): Promise<number> {
  await caughtUp(deps.rest);
  const have = await receivablesInReadModel(deps.rest);
  const missing = Math.max(0, target - have);
  if (missing > 0) {
    deps.log(`6 growth: ${have} receivables, issuing ${missing} more (50 in flight, untimed)`);
    const t0 = performance.now();
    await inParallel(
      Array.from({ length: missing }, (_, i) => i),
      50,
      () => deps.issueOne(issued.next++),
    );
    deps.log(`  issued in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await caughtUp(deps.rest);
  }
  return receivablesInReadModel(deps.rest);
}

/** p50 of `runs` sequential calls, as a LoadResult (1 in flight). */
async function sequential(runs: number, fn: () => Promise<Sample>): Promise<LoadResult> {
  const samples: Sample[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    samples.push(await fn());
  }
  return summarise(1, samples, performance.now() - t0);
}

interface Measured {
  readonly name: string;
  readonly result: LoadResult;
}

async function measureAt(deps: GrowthDeps, size: number): Promise<Measured[]> {
  const { rest } = deps;
  deps.log(`6 growth at ${size} receivables: history, assessments, stress`);
  const financings = await deps.prepareFinancings(`g${size}`, 20);
  // A receivable issued, confirmed and asked to finance: three versions in its history.
  const historyTarget = (financings[0] ?? '').replace(/-f$/, '');
  const history = await closedLoop({
    concurrency: 10,
    durationMs: 5_000,
    op: () => timed(() => rest.classified('auditor', 'GET', `/v1/receivables/${historyTarget}/history`)),
  });
  const assess = await closedLoop({
    concurrency: 5,
    durationMs: 60_000,
    maxOps: financings.length,
    op: (i) =>
      timed(() =>
        rest.classified(
          'bank-a',
          'POST',
          `/v1/financings/${financings[i] ?? ''}/assess`,
          undefined,
          (r) => r.status === 200 || r.status === 202,
        ),
      ),
  });
  const stress = await sequential(5, () => timed(() => rest.classified('auditor', 'POST', '/v1/chain/stress', STRESS)));
  return [
    { name: '6 GET receivable history (ledger)', result: history },
    { name: '6 POST assess (risk gate, approve/review)', result: assess },
    { name: '6 POST chain stress (core default)', result: stress },
  ];
}

export async function growth(deps: GrowthDeps): Promise<Row[]> {
  const rows: Row[] = [];
  const first = new Map<string, { size: number; p50: number }>();
  const issued = { next: 0 };
  for (const target of [...deps.sizes].sort((a, b) => a - b)) {
    const size = await topUp(deps, target, issued);
    for (const { name, result } of await measureAt(deps, size)) {
      const base = first.get(name);
      if (base === undefined) {
        first.set(name, { size, p50: result.p50 });
      }
      rows.push({
        workload: `${name} at ${size} receivables`,
        via: 'REST',
        result,
        ...(base ? { ratioOf: `p50 growth for ×${(size / base.size).toFixed(1)} receivables`, ratio: result.p50 / base.p50 } : {}),
        extra: { receivables: size },
      });
    }
  }
  return rows;
}
