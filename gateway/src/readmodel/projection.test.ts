import { decodeBlock } from './decode-block';
import { projectBlock } from './projection';
import { rowsOf, type RowWrite } from './row-write';
import { buildBlock, roundTrip } from './testing/block-builder';
import { scenarioBlocks } from './testing/scenario';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';

const project = (number: number): readonly RowWrite[] => {
  const block = scenarioBlocks()[number];
  if (!block) {
    throw new Error(`no block ${number}`);
  }
  return rowsOf(projectBlock(decodeBlock(roundTrip(block)), 'scf'));
};
const tables = (rows: readonly RowWrite[]): string[] => rows.map((r) => r.table);

describe('projectBlock', () => {
  it('writes one transaction row per transaction, invalid ones included, and entity rows only for valid ones', () => {
    const rows = project(5);
    const txRows = rows.filter((r) => r.table === 'rm_transactions');
    expect(txRows.map((r) => [r.values.tx_index, r.values.validation_name])).toEqual([
      [0, 'VALID'],
      [1, 'VALID'],
      [2, 'MVCC_READ_CONFLICT'],
      [3, 'VALID'],
    ]);
    const financings = rows.filter((r) => r.table === 'rm_financings');
    expect(financings.map((r) => [r.values.id, r.values.status, r.values.tx_index])).toEqual([
      ['f1', 'ACTIVE', 0],
      ['f4', 'REJECTED', 1],
      ['f5', 'ACTIVE', 3],
    ]);
  });

  it('projects side effects from the write set: the receivable an approval encumbers', () => {
    const receivable = project(5).find((r) => r.table === 'rm_receivables');
    expect(receivable?.values).toMatchObject({ id: 'r1-a', financing_id: 'f1', block_number: 5, tx_index: 0 });
  });

  it('records a split part given to another holder as a transfer edge, once', () => {
    const rows = project(3);
    expect(tables(rows)).toEqual(['rm_transactions', 'rm_receivables', 'rm_receivables', 'rm_receivables', 'rm_transfers']);
    const transfer = rows.find((r) => r.table === 'rm_transfers');
    expect(transfer).toMatchObject({
      insertOnly: true,
      values: { receivable_id: 'r1-b', parent_id: 'r1', from_id: 'supplier-1', to_id: 'supplier-2', amount: '400000' },
    });
  });

  it('keeps the ledger record verbatim and the time a financing was first repaid or defaulted', () => {
    const rows = project(9);
    const [late, defaulted] = rows.filter((r) => r.table === 'rm_financings');
    expect(late).toMatchObject({
      keepFirst: ['repaid_at', 'defaulted_at'],
      values: { id: 'f2', repaid_at: '2025-04-06T00:00:00.000Z', defaulted_at: null },
    });
    expect(defaulted?.values).toMatchObject({ id: 'f3', defaulted_at: '2025-05-21T00:00:00.000Z' });
    expect(JSON.parse(String(defaulted?.values.record))).toMatchObject({ id: 'f3', status: 'DEFAULTED' });
  });

  it('projects a payment with one row per allocation', () => {
    const rows = project(7);
    expect(
      rows.filter((r) => r.table === 'rm_payment_allocations').map((r) => [r.values.seq, r.values.payee_kind, r.values.acknowledged_by]),
    ).toEqual([
      [0, 'BANK', null],
      [1, 'HOLDER', null],
      [0, 'BANK', 'bank-a'],
      [1, 'HOLDER', null],
    ]);
  });

  it('ignores other namespaces, index markers and unknown keys; a transaction with an unreadable value carries the error, no rows', () => {
    const block = buildBlock(0, [
      {
        txId: 't',
        fn: fcn(tx.receivable.IssueReceivable),
        writes: [
          { objectType: KeyType.receivablesByHolder, attributes: ['s', 'r'], value: '\u0000' },
          { objectType: KeyType.fingerprint, attributes: ['abc'], value: { assetId: 'r' } },
          { objectType: KeyType.receivable, attributes: ['r'], value: { id: 'r' } },
        ],
      },
      { txId: 'u', fn: 'other', chaincode: 'other', writes: [{ objectType: KeyType.receivable, attributes: ['x'], value: {} }] },
    ]);
    const projection = projectBlock(decodeBlock(block), 'scf');
    expect(tables(rowsOf(projection))).toEqual(['rm_transactions', 'rm_transactions']);
    expect(projection.transactions.map((t) => [t.txId, t.error])).toEqual([
      [
        't',
        'unreadable scf.receivable value at key "\\u0000scf.receivable\\u0000r\\u0000": rootId, holderId, debtorId, face, outstanding, status must be text',
      ],
      ['u', undefined],
    ]);
  });

  it('skips, with the error, a transaction whose record has a field of a type no column stores; the other transactions keep their rows', () => {
    const participant = (id: string, name: unknown) => ({
      objectType: KeyType.participant,
      attributes: [id],
      value: {
        id,
        mspId: 'SuppliersMSP',
        clientId: `x509::${id}`,
        role: 'SUPPLIER',
        status: 'ACTIVE',
        name,
        registeredAt: 't',
        updatedAt: 't',
      },
    });
    const block = buildBlock(3, [
      { txId: 'a', fn: 'RegisterParticipant', writes: [participant('p1', { first: 'Ann' })] },
      { txId: 'b', fn: 'RegisterParticipant', writes: [participant('p2', 'Bob')] },
    ]);
    const projection = projectBlock(decodeBlock(block), 'scf');
    expect(projection.transactions.map((t) => [t.txId, t.error, tables(t.rows)])).toEqual([
      ['a', 'rm_participants.name would be object, not text or a number', []],
      ['b', undefined, ['rm_participants']],
    ]);
  });
});
