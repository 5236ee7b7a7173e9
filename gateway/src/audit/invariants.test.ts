import { checkInvariants, doubleAcknowledgement } from './invariants';
import { WorldState, type TxRef } from './world-state';
import { KeyType } from '@scf/kernel/keys';

const key = (type: string, ...attributes: string[]): string => `\u0000${[type, ...attributes].join('\u0000')}\u0000`;
const at = (txId: string, blockNumber = '1'): TxRef => ({ txId, blockNumber });

function receivable(
  id: string,
  amounts: { face: string; outstanding: string; settled?: string; diluted?: string; splitOff?: string },
  links: { parentId?: string; childIds?: string[]; financingId?: string } = {},
) {
  return { id, rootId: id, childIds: [], settled: '0', diluted: '0', splitOff: '0', ...amounts, ...links };
}

function financing(id: string, receivableId: string, status: string, outstandingPrincipal: string, lineId = 'line-1') {
  return { id, receivableId, lineId, status, outstandingPrincipal, debtorId: 'core', currency: 'USD', bankMsp: 'BankAMSP' };
}

function stateOf(records: readonly [string, object, TxRef][]): WorldState {
  const state = new WorldState();
  for (const [k, value, ref] of records) {
    state.set(k, JSON.stringify(value), ref);
  }
  return state;
}

const capSlot = { coreId: 'core', currency: 'USD', bankMsp: 'BankAMSP', index: 0 };

/** A sound ledger: a split tree (r1 → r2, r3), one financing of r2 drawn from line-1, one acknowledged payment on r3. */
function soundRecords(): [string, object, TxRef][] {
  return [
    [
      key(KeyType.receivable, 'r1'),
      receivable('r1', { face: '1000', outstanding: '0', diluted: '100', splitOff: '900' }, { childIds: ['r2', 'r3'] }),
      at('split'),
    ],
    [
      key(KeyType.receivable, 'r2'),
      receivable('r2', { face: '600', outstanding: '600' }, { parentId: 'r1', financingId: 'f1' }),
      at('approve'),
    ],
    [key(KeyType.receivable, 'r3'), receivable('r3', { face: '300', outstanding: '200', settled: '100' }, { parentId: 'r1' }), at('ack')],
    [key(KeyType.financing, 'f1'), financing('f1', 'r2', 'ACTIVE', '400'), at('approve')],
    [key(KeyType.tranche, 'line-1', '000'), { lineId: 'line-1', index: 0, limit: '500', drawn: '300' }, at('approve')],
    [key(KeyType.tranche, 'line-1', '001'), { lineId: 'line-1', index: 1, limit: '500', drawn: '100' }, at('approve')],
    [key(KeyType.capShard, 'core', 'USD', 'BankAMSP', '000'), { ...capSlot, limit: '450' }, at('cap')],
    [key(KeyType.capDraw, 'core', 'USD', 'BankAMSP', '000'), { ...capSlot, drawn: '400' }, at('approve')],
    [
      key(KeyType.payment, 'p1'),
      { id: 'p1', receivableId: 'r3', amount: '100', allocations: [{ payeeId: 's1', amount: '100', acknowledgedAt: 'T' }] },
      at('ack'),
    ],
  ];
}

describe('ledger invariants on a replayed state', () => {
  it('finds nothing wrong in a sound state', () => {
    expect(checkInvariants(stateOf(soundRecords()))).toEqual([]);
  });

  it('reports a node and its tree that do not conserve, with the writing transaction', () => {
    const records = soundRecords();
    records[2] = [
      key(KeyType.receivable, 'r3'),
      receivable('r3', { face: '300', outstanding: '250', settled: '100' }, { parentId: 'r1' }),
      at('bad', '7'),
    ];
    const breaches = checkInvariants(stateOf(records)).filter((b) => b.invariant === 'conservation');
    const node = breaches.find((b) => b.message.startsWith('receivable r3'));
    const tree = breaches.find((b) => b.message.startsWith('tree of r1'));
    expect(breaches).toHaveLength(2);
    expect(node?.transactions).toEqual([at('bad', '7')]);
    expect(tree?.message).toBe('tree of r1: face 1000 ≠ 1050 settled + diluted + outstanding over its splits');
    expect(tree?.transactions).toContainEqual(at('bad', '7'));
  });

  it('reports a line whose tranches do not sum to its live principal (REPAID financings do not count)', () => {
    const records = soundRecords();
    records.push([key(KeyType.financing, 'f0'), financing('f0', 'r3', 'REPAID', '0'), at('old')]);
    records[5] = [key(KeyType.tranche, 'line-1', '001'), { lineId: 'line-1', index: 1, limit: '500', drawn: '150' }, at('draw', '9')];
    const breaches = checkInvariants(stateOf(records));
    expect(breaches).toEqual([
      expect.objectContaining({ invariant: 'line-exposure', message: 'credit line line-1: drawn 450 ≠ 400 live principal' }),
    ]);
    expect(breaches[0]?.transactions).toContainEqual(at('draw', '9'));
  });

  it("reports a bank's cap draws that do not sum to its live principal, and a draw above its slot's limit", () => {
    const records = soundRecords();
    // Bank A lowered its own draw (its key): its share no longer counts the financing.
    records[7] = [key(KeyType.capDraw, 'core', 'USD', 'BankAMSP', '000'), { ...capSlot, drawn: '0' }, at('forged', '12')];
    records.push([key(KeyType.capDraw, 'core', 'USD', 'BankAMSP', '001'), { ...capSlot, index: 1, drawn: '400' }, at('over', '13')]);
    const breaches = checkInvariants(stateOf(records)).filter((b) => b.invariant === 'cap-share-exposure');
    expect(breaches.map((b) => b.message)).toEqual(['cap share core/USD/BankAMSP: slot 1 drawn 400 above its limit none']);
    records.pop();
    const lowered = checkInvariants(stateOf(records)).filter((b) => b.invariant === 'cap-share-exposure');
    expect(lowered.map((b) => b.message)).toEqual(['cap share core/USD/BankAMSP: drawn 0 ≠ 400 live principal']);
    expect(lowered[0]?.transactions).toContainEqual(at('forged', '12'));
  });

  it('reports a receivable with two live financings, and an encumbrance by a dead one', () => {
    const records = soundRecords();
    records.push([key(KeyType.financing, 'f2'), financing('f2', 'r2', 'DEFAULTED', '0'), at('second', '11')]);
    records.push([key(KeyType.receivable, 'r4'), receivable('r4', { face: '5', outstanding: '5' }, { financingId: 'gone' }), at('r4')]);
    const invariants = checkInvariants(stateOf(records)).filter((b) => b.invariant === 'single-encumbrance');
    expect(invariants.map((b) => b.message)).toEqual([
      'receivable r2 has 2 live financings: f1, f2',
      'receivable r4 is encumbered by gone, which is not live',
    ]);
    expect(invariants[0]?.transactions).toEqual([at('approve'), at('second', '11')]);
  });

  it('reports settled amounts no acknowledgement accounts for (a claim paid twice)', () => {
    const records = soundRecords();
    records[2] = [
      key(KeyType.receivable, 'r3'),
      receivable('r3', { face: '300', outstanding: '100', settled: '200' }, { parentId: 'r1' }),
      at('twice', '12'),
    ];
    records[0] = [
      key(KeyType.receivable, 'r1'),
      receivable('r1', { face: '1100', outstanding: '0', diluted: '200', splitOff: '900' }, { childIds: ['r2', 'r3'] }),
      at('split'),
    ];
    const breaches = checkInvariants(stateOf(records));
    expect(breaches.map((b) => b.invariant)).toEqual(['settled-once']);
    expect(breaches[0]?.transactions).toContainEqual(at('twice', '12'));
  });

  it('flags an allocation acknowledged a second time, naming both transactions', () => {
    const payment = (acknowledgedAt?: string) =>
      JSON.stringify({ id: 'p1', allocations: [{ amount: '5', ...(acknowledgedAt === undefined ? {} : { acknowledgedAt }) }] });
    const k = key(KeyType.payment, 'p1');
    expect(
      doubleAcknowledgement(k, { value: payment(), writtenBy: at('rec') }, { value: payment('T1'), writtenBy: at('ack1') }),
    ).toBeUndefined();
    expect(
      doubleAcknowledgement(k, { value: payment('T1'), writtenBy: at('ack1', '3') }, { value: payment('T2'), writtenBy: at('ack2', '4') }),
    ).toEqual({
      invariant: 'acknowledged-once',
      message: 'payment p1: allocation 0 acknowledged twice',
      transactions: [at('ack1', '3'), at('ack2', '4')],
    });
    expect(
      doubleAcknowledgement(
        key(KeyType.receivable, 'p1'),
        { value: payment('T1'), writtenBy: at('a') },
        { value: payment('T2'), writtenBy: at('b') },
      ),
    ).toBeUndefined();
  });
});
