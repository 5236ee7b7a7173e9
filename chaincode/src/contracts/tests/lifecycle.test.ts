import { ID } from '../../testing/identities';
import { ASSESSMENT, P, World } from '../../testing/world';
import { EVENTS } from '../events';
import type { ApprovalResult, Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';

interface Exposure {
  drawn: string;
}

describe('the closed loop: issue, confirm, split, finance, pay, acknowledge', () => {
  it('settles the claim, repays the financing and releases the exposure', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '1000000');

    const split = await world.submitOk<{ parent: Receivable; children: Receivable[] }>(ID.supplier1, 'scf.receivable:SplitReceivable', [
      'r1',
      JSON.stringify([
        { id: 'r1-keep', amount: '600000', holderId: P.supplier1 },
        { id: 'r1-t2', amount: '400000', holderId: P.supplier2 },
      ]),
    ]);
    expect(split.parent.status).toBe('SPLIT');
    expect(split.children.map((c) => [c.id, c.holderId, c.face])).toEqual([
      ['r1-keep', P.supplier1, '600000'],
      ['r1-t2', P.supplier2, '400000'],
    ]);

    const requested = await world.submitOk<Financing>(ID.supplier2, 'scf.financing:RequestFinancing', ['f1', 'r1-t2', 'line1', '300000']);
    expect(requested.status).toBe('REQUESTED');
    const { financing: approved } = await world.submitOk<ApprovalResult>(
      ID.bankAGateway,
      'scf.financing:ApproveFinancing',
      await world.approveArgs('f1'),
    );
    expect(approved).toMatchObject({
      status: 'ACTIVE',
      outstandingPrincipal: '300000',
      assessment: { ...ASSESSMENT, assessedBy: P.bankAGateway },
    });
    // The auditor reads the line's public part: what is drawn, not the headroom (which would give the limit away).
    const line = await world.evaluateOk<Exposure>(ID.auditor, 'scf.creditline:GetCreditLine', ['line1']);
    expect(line).toMatchObject({ drawn: '300000' });
    expect(line).not.toHaveProperty('headroom');
    expect(await world.evaluateOk<Exposure>(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).toMatchObject({
      cap: '50000000',
      drawn: '300000',
    });

    const payment = await world.submitOk<Payment>(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1-t2', '400000', 'WIRE-0001']);
    expect(payment.allocations).toEqual([
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '300000' },
      { payeeKind: 'HOLDER', payeeId: P.supplier2, amount: '100000' },
    ]);

    const bankAck = await world.submitOk<{ receivable: Receivable; financing: Financing }>(
      ID.bankAOfficer,
      'scf.repayment:AcknowledgePayment',
      ['pay1'],
    );
    expect(bankAck.financing).toMatchObject({
      status: 'REPAID',
      outstandingPrincipal: '0',
      repaidPrincipal: '300000',
      trancheDraws: [],
      capDraws: [],
    });
    expect(bankAck.receivable).toMatchObject({ outstanding: '100000', settled: '300000', pendingAmount: '100000' });
    expect(bankAck.receivable.financingId).toBeUndefined();
    expect(await world.evaluateOk<Exposure>(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '0' });
    expect(await world.evaluateOk<Exposure>(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).toMatchObject({ drawn: '0' });

    const holderAck = await world.submitOk<{ payment: Payment; receivable: Receivable }>(ID.supplier2, 'scf.repayment:AcknowledgePayment', [
      'pay1',
    ]);
    expect(holderAck.payment.status).toBe('SETTLED');
    expect(holderAck.receivable).toMatchObject({ status: 'SETTLED', outstanding: '0', settled: '400000', pendingAmount: '0' });
    expect(holderAck.receivable.pendingPaymentId).toBeUndefined();
  });

  it('emits exactly one named event per state change, with the tx id', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    const blocks = world.net.ledger.blocks.map((b) => b.tx);
    expect(blocks.every((tx) => tx.eventCount === 1)).toBe(true);
    const last = blocks[blocks.length - 1];
    expect(last?.event?.name).toBe(EVENTS.receivableConfirmed);
    expect(JSON.parse(last?.event?.payload.toString() ?? '{}')).toEqual({ receivableId: 'r1', debtorId: P.core, txId: last?.txId });
  });

  it('keeps the full history of a receivable with tx ids and timestamps', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    const history = await world.evaluateOk<{ txId: string; timestamp: string; value: Receivable }[]>(
      ID.auditor,
      'scf.receivable:GetReceivableHistory',
      ['r1'],
    );
    expect(history.map((h) => h.value.status)).toEqual(['CONFIRMED', 'ISSUED']);
    expect(history.every((h) => h.timestamp === '2025-01-10T00:00:00Z' && h.txId.startsWith('tx'))).toBe(true);
  });

  it('answers by holder, by debtor and by bank from partial-key indexes', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    await world.confirmedReceivable('r2');
    const byHolder = await world.evaluateOk<Receivable[]>(ID.supplier1, 'scf.receivable:ListReceivablesByHolder', [P.supplier1]);
    expect(byHolder.map((r) => r.id)).toEqual(['r1', 'r2']);
    const byDebtor = await world.evaluateOk<Receivable[]>(ID.core, 'scf.receivable:ListReceivablesByDebtor', [P.core]);
    expect(byDebtor.map((r) => r.id)).toEqual(['r1', 'r2']);
    const byBank = await world.evaluateOk<Financing[]>(ID.bankAOfficer, 'scf.financing:ListFinancingsByBank', ['BankAMSP']);
    expect(byBank.map((f) => f.id)).toEqual(['f1']);
    expect(await world.evaluateOk<Financing[]>(ID.bankBOfficer, 'scf.financing:ListFinancingsByBank', ['BankBMSP'])).toEqual([]);
  });
});

describe('an invoice backs one receivable only (invoice fingerprint)', () => {
  it('refuses the same invoice number written with other case, spacing, separators or width; another number is fine', async () => {
    const world = await World.registered();
    const issue = (id: string, invoice: string): ReturnType<World['submit']> =>
      world.submit(ID.supplier1, 'scf.receivable:IssueReceivable', [id, P.core, invoice, 'USD', '1000', '2025-01-05', '2025-04-01']);
    expect(await issue('r1', 'INV-2025-001')).toMatchObject({ ok: true });
    for (const [id, variant] of [
      ['r2', 'inv 2025 001'],
      ['r3', 'Inv  2025/001'],
      ['r4', 'ＩＮＶ－２０２５－００１'],
    ] as const) {
      expect(await issue(id, variant)).toMatchObject({ ok: false, code: 'DUPLICATE_FINGERPRINT' });
    }
    expect(await issue('r5', 'INV-2025-002')).toMatchObject({ ok: true });
  });
});
