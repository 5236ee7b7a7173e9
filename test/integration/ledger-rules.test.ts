import { evaluateAs, outcome, runId, submitAs, grantLineAs, lineTerms, invoiceTerms } from '../support/ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { approvalCall } from '../support/decisions';
import type { CoreExposure } from '@scf/kernel/records/credit-line';

interface Financing {
  id: string;
  status: string;
}
interface Receivable {
  status: string;
  outstanding: string;
  financingId?: string;
}

const assessment = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'test-1',
  inputsHash: 'b'.repeat(64),
});

async function confirmedReceivable(id: string, amount = '1000000'): Promise<void> {
  await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id, { amount })));
  await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
}

describe('hard rules on the real network', () => {
  const lineA = runId('lineA');
  const lineB = runId('lineB');

  beforeAll(async () => {
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(lineA));
    await grantLineAs('bank-b', lineTerms(lineB));
  });

  it('two banks racing to finance one receivable: exactly one commits', async () => {
    const id = runId('race');
    await confirmedReceivable(id);
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-a`, receivableId: id, lineId: lineA, amount: '500000' }),
    );
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-b`, receivableId: id, lineId: lineB, amount: '500000' }),
    );

    const outcomes = await Promise.all([
      outcome(async () => submitAs('bank-a-risk', await approvalCall(`${id}-a`, assessment))),
      outcome(async () => submitAs('bank-b-risk', await approvalCall(`${id}-b`, assessment))),
    ]);
    expect(outcomes.filter((o) => o === 'COMMITTED')).toHaveLength(1);
    const loser = outcomes.find((o) => o !== 'COMMITTED');
    // The winner adds its bank to the receivable's key-level policy; Fabric checks policies before
    // read versions, so a loser validated after it in the same block fails the new policy first.
    expect([
      'REFUSED:ENCUMBERED',
      'REFUSED:INVALID_STATE',
      'INVALID:MVCC_READ_CONFLICT',
      'INVALID:PHANTOM_READ_CONFLICT',
      'INVALID:ENDORSEMENT_POLICY_FAILURE',
    ]).toContain(loser);

    const receivable = await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: id }));
    const active = await Promise.all(
      [`${id}-a`, `${id}-b`].map((f) => evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId: f }))),
    );
    expect(active.filter((f) => f.status === 'ACTIVE').map((f) => f.id)).toEqual([receivable.financingId]);
  });

  it('an approval not signed by a registered risk gateway of that bank is refused', async () => {
    const id = runId('forged');
    await confirmedReceivable(id);
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId: lineA, amount: '500000' }),
    );
    // Bank A's own officer (not its risk gateway), and Bank B's risk gateway (another bank).
    expect(await outcome(async () => submitAs('bank-a', await approvalCall(`${id}-f`, assessment)))).toBe('REFUSED:FORBIDDEN');
    expect(await outcome(async () => submitAs('bank-b-risk', await approvalCall(`${id}-f`, assessment)))).toBe('REFUSED:FORBIDDEN');
    expect(await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId: `${id}-f` }))).toMatchObject({
      status: 'REQUESTED',
    });
  });

  it('a change to a confirmed receivable endorsed only by orgs other than debtor and holder is invalidated', async () => {
    const id = runId('sbe');
    await confirmedReceivable(id);
    const dilution = call(tx.receivable.RecordDilution, {
      receivableId: id,
      dilutionId: `${id}-cn`,
      kind: 'CREDIT_NOTE',
      amount: '1000',
      reference: `CN-${id}`,
    });
    // Three endorsements satisfy the chaincode-level 3-of-6 (the new dilution key), but not the receivable's own policy (Core AND Suppliers).
    const result = await outcome(() =>
      submitAs('supplier-1', dilution, { endorsingOrganizations: ['BankAMSP', 'BankBMSP', 'WarehouseMSP'] }),
    );
    expect(result).toBe('INVALID:ENDORSEMENT_POLICY_FAILURE');
    expect(await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: id }))).toMatchObject({
      outstanding: '1000000',
    });
    // Endorsed by the debtor's and the holder's orgs (and a third, for the new dilution key), the same change commits.
    await submitAs('supplier-1', dilution, { endorsingOrganizations: ['CoreMSP', 'SuppliersMSP', 'AuditorMSP'] });
    expect(await evaluateAs<Receivable>('auditor', call(tx.receivable.GetReceivable, { receivableId: id }))).toMatchObject({
      outstanding: '999000',
    });
  });

  it('the same invoice can never back a second receivable', async () => {
    const id = runId('dup');
    await confirmedReceivable(id);
    const again = await outcome(() =>
      submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-2`, { invoiceNumber: `INV-${id}` }))),
    );
    expect(again).toBe('REFUSED:DUPLICATE_FINGERPRINT');
  });
  it("a financing beyond its bank's share of the consortium cap is refused (CAP_EXCEEDED); a repayment releases the bank's draw", async () => {
    const id = runId('share');
    // A currency of this run: a cap of 1 000 000, 500 000 for each bank's share.
    const currency = `S${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.charAt(Math.floor(Math.random() * 26))}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.charAt(Math.floor(Math.random() * 26))}`;
    const exposure = () => evaluateAs<CoreExposure>('auditor', call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency }));
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency, cap: '1000000' }));
    const line = `${id}-line`;
    await grantLineAs('bank-a', lineTerms(line, { currency }));
    const finance = async (n: number, amount: string): Promise<string> => {
      await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-${String(n)}`, { currency })));
      await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: `${id}-${String(n)}` }));
      const financingId = `${id}-f${String(n)}`;
      await submitAs(
        'supplier-1',
        call(tx.financing.RequestFinancing, { financingId, receivableId: `${id}-${String(n)}`, lineId: line, amount }),
      );
      return outcome(async () => submitAs('bank-a-risk', await approvalCall(financingId, assessment)));
    };
    expect(await finance(1, '400000')).toBe('COMMITTED');
    // The cap still has 600 000 of headroom, bank A's share 100 000.
    expect(await finance(2, '200000')).toBe('REFUSED:CAP_EXCEEDED');
    expect(await exposure()).toMatchObject({
      cap: '1000000',
      drawn: '400000',
      shares: [
        { bankMsp: 'BankAMSP', limit: '500000', drawn: '400000', headroom: '100000' },
        { bankMsp: 'BankBMSP', limit: '500000', drawn: '0', headroom: '500000' },
      ],
    });
    // The debtor pays 300 000, all to the bank (principal first); the bank's acknowledgement releases its draw.
    await submitAs(
      'core',
      call(tx.repayment.RecordPayment, { paymentId: `${id}-pay`, receivableId: `${id}-1`, amount: '300000', reference: `W-${id}` }),
    );
    await submitAs('bank-a', call(tx.repayment.AcknowledgePayment, { paymentId: `${id}-pay` }));
    expect((await exposure()).shares[0]).toEqual({ bankMsp: 'BankAMSP', limit: '500000', drawn: '100000', headroom: '400000' });
    const retry = `${id}-f2`;
    expect(await outcome(async () => submitAs('bank-a-risk', await approvalCall(retry, assessment)))).toBe('COMMITTED');
    expect((await exposure()).shares.map((s) => s.drawn)).toEqual(['300000', '0']);
  });
});
