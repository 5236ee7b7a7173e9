/** Latency statistics and a closed-loop load runner for the network benchmark. */

export type Outcome = 'ok' | 'conflict' | 'failed';

export interface Sample {
  readonly outcome: Outcome;
  readonly ms: number;
  readonly detail?: string;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly tx: number;
  readonly ok: number;
  readonly conflicts: number;
  readonly failures: number;
  readonly elapsedMs: number;
  /** Successful operations per second of wall time (first start to last completion). */
  readonly tps: number;
  /** Latency percentiles of the successful operations, in ms. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  /** Up to five distinct failure messages, for the report. */
  readonly failureSamples: string[];
}

/** Nearest-rank percentile of sorted values; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The count, p50 and p99 (rounded ms) of one leg's timings. */
export function legs(values: readonly number[]): { n: number; p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)) };
}

export function summarise(concurrency: number, samples: readonly Sample[], elapsedMs: number): LoadResult {
  const latencies = samples
    .filter((s) => s.outcome === 'ok')
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const ok = latencies.length;
  const conflicts = samples.filter((s) => s.outcome === 'conflict').length;
  const failures = samples.filter((s) => s.outcome === 'failed').length;
  const failureSamples = [...new Set(samples.flatMap((s) => (s.outcome === 'ok' || s.detail === undefined ? [] : [s.detail])))].slice(0, 5);
  return {
    concurrency,
    tx: samples.length,
    ok,
    conflicts,
    failures,
    elapsedMs,
    tps: elapsedMs > 0 ? (ok * 1000) / elapsedMs : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: ok > 0 ? latencies.reduce((a, b) => a + b, 0) / ok : Number.NaN,
    failureSamples,
  };
}

export interface LoadOptions {
  readonly concurrency: number;
  /** Stop starting new operations after this long (in-flight ones are awaited). */
  readonly durationMs: number;
  /** Stop after this many operations even before durationMs (e.g. the prepared inputs run out). */
  readonly maxOps?: number;
  /** One operation; `index` is unique within the run. */
  readonly op: (index: number) => Promise<Sample>;
}

/** Keeps `concurrency` operations in flight until the time or the operations run out. */
export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const samples: Sample[] = [];
  const started = performance.now();
  const stopAt = started + options.durationMs;
  const maxOps = options.maxOps ?? Number.POSITIVE_INFINITY;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < stopAt && next < maxOps) {
      const index = next++;
      samples.push(await options.op(index));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarise(options.concurrency, samples, performance.now() - started);
}

/** Times one async call and classifies it. */
export async function timed(fn: () => Promise<Outcome | { outcome: Outcome; detail?: string }>): Promise<Sample> {
  const t0 = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t0;
    return typeof result === 'string' ? { outcome: result, ms } : { ...result, ms };
  } catch (error) {
    return { outcome: 'failed', ms: performance.now() - t0, detail: describeError(error) };
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const details = (error as { details?: { message?: string }[] }).details ?? [];
    const extra = details.map((d) => d.message ?? '').filter((m) => m.length > 0)[0];
    return (extra === undefined ? error.message : `${error.message}: ${extra}`).slice(0, 300);
  }
  return String(error).slice(0, 300);
}

/** Runs `fn` over `items` with at most `limit` in flight (untimed set-up). */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
