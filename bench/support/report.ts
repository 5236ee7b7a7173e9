/** The network benchmark's report: a table on stdout and the full results as JSON in bench/results/. */
import { repoRoot } from '@scf/network';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './stats';

export interface Row {
  readonly workload: string;
  readonly via: 'fabric-gateway' | 'REST';
  readonly result: LoadResult;
  /** What the ratio column compares, e.g. "TPS vs heartbeat c=10". */
  readonly ratioOf?: string;
  readonly ratio?: number;
  readonly extra?: Record<string, unknown>;
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function printTable(rows: readonly Row[], notes: readonly string[]): void {
  const header = ['workload', 'via', 'conc', 'tx', 'ok', 'TPS', 'p50 ms', 'p99 ms', 'failed/conflicts', 'ratio'];
  const body = rows.map((r) => [
    r.workload,
    r.via,
    String(r.result.concurrency),
    String(r.result.tx),
    String(r.result.ok),
    fmt(r.result.tps, 1),
    fmt(r.result.p50),
    fmt(r.result.p99),
    `${r.result.failures}/${r.result.conflicts}`,
    r.ratio === undefined ? '' : `${fmt(r.ratio, 2)} (${r.ratioOf ?? ''})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${body.map(line).join('\n')}\n`);
  for (const note of notes) {
    process.stdout.write(`note: ${note}\n`);
  }
  for (const r of rows) {
    if (r.extra) {
      process.stdout.write(`${r.workload} (${r.via}, c=${r.result.concurrency}): ${JSON.stringify(r.extra)}\n`);
    }
    if (r.result.failureSamples.length > 0) {
      process.stdout.write(`${r.workload} (${r.via}, c=${r.result.concurrency}) failures: ${r.result.failureSamples.join(' || ')}\n`);
    }
  }
}

/** Writes bench/results/<startedAt>.json; returns its path. */
export function writeJson(
  startedAt: Date,
  run: { readonly runId: string; readonly rows: readonly Row[]; readonly notes: readonly string[]; readonly errors: readonly string[] },
): string {
  const dir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = {
    nproc: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
  fs.writeFileSync(
    file,
    `${JSON.stringify({ runId: run.runId, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine, rows: run.rows, notes: run.notes, errors: run.errors }, null, 2)}\n`,
  );
  return file;
}
