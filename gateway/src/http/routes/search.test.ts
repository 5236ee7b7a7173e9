import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NetworkDescription } from '../../ledger/org-network';
import { buildApp } from '../app';
import { CredentialStore } from '../../auth/credentials';
import { IdempotencyStore } from '../../store/idempotency-store';
import { memoryLineTerms } from '../../testing/test-app';
import { credentialsFor, FakeLedgers, fakeNetwork, testConfig } from '../../testing/fakes';
import { decodeBlock } from '../../readmodel/decode-block';
import { projectBlock } from '../../readmodel/projection';
import type { ReadModelRepository } from '../../readmodel/repository';
import { readModelRoutes } from './search';
import { openSqliteReadModel } from '../../readmodel/sqlite-repository';
import { buildBlock, TEST_CLIENT_CERT, TEST_CLIENT_ID } from '../../readmodel/testing/block-builder';
import { projections } from '../../readmodel/testing/repository-contract';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';

const CALLERS = [
  ['auditor', 'Auditor', 'auditor'],
  ['bank-a', 'BankA', 'bank'],
  ['bank-b', 'BankB', 'bank'],
  ['supplier-1', 'Suppliers', 'supplier'],
  ['core', 'Core', 'core-enterprise'],
  ['warehouse', 'Warehouse', 'warehouse'],
] as const;

const credentials = credentialsFor(CALLERS);

/** Every identity signs with the test certificate, so each caller's getID() is TEST_CLIENT_ID. */
function networkWithCertificates(dir: string): NetworkDescription {
  const certPath = path.join(dir, 'cert.pem');
  fs.writeFileSync(certPath, TEST_CLIENT_CERT);
  const network = fakeNetwork();
  return { ...network, orgs: network.orgs.map((org) => ({ ...org, users: org.users.map((u) => ({ ...u, certPath })) })) };
}

/** Re-registers supplier-1 and core with the test certificate, so the callers resolve to them. */
const identityBlock = projectBlock(
  decodeBlock(
    buildBlock(
      10,
      [
        ['supplier-1', 'SuppliersMSP', 'supplier'],
        ['core', 'CoreMSP', 'core-enterprise'],
      ].map(([id = '', mspId = '', role = ''], i) => ({
        txId: `reg-${String(i)}`,
        fn: fcn(tx.participant.RegisterParticipant),
        mspId: 'AuditorMSP',
        writes: [
          {
            objectType: KeyType.participant,
            attributes: [id],
            value: {
              id,
              clientId: TEST_CLIENT_ID,
              mspId,
              name: id,
              role,
              status: 'ACTIVE',
              registeredAt: '2025-01-01T00:00:00.000Z',
              updatedAt: '2025-01-01T00:00:00.000Z',
            },
          },
        ],
      })),
    ),
  ),
  'scf',
);

/** The core asks two holders for a credit note: supplier-1 on r2 (financed by bank A), supplier-2 on r4 (asked of bank B). */
const dilutionRequest = (receivableId: string, holderId: string, expiresAt: string): Record<string, unknown> => ({
  id: `dr-${receivableId}`,
  receivableId,
  kind: 'CREDIT_NOTE',
  amount: '1000',
  reference: `CN-${receivableId}`,
  debtorId: 'core',
  debtorMsp: 'CoreMSP',
  holderId,
  holderMsp: 'SuppliersMSP',
  status: 'PENDING',
  expiresAt,
  requestedAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
});
const requestsBlock = projectBlock(
  decodeBlock(
    buildBlock(
      11,
      [
        dilutionRequest('r2', 'supplier-1', '2025-03-20T00:00:00Z'),
        dilutionRequest('r4', 'supplier-2', '2025-03-10T00:00:00Z'),
        dilutionRequest('r3', 'supplier-1', '2025-03-05T00:00:00Z'),
      ].map((value, i) => ({
        txId: `dr-${String(i)}`,
        fn: fcn(tx.receivable.RequestDilution),
        mspId: 'CoreMSP',
        writes: [{ objectType: KeyType.dilutionRequest, attributes: [String(value.receivableId), String(value.id)], value }],
      })),
    ),
  ),
  'scf',
);

describe('read model search routes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-routes-'));
  let app: FastifyInstance;
  let repository: ReadModelRepository;
  let idempotency: IdempotencyStore;

  beforeAll(async () => {
    const network = networkWithCertificates(dir);
    repository = await openSqliteReadModel(path.join(dir, 'read-model.db'));
    for (const projection of [...projections(), identityBlock, requestsBlock]) {
      await repository.applyBlock(projection);
    }
    idempotency = IdempotencyStore.open(path.join(dir, 'gateway.db'));
    app = await buildApp({
      config: testConfig(dir),
      credentials: new CredentialStore(credentials, network),
      ledgers: new FakeLedgers(),
      stores: {
        idempotency,
        lineTerms: memoryLineTerms(),
        readModel: { repository, listenerStatus: () => ({ running: true, connected: true, reconnects: 0, lastError: undefined }) },
      },
      routes: [readModelRoutes],
    });
  });
  afterAll(async () => {
    await app.close();
    await repository.close();
    idempotency.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (caller: string, url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer key-${caller}` } });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const ids = async (caller: string, url: string): Promise<unknown[]> => {
    const { status, body } = await get(caller, url);
    expect(status).toBe(200);
    return (body.items as { id?: unknown; txId?: unknown }[]).map((item) => item.id ?? item.txId);
  };

  it('filters and sorts receivables (amounts numerically), for the auditor over everything', async () => {
    expect(await ids('auditor', '/v1/search/receivables?sort=-face')).toEqual(['r1', 'r3', 'r1-a', 'r2', 'r1-b', 'r4']);
    expect(await ids('auditor', '/v1/search/receivables?holderId=supplier-2&sort=dueDate')).toEqual(['r4', 'r1-b']);
    expect(await ids('auditor', '/v1/search/receivables?dueFrom=2025-03-01&dueTo=2025-04-01&sort=id')).toEqual([
      'r1',
      'r1-a',
      'r1-b',
      'r2',
    ]);
  });

  it('returns the ledger record and where it was written', async () => {
    const { body } = await get('auditor', '/v1/search/receivables?rootId=r1&sort=id&limit=1');
    expect(body.items).toEqual([
      expect.objectContaining({ id: 'r1', status: 'SPLIT', childIds: ['r1-a', 'r1-b'], _ledger: { blockNumber: '3', txIndex: 0 } }),
    ]);
  });

  it('paginates with an opaque cursor until the last page', async () => {
    const seen: unknown[] = [];
    let url = '/v1/search/financings?sort=requestedAt&limit=2';
    for (let pages = 0; pages < 5; pages++) {
      const { status, body } = await get('auditor', url);
      expect(status).toBe(200);
      seen.push(...(body.items as { id: string }[]).map((f) => f.id));
      if (body.nextCursor === null) {
        break;
      }
      url = `/v1/search/financings?sort=requestedAt&limit=2&cursor=${body.nextCursor as string}`;
    }
    expect(seen).toEqual(['f1', 'f4', 'f5', 'f2', 'f3']);
  });

  it('refuses oversized pages, unknown parameters or sorts, and cursors of another query', async () => {
    for (const url of [
      '/v1/search/receivables?limit=101',
      '/v1/search/receivables?holder=x',
      '/v1/search/receivables?sort=-record',
      '/v1/search/receivables?dueFrom=yesterday',
    ]) {
      const { status, body } = await get('auditor', url);
      expect([url, status, body.code]).toEqual([url, 400, 'INVALID_ARGUMENT']);
    }
    const { body } = await get('auditor', '/v1/search/financings?limit=1');
    const other = await get('auditor', `/v1/search/financings?limit=1&status=ACTIVE&cursor=${body.nextCursor as string}`);
    expect([other.status, other.body.code]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it("shows a bank its own financings only, never another bank's", async () => {
    expect(await ids('bank-a', '/v1/search/financings?sort=id')).toEqual(['f1', 'f2', 'f5']);
    expect(await ids('bank-b', '/v1/search/financings?sort=id')).toEqual(['f3', 'f4']);
    expect(await ids('bank-b', '/v1/search/financings?bankMsp=BankAMSP')).toEqual([]);
    // The visibility table: the receivables a bank was asked to finance and those along their split trees (r1, the parent of r1-a and r1-b).
    expect(await ids('bank-a', '/v1/search/receivables?sort=id')).toEqual(['r1', 'r1-a', 'r1-b', 'r2']);
    expect(await ids('bank-b', '/v1/search/receivables?sort=id')).toEqual(['r3', 'r4']);
    expect(await ids('bank-a', '/v1/search/payments')).toEqual(['p1']);
    expect(await ids('bank-b', '/v1/search/payments')).toEqual([]);
    expect(await ids('bank-b', '/v1/search/credit-lines')).toEqual(['line-BankBMSP']);
    expect(await ids('bank-a', '/v1/search/credit-lines')).toEqual(['line-BankAMSP']);
  });

  it('shows a supplier what it holds and borrowed, a core enterprise what it owes, others nothing', async () => {
    // What it issued (r1-b, transferred to supplier-2, is still its creditor's), holds, and along those split trees.
    expect(await ids('supplier-1', '/v1/search/receivables?sort=id')).toEqual(['r1', 'r1-a', 'r1-b', 'r2', 'r3']);
    expect(await ids('supplier-1', '/v1/search/receivables?holderId=supplier-2&sort=id')).toEqual(['r1-b']);
    expect(await ids('supplier-1', '/v1/search/financings?sort=id')).toEqual(['f1', 'f2', 'f3']);
    expect(await ids('supplier-1', '/v1/search/payments')).toEqual(['p1']);
    expect(await ids('supplier-1', '/v1/search/credit-lines')).toEqual([]);
    expect(await ids('core', '/v1/search/receivables?sort=id')).toHaveLength(6);
    expect(await ids('core', '/v1/search/financings')).toEqual([]);
    expect(await ids('warehouse', '/v1/search/receivables')).toEqual([]);
  });

  it('lists dilution requests to the holder who must act and the debtor, soonest expiry first; no other party', async () => {
    expect(await ids('supplier-1', '/v1/search/dilution-requests')).toEqual(['dr-r3', 'dr-r2']);
    expect(await ids('supplier-1', '/v1/search/dilution-requests?status=PENDING&expiresFrom=2025-03-06T00:00:00Z')).toEqual(['dr-r2']);
    const { body } = await get('supplier-1', '/v1/search/dilution-requests?receivableId=r2');
    expect(body.items).toEqual([expect.objectContaining({ id: 'dr-r2', holderId: 'supplier-1', expiresAt: '2025-03-20T00:00:00Z' })]);
    expect(await ids('core', '/v1/search/dilution-requests')).toEqual(['dr-r3', 'dr-r4', 'dr-r2']);
    // The banks asked to finance the receivable see its requests (the table's receivable parties), no others.
    expect(await ids('bank-a', '/v1/search/dilution-requests')).toEqual(['dr-r2']);
    expect(await ids('bank-b', '/v1/search/dilution-requests')).toEqual(['dr-r3', 'dr-r4']);
    expect(await ids('warehouse', '/v1/search/dilution-requests')).toEqual([]);
    expect(await ids('auditor', '/v1/search/dilution-requests?holderId=supplier-2')).toEqual(['dr-r4']);
  });

  it('lists transactions with validation code, creator and event, each caller its own', async () => {
    const { body } = await get('auditor', '/v1/search/transactions?validationCode=11');
    expect(body.items).toEqual([
      expect.objectContaining({
        blockNumber: '5',
        txIndex: 2,
        validationCode: 11,
        validationName: 'MVCC_READ_CONFLICT',
        creatorMsp: 'BankAMSP',
        creatorId: TEST_CLIENT_ID,
        fn: fcn(tx.financing.ApproveFinancing),
      }),
    ]);
    expect(await ids('auditor', '/v1/search/transactions?blockFrom=9&blockTo=10&sort=block')).toEqual([
      'tx-0028',
      'tx-0029',
      'reg-0',
      'reg-1',
    ]);
    expect(await ids('bank-a', '/v1/search/transactions?limit=100')).toHaveLength(29);
    expect(await ids('bank-b', '/v1/search/transactions')).toEqual([]);
  });

  it('reports progress and lag against the peer', async () => {
    const { status, body } = await get('warehouse', '/v1/readmodel/status');
    expect(status).toBe(200);
    expect(body).toEqual({
      driver: 'sqlite',
      nextBlock: '12',
      transactionCount: 34,
      skippedTransactions: 0,
      peerHeight: '8',
      lag: '0',
      listener: { running: true, connected: true, reconnects: 0, lastError: null },
    });
  });

  it('needs an API key', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/search/receivables' });
    expect(response.statusCode).toBe(401);
  });
});
