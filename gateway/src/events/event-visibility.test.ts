/**
 * Unit tests: the event stream follows receivable split trees (kernel/src/visibility.ts): a record
 * about a receivable reaches the holders along its tree and the banks asked to finance a node of
 * it, as the read model knows them (receivable-trees.ts), and nobody else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeBlock } from '../readmodel/decode-block';
import { projectBlock } from '../readmodel/projection';
import type { ReadModelRepository } from '../readmodel/repository';
import { openSqliteReadModel } from '../readmodel/sqlite-repository';
import { buildBlock } from '../readmodel/testing/block-builder';
import { scenarioBlocks } from '../readmodel/testing/scenario';
import { eventFor, receivablesWritten } from './event-visibility';
import { blockEventOf } from './ledger-events';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';
import type { Reader } from '@scf/kernel/visibility';

const participant = (participantId: string): Reader => ({ kind: 'participant', participantId, mspId: 'SuppliersMSP' });
const bank = (bankMsp: string): Reader => ({ kind: 'bank', bankMsp });
const nobodySigned = { mspId: 'OtherMSP', clientId: 'x509::someone-else' };

/** A block after the scenario: the core records a payment on r1-b, the part of r1 transferred to supplier-2 and financed by bank A. */
const paymentOnSplit = buildBlock(99, [
  {
    txId: 'tx-pay-r1-b',
    fn: fcn(tx.repayment.RecordPayment),
    writes: [
      {
        objectType: KeyType.payment,
        attributes: ['p9'],
        value: { id: 'p9', receivableId: 'r1-b', debtorId: 'core', currency: 'USD', amount: '1000', status: 'PENDING', allocations: [] },
      },
    ],
  },
]);

describe('events along a receivable split tree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-event-trees-'));
  let repository: ReadModelRepository;
  beforeAll(async () => {
    repository = await openSqliteReadModel(path.join(dir, 'rm.db'));
    for (const block of scenarioBlocks()) {
      await repository.applyBlock(projectBlock(decodeBlock(block), 'scf'));
    }
  });
  afterAll(async () => {
    await repository.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the read model gives each receivable the holders along its tree (parents and children) and its financing banks', async () => {
    const trees = await repository.receivableTrees(['r1-b', 'r1', 'r4', 'unknown']);
    expect(trees.get('r1-b')).toEqual({
      creditor: ['supplier-1'],
      debtor: ['core'],
      holders: ['supplier-2', 'supplier-1'],
      'financing-banks': ['BankAMSP'],
    });
    // The root: its own holder and both children's, and bank A (f1 on r1-a, f5 on r1-b).
    expect(trees.get('r1')?.holders).toEqual(['supplier-1', 'supplier-2']);
    expect(trees.get('r1')?.['financing-banks']).toEqual(['BankAMSP']);
    expect(trees.get('r4')).toMatchObject({ holders: ['supplier-2'], 'financing-banks': ['BankBMSP'] });
    expect(trees.has('unknown')).toBe(false);
  });

  it('a payment on a split part reaches the parent holder and the financing bank; no other bank or supplier', async () => {
    const decoded = decodeBlock(paymentOnSplit);
    expect(receivablesWritten(decoded.transactions)).toEqual(['r1-b']);
    const event = blockEventOf(decoded, await repository.receivableTrees(receivablesWritten(decoded.transactions)));
    const heard = (reader: Reader): string[] => eventFor(reader, nobodySigned, event).transactions.map((t) => t.txId);
    expect(heard(participant('supplier-1'))).toEqual(['tx-pay-r1-b']);
    expect(heard(participant('supplier-2'))).toEqual(['tx-pay-r1-b']);
    expect(heard(participant('core'))).toEqual(['tx-pay-r1-b']);
    expect(heard(bank('BankAMSP'))).toEqual(['tx-pay-r1-b']);
    expect(heard(bank('BankBMSP'))).toEqual([]);
    expect(heard(participant('supplier-3'))).toEqual([]);
    // Without the trees only the payment's own party (the debtor) would hear of it.
    const bare = blockEventOf(decoded);
    expect(eventFor(participant('supplier-1'), nobodySigned, bare).transactions).toEqual([]);
    expect(eventFor(participant('core'), nobodySigned, bare).transactions).toHaveLength(1);
  });
});
