/**
 * The risk gate's read-model features per assessment (issue 18) against the size of the
 * seller's book: a SQLite read model (the gateway's repository, migrations and projection rows)
 * holding one seller's 10,000 and 100,000 root receivables owed by one core, a sixth of them
 * financed by one bank, a few diluted, and 200 other participants. Times, per query, what
 * gather-inputs asks for one financing assessment (supplierHistory, bankBook, recentRequestTimes,
 * invoiceTwins), p50 of `runs` after one warm-up, and their sum; the 100k/10k growth of the sum.
 *
 *   npx tsc -b gateway && npx tsc -p bench && node bench/dist/bench/risk-features.js [--sizes=10000,100000] [--runs=30]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dilutionRow, financingRow, participantRow, receivableRow } from '../gateway/src/readmodel/entity-rows';
import type { ReadModelRepository } from '../gateway/src/readmodel/repository';
import type { RowWrite } from '../gateway/src/readmodel/row-write';
import { openSqliteReadModel } from '../gateway/src/readmodel/sqlite-repository';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';
import { percentile } from './support/stats';

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const AT = { blockNumber: 0, txIndex: 0 };
const NOW_MS = Date.parse('2026-12-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const isoDay = (ms: number): string => iso(ms).slice(0, 10);

function participant(id: string, legalEntityId: string, role: string): RowWrite {
  const p = {
    id,
    legalEntityId,
    mspId: 'SuppliersMSP',
    clientId: id,
    role,
    status: 'ACTIVE',
    name: id,
    registeredAt: iso(0),
    updatedAt: iso(0),
  };
  return participantRow(p as unknown as Participant, JSON.stringify(p), AT);
}

function receivable(i: number): Receivable {
  const issued = NOW_MS - (i % 720) * DAY_MS;
  return {
    id: `r-${String(i)}`,
    rootId: `r-${String(i)}`,
    childIds: [],
    invoiceNumber: `INV-2026-${String(i).padStart(6, '0')}`,
    invoiceFingerprint: 'x'.repeat(64),
    currency: 'USD',
    issueDate: isoDay(issued),
    dueDate: isoDay(issued + 90 * DAY_MS),
    creditorId: 'seller',
    debtorId: 'core',
    debtorMsp: 'CoreMSP',
    holderId: 'seller',
    holderMsp: 'SuppliersMSP',
    face: String(100_000 + ((i * 7919) % 900_000)),
    outstanding: '100000',
    settled: '0',
    diluted: '0',
    splitOff: '0',
    status: 'CONFIRMED',
    delinquency: 'CURRENT',
    createdAt: iso(issued),
    updatedAt: iso(issued),
  } as unknown as Receivable;
}

function financing(i: number, r: Receivable): RowWrite {
  const status = ['ACTIVE', 'REPAID', 'REPAID', 'DEFAULTED'][i % 4] ?? 'ACTIVE';
  const f = {
    id: `f-${String(i)}`,
    receivableId: r.id,
    lineId: 'line',
    bankMsp: 'BankAMSP',
    borrowerId: 'seller',
    borrowerMsp: 'SuppliersMSP',
    debtorId: 'core',
    currency: 'USD',
    amount: '80000',
    outstandingPrincipal: status === 'REPAID' ? '0' : '80000',
    repaidPrincipal: status === 'REPAID' ? '80000' : '0',
    status,
    maturityDate: r.dueDate,
    requestedAt: r.createdAt,
    updatedAt: iso(Date.parse(r.createdAt) + 80 * DAY_MS),
  } as unknown as Financing;
  return financingRow(f, JSON.stringify(f), AT);
}

/** The seller's book: `size` roots, a sixth financed, one in 50 diluted; 200 other participants. */
function rows(size: number): RowWrite[] {
  const out: RowWrite[] = [participant('seller', 'LEI-SELLER', 'supplier'), participant('core', 'LEI-CORE', 'core-enterprise')];
  for (let p = 0; p < 200; p++) {
    out.push(participant(`supplier-${String(p)}`, `LEI-${String(p)}`, 'supplier'));
  }
  for (let i = 0; i < size; i++) {
    const r = receivable(i);
    out.push(receivableRow(r, JSON.stringify(r), AT));
    if (i % 6 === 0) {
      out.push(financing(i, r));
    }
    if (i % 50 === 0) {
      const d = { receivableId: r.id, id: 'd1', kind: 'RETURN', amount: '1000', recordedBy: 'core', recordedAt: r.createdAt };
      out.push(dilutionRow(d, JSON.stringify(d), AT));
    }
  }
  return out;
}

const TRANSACTION: RowWrite = {
  table: 'rm_transactions',
  key: ['block_number', 'tx_index'],
  values: {
    block_number: 0,
    tx_index: 0,
    tx_id: 'fill',
    header_type: 3,
    validation_code: 0,
    validation_name: 'VALID',
    tx_timestamp: iso(NOW_MS),
    creator_msp: 'SuppliersMSP',
    creator_id: 'x',
    creator_cert_hash: 'x',
    chaincode: 'scf',
    fn: 'fill',
    args: '[]',
  },
};

/** The features gather-inputs reads for one financing assessment, one query each. */
const FEATURES: readonly { readonly name: string; readonly run: (repository: ReadModelRepository) => Promise<unknown> }[] = [
  { name: 'supplierHistory', run: (repository) => repository.supplierHistory('seller', NOW_MS / 1000) },
  { name: 'bankBook', run: (repository) => repository.bankBook('BankAMSP') },
  { name: 'recentRequestTimes', run: (repository) => repository.recentRequestTimes('BankAMSP', 'seller', 'f-0') },
  { name: 'invoiceTwins', run: (repository) => repository.invoiceTwins(receivable(0)) },
];

async function timeFeatures(size: number, runs: number): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-risk-features-'));
  const repository = await openSqliteReadModel(path.join(dir, 'read-model.db'));
  try {
    const built = process.hrtime.bigint();
    await repository.applyBlock({
      blockNumber: 0n,
      transactions: [{ txIndex: 0, txId: 'fill', fn: 'fill', record: TRANSACTION, rows: rows(size) }],
    });
    console.log(`  ${String(size)} receivables projected in ${(Number(process.hrtime.bigint() - built) / 1e9).toFixed(1)} s`);
    const p50s: number[] = [];
    for (const feature of FEATURES) {
      await feature.run(repository); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        await feature.run(repository);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      p50s.push(percentile(times, 50));
    }
    return p50s;
  } finally {
    await repository.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));

async function main(): Promise<void> {
  const sizes = option('sizes', '10000,100000').split(',').map(Number);
  const runs = Number(option('runs', '30'));
  console.log(`risk-gate features per assessment over SQLite, p50 of ${String(runs)} runs (ms)`);
  const bySize: number[][] = [];
  for (const size of sizes) {
    bySize.push(await timeFeatures(size, runs));
  }
  const header = ['| feature', ...sizes.map((s) => `${String(s / 1000)}k p50`), ...(sizes.length > 1 ? ['growth |'] : ['|'])];
  console.log(header.join(' | '));
  console.log(`|${header.map(() => '---').join('|')}|`);
  const line = (name: string, values: number[]): void => {
    const growth = values.length > 1 ? [`${((values[values.length - 1] ?? NaN) / (values[0] ?? NaN)).toFixed(1)}× |`] : ['|'];
    console.log(['| ' + name, ...values.map(ms), ...growth].join(' | '));
  };
  FEATURES.forEach((feature, f) => {
    line(
      feature.name,
      bySize.map((p50s) => p50s[f] ?? NaN),
    );
  });
  line(
    'sum per assessment',
    bySize.map((p50s) => p50s.reduce((a, b) => a + b, 0)),
  );
}

void main();
