import type { common } from '@hyperledger/fabric-protos';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { CredentialStore, hashApiKey, type CredentialsFile } from '../../auth/credentials';
import { buildBlock } from '../../readmodel/testing/block-builder';
import { IdempotencyStore } from '../../store/idempotency-store';
import { FakeLedgers, fakeNetwork, testConfig } from '../../testing/fakes';
import { temporaryDir, memoryLineTerms } from '../../testing/test-app';
import { blockRoutes } from './blocks';
import type { BlockReader } from '../../ledger/qscc-reader';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';

const credentials: CredentialsFile = {
  version: 1,
  credentials: [
    {
      name: 'auditor',
      keyHash: hashApiKey('key-auditor'),
      org: 'Auditor',
      user: 'User1',
      displayName: 'Auditor',
      role: 'auditor',
      internal: false,
    },
    {
      name: 'bank-a',
      keyHash: hashApiKey('key-bank-a'),
      org: 'BankA',
      user: 'User1',
      displayName: 'Bank A',
      role: 'bank',
      internal: false,
    },
  ],
};

const blocks: common.Block[] = [
  buildBlock(0, []),
  buildBlock(1, [
    {
      txId: 'tx-1',
      fn: fcn(tx.receivable.IssueReceivable),
      args: ['rcv-1'],
      writes: [{ objectType: KeyType.receivable, attributes: ['rcv-1'], value: { id: 'rcv-1' } }],
    },
  ]),
  buildBlock(2, [
    { txId: 'tx-2', fn: fcn(tx.receivable.ConfirmReceivable) },
    { txId: 'tx-3', fn: fcn(tx.receivable.ConfirmReceivable), validationCode: 11 },
  ]),
];

class FakeReader implements BlockReader {
  height(): Promise<bigint> {
    return Promise.resolve(BigInt(blocks.length));
  }
  blockByNumber(number: bigint): Promise<common.Block> {
    const block = blocks[Number(number)];
    return block ? Promise.resolve(block) : Promise.reject(new Error('no such block'));
  }
  blockByTxId(): Promise<common.Block> {
    return Promise.reject(new Error('not used'));
  }
  close(): void {
    // nothing to free
  }
}

describe('auditor block explorer routes', () => {
  const config = testConfig(temporaryDir());
  let app: FastifyInstance;
  let idempotency: IdempotencyStore;
  const get = (url: string, key = 'key-auditor') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    idempotency = IdempotencyStore.open(config.sqlitePath);
    app = await buildApp({
      config,
      credentials: new CredentialStore(credentials, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: { idempotency, lineTerms: memoryLineTerms() },
      routes: [blockRoutes({ forIdentity: () => new FakeReader() })],
    });
  });
  afterAll(async () => {
    await app.close();
    idempotency.close();
  });

  it('lists the latest blocks ascending, with hashes and transaction counts', async () => {
    const res = await get('/v1/audit/blocks?limit=2');
    expect(res.statusCode).toBe(200);
    const page = res.json<{
      height: string;
      from: string;
      blocks: { number: string; transactionCount: number; validCount: number; fns: string[]; dataHash: string }[];
    }>();
    expect(page).toMatchObject({ height: '3', from: '1' });
    expect(page.blocks.map((b) => [b.number, b.transactionCount, b.validCount])).toEqual([
      ['1', 1, 1],
      ['2', 2, 1],
    ]);
    expect(page.blocks[1]?.fns).toEqual([fcn(tx.receivable.ConfirmReceivable)]);
    expect(page.blocks[0]?.dataHash).toMatch(/^[0-9a-f]*$/);
    expect((await get('/v1/audit/blocks?from=0&limit=50')).json<{ blocks: unknown[] }>().blocks).toHaveLength(3);
  });

  it("shows one block's transactions with validation, arguments and writes", async () => {
    const one = (await get('/v1/audit/blocks/1')).json<{
      transactions: { txId: string; validation: string; args: string[]; writes: { key: string; value: string }[] }[];
    }>();
    expect(one.transactions[0]).toMatchObject({ txId: 'tx-1', validation: 'VALID', args: ['rcv-1'] });
    expect(one.transactions[0]?.writes[0]?.value).toBe('{"id":"rcv-1"}');
    expect(
      (await get('/v1/audit/blocks/2')).json<{ transactions: { validation: string }[] }>().transactions.map((t) => t.validation),
    ).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
  });

  it('is for the auditor only; a block past the height is 404, a malformed number 400', async () => {
    expect((await get('/v1/audit/blocks', 'key-bank-a')).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get('/v1/audit/blocks/1', 'key-bank-a')).statusCode).toBe(403);
    expect((await get('/v1/audit/blocks/3')).statusCode).toBe(404);
    expect((await get('/v1/audit/blocks/-1')).statusCode).toBe(400);
    expect((await get('/v1/audit/blocks?limit=51')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/audit/blocks' })).statusCode).toBe(401);
  });
});
