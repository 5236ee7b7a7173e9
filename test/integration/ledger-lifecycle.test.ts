import { isoDay, runId, submitAs, evaluateAs } from '../support/ledger';
import { eventually } from '../support/fabric';

interface Receivable {
  id: string;
  status: string;
  holderId: string;
  face: string;
  outstanding: string;
  settled: string;
  financingId?: string;
}
interface Financing {
  id: string;
  status: string;
  outstandingPrincipal: string;
  trancheDraws: { index: number; amount: string }[];
}
interface CreditLine {
  drawn: string;
  headroom: string;
}
interface Payment {
  status: string;
  allocations: { payeeKind: string; payeeId: string; amount: string }[];
}

describe('the closed loop on the real network: issue → confirm → split → finance → repay → settle', () => {
  it('moves value between the orgs and conserves it', async () => {
    const id = runId('loop');
    const line = `${id}-line`;
    await submitAs('auditor', 'scf.creditline:SetConsortiumCap', ['core', 'USD', '1000000000000']);
    await submitAs('bank-a', 'scf.creditline:GrantCreditLine', [line, 'core', 'USD', '50000000', isoDay(365), '8000', '180', '10']);

    const issued = await submitAs<Receivable>('supplier-1', 'scf.receivable:IssueReceivable', [
      id,
      'core',
      `INV-${id}`,
      'USD',
      '1000000',
      isoDay(-1),
      isoDay(60),
    ]);
    expect(issued).toMatchObject({ status: 'ISSUED', holderId: 'supplier-1', face: '1000000' });
    const confirmed = await submitAs<Receivable>('core', 'scf.receivable:ConfirmReceivable', [id]);
    expect(confirmed.status).toBe('CONFIRMED');

    const split = await submitAs<{ parent: Receivable; children: Receivable[] }>('supplier-1', 'scf.receivable:SplitReceivable', [
      id,
      JSON.stringify([
        { id: `${id}-keep`, amount: '600000', holderId: 'supplier-1' },
        { id: `${id}-t2`, amount: '400000', holderId: 'supplier-2' },
      ]),
    ]);
    expect(split.parent.status).toBe('SPLIT');
    expect(split.children.map((c) => [c.holderId, c.face])).toEqual([
      ['supplier-1', '600000'],
      ['supplier-2', '400000'],
    ]);

    const financingId = `${id}-fin`;
    await submitAs<Financing>('supplier-2', 'scf.financing:RequestFinancing', [financingId, `${id}-t2`, line, '300000']);
    const assessment = {
      decision: 'APPROVE',
      score: 120,
      reasonCodes: ['INTEGRATION_TEST'],
      policyVersion: 'test-1',
      inputsHash: 'a'.repeat(64),
    };
    type SlotAfter = { index: number; limit: string; drawnAfter: string };
    const approved = await submitAs<{
      financing: Financing;
      exposureAfter: { lineId: string; tranches: SlotAfter[]; shards: SlotAfter[] };
    }>('bank-a-risk', 'scf.financing:ApproveFinancing', [financingId, JSON.stringify(assessment)]);
    expect(approved.financing).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: '300000' });
    // The post-state of the tranches it drew on (a fresh line: they held nothing before).
    expect(approved.exposureAfter.lineId).toBe(line);
    expect(approved.exposureAfter.tranches.map((t) => t.index)).toEqual(approved.financing.trancheDraws.map((d) => d.index));
    expect(approved.exposureAfter.tranches.reduce((sum, t) => sum + BigInt(t.drawnAfter), 0n)).toBe(300_000n);
    const lineAfter = await evaluateAs<CreditLine & { tranches: { index: number; drawn: string }[] }>(
      'auditor',
      'scf.creditline:GetCreditLine',
      [line],
    );
    expect(lineAfter).toMatchObject({ drawn: '300000', headroom: '49700000' });
    for (const slot of approved.exposureAfter.tranches) {
      expect(lineAfter.tranches.find((t) => t.index === slot.index)?.drawn).toBe(slot.drawnAfter);
    }

    const paymentId = `${id}-pay`;
    const payment = await submitAs<Payment>('core', 'scf.repayment:RecordPayment', [paymentId, `${id}-t2`, '400000', `WIRE-${id}`]);
    expect(payment.allocations).toEqual([
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '300000' },
      { payeeKind: 'HOLDER', payeeId: 'supplier-2', amount: '100000' },
    ]);
    await submitAs('bank-a', 'scf.repayment:AcknowledgePayment', [paymentId]);
    const settled = await submitAs<{ payment: Payment; receivable: Receivable }>('supplier-2', 'scf.repayment:AcknowledgePayment', [
      paymentId,
    ]);
    expect(settled.payment.status).toBe('SETTLED');
    expect(settled.receivable).toMatchObject({ status: 'SETTLED', outstanding: '0', settled: '400000' });

    // Every org's peer sees the same final state; the exposure is released.
    for (const reader of ['auditor', 'bank-b', 'warehouse', 'core']) {
      await eventually(async () => {
        expect(await evaluateAs<Financing>(reader, 'scf.financing:GetFinancing', [financingId])).toMatchObject({
          status: 'REPAID',
          outstandingPrincipal: '0',
        });
      });
    }
    expect(await evaluateAs<CreditLine>('auditor', 'scf.creditline:GetCreditLine', [line])).toMatchObject({
      drawn: '0',
      headroom: '50000000',
    });
    const kept = await evaluateAs<Receivable>('auditor', 'scf.receivable:GetReceivable', [`${id}-keep`]);
    expect(BigInt(kept.outstanding) + BigInt(settled.receivable.settled)).toBe(BigInt(issued.face));

    const history = await evaluateAs<{ txId: string; timestamp: string }[]>('auditor', 'scf.receivable:GetReceivableHistory', [`${id}-t2`]);
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history.every((h) => /^[0-9a-f]{64}$/.test(h.txId) && h.timestamp.length > 0)).toBe(true);
  });
});
