/**
 * Network benchmark: what the running network (`npm start`) commits, through fabric-gateway and
 * through the REST gateway, in one run so that ratios hold on a noisy machine.
 *
 *   npx tsc -b gateway && npx tsc -p bench && node bench/dist/bench/network-bench.js [--only=1,2,3,4,5] [--seconds=6] [--ratio-seconds=10] [--rounds=2] [--load=10000]
 *
 * Writes bench/results/<timestamp>.json. Exits 2 when the network or the gateway is not up.
 */
import { dataDir } from '@scf/network';
import os from 'node:os';
import path from 'node:path';
import { assessOnce, type AssessTally, officerApproves, SECOND_OFFICER } from './support/assess';
import { blindWrites, heartbeatsAlone } from './support/blind-write';
import { FabricClients, type SubmitOutcome } from './support/fabric';
import { signedApproval as signedBy } from './support/signed-approval';
import { growth } from './support/growth';
import { diff, scrape } from './support/metrics';
import { BenchBook, issue } from './support/book';
import { cpuPerOp, cpuSnapshot } from './support/proc-cpu';
import { printTable, type Row, writeJson } from './support/report';
import { RestClient } from './support/rest';
import { closedLoop, timed, type LoadResult } from './support/stats';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const ONLY = new Set(option('only', '1,2,3,4,5,6').split(','));
const SECONDS = Number(option('seconds', '6'));
const RUN = `b${Date.now().toString(36)}`;
const isoDay = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const log = (message: string): void => {
  process.stderr.write(`[network-bench] ${message}\n`);
};

const fabric = new FabricClients();
let rest: RestClient;
const rows: Row[] = [];
const notes: string[] = [];
const errors: string[] = [];

async function preflight(): Promise<void> {
  const problems: string[] = [];
  try {
    rest = RestClient.fromEnvironment(dataDir);
    for (const url of rest.urls()) {
      const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (ready.status !== 200) {
        problems.push(`the REST gateway at ${url} answers /readyz ${ready.status}`);
      }
    }
  } catch (error) {
    problems.push(`the REST gateway is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await Promise.race([
      fabric.evaluate('auditor', call(tx.system.Version)),
      new Promise((_, reject) =>
        setTimeout(() => {
          reject(new Error('no answer within 10 s'));
        }, 10_000),
      ),
    ]);
  } catch (error) {
    problems.push(`the Fabric network does not answer scf.system:Version: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (problems.length > 0) {
    process.stderr.write(`network-bench: the network or the gateway is not up; start it with \`npm start\`.\n  ${problems.join('\n  ')}\n`);
    fabric.close();
    process.exit(2);
  }
}

// ---- set-up (untimed) ----------------------------------------------------------------------

const book = (): BenchBook => new BenchBook(fabric, rest, RUN, log);
const ensureCap = (): Promise<void> => book().ensureCap();
const grantLine = (lineId: string): Promise<void> => book().grantLine(lineId);
const prepareFinancings = (prefix: string, count: number, lineId: string | ((index: number) => string)): Promise<string[]> =>
  book().prepareFinancings(prefix, count, lineId);

// ---- workloads ----------------------------------------------------------------------------

const ROUNDS = Number(option('rounds', '2'));
/** Goal 1's rounds: 2 × 10 s per side and level (the issue's own figures were 20 s per level). */
const RATIO_SECONDS = Number(option('ratio-seconds', '10'));

/** 1. One-key-per-tx blind write: ours alone at 10 in flight, then against the minimal chaincode at 50 and 200. */
async function heartbeat(): Promise<void> {
  rows.push(
    ...(await blindWrites(fabric, {
      run: RUN,
      seconds: SECONDS,
      comparedSeconds: RATIO_SECONDS,
      soloLevels: [10],
      comparedLevels: [50, 200],
      rounds: ROUNDS,
      log,
    })),
  );
}

/** 2. IssueReceivable as supplier-1, direct vs REST, same concurrency. */
async function restOverhead(): Promise<void> {
  const concurrency = 20;
  log(`2 IssueReceivable direct c=${concurrency}`);
  const direct = await closedLoop({
    concurrency,
    durationMs: SECONDS * 1000,
    op: (i) => timed(() => fabric.submit('supplier-1', issue(`${RUN}-d${i}`, '100000'))),
  });
  log(`2 IssueReceivable REST c=${concurrency}`);
  const viaRest = await closedLoop({
    concurrency,
    durationMs: SECONDS * 1000,
    op: (i) =>
      timed(() => {
        const id = `${RUN}-r${i}`;
        return rest.classified('supplier-1', 'POST', '/v1/receivables', {
          receivableId: id,
          debtorId: 'core',
          invoiceNumber: `INV-${id}`,
          currency: 'USD',
          amount: '100000',
          issueDate: isoDay(-1),
          dueDate: isoDay(60),
        });
      }),
  });
  rows.push({ workload: '2 IssueReceivable', via: 'fabric-gateway', result: direct });
  rows.push({
    workload: '2 IssueReceivable',
    via: 'REST',
    result: viaRest,
    ratioOf: 'REST/direct TPS',
    ratio: viaRest.tps / direct.tps,
    extra: { p50Ratio: viaRest.p50 / direct.p50 },
  });
}

function heartbeatAt(concurrency: number): LoadResult | undefined {
  return rows.find((r) => r.workload.startsWith('1 ') && r.result.concurrency === concurrency)?.result;
}

/** Gateway-side means of the legs of an approval, from the gateway's own metrics over one loop. */
/** The gate runs in bank A's gateway: its figures are read on bank A's admin listener with its admin key. */
const GATE_OPERATOR = 'bank-a-admin';
const GATE_METRICS = /assess|reviews|ApproveFinancing|GetApprovalContext|GetParticipant|GetTransactionByID|risk_gate|resend/;

/**
 * 3. The risk gate at `concurrency` in flight: assessments (REST assess as bank-a), then the
 * approvals of the reviewed ones (the second officer's decision), each a closed loop; TPS of each
 * against heartbeat's at the same concurrency (goal 2: the approvals against heartbeats run just before
 * them). 4 financings per op in flight, a line per 5 in flight.
 */
async function riskGateAt(concurrency: number): Promise<void> {
  const count = concurrency * 4;
  const lines = Array.from({ length: Math.ceil(concurrency / 5) }, (_, i) => `${RUN}-line3c${String(concurrency)}-${String(i)}`);
  log(`3 risk gate c=${concurrency}: preparing ${count} financings on ${lines.length} line(s)`);
  await Promise.all(lines.map(grantLine));
  const lineOf = (i: number): string => lines[i % lines.length] ?? '';
  const financings = await prepareFinancings(`g${String(concurrency)}-`, count, lineOf);
  // As many again for ApproveFinancing without the gate: the ledger's part of an approval alone.
  const bare = await prepareFinancings(`n${String(concurrency)}-`, count, lineOf);
  const tally: AssessTally = { decisions: {}, reasons: {}, reviewed: [], approved: [] };
  // The ratio's baseline: heartbeats at the same concurrency just before the approvals (the machine's
  // load moves within minutes), and workload 1's figure for reference.
  const workload1 = heartbeatAt(concurrency);
  log(`3 risk gate: assess c=${concurrency}`);
  let before = await scrape(rest, GATE_OPERATOR);
  const assessed = await closedLoop({
    concurrency,
    durationMs: 30_000,
    maxOps: financings.length,
    op: (i) => timed(() => assessOnce(rest, financings[i] ?? '', tally)),
  });
  rows.push({
    workload: '3 Assess (risk gate)',
    via: 'REST',
    result: assessed,
    ratioOf: `TPS vs heartbeat c=${concurrency} (workload 1)`,
    ...(workload1 ? { ratio: assessed.tps / workload1.tps } : {}),
    extra: {
      decisions: tally.decisions,
      reasons: tally.reasons,
      gatewayMeans: diff(before, await scrape(rest, GATE_OPERATOR), GATE_METRICS),
    },
  });
  const reviewed = [...tally.reviewed];
  log(`3 risk gate: heartbeat c=${concurrency} (${SECONDS} s), the approvals' baseline`);
  let cpu = cpuSnapshot();
  const base = await heartbeatsAlone(fabric, RUN, concurrency, SECONDS, `hb3c${String(concurrency)}`);
  rows.push({
    workload: '3 Heartbeat (baseline, just before)',
    via: 'fabric-gateway',
    result: base,
    extra: { cpuMsPerOp: cpuPerOp(cpu, cpuSnapshot(), base.ok) },
  });
  log(`3 risk gate: approve ${reviewed.length} reviewed (${SECOND_OFFICER}) c=${concurrency}`);
  before = await scrape(rest, GATE_OPERATOR);
  cpu = cpuSnapshot();
  const approved = await closedLoop({
    concurrency,
    durationMs: 30_000,
    maxOps: reviewed.length,
    op: (i) => timed(() => officerApproves(rest, reviewed[i] ?? '')),
  });
  rows.push({
    workload: '3 Approve (risk gate → ApproveFinancing)',
    via: 'REST',
    result: approved,
    ratioOf: `GOAL 2: TPS vs heartbeat c=${concurrency} just before`,
    ratio: approved.tps / base.tps,
    extra: {
      vsWorkload1: workload1 ? approved.tps / workload1.tps : null,
      approvedAtAssessment: tally.approved.length,
      cpuMsPerOp: cpuPerOp(cpu, cpuSnapshot(), approved.ok),
      gatewayMeans: diff(before, await scrape(rest, GATE_OPERATOR), GATE_METRICS),
      p50VsHeartbeat: approved.p50 / base.p50,
    },
  });
  // The same approvals' transaction without the gate (signed decision, line terms and endorsing orgs
  // as the gate sends them, straight through fabric-gateway): what the ledger alone allows.
  log(`3 risk gate: ApproveFinancing alone (no gate) c=${concurrency}`);
  cpu = cpuSnapshot();
  const alone = await closedLoop({
    concurrency,
    durationMs: 30_000,
    maxOps: bare.length,
    op: (i) => timed(() => bareApproval(bare[i] ?? '', lineOf(i))),
  });
  rows.push({
    workload: '3 ApproveFinancing alone (no gate)',
    via: 'fabric-gateway',
    result: alone,
    ratioOf: `TPS vs heartbeat c=${concurrency} just before: the ledger's share of goal 2`,
    ratio: alone.tps / base.tps,
    extra: {
      cpuMsPerOp: cpuPerOp(cpu, cpuSnapshot(), alone.ok),
      p50VsHeartbeat: alone.p50 / base.p50,
      gatedVsBare: approved.tps / alone.tps,
    },
  });
  notes.push(
    `workload 3 c=${concurrency}: approvals through the gate ÷ the same transaction without it (the gate's own cost): ${(approved.tps / alone.tps).toFixed(2)}`,
  );
  lastApproved = reviewed[0]?.replace(/-f$/, '');
}

let lastApproved: string | undefined;

/** As the gate's ledger client: a conflict (at commit, or endorsers that disagreed) is tried again, 3 attempts in all. */
const BARE_ATTEMPTS = 3;

/**
 * ApproveFinancing without the gate, re-sent as a new proposal after a conflict the way the gate's
 * ledger client re-sends it (the same attempts, without its back-off): what the ledger alone allows
 * an approval, so that the gated approval's ratio to it is the gate's own cost.
 */
async function bareApproval(financingId: string, lineId: string): Promise<SubmitOutcome> {
  for (let attempt = 1; ; attempt++) {
    const approval = await signedBy(fabric, financingId, lineId);
    const outcome = await fabric.submit('bank-a-risk', approval.transaction, approval.extras);
    if (outcome.outcome !== 'conflict' || attempt === BARE_ATTEMPTS) {
      return outcome;
    }
  }
}

/** 4. Many approvals against one credit line (the hot key, spread over 32 tranches), no retries. */
async function hotLine(): Promise<void> {
  const levels = [
    { concurrency: 20, ops: 40 },
    { concurrency: 80, ops: 80 },
  ];
  const total = levels.reduce((n, l) => n + l.ops, 0);
  log(`4 hot line: preparing ${total} financings on one line`);
  const lineId = `${RUN}-line4`;
  await grantLine(lineId);
  const financings = await prepareFinancings('h', total, lineId);
  let offset = 0;
  for (const level of levels) {
    const slice = financings.slice(offset, offset + level.ops);
    offset += level.ops;
    log(`4 hot line: ApproveFinancing c=${level.concurrency}`);
    const result = await closedLoop({
      concurrency: level.concurrency,
      durationMs: 20_000,
      maxOps: slice.length,
      op: (i) =>
        timed(async () => {
          const approval = await signedBy(fabric, slice[i] ?? '', lineId);
          return fabric.submit('bank-a-risk', approval.transaction, approval.extras);
        }),
    });
    rows.push({
      workload: '4 ApproveFinancing, one line',
      via: 'fabric-gateway',
      result,
      ratioOf: 'conflict rate',
      ratio: result.tx > 0 ? result.conflicts / result.tx : 0,
    });
  }
  const line = await fabric.evaluate<{ drawn: string; tranches?: unknown[] }>('auditor', call(tx.creditLine.GetCreditLine, { lineId }));
  notes.push(`workload 4: line ${lineId} drawn ${line.drawn} after the run (700000 per committed approval)`);
}

/** 5. History and search latency at the ledger's current size. */
async function queries(label = ''): Promise<void> {
  const status = await rest.ok<{ nextBlock: string; transactionCount: number }>('auditor', 'GET', '/v1/readmodel/status');
  let receivables = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 500; page++) {
    const body = await rest.ok<{ items: unknown[]; nextCursor?: string; cursor?: string }>(
      'auditor',
      'GET',
      `/v1/search/receivables?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    receivables += body.items.length;
    cursor = body.nextCursor ?? body.cursor;
    if (!cursor || body.items.length === 0) {
      break;
    }
  }
  const size = { blocks: Number(status.nextBlock), transactions: status.transactionCount, receivables };
  notes.push(
    `workload 5${label} ran at ${size.blocks} blocks, ${size.transactions} transactions, ${receivables} receivables in the read model`,
  );
  const target = lastApproved ?? `${RUN}-d0`;
  const concurrency = 10;
  for (const [name, urlPath] of [
    ['5 GET receivable history', `/v1/receivables/${target}/history`],
    ['5 GET search receivables (limit 50)', '/v1/search/receivables?limit=50'],
    ['5 GET search receivables by debtor', '/v1/search/receivables?debtorId=core&limit=50'],
  ] as const) {
    log(`${name} c=${concurrency}`);
    const result = await closedLoop({
      concurrency,
      durationMs: Math.min(SECONDS, 5) * 1000,
      op: () => timed(() => rest.classified('auditor', 'GET', urlPath)),
    });
    rows.push({ workload: `${name}${label}`, via: 'REST', result, extra: { ledgerSize: size } });
  }
}

const LOAD = Number(option('load', '0'));

/** Opt-in (`--load=N`, not in `npm run bench`): grow the ledger by N receivables, then query again. */
async function grownQueries(): Promise<void> {
  if (LOAD <= 0) {
    return;
  }
  const concurrency = 50;
  log(`5 load: issuing ${LOAD} receivables c=${concurrency}`);
  let done = 0;
  const result = await closedLoop({
    concurrency,
    durationMs: 3_600_000,
    maxOps: LOAD,
    op: (i) =>
      timed(async () => {
        const outcome = await fabric.submit('supplier-1', issue(`${RUN}-L${i}`, '100000'));
        if (++done % 1000 === 0) {
          log(`  ${done} issued`);
        }
        return outcome;
      }),
  });
  rows.push({ workload: `5 load: IssueReceivable ×${LOAD}`, via: 'fabric-gateway', result });
  // Let the read model catch up before querying it.
  for (let i = 0; i < 120; i++) {
    const status = await rest.ok<{ lag: string }>('auditor', 'GET', '/v1/readmodel/status');
    if (status.lag === '0') {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await queries(` (after +${LOAD})`);
}

const GROWTH = option('growth', '')
  .split(',')
  .filter((size) => size.length > 0)
  .map(Number);

/** 6. Opt-in (`--growth=1000,10000`): history, assessment and stress at growing ledger sizes. */
async function growthRows(): Promise<void> {
  if (GROWTH.length === 0) {
    return;
  }
  rows.push(
    ...(await growth({
      rest,
      sizes: GROWTH,
      log,
      issueOne: async (i) => (await fabric.submit('supplier-1', issue(`${RUN}-G${i}`, '100000'))).outcome === 'ok',
      prepareFinancings: async (tag, count) => {
        const lineId = `${RUN}-line${tag}`;
        await grantLine(lineId);
        return prepareFinancings(tag, count, lineId);
      },
    })),
  );
}

async function main(): Promise<void> {
  const startedAt = new Date();
  await preflight();
  log(`run ${RUN}`);
  await ensureCap();
  const workloads: [string, () => Promise<void>][] = [
    ['1', heartbeat],
    ['2', restOverhead],
    ['3', () => riskGateAt(10)],
    ['3', () => riskGateAt(50)],
    ['4', hotLine],
    ['5', () => queries()],
    ['5', grownQueries],
    ['6', growthRows],
  ];
  for (const [key, run] of workloads) {
    if (!ONLY.has(key)) {
      continue;
    }
    try {
      await run();
    } catch (error) {
      const message = `workload ${key}: ${error instanceof Error ? error.message : String(error)}`;
      errors.push(message);
      log(message);
    }
  }
  fabric.close();
  notes.push(
    `machine: ${String(os.cpus().length)} vCPUs, ${String(Math.round(os.totalmem() / 2 ** 30))} GiB; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  printTable(rows, notes);
  process.stdout.write(`results: ${path.relative(process.cwd(), writeJson(startedAt, { runId: RUN, rows, notes, errors }))}\n`);
  if (errors.length > 0) {
    process.stderr.write(`network-bench: ${errors.length} workload(s) failed:\n  ${errors.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`network-bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  fabric.close();
  process.exit(1);
});
