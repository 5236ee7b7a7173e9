/**
 * Benchmark of the chain stress engine: each scenario over a generated chain (one core, 100
 * tier-1 and 100 tier-2 suppliers, every receivable split once, a third of the parts financed by
 * three banks, pledged goods) of 10,000 and 100,000 receivables. Times the pure engine (index +
 * one pass + sorted output) and the JSON it returns, as the API serves it; then the same chain
 * end to end through a SQLite read model (the whole-table load the API does on a new height).
 *
 *   npx tsc -b gateway && npx tsc -p bench && node bench/dist/bench/chain-stress.js [--sizes=10000,100000] [--runs=5] [--no-load]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChainSnapshot } from '../gateway/src/chain/load-snapshot';
import { runStress } from '../gateway/src/chain/stress/engine';
import type { StressScenario } from '../gateway/src/chain/stress/scenario';
import { largeChain } from '../gateway/src/chain/testing/chain-fixture';
import { chainReadModel } from './support/chain-read-model';

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const SCENARIOS: readonly StressScenario[] = [
  { kind: 'core-default', coreId: 'core', recoveryBps: 4000 },
  { kind: 'core-late', coreId: 'core', days: 30 },
  { kind: 'price-fall', commodity: 'copper', fallBps: 3000 },
  { kind: 'supplier-failure', supplierId: 't1-7', dilutionBps: 2000 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const sizes = option('sizes', '10000,100000').split(',').map(Number);
const runs = Number(option('runs', '5'));
console.log(`chain stress engine, median of ${String(runs)} runs (ms): index + scenario + JSON`);
const perItem: number[] = [];
for (const size of sizes) {
  const snapshot = largeChain(size);
  const row: string[] = [];
  let worst = 0;
  for (const scenario of SCENARIOS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      bytes = JSON.stringify(runStress(snapshot, scenario)).length;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const ms = median(times);
    worst = Math.max(worst, ms);
    row.push(`${scenario.kind} ${ms.toFixed(1)} (${String(Math.round(bytes / 1024))} KiB)`);
  }
  perItem.push(worst / snapshot.receivables.length);
  console.log(
    `  ${String(snapshot.receivables.length).padStart(7)} receivables, ${String(snapshot.financings.length)} financings, ${String(snapshot.pledges.length)} pledges: ${row.join(' | ')}`,
  );
}
if (perItem.length > 1) {
  console.log(`  slowest scenario per receivable: ${perItem.map((x) => `${(x * 1000).toFixed(2)} µs`).join(' → ')} (flat = linear)`);
}

/**
 * End to end through the read model: the same chain written into a SQLite read model file, then
 * loaded as the API does (whole tables, one query each) and stressed. Skipped with --no-load.
 */
async function throughReadModel(size: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-chain-bench-'));
  const file = path.join(dir, 'read-model.db');
  const snapshot = largeChain(size);
  const repository = await chainReadModel(file, snapshot);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const loaded = await loadChainSnapshot(repository);
    JSON.stringify(runStress(loaded, SCENARIOS[0] ?? { kind: 'core-late', coreId: 'core', days: 1 }));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await repository.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `  ${String(snapshot.receivables.length).padStart(7)} receivables through a SQLite read model (load + core-default + JSON): ${median(times).toFixed(0)} ms`,
  );
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-load')) {
    for (const size of sizes) {
      await throughReadModel(size);
    }
  }
}

void main();
