/**
 * Workload 1 of the network bench: our cheapest write (scf.system:Heartbeat, a new label per
 * transaction) against the minimal chaincode (one putState, network/src/minimal-chaincode.ts)
 * on the same peers, with the same endorsement policy and the same client, interleaved
 * ours/minimal/ours/minimal… at each concurrency so that the machine's load drifts over both
 * alike. The ratio is our committed TPS over the minimal's, each summed over its rounds.
 */
import { ensureMinimalChaincode, MINIMAL_CHAINCODE } from '@scf/network';
import os from 'node:os';
import path from 'node:path';
import type { FabricClients } from './fabric';
import { type CpuGroup, cpuSnapshot, cpuSpent, perOperation } from './proc-cpu';
import type { Row } from './report';
import { closedLoop, summarise, timed, type LoadResult, type Sample } from './stats';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

/** One identity per org, so the six peers' gateways share the load (as in every earlier run). */
const CALLERS = ['supplier-1', 'core', 'bank-a', 'bank-b', 'warehouse', 'auditor'];

export interface BlindWriteOptions {
  readonly run: string;
  /** How long the ours-only levels run. */
  readonly seconds: number;
  /** How long each round of a compared level runs, per side. */
  readonly comparedSeconds: number;
  /** Ours-only levels (no comparison), then the compared ones. */
  readonly soloLevels: readonly number[];
  readonly comparedLevels: readonly number[];
  /** ours+minimal pairs per compared level, the order alternating (ours first, then minimal first, …). */
  readonly rounds: number;
  readonly log: (message: string) => void;
}

type Side = 'ours' | 'minimal';

/** The untimed warm-up per side before a compared level's rounds. */
const WARM_LEVEL_MS = 3_000;

/**
 * The untimed warm-up per side before anything is measured, at the first compared level's
 * concurrency: a chaincode server just started (by `npm start`, or a new sequence of ours) spent
 * 11 ms of CPU per heartbeat in its first 10 s and 4.4 ms after a minute (bench/README), and one
 * side may have been started a minute ago while the other has run for hours.
 */
const WARM_START_MS = 30_000;

/** A closed loop on one side; every sample also goes to `samples` when given (the combined row). */
function load(
  fabric: FabricClients,
  side: Side,
  run: string,
  concurrency: number,
  ms: number,
  tag: string,
  samples?: Sample[],
): Promise<LoadResult> {
  return closedLoop({
    concurrency,
    durationMs: ms,
    op: async (i) => {
      const caller = CALLERS[i % CALLERS.length] ?? 'auditor';
      const label = `${run}-${tag}-${i}`;
      const sample = await timed(() =>
        side === 'ours'
          ? fabric.submit(caller, call(tx.system.Heartbeat, { label }))
          : fabric.submitOther(caller, MINIMAL_CHAINCODE, 'put', [label]),
      );
      samples?.push(sample);
      return sample;
    },
  });
}

/** Sums rounds: operations and wall time add, latencies are re-ranked over all samples. */
function combine(concurrency: number, rounds: readonly LoadResult[], samples: readonly Sample[]): LoadResult {
  const elapsed = rounds.reduce((ms, r) => ms + r.elapsedMs, 0);
  return summarise(concurrency, samples, elapsed);
}

/** CPU ms per group, summed over a side's rounds. */
type CpuTally = Map<CpuGroup, number>;

async function round(
  fabric: FabricClients,
  side: Side,
  options: BlindWriteOptions,
  concurrency: number,
  tag: string,
  samples: Sample[],
  cpu: CpuTally,
): Promise<LoadResult> {
  const before = cpuSnapshot();
  const result = await load(fabric, side, options.run, concurrency, options.comparedSeconds * 1000, tag, samples);
  for (const [group, ms] of cpuSpent(before, cpuSnapshot())) {
    cpu.set(group, (cpu.get(group) ?? 0) + ms);
  }
  const loadAverage = os.loadavg()[0] ?? Number.NaN;
  options.log(
    `  ${side.padEnd(7)} c=${concurrency} ${tag}: ${result.tps.toFixed(1)} TPS, p50 ${result.p50.toFixed(0)} ms (load ${loadAverage.toFixed(1)})`,
  );
  return result;
}

/** CPU ms per committed transaction by group (the other side's chaincode servers left out). */
function perTx(cpu: CpuTally, committed: number, side: Side): Record<string, number> {
  return perOperation(cpu, committed, side === 'ours' ? 'chaincode (minimal)' : 'chaincode (ours)');
}

export async function blindWrites(fabric: FabricClients, options: BlindWriteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const minimal = await ensureMinimalChaincode(path.join(__dirname, '..', 'minimal-chaincode', 'server.js'), options.log);
  // Warm both paths (connections, the servers' compiled code), untimed, to a steady state.
  const warmConcurrency = options.comparedLevels[0] ?? 12;
  options.log(`1 warm-up: ours, then ${MINIMAL_CHAINCODE}, ${WARM_START_MS / 1000} s each at c=${warmConcurrency} (untimed)`);
  await load(fabric, 'ours', options.run, warmConcurrency, WARM_START_MS, 'warm');
  await load(fabric, 'minimal', options.run, warmConcurrency, WARM_START_MS, 'warm');
  for (const concurrency of options.soloLevels) {
    options.log(`1 heartbeat c=${concurrency}`);
    const result = await load(fabric, 'ours', options.run, concurrency, options.seconds * 1000, `hb${concurrency}`);
    rows.push({ workload: '1 Heartbeat (blind write)', via: 'fabric-gateway', result });
  }
  for (const concurrency of options.comparedLevels) {
    options.log(
      `1 heartbeat vs ${MINIMAL_CHAINCODE} c=${concurrency}, ${options.rounds} × (ours, minimal) in alternating order, ${options.comparedSeconds} s each`,
    );
    const ours: LoadResult[] = [];
    const mins: LoadResult[] = [];
    const oursSamples: Sample[] = [];
    const minSamples: Sample[] = [];
    const oursCpu: CpuTally = new Map();
    const minCpu: CpuTally = new Map();
    // Each side a few untimed seconds at this level first: the first round of a level ran slower
    // than the next (the peers' and servers' queues filling), whichever side it was.
    await load(fabric, 'ours', options.run, concurrency, WARM_LEVEL_MS, `warm${concurrency}`);
    await load(fabric, 'minimal', options.run, concurrency, WARM_LEVEL_MS, `warm${concurrency}`);
    const loadBefore = os.loadavg()[0] ?? Number.NaN;
    // Alternating which side goes first (ours, minimal, minimal, ours, …): a machine that heats up or
    // calms down over a level then weighs on both sides alike.
    const sides = {
      ours: { results: ours, samples: oursSamples, cpu: oursCpu, tag: 'o' },
      minimal: { results: mins, samples: minSamples, cpu: minCpu, tag: 'm' },
    } as const;
    for (let r = 0; r < options.rounds; r++) {
      for (const side of r % 2 === 0 ? (['ours', 'minimal'] as const) : (['minimal', 'ours'] as const)) {
        const { results, samples, cpu, tag } = sides[side];
        results.push(await round(fabric, side, options, concurrency, `${tag}${concurrency}r${r}`, samples, cpu));
      }
    }
    const loadAverage = [loadBefore, os.loadavg()[0] ?? Number.NaN].map((l) => Number(l.toFixed(1)));
    const oursAll = combine(concurrency, ours, oursSamples);
    const minAll = combine(concurrency, mins, minSamples);
    const perRound = (results: LoadResult[]): number[] => results.map((r) => Number(r.tps.toFixed(1)));
    rows.push({
      workload: '1 Heartbeat (blind write)',
      via: 'fabric-gateway',
      result: oursAll,
      ratioOf: `GOAL 1: TPS vs minimal chaincode c=${concurrency}`,
      ratio: oursAll.tps / minAll.tps,
      extra: {
        roundsTps: perRound(ours),
        minimalRoundsTps: perRound(mins),
        p50Ratio: oursAll.p50 / minAll.p50,
        loadAverage,
        cpuMsPerTx: perTx(oursCpu, oursAll.ok, 'ours'),
      },
    });
    rows.push({
      workload: '1 minimal chaincode (one putState)',
      via: 'fabric-gateway',
      result: minAll,
      extra: { roundsTps: perRound(mins), loadAverage, cpuMsPerTx: perTx(minCpu, minAll.ok, 'minimal'), policy: minimal.policy },
    });
  }
  return rows;
}

/** Heartbeats alone at `concurrency` for `seconds`: the baseline measured beside another workload, in the same minute. */
export function heartbeatsAlone(
  fabric: FabricClients,
  run: string,
  concurrency: number,
  seconds: number,
  tag: string,
): Promise<LoadResult> {
  return load(fabric, 'ours', run, concurrency, seconds * 1000, tag);
}
