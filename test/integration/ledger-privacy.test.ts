import { allBlockBytes, eventually } from '../support/fabric';
import { asParticipant, chaincodeErrorCode, evaluateAs, isoDay, runId, submitAs } from '../support/ledger';

describe('private bank terms on the real network', () => {
  it('stay off the blocks: only the bank and the borrower read them, the auditor checks a disclosure against the hash', async () => {
    const id = runId('priv');
    const sentinel = `SENTINEL${Date.now()}${Math.floor(Math.random() * 1e9)}`;
    const terms = { salt: '7e'.repeat(16), rateKind: 'DISCOUNT', rateBps: '437', feeAmount: '2500', internalScore: sentinel };
    const transient = { terms: JSON.stringify(terms) };
    const line = `${id}-line`;

    await submitAs('auditor', 'scf.creditline:SetConsortiumCap', ['core', 'USD', '1000000000000']);
    await submitAs('bank-a', 'scf.creditline:GrantCreditLine', [line, 'core', 'USD', '50000000', isoDay(365), '9000', '180', '10']);
    await submitAs('supplier-1', 'scf.receivable:IssueReceivable', [id, 'core', `INV-${id}`, 'USD', '1000000', isoDay(-1), isoDay(60)]);
    await submitAs('core', 'scf.receivable:ConfirmReceivable', [id]);
    await submitAs('supplier-1', 'scf.financing:RequestFinancing', [`${id}-f`, id, line, '500000']);
    const assessment = {
      decision: 'APPROVE',
      score: 90,
      reasonCodes: ['INTEGRATION_TEST'],
      policyVersion: 'test-1',
      inputsHash: 'd'.repeat(64),
    };
    await submitAs('bank-a-risk', 'scf.financing:ApproveFinancing', [`${id}-f`, JSON.stringify(assessment)]);

    // Transient data goes only to the collection's members: the bank and the borrower's org.
    await submitAs('bank-a', 'scf.financing:RecordTerms', [`${id}-f`], { transient, endorsingOrganizations: ['BankAMSP', 'SuppliersMSP'] });

    expect(await evaluateAs('bank-a', 'scf.financing:GetTerms', [`${id}-f`])).toEqual(terms);
    await eventually(async () => {
      expect(await evaluateAs('supplier-1', 'scf.financing:GetTerms', [`${id}-f`])).toEqual(terms);
    });
    const competitor = await asParticipant('bank-b', 'scf.financing', (c) => c.evaluate('GetTerms', { arguments: [`${id}-f`] })).then(
      () => 'read',
      (error: unknown) => chaincodeErrorCode(error) ?? 'refused',
    );
    expect(competitor).not.toBe('read');

    expect(await evaluateAs('auditor', 'scf.financing:VerifyTermsDisclosure', [`${id}-f`], { transient })).toEqual({
      financingId: `${id}-f`,
      matches: true,
    });
    const lie = { transient: { terms: JSON.stringify({ ...terms, rateBps: '1' }) } };
    expect(await evaluateAs('auditor', 'scf.financing:VerifyTermsDisclosure', [`${id}-f`], lie)).toEqual({
      financingId: `${id}-f`,
      matches: false,
    });

    for (const org of ['Auditor', 'BankA']) {
      const blocks = await allBlockBytes(org);
      expect(blocks.some((b) => b.includes(`${id}-f`))).toBe(true);
      expect(blocks.filter((b) => b.includes(sentinel))).toHaveLength(0);
    }
  });
});
