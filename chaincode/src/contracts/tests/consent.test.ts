import { ID } from '../../testing/identities';
import { violations } from '../../testing/invariants';
import { P, World } from '../../testing/world';
import type { Dilution, DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';

const EXPIRES = '2025-03-01T00:00:00Z';

describe("consent: a debtor's dilution takes effect only when the holder accepts", () => {
  it('asking changes nothing; the pending request is listed for the holder; acceptance applies it', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    const request = await world.submitOk<DilutionRequest>(ID.core, 'scf.receivable:RequestDilution', [
      'r1',
      'cn1',
      'CREDIT_NOTE',
      '600000',
      'CN-600',
      EXPIRES,
    ]);
    expect(request).toMatchObject({ status: 'PENDING', holderId: P.supplier1, expiresAt: EXPIRES });
    expect(await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', ['r1'])).toMatchObject({
      outstanding: '1000000',
      diluted: '0',
      status: 'CONFIRMED',
    });
    expect(await world.evaluateOk<Dilution[]>(ID.auditor, 'scf.receivable:ListDilutions', ['r1'])).toEqual([]);
    expect(await world.evaluateOk<DilutionRequest[]>(ID.supplier1, 'scf.receivable:ListPendingDilutions', [P.supplier1])).toEqual([
      request,
    ]);
    // Not the debtor, not another supplier: only the holder accepts.
    expect(await world.submit(ID.core, 'scf.receivable:AcceptDilution', ['r1', 'cn1'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.supplier2, 'scf.receivable:AcceptDilution', ['r1', 'cn1'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await world.submit(ID.bankAOfficer, 'scf.receivable:AcceptDilution', ['r1', 'cn1'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const accepted = await world.submitOk<{ receivable: Receivable; dilution: Dilution; request: DilutionRequest }>(
      ID.supplier1,
      'scf.receivable:AcceptDilution',
      ['r1', 'cn1'],
    );
    expect(accepted.receivable).toMatchObject({ outstanding: '400000', diluted: '600000' });
    expect(accepted.dilution).toMatchObject({ recordedBy: P.supplier1, requestedBy: P.core });
    expect(await world.evaluateOk<DilutionRequest[]>(ID.supplier1, 'scf.receivable:ListPendingDilutions', [P.supplier1])).toEqual([]);
    expect(await world.submit(ID.supplier1, 'scf.receivable:AcceptDilution', ['r1', 'cn1'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('the holder rejects, the debtor withdraws; an expired request cannot be accepted', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'cn1', 'CREDIT_NOTE', '10', 'CN-1', EXPIRES]);
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'cn2', 'RETURN', '20', 'RET-2', EXPIRES]);
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'cn3', 'RETURN', '30', 'RET-3', EXPIRES]);
    expect(await world.submit(ID.core, 'scf.receivable:RequestDilution', ['r1', 'cn3', 'RETURN', '1', 'RET-4', EXPIRES])).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
    expect(await world.submit(ID.core, 'scf.receivable:RejectDilution', ['r1', 'cn1', 'no'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      await world.submitOk<DilutionRequest>(ID.supplier1, 'scf.receivable:RejectDilution', ['r1', 'cn1', 'no such credit note']),
    ).toMatchObject({
      status: 'REJECTED',
    });
    expect(await world.submit(ID.supplier1, 'scf.receivable:WithdrawDilution', ['r1', 'cn2'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await world.submitOk<DilutionRequest>(ID.core, 'scf.receivable:WithdrawDilution', ['r1', 'cn2'])).toMatchObject({
      status: 'WITHDRAWN',
    });
    world.net.seconds = Date.UTC(2025, 2, 1, 0, 0, 1) / 1000;
    expect(await world.submit(ID.supplier1, 'scf.receivable:AcceptDilution', ['r1', 'cn3'])).toMatchObject({
      ok: false,
      code: 'CONSENT_EXPIRED',
    });
    expect(await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', ['r1'])).toMatchObject({ diluted: '0' });
    expect(await world.evaluateOk<DilutionRequest[]>(ID.auditor, 'scf.receivable:ListDilutionRequests', ['r1'])).toMatchObject([
      { id: 'cn1', status: 'REJECTED' },
      { id: 'cn2', status: 'WITHDRAWN' },
      { id: 'cn3', status: 'PENDING' },
    ]);
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it("on a financed receivable the holder can accept only what the bank's principal leaves", async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'big', 'CREDIT_NOTE', '600000', 'CN-600', EXPIRES]);
    await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r1', 'fits', 'CREDIT_NOTE', '200000', 'CN-200', EXPIRES]);
    expect(await world.submit(ID.supplier1, 'scf.receivable:AcceptDilution', ['r1', 'big'])).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
    const accepted = await world.submitOk<{ receivable: Receivable; financing: Financing }>(ID.supplier1, 'scf.receivable:AcceptDilution', [
      'r1',
      'fits',
    ]);
    expect(accepted.receivable).toMatchObject({ outstanding: '800000', financingId: 'f1' });
    expect(accepted.financing).toMatchObject({ status: 'ACTIVE', coverageBreach: true });
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('the one-step dilution is the holder’s alone: the debtor is refused', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    expect(await world.submit(ID.core, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '600000', 'CN-600'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await world.submitOk(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '10', 'CN-1'])).toMatchObject({
      receivable: { diluted: '10' },
    });
  });
});

describe('a disputed payment no longer locks the receivable', () => {
  it('the payee rejects it; the receivable is free for a new payment', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '1000000', 'WIRE-1']);
    await world.submitOk(ID.bankAOfficer, 'scf.repayment:AcknowledgePayment', ['pay1']);
    expect(await world.submit(ID.supplier2, 'scf.repayment:RejectPayment', ['pay1', 'x'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.bankAOfficer, 'scf.repayment:RejectPayment', ['pay1', 'x'])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const rejected = await world.submitOk<{ payment: Payment; receivable: Receivable }>(ID.supplier1, 'scf.repayment:RejectPayment', [
      'pay1',
      'never arrived',
    ]);
    expect(rejected.payment).toMatchObject({ status: 'REJECTED', closedBy: P.supplier1 });
    // The bank's acknowledged share stays settled; the holder's 200000 is owed again.
    expect(rejected.receivable).toMatchObject({ settled: '800000', outstanding: '200000', pendingAmount: '0', status: 'CONFIRMED' });
    expect(rejected.receivable.pendingPaymentId).toBeUndefined();
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay2', 'r1', '200000', 'WIRE-2']);
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('the debtor cancels it; only the debtor may', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '1000', 'WIRE-1']);
    expect(await world.submit(ID.supplier1, 'scf.repayment:CancelPayment', ['pay1', 'x'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const cancelled = await world.submitOk<{ payment: Payment; receivable: Receivable }>(ID.core, 'scf.repayment:CancelPayment', [
      'pay1',
      'wrong account',
    ]);
    expect(cancelled.payment.status).toBe('CANCELLED');
    expect(cancelled.receivable).toMatchObject({ outstanding: '1000000', pendingAmount: '0' });
    expect(await world.submit(ID.supplier1, 'scf.repayment:AcknowledgePayment', ['pay1'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '500000']);
    expect(violations(world.net.ledger)).toEqual([]);
  });
});
