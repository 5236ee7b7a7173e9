import Database from 'better-sqlite3';
import path from 'node:path';
import { blockDataHash, blockHeaderHash } from '../../gateway/src/audit/block-hash';
import { common } from '@hyperledger/fabric-protos';
import { allBlockBytes, eventually } from '../support/fabric';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { invoiceTerms, isoDay, restLineTerms, runId } from '../support/ledger';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

interface Body {
  [key: string]: unknown;
}

interface Version {
  readonly txId: string;
  readonly blockNumber: string;
  readonly timestamp: string;
  readonly fn: string;
  readonly validation: string;
  readonly creator: { readonly mspId: string; readonly clientId: string; readonly participantId?: string };
}

interface Lineage {
  readonly rootId: string;
  readonly receivables: readonly {
    readonly id: string;
    readonly parentId: string | null;
    readonly childIds: readonly string[];
    readonly versions: readonly Version[];
  }[];
}

interface Report {
  readonly ok: boolean;
  readonly height: string;
  readonly readModelNextBlock: string;
  readonly breaches: readonly {
    readonly invariant: string;
    readonly message: string;
    readonly transactions: readonly { readonly txId: string; readonly blockNumber: string }[];
  }[];
}

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

const ok = (participant: string, method: string, urlPath: string, body?: unknown): Promise<Body> =>
  gw.ok<Body>(participant, method, urlPath, body);

/** The read model has projected every block the peer had when we asked (others may keep writing). */
async function caughtUp(): Promise<void> {
  const first = (await ok('auditor', 'GET', '/v1/readmodel/status')) as { peerHeight: string | null };
  const target = BigInt(first.peerHeight ?? '0');
  await eventually(async () => {
    const status = (await ok('auditor', 'GET', '/v1/readmodel/status')) as { nextBlock: string };
    expect(BigInt(status.nextBlock)).toBeGreaterThanOrEqual(target);
  }, 120_000);
}

const committed = (body: Body): { txId: string; blockNumber: string } => ({
  txId: String(body.transactionId),
  blockNumber: String(body.blockNumber),
});

describe('audit on the real network', () => {
  const id = runId('aud');
  const [childA, childB, grandchild] = [`${id}-a`, `${id}-b`, `${id}-c`];
  const lineId = `${id}-line`;
  const hops: Record<string, { txId: string; blockNumber: string }> = {};

  it('links real consecutive blocks with the DER header hash and the data hash', async () => {
    const blocks = (await allBlockBytes('Auditor')).slice(-5).map((bytes) => common.Block.deserializeBinary(bytes));
    for (let i = 1; i < blocks.length; i++) {
      const [previous, block] = [blocks[i - 1]?.getHeader(), blocks[i]];
      if (!previous || !block) {
        throw new Error('missing block');
      }
      expect(
        blockHeaderHash(BigInt(previous.getNumber()), previous.getPreviousHash_asU8(), previous.getDataHash_asU8()).toString('hex'),
      ).toBe(Buffer.from(block.getHeader()?.getPreviousHash_asU8() ?? []).toString('hex'));
      expect(
        blockDataHash(block.getData()?.getDataList_asU8() ?? []).equals(block.getHeader()?.getDataHash_asU8() ?? new Uint8Array()),
      ).toBe(true);
    }
  });

  it('shows every hop of a split receivable (issue → confirm → split → child transfer) with tx id, block and creator', async () => {
    hops.issue = committed(await ok('supplier-1', 'POST', '/v1/receivables', invoiceTerms(id)));
    hops.confirm = committed(await ok('core', 'POST', `/v1/receivables/${id}/confirm`));
    const parts = [
      { id: childA, amount: '400000', holderId: 'supplier-2' },
      { id: childB, amount: '600000', holderId: 'supplier-1' },
    ];
    hops.split = committed(await ok('supplier-1', 'POST', `/v1/receivables/${id}/split`, { parts }));
    hops.transfer = committed(
      await ok('supplier-1', 'POST', `/v1/receivables/${childB}/transfer`, { newReceivableId: grandchild, holderId: 'supplier-2' }),
    );
    await caughtUp();

    // Asked from a leaf, as a member: the whole tree comes back.
    const lineage = (await ok('supplier-2', 'GET', `/v1/audit/receivables/${grandchild}/history`)) as unknown as Lineage;
    expect(lineage.rootId).toBe(id);
    const byId = new Map(lineage.receivables.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([id, childA, childB, grandchild].sort());
    const trail = (receivableId: string) =>
      (byId.get(receivableId)?.versions ?? []).map((v) => ({
        txId: v.txId,
        blockNumber: v.blockNumber,
        fn: v.fn,
        participant: v.creator.participantId,
        msp: v.creator.mspId,
        validation: v.validation,
      }));
    const hop = (name: string, fn: string, participant: string, msp: string) => ({
      ...hops[name],
      fn: `scf.receivable:${fn}`,
      participant,
      msp,
      validation: 'VALID',
    });
    expect(trail(id)).toEqual([
      hop('issue', tx.receivable.IssueReceivable.name, 'supplier-1', 'SuppliersMSP'),
      hop('confirm', tx.receivable.ConfirmReceivable.name, 'core', 'CoreMSP'),
      hop('split', tx.receivable.SplitReceivable.name, 'supplier-1', 'SuppliersMSP'),
    ]);
    expect(trail(childA)).toEqual([hop('split', tx.receivable.SplitReceivable.name, 'supplier-1', 'SuppliersMSP')]);
    expect(trail(childB)).toEqual([
      hop('split', tx.receivable.SplitReceivable.name, 'supplier-1', 'SuppliersMSP'),
      hop('transfer', tx.receivable.SplitReceivable.name, 'supplier-1', 'SuppliersMSP'),
    ]);
    expect(trail(grandchild)).toEqual([hop('transfer', tx.receivable.SplitReceivable.name, 'supplier-1', 'SuppliersMSP')]);
    expect(byId.get(childB)?.childIds).toEqual([grandchild]);
    for (const version of byId.get(id)?.versions ?? []) {
      expect(version.creator.clientId).toMatch(/^x509::/);
      expect(Number.isNaN(Date.parse(version.timestamp))).toBe(false);
    }
  });

  it('gives the history of a credit line and of a financing with block and creator', async () => {
    await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    const granted = committed(await ok('bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId)));
    const requested = committed(
      await ok('supplier-2', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId: childA, lineId, amount: '100000' }),
    );
    await caughtUp();
    const line = (await ok('auditor', 'GET', `/v1/audit/credit-lines/${lineId}/history`)) as { versions: Version[] };
    // Two versions: the grant (the public line and its commitment), then the bank recording its terms (the answer's transaction).
    expect(line.versions).toHaveLength(2);
    expect(line.versions.map((v) => v.creator.participantId)).toEqual(['bank-a', 'bank-a']);
    expect(line.versions.map((v) => [v.txId, v.blockNumber])).toContainEqual([granted.txId, granted.blockNumber]);
    const financing = (await ok('bank-a', 'GET', `/v1/audit/financings/${id}-f/history`)) as { versions: Version[] };
    expect(financing.versions.map((v) => [v.txId, v.blockNumber, v.creator.participantId, v.fn])).toEqual([
      [requested.txId, requested.blockNumber, 'supplier-2', fcn(tx.financing.RequestFinancing)],
    ]);
  });

  it('verifies the real chain against a fresh read model; only the auditor may', async () => {
    await caughtUp();
    const report = (await ok('auditor', 'POST', '/v1/audit/verify')) as unknown as Report;
    expect(report.breaches).toEqual([]);
    expect(report.ok).toBe(true);
    expect(BigInt(report.height)).toBeGreaterThan(BigInt(hops.transfer?.blockNumber ?? '0'));
    const refused = await gw.fetch('bank-a', 'POST', '/v1/audit/verify');
    expect([refused.status, (refused.body as Body).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('lets the auditor change nothing but the consortium cap', async () => {
    const refusals = [
      [
        'POST',
        '/v1/receivables',
        {
          receivableId: `${id}-x`,
          debtorId: 'core',
          invoiceNumber: `INV-${id}-x`,
          currency: 'USD',
          amount: '1000',
          issueDate: isoDay(-1),
          dueDate: isoDay(60),
        },
      ],
      ['POST', `/v1/receivables/${grandchild}/confirm`, undefined],
      ['POST', '/v1/credit-lines', restLineTerms(`${lineId}-x`, { limit: '1000' })],
      ['POST', '/v1/financings', { financingId: `${id}-fx`, receivableId: grandchild, lineId, amount: '1000' }],
      ['POST', `/v1/financings/${id}-f/assess`, undefined],
    ] as const;
    for (const [method, urlPath, body] of refusals) {
      const response = await gw.fetch('auditor', method, urlPath, body);
      // The risk gate runs in the banks' gateways only: the auditor's has no such route.
      const refusal = urlPath.endsWith('/assess') ? { status: 404, code: 'ROUTE_NOT_FOUND' } : { status: 403, code: 'FORBIDDEN' };
      expect({ urlPath, status: response.status, code: (response.body as Body).code }).toEqual({ urlPath, ...refusal });
    }
    const cap = await gw.fetch('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    expect(cap.status).toBe(200);
  });

  it('detects a read model whose validation code was changed by hand, naming that transaction', async () => {
    await caughtUp();
    await gw.stop();
    const db = new Database(path.join(gw.dir, 'read-model.db'));
    try {
      const changed = db
        .prepare("UPDATE rm_transactions SET validation_code = 11, validation_name = 'MVCC_READ_CONFLICT' WHERE tx_id = ?")
        .run(hops.confirm?.txId);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    await gw.restart();
    const response = await gw.fetch('auditor', 'POST', '/v1/audit/verify');
    const report = response.body as Report;
    expect(report.ok).toBe(false);
    expect(report.breaches).toEqual([
      expect.objectContaining({
        invariant: 'validation-code',
        transactions: [{ txId: hops.confirm?.txId, blockNumber: hops.confirm?.blockNumber }],
      }),
    ]);
  });
});
