/**
 * One committed transaction the read model cannot store never stops it (issue 16). Three colluding
 * orgs (a new key meets the chaincode-level policy: any 3 of 6) commit, through the rogue endorser harness, a
 * dilution record of a shape no honest chaincode writes: it has the fields the projection requires
 * to read it, but not the NOT NULL columns the read model stores (`kind`, `recordedBy`,
 * `recordedAt`), as a record written by another chaincode version would. The gateway's read model
 * must keep that transaction with its error, count it in /metrics, show it to the auditor, and go
 * on projecting the blocks after it.
 *
 * An attack test: it runs last (jest project `attacks`), since the forgery commits for real and
 * leaves a record on the shared ledger that no honest chaincode writes.
 */
import { replaceWithRogues, restoreAll, submitForgery, type RogueEndorser } from '../support/rogue-endorser';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { eventually } from '../support/fabric';
import { runId } from '../support/ledger';
import { canonicalJson } from '@scf/kernel/canonical-json';
import { compositeKey, KeyType } from '@scf/kernel/keys';

const COLLUDERS = ['Warehouse', 'Auditor', 'Core'] as const;

interface Skipped {
  readonly total: number;
  readonly items: { blockNumber: string; txIndex: number; txId: string; fn: string; error: string; skippedAt: string }[];
}

let gw: GatewayProcess | undefined;
let rogues: RogueEndorser[] = [];

afterAll(async () => {
  await restoreAll(rogues);
  await gw?.stop();
});

describe('a poisoned transaction', () => {
  it('is skipped with its error, counted in /metrics and shown to the auditor; the blocks after it are projected', async () => {
    const id = runId('poison');
    const receivableId = `${id}-rcv`;
    const dilutionId = `${id}-dil`;
    rogues = await replaceWithRogues(COLLUDERS);
    let forged;
    try {
      forged = await submitForgery(COLLUDERS, {
        writes: [
          {
            key: compositeKey(KeyType.dilution, [receivableId, dilutionId]),
            value: canonicalJson({ id: dilutionId, receivableId, amount: '100' }),
          },
        ],
      });
    } finally {
      await restoreAll(rogues);
      rogues = [];
    }
    // The forgery is on the ledger for real: every peer committed it as valid.
    expect(forged.validation).toBe('VALID');

    // A gateway with a read model of its own projects the chain from block 0, the poisoned block included.
    const gateway = await startGatewayProcess();
    gw = gateway;
    // A later transaction, committed after the poisoned one.
    const later = await gateway.ok<{ transactionId: string; blockNumber?: string }>('warehouse', 'POST', '/v1/system/heartbeats', {
      label: `${id}-after`,
    });

    const skipped = await eventually(
      async () => {
        const page = await gateway.ok<Skipped>('auditor', 'GET', '/v1/audit/skipped-transactions?limit=500');
        const entry = page.items.find((item) => item.txId === forged.txId);
        if (!entry) {
          throw new Error(`the forged transaction ${forged.txId} is not among the ${String(page.total)} skipped yet`);
        }
        return { page, entry };
      },
      300_000,
      1_000,
    );
    expect(skipped.entry).toMatchObject({ fn: 'forge', txId: forged.txId });
    expect(skipped.entry.error).toMatch(/^the read model refused a row of its writes \(SQLITE_CONSTRAINT_NOTNULL\): /);
    expect(skipped.page.total).toBeGreaterThanOrEqual(1);

    // The later transaction is projected: the poisoned one stopped nothing.
    await eventually(
      async () => {
        const found = await gateway.ok<{ items: { txId: string }[] }>(
          'auditor',
          'GET',
          `/v1/search/transactions?txId=${later.transactionId}`,
        );
        expect(found.items.map((item) => item.txId)).toEqual([later.transactionId]);
      },
      300_000,
      1_000,
    );
    const status = await gateway.ok<{ nextBlock: string; skippedTransactions: number; listener: { lastError: string | null } }>(
      'auditor',
      'GET',
      '/v1/readmodel/status',
    );
    expect(BigInt(status.nextBlock)).toBeGreaterThan(BigInt(skipped.entry.blockNumber));
    expect(status.skippedTransactions).toBe(skipped.page.total);
    expect(status.listener.lastError).toBeNull();

    // Counted in /metrics (the auditor's).
    const metrics = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${gateway.keys.auditor ?? ''}` } });
    const counted = /^scf_gateway_readmodel_skipped_transactions_total (\d+)$/m.exec(await metrics.text());
    expect(Number(counted?.[1] ?? 0)).toBeGreaterThanOrEqual(1);

    // Shown to the auditor only.
    const bank = await gateway.fetch('bank-a', 'GET', '/v1/audit/skipped-transactions');
    expect([bank.status, (bank.body as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
  }, 900_000);
});
