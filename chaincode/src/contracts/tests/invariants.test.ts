import { ID } from '../../testing/identities';
import { violations } from '../../testing/invariants';
import { P, World } from '../../testing/world';
import { KeyType } from '@scf/kernel/keys';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

describe('the invariant checker itself', () => {
  it('notices a broken ledger', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    expect(violations(world.net.ledger)).toEqual([]);
    const stub = world.net.ledger;
    const key = '\u0000scf.receivable\u0000r1\u0000';
    const record = JSON.parse(stub.read(key)?.value.toString() ?? '{}') as Receivable;
    const tx = {
      ...(await world.net.simulate(ID.auditor, 'scf.system:Heartbeat', ['x'])),
    };
    if (!tx.ok) {
      throw new Error('heartbeat failed');
    }
    const writes = new Map([[key, Buffer.from(JSON.stringify({ ...record, outstanding: '-1', financingId: undefined }))]]);
    stub.commit({ ...tx.tx, writes, reads: new Map() });
    expect(violations(stub)).toEqual(
      expect.arrayContaining([
        'negative amount scf.receivable $.outstanding',
        'receivable r1 does not conserve',
        'live financing f1 is not the encumbrance of r1',
      ]),
    );
  });

  it('notices a payment left reserved after it was cancelled, and a pending dilution that took effect', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '1000', 'WIRE-1']);
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'd1', 'RETURN', '10', 'RET-1', '2025-03-01T00:00:00Z']);
    await world.submitOk(ID.core, 'scf.repayment:CancelPayment', ['pay1', 'never sent']);
    expect(violations(world.net.ledger)).toEqual([]);
    const keyOf = (type: string, ...ids: string[]): string => `\u0000${[type, ...ids].join('\u0000')}\u0000`;
    const recordOf = (key: string): unknown => JSON.parse(world.net.ledger.read(key)?.value.toString() ?? '{}');
    const receivable = recordOf(keyOf(KeyType.receivable, 'r1')) as Receivable;
    const tx = await world.net.simulate(ID.auditor, 'scf.system:Heartbeat', ['x']);
    if (!tx.ok) {
      throw new Error('heartbeat failed');
    }
    const dilution = {
      id: 'd1',
      receivableId: 'r1',
      kind: 'RETURN',
      amount: '10',
      reference: 'RET-1',
      recordedBy: P.supplier1,
      recordedAt: 'x',
    };
    const writes = new Map([
      [keyOf(KeyType.receivable, 'r1'), Buffer.from(JSON.stringify({ ...receivable, pendingPaymentId: 'pay1', pendingAmount: '1000' }))],
      [keyOf(KeyType.dilution, 'r1', 'd1'), Buffer.from(JSON.stringify(dilution))],
    ]);
    world.net.ledger.commit({ ...tx.tx, writes, reads: new Map() });
    expect(violations(world.net.ledger)).toEqual([
      'receivable r1 reserves 1000 for pay1 but its pending payments [] have 0 unacknowledged',
      'dilution request d1 on r1 is PENDING but its dilution is 10',
    ]);
  });

  it('notices a pledged receipt redeemed, a second live pledge, a stale margin status and a stale live index', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['w1', P.supplier1, 'LOT-7', 'COPPER', 'A', 'KG', '1000', 'Bay 3']);
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', 'BankAMSP', '80000']);
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p2', 'w1', 'BankBMSP', '1000']);
    await world.submitOk(ID.bankAOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs('p1', '2000', '11000'));
    expect(violations(world.net.ledger)).toEqual([]);
    const keyOf = (type: string, id: string): string => `\u0000${type}\u0000${id}\u0000`;
    const recordOf = (key: string): unknown => JSON.parse(world.net.ledger.read(key)?.value.toString() ?? '{}');
    const receipt = recordOf(keyOf(KeyType.receipt, 'w1')) as WarehouseReceipt;
    const second = recordOf(keyOf(KeyType.pledge, 'p2')) as Pledge;
    const tx = await world.net.simulate(ID.auditor, 'scf.system:Heartbeat', ['x']);
    if (!tx.ok) {
      throw new Error('heartbeat failed');
    }
    const writes = new Map([
      [keyOf(KeyType.receipt, 'w1'), Buffer.from(JSON.stringify({ ...receipt, status: 'REDEEMED' }))],
      [
        keyOf(KeyType.pledge, 'p2'),
        Buffer.from(
          JSON.stringify({
            ...second,
            status: 'ACTIVE',
            loanAmount: '90000',
            currency: 'USD',
            haircutBps: '0',
            maintenanceRatioBps: '20000',
          }),
        ),
      ],
    ]);
    world.net.ledger.commit({ ...tx.tx, writes, reads: new Map() });
    expect(violations(world.net.ledger)).toEqual([
      'receipt w1 has 2 live pledges',
      'receipt w1 redeemed while pledged',
      "pledge p2 is ACTIVE at today's price of 100",
      'live pledge index ["p1"] differs from the live pledges ["p1","p2"]',
    ]);
  });

  it('notices a stranded financing: its receivable settled (or shrunk below the principal) under it', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    const key = '\u0000scf.receivable\u0000r1\u0000';
    const record = JSON.parse(world.net.ledger.read(key)?.value.toString() ?? '{}') as Receivable;
    const forge = async (changes: Partial<Receivable>): Promise<void> => {
      const tx = await world.net.simulate(ID.auditor, 'scf.system:Heartbeat', ['x']);
      if (!tx.ok) {
        throw new Error('heartbeat failed');
      }
      world.net.ledger.commit({
        ...tx.tx,
        writes: new Map([[key, Buffer.from(JSON.stringify({ ...record, ...changes }))]]),
        reads: new Map(),
      });
    };
    // What a 100 % credit note did before the fix: conserving, but nothing can repay f1 any more.
    await forge({ outstanding: '0', diluted: '1000000', status: 'SETTLED' });
    expect(violations(world.net.ledger)).toEqual([
      'live financing f1 is stranded: receivable r1 is SETTLED with 0 outstanding under 800000 principal',
    ]);
    await forge({ outstanding: '799999', diluted: '200001' });
    expect(violations(world.net.ledger)).toEqual([
      'live financing f1 is stranded: receivable r1 is CONFIRMED with 799999 outstanding under 800000 principal',
    ]);
    await forge({ outstanding: '800000', diluted: '200000' });
    expect(violations(world.net.ledger)).toEqual([]);
  });
});
