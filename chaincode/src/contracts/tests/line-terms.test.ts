import { ID } from '../../testing/identities';
import { grantArgs, limitTransient, lineTerms, lineTermsTransient, ok, P, World } from '../../testing/world';
import { FakeIdentity } from '../../testing/fake-identity';
import { creditLineTermsHash } from '@scf/kernel/records/line-terms';
import { compositeKey, KeyType } from '@scf/kernel/keys';
import { SEALING_CERT, SEALING_KEY } from '@scf/kernel/testing/certificates';
import { isSealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { TransientKey } from '@scf/kernel/transient';

/** Everything the blocks would carry so far: args, public writes, private write hashes, events, policies, responses. */
function blockText(world: World): string {
  return world.net.ledger.blockBytes();
}

/** The same identity, with the certificate whose key the tests hold: a sealed answer to it can be opened. */
function sealable(identity: FakeIdentity): FakeIdentity {
  return new FakeIdentity(identity.getMSPID(), identity.getID(), SEALING_CERT);
}

describe("a credit line's terms are private to its bank and core enterprise", () => {
  const terms = lineTerms('line7', '7654321', '2025-12-31', '8765', 173, 11);

  async function granted(): Promise<World> {
    const world = await World.withLines();
    await world.grantLine(ID.bankAOfficer, terms, 'line7');
    return world;
  }

  it('the public line and its tranches hold no term; the private collection holds them, committed by termsHash', async () => {
    const world = await granted();
    const line = world.net.ledger.read(compositeKey(KeyType.creditLine, ['line7']));
    expect(JSON.parse(line?.value.toString('utf8') ?? '{}')).toMatchObject({ termsHash: creditLineTermsHash(terms), termsRecorded: true });
    const text = blockText(world);
    expect(text).toContain('line7');
    for (const secret of ['7654321', terms.salt, 'maxAdvanceRateBps', 'maxTenorDays', 'trancheLimits', '"limit"']) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('GetCreditLineTerms answers the bank and the core enterprise sealed to the caller; no one else', async () => {
    const world = await granted();
    for (const who of [ID.bankAOfficer, ID.bankAGateway, ID.core]) {
      const sealed: unknown = await world.evaluateOk(sealable(who), 'scf.creditline:GetCreditLineTerms', ['line7']);
      expect(isSealedAnswer(sealed)).toBe(true);
      if (isSealedAnswer(sealed)) {
        expect(JSON.parse(openSealed(sealed, SEALING_KEY).toString('utf8'))).toEqual(terms);
      }
    }
    for (const who of [ID.bankBOfficer, ID.auditor, ID.supplier1, ID.warehouse]) {
      expect(await world.net.evaluate(who, 'scf.creditline:GetCreditLineTerms', ['line7'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('RecordCreditLineTerms refuses terms that are not the committed ones, and a second recording', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.bankAOfficer, 'scf.creditline:GrantCreditLine', grantArgs('line8', P.core, terms));
    const forged = { ...terms, limit: '7654322', trancheLimits: terms.trancheLimits.map((l, i) => (i === 0 ? String(BigInt(l) + 1n) : l)) };
    expect(
      await world.submit(ID.bankAOfficer, 'scf.creditline:RecordCreditLineTerms', ['line8'], { transient: lineTermsTransient(forged) }),
    ).toMatchObject({ ok: false, code: 'TERMS_MISMATCH' });
    ok(await world.submit(ID.bankAOfficer, 'scf.creditline:RecordCreditLineTerms', ['line8'], { transient: lineTermsTransient(terms) }));
    expect(
      await world.submit(ID.bankAOfficer, 'scf.creditline:RecordCreditLineTerms', ['line8'], { transient: lineTermsTransient(terms) }),
    ).toMatchObject({ ok: false, code: 'ALREADY_EXISTS' });
    // Another bank cannot record (nor read) them.
    expect(
      await world.submit(ID.bankBOfficer, 'scf.creditline:RecordCreditLineTerms', ['line8'], { transient: lineTermsTransient(terms) }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('ApproveFinancing checks the transient terms against the commitment on every endorser, and uses them', async () => {
    const world = await granted();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line7', '900000']);
    const args = await world.approveArgs('f1');
    const lying = { ...terms, maxAdvanceRateBps: '10000' };
    // The borrower's org is no member of the bank × core collection: it checks the hash all the same.
    for (const endorsingOrgs of [['BankAMSP'], ['CoreMSP'], ['SuppliersMSP']]) {
      expect(
        await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', args, {
          transient: lineTermsTransient(lying),
          endorsingOrgs,
        }),
      ).toMatchObject({ ok: false, code: 'TERMS_MISMATCH' });
    }
    expect(
      await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', args, {
        transient: { [TransientKey.lineTerms]: 'not json' },
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    // The genuine terms: 900 000 of 1 000 000 is above the line's 87.65% advance rate (the lie said 100%).
    expect(
      await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', args, { transient: lineTermsTransient(terms) }),
    ).toMatchObject({ ok: false, code: 'ADVANCE_RATE_EXCEEDED' });
  });

  it('SetCreditLineLimit takes the new limit from the transient map and commits to the new terms', async () => {
    const world = await granted();
    const updated = ok<{ termsHash: string }>(await world.setLimit(ID.bankAOfficer, 'line7', '9000000'));
    expect(updated.termsHash).not.toBe(creditLineTermsHash(terms));
    expect(blockText(world)).not.toContain('9000000');
    expect(await world.net.submit(ID.bankAOfficer, 'scf.creditline:SetCreditLineLimit', ['line7'])).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(await world.setLimit(ID.bankBOfficer, 'line7', '1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Below what is drawn (nothing here) is fine; a zero limit is not.
    expect(
      await world.net.submit(ID.bankAOfficer, 'scf.creditline:SetCreditLineLimit', ['line7'], { transient: limitTransient('0') }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
  });
});
