import { common } from '@hyperledger/fabric-protos';
import { orgByName, userOf } from '@scf/network';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FabricBlockSource } from '../../gateway/src/readmodel/block-source';
import { decodeBlock } from '../../gateway/src/readmodel/decode-block';
import { ReadModelListener } from '../../gateway/src/readmodel/listener';
import type { ReadModelRepository } from '../../gateway/src/readmodel/repository';
import { openSqliteReadModel } from '../../gateway/src/readmodel/sqlite-repository';
import { blockHeight, eventually, network, withContract } from '../support/fabric';
import { evaluateAs, isoDay, runId, submitAs } from '../support/ledger';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Running {
  readonly repository: ReadModelRepository;
  readonly listener: ReadModelListener;
  readonly source: FabricBlockSource;
}

/** The listener as the gateway runs it: full block events read as the auditor, into a SQLite file. */
async function startListener(file: string): Promise<Running> {
  const net = network();
  const repository = await openSqliteReadModel(file);
  const source = new FabricBlockSource(net, userOf(orgByName(net, 'Auditor'), 'User1'));
  const listener = new ReadModelListener({ repository, source, chaincode: net.chaincode, logger: quiet, initialBackoffMs: 100, maxBackoffMs: 1_000 });
  listener.start();
  return { repository, listener, source };
}

async function stopListener(running: Running): Promise<void> {
  await running.listener.stop();
  running.source.close();
  await running.repository.close();
}

/** Waits until the read model has projected every block the auditor's peer has. */
async function caughtUp(repository: ReadModelRepository): Promise<bigint> {
  const height = BigInt(await blockHeight('Auditor'));
  await eventually(async () => {
    expect(await repository.nextBlock()).toBeGreaterThanOrEqual(height);
  }, 120_000);
  return height;
}

async function ledgerBlock(number: bigint): Promise<common.Block> {
  const bytes = await withContract('Auditor', 'Admin', '', (c) => c.evaluateTransaction('GetBlockByNumber', network().channel, String(number)), 'qscc');
  return common.Block.deserializeBinary(bytes);
}

const ENDORSE_SBE = { endorsingOrganizations: ['CoreMSP', 'SuppliersMSP', 'BankAMSP'] };

describe('the read model on the real network', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-it-'));
  const file = path.join(dir, 'read-model.db');
  let running: Running | undefined;

  afterAll(async () => {
    if (running) {
      await stopListener(running);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('projects committed transactions, survives a restart mid-run, and matches the ledger', async () => {
    const id = runId('rm');
    const line = `${id}-line`;
    running = await startListener(file);
    const startHeight = await caughtUp(running.repository);

    await submitAs('auditor', 'scf.creditline:SetConsortiumCap', ['core', 'USD', '1000000000000']);
    await submitAs('bank-a', 'scf.creditline:GrantCreditLine', [line, 'core', 'USD', '50000000', isoDay(365), '8000', '180', '10']);
    await submitAs('supplier-1', 'scf.receivable:IssueReceivable', [id, 'core', `INV-${id}`, 'USD', '1000000', isoDay(-1), isoDay(60)]);
    await caughtUp(running.repository);

    // Restart: the listener stops, transactions commit while it is down, a new one resumes.
    await stopListener(running);
    running = undefined;
    await submitAs('core', 'scf.receivable:ConfirmReceivable', [id]);
    const parts = [
      { id: `${id}-keep`, amount: '600000', holderId: 'supplier-1' },
      { id: `${id}-t2`, amount: '400000', holderId: 'supplier-2' },
    ];
    await submitAs('supplier-1', 'scf.receivable:SplitReceivable', [id, JSON.stringify(parts)], { endorsingOrganizations: ['CoreMSP', 'SuppliersMSP'] });
    running = await startListener(file);
    const financingId = `${id}-fin`;
    await submitAs('supplier-2', 'scf.financing:RequestFinancing', [financingId, `${id}-t2`, line, '300000']);
    const assessment = { decision: 'APPROVE', score: 100, reasonCodes: ['READ_MODEL_TEST'], policyVersion: 'test-1', inputsHash: 'b'.repeat(64) };
    await submitAs('bank-a-risk', 'scf.financing:ApproveFinancing', [financingId, JSON.stringify(assessment)], ENDORSE_SBE);
    const endHeight = await caughtUp(running.repository);
    const { repository } = running;

    // Every receivable equals the ledger's, byte for byte (both are the chaincode's canonical JSON).
    for (const receivableId of [id, `${id}-keep`, `${id}-t2`]) {
      const onLedger = await evaluateAs<Record<string, unknown>>('auditor', 'scf.receivable:GetReceivable', [receivableId]);
      const projected = await repository.receivableRecord(receivableId);
      expect(JSON.parse(projected ?? 'null')).toEqual(onLedger);
    }
    const [financing] = await repository.search({ table: 'rm_financings', where: [{ sql: 'id = ?', params: [financingId] }], orderBy: 'id', limit: 1, offset: 0 });
    expect(financing).toMatchObject({ status: 'ACTIVE', bank_msp: 'BankAMSP', borrower_id: 'supplier-2', outstanding_principal: '300000' });
    expect(await repository.transfersAround('supplier-2', 1)).toContainEqual({ from: 'supplier-1', to: 'supplier-2' });
    expect((await repository.bankBook('BankAMSP')).exposureBySupplier['supplier-2']).toBeGreaterThanOrEqual(300_000n);

    // No block missed or doubled across the restart: each block's transactions, in order, as on the ledger.
    for (let number = startHeight; number < endHeight; number++) {
      const onLedger = decodeBlock(await ledgerBlock(number)).transactions.map((t) => [t.txId, t.validationCode]);
      const rows = await repository.search({ table: 'rm_transactions', where: [{ sql: 'block_number = ?', params: [Number(number)] }], orderBy: 'tx_index', limit: 1000, offset: 0 });
      expect(rows.map((r) => [r.tx_id, Number(r.validation_code)])).toEqual(onLedger);
    }
    const [counts] = await repository.search({ table: '(SELECT COUNT(*) AS n, COUNT(DISTINCT block_number) AS blocks, MAX(block_number) AS top FROM rm_transactions) t', where: [], orderBy: 'n', limit: 1, offset: 0 });
    expect(Number(counts?.blocks)).toBe(Number(endHeight));
    expect(Number(counts?.top)).toBe(Number(endHeight) - 1);
    const [duplicates] = await repository.search({
      table: "(SELECT tx_id FROM rm_transactions WHERE validation_code = 0 AND tx_id <> '' GROUP BY tx_id HAVING COUNT(*) > 1) d",
      where: [],
      orderBy: 'tx_id',
      limit: 1,
      offset: 0,
    });
    expect(duplicates).toBeUndefined();

    // The audit trail: the issuer's creator id is the chaincode's getID() of its certificate.
    const me = await evaluateAs<{ clientId: string }>('supplier-1', 'scf.participant:WhoAmI', []);
    const [issue] = await repository.search({ table: 'rm_transactions', where: [{ sql: 'fn = ? AND args LIKE ?', params: ['scf.receivable:IssueReceivable', `["${id}",%`] }], orderBy: 'block_number', limit: 1, offset: 0 });
    expect(issue).toMatchObject({ creator_msp: 'SuppliersMSP', creator_id: me.clientId, validation_name: 'VALID', event_name: 'scf.receivable.Issued' });
    expect(JSON.parse(String(issue?.response_payload))).toMatchObject({ id, status: 'ISSUED' });
    expect(running.listener.status()).toMatchObject({ running: true, connected: true });
  });
});
