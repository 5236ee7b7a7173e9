import { KeyEndorsementPolicy } from 'fabric-shim';
import { peersOfAllOrgs } from '../ledger/endorsement';
import { FakeLedger } from './fake-ledger';
import { FakeStub, type TxInput } from './fake-stub';

let txCounter = 0;
function input(overrides: Partial<TxInput> = {}): TxInput {
  txCounter += 1;
  return {
    txId: `tx${txCounter}`,
    seconds: 1_736_500_000,
    creatorMsp: 'BankAMSP',
    fcn: 'test',
    args: [],
    endorsingOrgs: ['BankAMSP', 'CoreMSP'],
    ...overrides,
  };
}

async function commitPut(ledger: FakeLedger, entries: Record<string, string>, overrides: Partial<TxInput> = {}): Promise<string> {
  const stub = new FakeStub(ledger, input(overrides));
  for (const [key, value] of Object.entries(entries)) {
    await stub.putState(key, Buffer.from(value));
  }
  return ledger.commit(stub.result(''));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

describe('FakeStub', () => {
  it('does not let a transaction read its own writes', async () => {
    const ledger = new FakeLedger();
    await commitPut(ledger, { a: 'old' });
    const stub = new FakeStub(ledger, input());
    await stub.putState('a', Buffer.from('new'));
    expect(Buffer.from(await stub.getState('a')).toString()).toBe('old');
    ledger.commit(stub.result(''));
    expect(ledger.read('a')?.value.toString()).toBe('new');
  });

  it('returns partial-key ranges in key order and only committed keys', async () => {
    const ledger = new FakeLedger();
    const stub0 = new FakeStub(ledger, input());
    const key = (id: string): string => stub0.createCompositeKey('t', ['x', id]);
    await commitPut(ledger, {
      [key('b')]: '2',
      [key('a')]: '1',
      [key('c')]: '3',
      [stub0.createCompositeKey('t', ['y', 'a'])]: 'other',
      [stub0.createCompositeKey('tt', ['x'])]: 'other type',
    });
    const stub = new FakeStub(ledger, input());
    await stub.putState(key('aa'), Buffer.from('uncommitted'));
    const found = await collect(stub.getStateByPartialCompositeKey('t', ['x']));
    expect(found.map((e) => Buffer.from(e.value).toString())).toEqual(['1', '2', '3']);
    expect(stub.splitCompositeKey(found[0]?.key ?? '')).toEqual({ objectType: 't', attributes: ['x', 'a'] });
  });

  it('uses Fabric composite keys: U+0000 prefix and separators', () => {
    const stub = new FakeStub(new FakeLedger(), input());
    expect(stub.createCompositeKey('scf.receivable', ['r1'])).toBe('\u0000scf.receivable\u0000r1\u0000');
  });

  it('fails the later of two transactions that read the same key (MVCC)', async () => {
    const ledger = new FakeLedger();
    await commitPut(ledger, { counter: '0' });
    const first = new FakeStub(ledger, input());
    const second = new FakeStub(ledger, input());
    for (const stub of [first, second]) {
      await stub.getState('counter');
      await stub.putState('counter', Buffer.from('1'));
    }
    expect(ledger.commit(first.result(''))).toBe('VALID');
    expect(ledger.commit(second.result(''))).toBe('MVCC_READ_CONFLICT');
    expect(ledger.blocks.map((b) => b.code)).toEqual(['VALID', 'VALID', 'MVCC_READ_CONFLICT']);
  });

  it('fails a transaction whose range gained a key before it committed (phantom)', async () => {
    const ledger = new FakeLedger();
    const reader = new FakeStub(ledger, input());
    await collect(reader.getStateByPartialCompositeKey('t', []));
    await reader.putState('summary', Buffer.from('0'));
    await commitPut(ledger, { [reader.createCompositeKey('t', ['new'])]: 'x' });
    expect(ledger.commit(reader.result(''))).toBe('PHANTOM_READ_CONFLICT');
  });

  it('refuses empty values, which Fabric would treat as deletes', async () => {
    const stub = new FakeStub(new FakeLedger(), input());
    await expect(stub.putState('k', Buffer.alloc(0))).rejects.toThrow(/delete/);
  });

  it('keeps the last event and counts calls', () => {
    const stub = new FakeStub(new FakeLedger(), input());
    stub.setEvent('one', Buffer.from('1'));
    stub.setEvent('two', Buffer.from('2'));
    const tx = stub.result('');
    expect(tx.event?.name).toBe('two');
    expect(tx.eventCount).toBe(2);
  });

  it('enforces key-level endorsement policies at commit', async () => {
    const ledger = new FakeLedger();
    const setter = new FakeStub(ledger, input());
    await setter.putState('asset', Buffer.from('v1'));
    await setter.setStateValidationParameter('asset', peersOfAllOrgs(['CoreMSP', 'SuppliersMSP']));
    expect(ledger.commit(setter.result(''))).toBe('VALID');
    expect(await commitPut(ledger, { asset: 'v2' }, { endorsingOrgs: ['CoreMSP', 'BankAMSP'] })).toBe('ENDORSEMENT_POLICY_FAILURE');
    expect(await commitPut(ledger, { asset: 'v2' }, { endorsingOrgs: ['CoreMSP', 'SuppliersMSP'] })).toBe('VALID');
    expect(new KeyEndorsementPolicy(ledger.validationParameter('asset')).listOrgs()).toEqual(['CoreMSP', 'SuppliersMSP']);
  });

  it('keeps history newest first with tx ids and timestamps', async () => {
    const ledger = new FakeLedger();
    await commitPut(ledger, { h: '1' }, { txId: 'first', seconds: 100 });
    await commitPut(ledger, { h: '2' }, { txId: 'second', seconds: 200 });
    const stub = new FakeStub(ledger, input());
    const history = await collect(stub.getHistoryForKey('h'));
    expect(history.map((h) => [h.txId, h.timestamp.seconds, Buffer.from(h.value).toString()])).toEqual([
      ['second', 200, '2'],
      ['first', 100, '1'],
    ]);
  });

  it('private data: members only, hash for everyone, hashes (not values) in blocks', async () => {
    const ledger = new FakeLedger();
    const bank = new FakeStub(ledger, input({ creatorMsp: 'BankAMSP' }));
    await bank.putPrivateData('terms_BankAMSP_SuppliersMSP', 'k', Buffer.from('SECRET-RATE'));
    ledger.commit(bank.result(''));
    const outsider = new FakeStub(ledger, input({ creatorMsp: 'BankBMSP' }));
    await expect(outsider.getPrivateData('terms_BankAMSP_SuppliersMSP', 'k')).rejects.toThrow(/read access/);
    await expect(outsider.putPrivateData('terms_BankAMSP_SuppliersMSP', 'k', Buffer.from('x'))).rejects.toThrow(/write access/);
    expect(Buffer.from(await outsider.getPrivateDataHash('terms_BankAMSP_SuppliersMSP', 'k')).toString('hex')).toHaveLength(64);
    const member = new FakeStub(ledger, input({ creatorMsp: 'SuppliersMSP' }));
    expect(Buffer.from(await member.getPrivateData('terms_BankAMSP_SuppliersMSP', 'k')).toString()).toBe('SECRET-RATE');
    expect(ledger.blockBytes()).not.toContain('SECRET-RATE');
    await expect(member.getPrivateData('no_such_collection', 'k')).rejects.toThrow(/not defined/);
  });
});
