import { EndorseError } from '@hyperledger/fabric-gateway';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { chaincodeErrorCode, evaluateAs, invoiceTerms, grantLineAs, lineTerms, runId, submitAs } from '../support/ledger';
import { call, tx, type SubmitCall } from '@scf/kernel/catalogue/catalogue';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import { approvalCall } from '../support/decisions';

/**
 * Consent (issue 16) on the real network: a debtor's dilution changes nothing until the holder
 * accepts it, and a payment the payee never received no longer locks the receivable.
 */

/** A ledger timestamp `seconds` from now, as the chaincode takes it ('YYYY-MM-DDTHH:MM:SSZ'). */
function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The chaincode's refusal code of a submit that must be refused at endorsement. */
async function refusal(participant: string, submit: SubmitCall): Promise<string> {
  try {
    await submitAs(participant, submit);
  } catch (error) {
    if (error instanceof EndorseError) {
      return chaincodeErrorCode(error) ?? 'UNKNOWN';
    }
    throw error;
  }
  throw new Error(`${submit.transaction} by ${participant} committed; it should have been refused`);
}

const receivableOf = (receivableId: string): Promise<Receivable> =>
  evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId }));

async function confirmedReceivable(id: string): Promise<void> {
  await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
  await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
}

const assessment = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'test-1',
  inputsHash: 'c'.repeat(64),
});

describe("consent: a debtor's dilution waits for the holder", () => {
  it('asking changes nothing; only the holder accepts (others refused); the holder can reject; acceptance applies it', async () => {
    const id = runId('consent');
    await confirmedReceivable(id);
    const ask = (dilutionId: string, amount: string): SubmitCall =>
      call(tx.receivable.RequestDilution, {
        receivableId: id,
        dilutionId,
        kind: 'CREDIT_NOTE',
        amount,
        reference: `CN-${dilutionId}`,
        expiresAt: inSeconds(3600),
      });
    // The debtor alone can no longer dilute in one step (the measured defect), and a supplier cannot ask.
    expect(
      await refusal(
        'core',
        call(tx.receivable.RecordDilution, {
          receivableId: id,
          dilutionId: 'd0',
          kind: 'CREDIT_NOTE',
          amount: '600000',
          reference: 'CN-0',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await refusal('supplier-1', ask('d0', '600000'))).toBe('FORBIDDEN');

    const request = await submitAs<DilutionRequest>('core', ask('d1', '600000'));
    expect(request).toMatchObject({ status: 'PENDING', holderId: 'supplier-1', amount: '600000' });
    expect(await receivableOf(id)).toMatchObject({ outstanding: '1000000', diluted: '0', status: 'CONFIRMED' });
    const pending = await evaluateAs<DilutionRequest[]>('supplier-1', call(tx.receivable.ListPendingDilutions, { holderId: 'supplier-1' }));
    expect(pending.map((q) => `${q.receivableId}/${q.id}`)).toContain(`${id}/d1`);

    const accept = (dilutionId: string): SubmitCall => call(tx.receivable.AcceptDilution, { receivableId: id, dilutionId });
    expect(await refusal('core', accept('d1'))).toBe('FORBIDDEN');
    expect(await refusal('supplier-2', accept('d1'))).toBe('FORBIDDEN');
    expect(await refusal('bank-a', accept('d1'))).toBe('FORBIDDEN');
    expect(await receivableOf(id)).toMatchObject({ outstanding: '1000000', diluted: '0' });

    await submitAs('core', ask('d2', '100000'));
    expect(await refusal('core', call(tx.receivable.RejectDilution, { receivableId: id, dilutionId: 'd2', reason: 'x' }))).toBe(
      'FORBIDDEN',
    );
    const rejected = await submitAs<DilutionRequest>(
      'supplier-1',
      call(tx.receivable.RejectDilution, { receivableId: id, dilutionId: 'd2', reason: 'no such return' }),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: 'supplier-1' });
    expect(await refusal('supplier-1', accept('d2'))).toBe('INVALID_STATE');

    const accepted = await submitAs<{ receivable: Receivable }>('supplier-1', accept('d1'));
    expect(accepted.receivable).toMatchObject({ outstanding: '400000', diluted: '600000', status: 'CONFIRMED' });
    expect(await receivableOf(id)).toMatchObject({ outstanding: '400000', diluted: '600000' });
    const after = await evaluateAs<DilutionRequest[]>('supplier-1', call(tx.receivable.ListPendingDilutions, { holderId: 'supplier-1' }));
    expect(after.map((q) => `${q.receivableId}/${q.id}`)).not.toContain(`${id}/d1`);
  });

  it('an expired request cannot be accepted (it can still be rejected)', async () => {
    const id = runId('expiry');
    await confirmedReceivable(id);
    const expiresAt = inSeconds(3);
    await submitAs(
      'core',
      call(tx.receivable.RequestDilution, {
        receivableId: id,
        dilutionId: 'd1',
        kind: 'RETURN',
        amount: '1000',
        reference: 'RET-1',
        expiresAt,
      }),
    );
    // Wait (by the clock, not a timer) until the moment has passed; the proposal timestamp is this machine's clock.
    while (new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') <= expiresAt) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await refusal('supplier-1', call(tx.receivable.AcceptDilution, { receivableId: id, dilutionId: 'd1' }))).toBe('CONSENT_EXPIRED');
    expect(await receivableOf(id)).toMatchObject({ outstanding: '1000000', diluted: '0' });
    await submitAs('supplier-1', call(tx.receivable.RejectDilution, { receivableId: id, dilutionId: 'd1', reason: 'expired' }));
  });

  it("on a financed receivable, acceptance is refused beyond what the bank's principal leaves", async () => {
    const id = runId('financed');
    const lineId = `${id}-line`;
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(lineId));
    await confirmedReceivable(id);
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId, amount: '800000' }),
    );
    await submitAs('bank-a-risk', await approvalCall(`${id}-f`, assessment));
    const ask = (dilutionId: string, amount: string): SubmitCall =>
      call(tx.receivable.RequestDilution, {
        receivableId: id,
        dilutionId,
        kind: 'CREDIT_NOTE',
        amount,
        reference: `CN-${dilutionId}`,
        expiresAt: inSeconds(3600),
      });
    // Asking is allowed (the principal may be repaid by the time the holder decides); accepting is judged then.
    await submitAs('core', ask('big', '200001'));
    await submitAs('core', ask('fits', '200000'));
    expect(await refusal('supplier-1', call(tx.receivable.AcceptDilution, { receivableId: id, dilutionId: 'big' }))).toBe('ENCUMBERED');
    await submitAs('supplier-1', call(tx.receivable.AcceptDilution, { receivableId: id, dilutionId: 'fits' }));
    expect(await receivableOf(id)).toMatchObject({ outstanding: '800000', diluted: '200000', financingId: `${id}-f`, status: 'CONFIRMED' });
  });
});

describe('a disputed payment no longer locks the receivable', () => {
  it('the payee rejects it; others are refused; the receivable takes a new payment', async () => {
    const id = runId('payreject');
    await confirmedReceivable(id);
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-p1`, receivableId: id, amount: '1000000', reference: `W-${id}-1` }),
    );
    expect(await receivableOf(id)).toMatchObject({ pendingPaymentId: `${id}-p1`, pendingAmount: '1000000' });
    // Locked: no second payment, no financing while it is pending.
    expect(
      await refusal(
        'core',
        call(tx.repayment.RecordPayment, { paymentId: `${id}-p0`, receivableId: id, amount: '1', reference: `W-${id}-0` }),
      ),
    ).toBe('INVALID_STATE');
    const reject = (reason: string): SubmitCall => call(tx.repayment.RejectPayment, { paymentId: `${id}-p1`, reason });
    expect(await refusal('supplier-2', reject('x'))).toBe('FORBIDDEN');
    expect(await refusal('bank-a', reject('x'))).toBe('FORBIDDEN');
    expect(await refusal('core', reject('x'))).toBe('FORBIDDEN');
    const closed = await submitAs<{ payment: Payment; receivable: Receivable }>('supplier-1', reject('never arrived'));
    expect(closed.payment).toMatchObject({ status: 'REJECTED', closedBy: 'supplier-1' });
    expect(await receivableOf(id)).toMatchObject({ outstanding: '1000000', pendingAmount: '0', status: 'CONFIRMED' });
    expect((await receivableOf(id)).pendingPaymentId).toBeUndefined();
    expect(await refusal('supplier-1', call(tx.repayment.AcknowledgePayment, { paymentId: `${id}-p1` }))).toBe('INVALID_STATE');
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-p2`, receivableId: id, amount: '1000000', reference: `W-${id}-2` }),
    );
    await submitAs('supplier-1', call(tx.repayment.AcknowledgePayment, { paymentId: `${id}-p2` }));
    expect(await receivableOf(id)).toMatchObject({ status: 'SETTLED', settled: '1000000', outstanding: '0' });
  });

  it('the debtor cancels it (only the debtor may); the receivable is free again', async () => {
    const id = runId('paycancel');
    await confirmedReceivable(id);
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-p1`, receivableId: id, amount: '300000', reference: `W-${id}-1` }),
    );
    const cancel = call(tx.repayment.CancelPayment, { paymentId: `${id}-p1`, reason: 'sent to the wrong account' });
    expect(await refusal('supplier-1', cancel)).toBe('FORBIDDEN');
    expect(await refusal('bank-a', cancel)).toBe('FORBIDDEN');
    const closed = await submitAs<{ payment: Payment }>('core', cancel);
    expect(closed.payment.status).toBe('CANCELLED');
    expect(await receivableOf(id)).toMatchObject({ outstanding: '1000000', pendingAmount: '0' });
    expect(await refusal('core', cancel)).toBe('INVALID_STATE');
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-p2`, receivableId: id, amount: '300000', reference: `W-${id}-2` }),
    );
  });
});

describe('consent through the REST API', () => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess();
  });

  afterAll(async () => {
    await gw.stop();
  });

  it('the debtor asks, the holder finds it in its pending list and accepts; the debtor cancels a disputed payment', async () => {
    const id = runId('rest');
    await confirmedReceivable(id);
    const asked = await gw.ok('core', 'POST', `/v1/receivables/${id}/dilution-requests`, {
      dilutionId: 'd1',
      kind: 'RETURN',
      amount: '250000',
      reference: 'RET-REST',
      expiresAt: inSeconds(3600),
    });
    expect(asked).toMatchObject({ status: 'PENDING', holderId: 'supplier-1', transactionId: expect.any(String) as unknown });
    const mine = await gw.ok<{ request: DilutionRequest; expired: boolean }[]>('supplier-1', 'GET', '/v1/me/pending-dilutions');
    expect(mine.find((p) => p.request.receivableId === id)).toMatchObject({ expired: false, request: { id: 'd1', amount: '250000' } });
    expect(await gw.ok<unknown[]>('supplier-2', 'GET', '/v1/me/pending-dilutions')).not.toContainEqual(
      expect.objectContaining({ request: expect.objectContaining({ receivableId: id }) as unknown }),
    );
    const byDebtor = await gw.fetch('core', 'POST', `/v1/receivables/${id}/dilution-requests/d1/accept`);
    expect(byDebtor.status).toBe(403);
    expect(await gw.ok('supplier-1', 'POST', `/v1/receivables/${id}/dilution-requests/d1/accept`)).toMatchObject({
      receivable: { outstanding: '750000', diluted: '250000' },
      dilution: { requestedBy: 'core', recordedBy: 'supplier-1' },
    });

    await gw.ok('core', 'POST', '/v1/payments', { paymentId: `${id}-p1`, receivableId: id, amount: '750000', reference: `W-${id}` });
    expect((await gw.fetch('supplier-1', 'POST', `/v1/payments/${id}-p1/cancel`, { reason: 'x' })).status).toBe(403);
    expect(await gw.ok('core', 'POST', `/v1/payments/${id}-p1/cancel`, { reason: 'wrong account' })).toMatchObject({
      payment: { status: 'CANCELLED' },
      receivable: { pendingAmount: '0', outstanding: '750000' },
    });
  });
});
