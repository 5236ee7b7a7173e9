import { readFileSync } from 'node:fs';
import { allBlockBytes, eventually, network } from '../support/fabric';
import { chaincodeErrorCode, evaluateAs, runId, submitAs, grantLineAs, lineTerms, invoiceTerms } from '../support/ledger';
import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { type SealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { orgByName, userOf } from '@scf/network';
import { approvalCall } from '../support/decisions';

/** Opens an answer sealed to a demo participant's certificate with that participant's private key. */
function openAs(participantId: string, sealed: SealedAnswer): unknown {
  const p = demoParticipant(participantId);
  const key = readFileSync(userOf(orgByName(network(), p.org), p.user).keyPath);
  return JSON.parse(openSealed(sealed, key).toString('utf8'));
}

describe('private bank terms on the real network', () => {
  it('stay off the blocks: only the bank and the borrower read them, the auditor checks a disclosure against the hash', async () => {
    const id = runId('priv');
    const sentinel = `SENTINEL${Date.now()}${Math.floor(Math.random() * 1e9)}`;
    const terms = { salt: '7e'.repeat(16), rateKind: 'DISCOUNT', rateBps: '437', feeAmount: '2500', internalScore: sentinel };
    const transient = { terms: JSON.stringify(terms) };
    const line = `${id}-line`;

    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(line));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId: line, amount: '500000' }),
    );
    const assessment = {
      decision: 'APPROVE',
      policyVersion: 'test-1',
      inputsHash: 'd'.repeat(64),
    };
    await submitAs('bank-a-risk', await approvalCall(`${id}-f`, JSON.stringify(assessment)));

    // Transient data goes only to the collection's members: the bank and the borrower's org.
    await submitAs('bank-a', call(tx.financing.RecordTerms, { financingId: `${id}-f` }), {
      transient,
      endorsingOrganizations: ['BankAMSP', 'SuppliersMSP'],
    });

    expect(openAs('bank-a', await evaluateAs('bank-a', call(tx.financing.GetTerms, { financingId: `${id}-f` })))).toEqual(terms);
    await eventually(async () => {
      expect(openAs('supplier-1', await evaluateAs('supplier-1', call(tx.financing.GetTerms, { financingId: `${id}-f` })))).toEqual(terms);
    });
    const competitor = await evaluateAs('bank-b', call(tx.financing.GetTerms, { financingId: `${id}-f` })).then(
      () => 'read',
      (error: unknown) => chaincodeErrorCode(error) ?? 'refused',
    );
    expect(competitor).not.toBe('read');

    expect(await evaluateAs('auditor', call(tx.financing.VerifyTermsDisclosure, { financingId: `${id}-f` }), { transient })).toEqual({
      financingId: `${id}-f`,
      matches: true,
    });
    const lie = { transient: { terms: JSON.stringify({ ...terms, rateBps: '1' }) } };
    expect(await evaluateAs('auditor', call(tx.financing.VerifyTermsDisclosure, { financingId: `${id}-f` }), lie)).toEqual({
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
