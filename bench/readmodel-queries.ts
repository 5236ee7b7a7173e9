/**
 * Read-model query latency against ledger size (issue 7): the gateway's SQLite read model
 * (real repository and migrations) holding the chain-stress chain of 10,000 and 100,000
 * receivables (one core, 200 suppliers, a sixth financed by three banks), queried through
 * the API's own code: compileSearch within the caller's scope, repository.search and the
 * item mapping (the search routes' path without HTTP), and the report builders over the
 * repository's report queries, serialised to JSON. Prints p50/p99 per query and size, and
 * the 100k/10k growth of p50 (10 = linear in the ledger, 1 = flat). All receivables are owed by
 * the one core: its filters and scope are the worst case (every row matches).
 *
 *   npx tsc -b gateway && npx tsc -p bench && node bench/dist/bench/readmodel-queries.js [--sizes=10000,100000] [--runs=30]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isoDay } from '../gateway/src/chain/snapshot';
import { largeChain } from '../gateway/src/chain/testing/chain-fixture';
import { compileSearch } from '../gateway/src/readmodel/compile-search';
import type { ReadModelRepository } from '../gateway/src/readmodel/repository';
import { entityItem } from '../gateway/src/readmodel/search-items';
import { DEFAULT_PAGE } from '../gateway/src/http/schemas/search';
import { scopeFor, type Viewer } from '../gateway/src/readmodel/viewer-scope';
import { buildAgingReport } from '../gateway/src/reports/aging-report';
import { buildConcentrationReport } from '../gateway/src/reports/concentration-report';
import { buildExposureReport } from '../gateway/src/reports/exposure-report';
import type { ReportViewer } from '../gateway/src/reports/report-viewer';
import { chainReadModel } from './support/chain-read-model';
import { percentile } from './support/stats';

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

interface Query {
  readonly name: string;
  /** Runs the query once; returns how many items or bytes it produced, printed as a sanity check. */
  readonly run: (repository: ReadModelRepository, size: number) => Promise<string>;
}

const AUDITOR: Viewer = { reader: { kind: 'auditor' }, signer: { mspId: 'AuditorMSP', clientId: 'x' } };
const CORE: Viewer = {
  reader: { kind: 'participant', participantId: 'core', mspId: 'CoreMSP' },
  role: 'core-enterprise',
  signer: { mspId: 'CoreMSP', clientId: 'x' },
};
const BANK: Viewer = { reader: { kind: 'bank', bankMsp: 'BankAMSP' }, signer: { mspId: 'BankAMSP', clientId: 'x' } };
const REPORT_AUDITOR: ReportViewer = { kind: 'auditor' };
const REPORT_BANK: ReportViewer = { kind: 'bank', bankMsp: 'BankAMSP' };
const AS_OF = isoDay(largeChain(2).asOfDay);

/** One receivables search page as GET /v1/search/receivables serves it (without HTTP). */
function receivablesSearch(
  name: string,
  viewer: Viewer,
  filters: Record<string, string>,
  sort?: string,
  offsetOf: (size: number) => number = () => 0,
): Query {
  return {
    name,
    run: async (repository, size) => {
      const compiled = compileSearch(
        { collection: 'receivables', filters, sort, limit: DEFAULT_PAGE, offset: offsetOf(size) },
        scopeFor(viewer, 'receivables'),
      );
      const rows = compiled ? await repository.search(compiled) : [];
      return `${String(rows.slice(0, DEFAULT_PAGE).map(entityItem).length)} items`;
    },
  };
}

const kib = (value: unknown): string => `${String(Math.round(JSON.stringify(value).length / 1024))} KiB`;

const QUERIES: readonly Query[] = [
  receivablesSearch('search: default page (auditor, -createdAt)', AUDITOR, {}),
  receivablesSearch('search: debtorId=core (every row matches)', AUDITOR, { debtorId: 'core' }),
  receivablesSearch('search: core scope, default page (its own rows)', CORE, {}),
  receivablesSearch('search: holderId=t2-7 (1% of rows)', AUDITOR, { holderId: 't2-7' }),
  receivablesSearch('search: sort=-face', AUDITOR, {}, '-face'),
  receivablesSearch('search: deep page, offset = half the rows', AUDITOR, {}, undefined, (size) => size / 2),
  receivablesSearch('search: status=CONFIRMED&dueTo=asOf (no index)', AUDITOR, { status: 'CONFIRMED', dueTo: AS_OF }),
  receivablesSearch('search: bank scope (financed by BankA)', BANK, {}),
  {
    name: 'report: overdue aging (auditor)',
    run: async (repository) => {
      const [receivables, financings] = await Promise.all([repository.reportOpenReceivables(), repository.reportOpenFinancings()]);
      return kib(buildAgingReport({ receivables, financings }, REPORT_AUDITOR, AS_OF));
    },
  },
  {
    name: 'report: exposure (auditor)',
    run: async (repository) => {
      const [lines, caps, financings] = await Promise.all([
        repository.reportCreditLines(),
        repository.reportConsortiumCaps(),
        repository.reportOpenFinancings(),
      ]);
      return kib(buildExposureReport({ lines, caps, financings }, REPORT_AUDITOR, AS_OF));
    },
  },
  {
    name: 'report: concentration (BankA)',
    run: async (repository) => kib(buildConcentrationReport(await repository.reportOpenFinancings('BankAMSP'), REPORT_BANK, AS_OF)),
  },
];

interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly produced: string;
}

async function timeQueries(size: number, runs: number): Promise<Timing[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-query-bench-'));
  const built = process.hrtime.bigint();
  const repository = await chainReadModel(path.join(dir, 'read-model.db'), largeChain(size));
  console.log(`  ${String(size)} receivables written in ${(Number(process.hrtime.bigint() - built) / 1e9).toFixed(1)} s`);
  const timings: Timing[] = [];
  try {
    for (const query of QUERIES) {
      let produced = await query.run(repository, size); // warm-up: statement cache and page cache
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        produced = await query.run(repository, size);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      timings.push({ p50: percentile(times, 50), p99: percentile(times, 99), produced });
    }
  } finally {
    await repository.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return timings;
}

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));

async function main(): Promise<void> {
  const sizes = option('sizes', '10000,100000').split(',').map(Number);
  const runs = Number(option('runs', '30'));
  console.log(`read-model queries over SQLite, p50 / p99 of ${String(runs)} runs (ms)`);
  const bySize: Timing[][] = [];
  for (const size of sizes) {
    bySize.push(await timeQueries(size, runs));
  }
  const first = sizes[0] ?? 0;
  const last = sizes[sizes.length - 1] ?? 0;
  const header = [
    '| query',
    ...sizes.map((s) => `${String(s / 1000)}k p50 / p99`),
    ...(sizes.length > 1 ? [`p50 ×${String(last / first)} rows`] : []),
    `produced at ${String(last / 1000)}k |`,
  ];
  console.log(header.join(' | '));
  console.log(`|${header.map(() => '---').join('|')}|`);
  QUERIES.forEach((query, q) => {
    const cells = bySize.map((timings) => timings[q]);
    const p50s = cells.map((t) => t?.p50 ?? NaN);
    const growth = sizes.length > 1 ? [`${((p50s[p50s.length - 1] ?? NaN) / (p50s[0] ?? NaN)).toFixed(1)}×`] : [];
    console.log(
      [
        '| ' + query.name,
        ...cells.map((t) => (t ? `${ms(t.p50)} / ${ms(t.p99)}` : '')),
        ...growth,
        `${cells[cells.length - 1]?.produced ?? ''} |`,
      ].join(' | '),
    );
  });
}

void main();
