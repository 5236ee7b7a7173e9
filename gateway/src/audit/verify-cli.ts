import { describeNetwork } from '@scf/network';
import { CredentialStore } from '../auth/credentials';
import { ConfigError, loadConfig } from '../config';
import { openReadModel } from '../readmodel/open-read-model';
import { QsccBlockReader } from '../ledger/qscc-reader';
import { verifyChain, type VerifyReport } from './verify';

const width = 40;
let drawn = -1;

function progressBar(done: bigint, total: bigint): void {
  const filled = total === 0n ? width : Number((done * BigInt(width)) / total);
  if (filled === drawn && done !== total) {
    return;
  }
  drawn = filled;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toString()}/${total.toString()} blocks`);
  if (done === total) {
    process.stderr.write('\n');
  }
}

function summary(report: VerifyReport): string {
  const lines = [
    `blocks ${report.height}, transactions ${String(report.transactions)} (${String(report.validTransactions)} valid), read model at block ${report.readModelNextBlock}`,
    report.ok ? 'OK: hash chain, data hashes, validation codes and invariants hold' : `${String(report.breaches.length)} breach(es):`,
    ...report.breaches.map(
      (b) =>
        `  [${b.invariant}] ${b.message}${b.transactions.length > 0 ? ` (${b.transactions.map((t) => `${t.txId}@${t.blockNumber}`).join(', ')})` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** `npm run audit:verify`: verifies the chain against the gateway's read model, as the auditor. */
async function main(): Promise<number> {
  const config = loadConfig();
  const network = describeNetwork();
  const auditor = CredentialStore.load(config.credentialsFile, network)
    .all()
    .find((caller) => caller.role === 'auditor');
  if (!auditor) {
    throw new Error(`${config.credentialsFile} has no auditor credential`);
  }
  const readModel = await openReadModel(config.readModel);
  const reader = new QsccBlockReader(network, auditor.identity);
  try {
    const report = await verifyChain({ reader, readModel, chaincode: network.chaincode, onProgress: progressBar });
    process.stdout.write(summary(report));
    return report.ok ? 0 : 1;
  } finally {
    reader.close();
    await readModel.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
