import { runId, submitAs, evaluateAs, grantLineAs, lineTerms, invoiceTerms } from '../support/ledger';
import { eventually, peersInStep } from '../support/fabric';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { approvalCall } from '../support/decisions';

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

/** submitAs, then every peer at the block it committed in: each next step is endorsed (and read) on other orgs' peers. */
async function submit<T>(...args: Parameters<typeof submitAs>): Promise<T> {
  const result = await submitAs<T>(...args);
  await peersInStep();
  return result;
}

describe('the closed loop on the real network: issue → confirm → split → finance → repay → settle', () => {
  it('moves value between the orgs and conserves it', async () => {
    const id = runId('loop');
    const line = `${id}-line`;
    await submit('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(line, { maxAdvanceRateBps: '8000' }));

    const issued = await submit<Receivable>('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    expect(issued).toMatchObject({ status: 'ISSUED', holderId: 'supplier-1', face: '1000000' });
    const confirmed = await submit<Receivable>('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    expect(confirmed.status).toBe('CONFIRMED');

    const split = await submit<{ parent: Receivable; children: Receivable[] }>(
      'supplier-1',
      call(tx.receivable.SplitReceivable, {
        receivableId: id,
        partsJson: JSON.stringify([
          { id: `${id}-keep`, amount: '600000', holderId: 'supplier-1' },
          { id: `${id}-t2`, amount: '400000', holderId: 'supplier-2' },
        ]),
      }),
    );
    expect(split.parent.status).toBe('SPLIT');
    expect(split.children.map((c) => [c.holderId, c.face])).toEqual([
      ['supplier-1', '600000'],
      ['supplier-2', '400000'],
    ]);

    const financingId = `${id}-fin`;
    await submit<Financing>(
      'supplier-2',
      call(tx.financing.RequestFinancing, { financingId, receivableId: `${id}-t2`, lineId: line, amount: '300000' }),
    );
    const assessment = {
      decision: 'APPROVE',
      policyVersion: 'test-1',
      inputsHash: 'a'.repeat(64),
    };
    type SlotAfter = { index: number; limit: string; drawnAfter: string };
    const approved = await submit<{
      financing: Financing;
      exposureAfter: { lineId: string; tranches: SlotAfter[]; shards: SlotAfter[] };
    }>('bank-a-risk', await approvalCall(financingId, JSON.stringify(assessment)));
    expect(approved.financing).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: '300000' });
    // The post-state of the tranches it drew on (a fresh line: they held nothing before).
    expect(approved.exposureAfter.lineId).toBe(line);
    expect(approved.exposureAfter.tranches.map((t) => t.index)).toEqual(approved.financing.trancheDraws.map((d) => d.index));
    expect(approved.exposureAfter.tranches.reduce((sum, t) => sum + BigInt(t.drawnAfter), 0n)).toBe(300_000n);
    const lineAfter = await evaluateAs<CreditLine & { tranches: { index: number; drawn: string }[] }>(
      'auditor',
      call(tx.creditLine.GetCreditLine, { lineId: line }),
    );
    // The auditor reads what is drawn; the headroom (which would give the private limit away) is the bank's.
    expect(lineAfter).toMatchObject({ drawn: '300000' });
    expect(lineAfter).not.toHaveProperty('headroom');
    for (const slot of approved.exposureAfter.tranches) {
      expect(lineAfter.tranches.find((t) => t.index === slot.index)?.drawn).toBe(slot.drawnAfter);
    }

    const paymentId = `${id}-pay`;
    const payment = await submit<Payment>(
      'core',
      call(tx.repayment.RecordPayment, { paymentId, receivableId: `${id}-t2`, amount: '400000', reference: `WIRE-${id}` }),
    );
    expect(payment.allocations).toEqual([
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '300000' },
      { payeeKind: 'HOLDER', payeeId: 'supplier-2', amount: '100000' },
    ]);
    await submit('bank-a', call(tx.repayment.AcknowledgePayment, { paymentId }));
    const settled = await submit<{ payment: Payment; receivable: Receivable }>(
      'supplier-2',
      call(tx.repayment.AcknowledgePayment, { paymentId }),
    );
    expect(settled.payment.status).toBe('SETTLED');
    expect(settled.receivable).toMatchObject({ status: 'SETTLED', outstanding: '0', settled: '400000' });

    // The peers of every org that may read the financing see the same final state; the exposure is released.
    for (const reader of ['auditor', 'bank-a', 'supplier-2']) {
      await eventually(async () => {
        expect(await evaluateAs<Financing>(reader, call(tx.financing.GetFinancing, { financingId }))).toMatchObject({
          status: 'REPAID',
          outstandingPrincipal: '0',
        });
      });
    }
    expect(await evaluateAs<CreditLine>('auditor', call(tx.creditLine.GetCreditLine, { lineId: line }))).toMatchObject({ drawn: '0' });
    const kept = await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: `${id}-keep` }));
    expect(BigInt(kept.outstanding) + BigInt(settled.receivable.settled)).toBe(BigInt(issued.face));

    const history = await evaluateAs<{ txId: string; timestamp: string }[]>(
      'auditor',
      call(tx.receivable.GetReceivableHistory, { receivableId: `${id}-t2` }),
    );
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history.every((h) => /^[0-9a-f]{64}$/.test(h.txId) && h.timestamp.length > 0)).toBe(true);
  });
});
