import { common } from '@hyperledger/fabric-protos';
import { orgByName, userOf } from '@scf/network';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FabricBlockSource } from '../../gateway/src/ledger/block-source';
import { decodeBlock } from '../../gateway/src/readmodel/decode-block';
import { ReadModelListener } from '../../gateway/src/readmodel/listener';
import type { ReadModelRepository } from '../../gateway/src/readmodel/repository';
import { openSqliteReadModel } from '../../gateway/src/readmodel/sqlite-repository';
import { SqliteExecutor } from '../../gateway/src/readmodel/sqlite-repository';
import { blockHeight, eventually, network, withContract } from '../support/fabric';
import { evaluateAs, runId, submitAs, grantLineAs, lineTerms, invoiceTerms } from '../support/ledger';
import { compareReadModelWithLedger, expectReadModelMatchesLedger, withReadModelFile } from '../support/readmodel-vs-ledger';
import { call, fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { approvalCall } from '../support/decisions';

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
  const listener = new ReadModelListener({
    repository,
    source,
    chaincode: net.chaincode,
    logger: quiet,
    initialBackoffMs: 100,
    maxBackoffMs: 1_000,
  });
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
  const bytes = await withContract(
    'Auditor',
    'Admin',
    '',
    (c) => c.evaluateTransaction('GetBlockByNumber', network().channel, String(number)),
    'qscc',
  );
  return common.Block.deserializeBinary(bytes);
}

// A split or a dilution creates keys (checked against the chaincode-level 3 of 6) and changes the receivable (debtor and holder).
const CREATE_WITH_OWNERS = ['CoreMSP', 'SuppliersMSP', 'AuditorMSP'];
// An approval writes the receivable (debtor, holder), the financing and tranches (bank) and the cap shards (auditor).
const ENDORSE_SBE = { endorsingOrganizations: ['CoreMSP', 'SuppliersMSP', 'BankAMSP', 'AuditorMSP'] };

describe('the read model on the real network', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-it-'));
  const file = path.join(dir, 'read-model.db');
  let running: Running | undefined;
  /** The run of the first test, for the tampering test. */
  let run: { id: string; financingId: string } | undefined;

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

    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(line, { maxAdvanceRateBps: '8000' }));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await caughtUp(running.repository);
    const before = await withReadModelFile(file, (rm) => expectReadModelMatchesLedger(rm, { runIds: [id] }));
    expect(before).toMatchObject({ rm_receivables: 1, rm_credit_lines: 1 });

    // Restart: the listener stops, transactions commit while it is down, a new one resumes.
    await stopListener(running);
    running = undefined;
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    const parts = [
      { id: `${id}-keep`, amount: '600000', holderId: 'supplier-1' },
      { id: `${id}-t2`, amount: '400000', holderId: 'supplier-2' },
    ];
    await submitAs('supplier-1', call(tx.receivable.SplitReceivable, { receivableId: id, partsJson: JSON.stringify(parts) }), {
      endorsingOrganizations: CREATE_WITH_OWNERS,
    });
    running = await startListener(file);
    const financingId = `${id}-fin`;
    await submitAs(
      'supplier-2',
      call(tx.financing.RequestFinancing, { financingId, receivableId: `${id}-t2`, lineId: line, amount: '300000' }),
    );
    const assessment = {
      decision: 'APPROVE',
      policyVersion: 'test-1',
      inputsHash: 'b'.repeat(64),
    };
    await submitAs('bank-a-risk', await approvalCall(financingId, JSON.stringify(assessment)), ENDORSE_SBE);
    await submitAs(
      'supplier-1',
      call(tx.receivable.RecordDilution, {
        receivableId: `${id}-keep`,
        dilutionId: `${id}-cn`,
        kind: 'CREDIT_NOTE',
        amount: '1000',
        reference: `CN-${id}`,
      }),
      {
        endorsingOrganizations: CREATE_WITH_OWNERS,
      },
    );
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-pay`, receivableId: `${id}-t2`, amount: '400000', reference: `WIRE-${id}` }),
    );
    const endHeight = await caughtUp(running.repository);
    const { repository } = running;
    run = { id, financingId };

    // Every entity of the run, field by field, after the restart and the catch-up.
    const after = await withReadModelFile(file, (rm) => expectReadModelMatchesLedger(rm, { runIds: [id] }));
    expect(after).toMatchObject({
      rm_receivables: 3,
      rm_transfers: 1,
      rm_dilutions: 1,
      rm_credit_lines: 1,
      rm_financings: 1,
      rm_payments: 1,
      rm_payment_allocations: 2,
    });
    expect(after.rm_participants).toBeGreaterThan(0);

    // Every receivable equals the ledger's, byte for byte (both are the chaincode's canonical JSON).
    for (const receivableId of [id, `${id}-keep`, `${id}-t2`]) {
      const onLedger = await evaluateAs<Record<string, unknown>>('auditor', call(tx.receivable.GetReceivable, { receivableId }));
      const projected = await repository.receivableRecord(receivableId);
      expect(JSON.parse(projected ?? 'null')).toEqual(onLedger);
    }
    const [financing] = await repository.search({
      table: 'rm_financings',
      where: [{ sql: 'id = ?', params: [financingId] }],
      orderBy: 'id',
      limit: 1,
      offset: 0,
    });
    expect(financing).toMatchObject({ status: 'ACTIVE', bank_msp: 'BankAMSP', borrower_id: 'supplier-2', outstanding_principal: '300000' });
    expect(await repository.transfersAround('supplier-2', 1)).toContainEqual({ from: 'supplier-1', to: 'supplier-2' });
    expect((await repository.bankBook('BankAMSP')).exposureBySupplier['supplier-2']).toBeGreaterThanOrEqual(300_000n);

    // No block missed or doubled across the restart: each block's transactions, in order, as on the ledger.
    for (let number = startHeight; number < endHeight; number++) {
      const onLedger = decodeBlock(await ledgerBlock(number)).transactions.map((t) => [t.txId, t.validationCode]);
      const rows = await repository.search({
        table: 'rm_transactions',
        where: [{ sql: 'block_number = ?', params: [Number(number)] }],
        orderBy: 'tx_index',
        limit: 1000,
        offset: 0,
      });
      expect(rows.map((r) => [r.tx_id, Number(r.validation_code)])).toEqual(onLedger);
    }
    const [counts] = await repository.search({
      table: '(SELECT COUNT(*) AS n, COUNT(DISTINCT block_number) AS blocks, MAX(block_number) AS top FROM rm_transactions) t',
      where: [],
      orderBy: 'n',
      limit: 1,
      offset: 0,
    });
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
    const me = await evaluateAs<{ clientId: string }>('supplier-1', call(tx.participant.WhoAmI));
    const [issue] = await repository.search({
      table: 'rm_transactions',
      where: [{ sql: 'fn = ? AND args LIKE ?', params: [fcn(tx.receivable.IssueReceivable), `["${id}",%`] }],
      orderBy: 'block_number',
      limit: 1,
      offset: 0,
    });
    expect(issue).toMatchObject({
      creator_msp: 'SuppliersMSP',
      creator_id: me.clientId,
      validation_name: 'VALID',
      event_name: 'scf.receivable.Issued',
    });
    expect(JSON.parse(String(issue?.response_payload))).toMatchObject({ id, status: 'ISSUED' });
    expect(running.listener.status()).toMatchObject({ running: true, connected: true });
  });

  it('the comparison reports tampered columns, record and position, a missing and an extra row of a copy of that read model', async () => {
    if (run === undefined) {
      throw new Error('needs the run of the previous test');
    }
    const { id, financingId } = run;
    const copy = path.join(dir, 'tampered.db');
    await withReadModelFile(file, (rm) => rm.all('VACUUM INTO ?', [copy]));
    const tampered = new SqliteExecutor(copy);
    try {
      const onLedger = await evaluateAs<{ outstanding: string }>(
        'auditor',
        call(tx.receivable.GetReceivable, { receivableId: `${id}-keep` }),
      );
      await tampered.transaction(async (tx) => {
        await tx.run('UPDATE rm_receivables SET outstanding = ? WHERE id = ?', ['1', `${id}-keep`]);
        await tx.run('DELETE FROM rm_financings WHERE id = ?', [financingId]);
        await tx.run('CREATE TEMP TABLE ghost AS SELECT * FROM rm_receivables WHERE id = ?', [id]);
        await tx.run('UPDATE ghost SET id = ?', [`${id}-ghost`]);
        await tx.run('INSERT INTO rm_receivables SELECT * FROM ghost');
        await tx.run("UPDATE rm_payments SET record = json_set(record, '$.amount', '1') WHERE id = ?", [`${id}-pay`]);
        await tx.run('UPDATE rm_credit_lines SET block_number = 0, tx_index = 0 WHERE id = ?', [`${id}-line`]);
      });
      const { differences } = await compareReadModelWithLedger(tampered, { runIds: [id] });
      expect(differences).toEqual([
        // Block 0 is the channel's genesis block: not the transaction that granted the line.
        expect.objectContaining({ table: 'rm_credit_lines', key: `${id}-line`, field: 'position', ledger: expect.any(String) as unknown }),
        { table: 'rm_receivables', key: `${id}-ghost`, field: '(row)', readModel: 'present', ledger: undefined },
        { table: 'rm_receivables', key: `${id}-keep`, field: 'outstanding', readModel: '1', ledger: onLedger.outstanding },
        {
          table: 'rm_payments',
          key: `${id}-pay`,
          field: 'record',
          readModel: expect.objectContaining({ amount: '1' }) as unknown,
          ledger: expect.objectContaining({ amount: '400000' }) as unknown,
        },
        { table: 'rm_financings', key: financingId, field: '(row)', readModel: undefined, ledger: 'present' },
      ]);
    } finally {
      await tampered.close();
    }
  });
});
