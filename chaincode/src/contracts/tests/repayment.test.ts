import { KeyEndorsementPolicy } from 'fabric-shim';
import { ID } from '../../testing/identities';
import { P, World } from '../../testing/world';
import type { Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

describe('scf.repayment', () => {
  it('partial payments settle step by step; the reference backs one payment only', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '500000', 'WIRE-1']);
    expect(await world.submit(ID.core, 'scf.repayment:RecordPayment', ['pay2', 'r1', '1', 'WIRE-2'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    await world.submitOk(ID.bankAOfficer, 'scf.repayment:AcknowledgePayment', ['pay1']);
    expect(await world.submit(ID.core, 'scf.repayment:RecordPayment', ['pay2', 'r1', '1', 'wire-1'])).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay2', 'r1', '500000', 'WIRE-2']);
    const ack = await world.submitOk<{ financing: Financing; receivable: Receivable }>(
      ID.bankAOfficer,
      'scf.repayment:AcknowledgePayment',
      ['pay2'],
    );
    expect(ack.financing).toMatchObject({ status: 'REPAID', repaidPrincipal: '800000' });
    expect(await world.submit(ID.bankAOfficer, 'scf.repayment:AcknowledgePayment', ['pay2'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(await world.submit(ID.supplier2, 'scf.repayment:AcknowledgePayment', ['pay2'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const final = await world.submitOk<{ receivable: Receivable }>(ID.supplier1, 'scf.repayment:AcknowledgePayment', ['pay2']);
    expect(final.receivable).toMatchObject({ status: 'SETTLED', settled: '1000000', outstanding: '0' });
  });

  it('overdue after the due date, default after the line grace, from the tx timestamp', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    expect(await world.submit(ID.auditor, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    world.net.seconds = Date.UTC(2025, 3, 2) / 1000;
    expect(await world.submitOk<Receivable>(ID.supplier1, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({
      delinquency: 'OVERDUE',
    });
    world.net.seconds = Date.UTC(2025, 3, 11) / 1000;
    expect(await world.submit(ID.bankAGateway, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    world.net.seconds = Date.UTC(2025, 3, 12) / 1000;
    expect(await world.submitOk<Receivable>(ID.bankAGateway, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({
      delinquency: 'DEFAULTED',
    });
    expect(await world.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', ['f1'])).toMatchObject({ status: 'DEFAULTED' });
  });

  it('only stakeholders mark delinquency', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    world.net.advanceDays(100);
    expect(await world.submit(ID.supplier2, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.bankBOfficer, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a payment on an unfinanced receivable goes to the holder', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '1000');
    const payment = await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '1000', 'WIRE-1']);
    expect(payment).toMatchObject({ allocations: [{ payeeKind: 'HOLDER', payeeId: P.supplier1, amount: '1000' }] });
  });
});

describe('key-level endorsement of confirmed receivables', () => {
  it('a change endorsed without the debtor and holder orgs is invalidated at commit', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    const withoutDebtor = await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '10', 'CN-1'], {
      endorsingOrgs: ['SuppliersMSP', 'BankAMSP'],
    });
    expect(withoutDebtor).toMatchObject({ ok: true, validation: 'ENDORSEMENT_POLICY_FAILURE' });
    expect(await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', ['r1'])).toMatchObject({ diluted: '0' });
    const both = await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '10', 'CN-1'], {
      endorsingOrgs: ['CoreMSP', 'SuppliersMSP'],
    });
    expect(both).toMatchObject({ ok: true, validation: 'VALID' });
  });

  it('split children carry the same protection', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '100');
    await world.submitOk(ID.supplier1, 'scf.receivable:SplitReceivable', [
      'r1',
      JSON.stringify([{ id: 'c1', amount: '100', holderId: P.supplier3 }]),
    ]);
    const policy = world.net.ledger.validationParameter('\u0000scf.receivable\u0000c1\u0000');
    expect(new KeyEndorsementPolicy(policy).listOrgs()).toEqual(['CoreMSP', 'SuppliersMSP']);
  });
});
