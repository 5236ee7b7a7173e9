import { FakeIdentity } from '../../testing/fake-identity';
import { ID } from '../../testing/identities';
import { World } from '../../testing/world';
import { type SealedAnswer, isSealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { SEALING_CERT, SEALING_KEY } from '@scf/kernel/testing/certificates';

/** The same participant (MSP and getID()), with a certificate whose private key the test holds. */
function asSealingHolder(identity: FakeIdentity): FakeIdentity {
  return new FakeIdentity(identity.getMSPID(), identity.getID(), SEALING_CERT);
}

const SENTINEL_RATE = '73519';
const SENTINEL_SCORE = 'SENTINEL-SCORE-77';
const terms = { salt: '5a'.repeat(16), rateKind: 'DISCOUNT', rateBps: SENTINEL_RATE, feeAmount: '4242', internalScore: SENTINEL_SCORE };
const transient = { terms: JSON.stringify(terms) };

async function financedWithTerms(): Promise<World> {
  const world = await World.withLines();
  await world.financedReceivable('r1', 'f1');
  await world.submitOk(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f1'], { transient });
  return world;
}

describe('private bank terms', () => {
  it('never appear in a block, an event or a response; only their hash does', async () => {
    const world = await financedWithTerms();
    const blocks = world.net.ledger.blockBytes();
    expect(blocks).toContain('terms_BankAMSP_SuppliersMSP');
    expect(blocks).not.toContain(SENTINEL_SCORE);
    expect(blocks).not.toContain(SENTINEL_RATE);
    expect(await world.evaluateOk(ID.auditor, 'scf.financing:GetFinancing', ['f1'])).toMatchObject({ termsRecorded: true });
    expect(await world.net.evaluate(ID.bankBOfficer, 'scf.financing:GetFinancing', ['f1'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('are readable by the bank and the borrower, sealed to their certificate keys; not by a competitor or an outsider', async () => {
    const world = await financedWithTerms();
    for (const reader of [asSealingHolder(ID.bankAOfficer), asSealingHolder(ID.supplier1)]) {
      const sealed = await world.evaluateOk<SealedAnswer>(reader, 'scf.financing:GetTerms', ['f1']);
      expect(isSealedAnswer(sealed)).toBe(true);
      expect(JSON.parse(openSealed(sealed, SEALING_KEY).toString('utf8'))).toEqual(terms);
    }
    const competitor = await world.net.evaluate(ID.bankBOfficer, 'scf.financing:GetTerms', ['f1']);
    expect(competitor).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const otherSupplier = await world.net.evaluate(ID.supplier2, 'scf.financing:GetTerms', ['f1']);
    expect(otherSupplier).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a submitted read answers only the sealed terms: nothing of the values or the salt', async () => {
    const world = await financedWithTerms();
    const submitted = await world.net.submit(ID.supplier1, 'scf.financing:GetTerms', ['f1']);
    const answer = JSON.stringify(submitted);
    expect(answer).toContain('ECDH-P256');
    for (const value of [SENTINEL_RATE, SENTINEL_SCORE, terms.salt, '4242', 'DISCOUNT']) {
      expect(answer).not.toContain(value);
    }
    expect(world.net.ledger.blockBytes()).not.toContain(SENTINEL_RATE);
  });

  it('the auditor verifies a disclosure against the on-chain hash without holding the data', async () => {
    const world = await financedWithTerms();
    const reordered = JSON.stringify({
      internalScore: SENTINEL_SCORE,
      feeAmount: '4242',
      rateBps: SENTINEL_RATE,
      rateKind: 'DISCOUNT',
      salt: terms.salt,
    });
    expect(await world.evaluateOk(ID.auditor, 'scf.financing:VerifyTermsDisclosure', ['f1'], { transient: { terms: reordered } })).toEqual({
      financingId: 'f1',
      matches: true,
    });
    const lie = JSON.stringify({ ...terms, rateBps: '100' });
    expect(await world.evaluateOk(ID.auditor, 'scf.financing:VerifyTermsDisclosure', ['f1'], { transient: { terms: lie } })).toEqual({
      financingId: 'f1',
      matches: false,
    });
  });

  it('are recorded once, by the financing bank only, and errors never echo them', async () => {
    const world = await financedWithTerms();
    const again = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f1'], { transient });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_EXISTS' });
    const competitor = await world.submit(ID.bankBOfficer, 'scf.financing:RecordTerms', ['f1'], { transient });
    expect(competitor).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await world.financedReceivable('r2', 'f2');
    const malformed = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f2'], {
      transient: { terms: `{"rateBps":"${SENTINEL_RATE}","internalScore":"${SENTINEL_SCORE}` },
    });
    const invalid = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f2'], {
      transient: { terms: JSON.stringify({ ...terms, rateBps: `${SENTINEL_RATE}.5` }) },
    });
    const missing = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f2']);
    for (const failure of [again, competitor, malformed, invalid, missing]) {
      expect(failure.ok).toBe(false);
      expect(JSON.stringify(failure)).not.toContain(SENTINEL_RATE);
      expect(JSON.stringify(failure)).not.toContain(SENTINEL_SCORE);
    }
    expect([malformed, invalid, missing].map((f) => (f.ok ? 'ok' : f.code))).toEqual([
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    ]);
  });
});

describe('who may write private terms', () => {
  it("each terms collection's endorsement policy is its bank's peer alone: a borrower org cannot write them", async () => {
    const world = await World.withLines();
    for (const collection of world.net.ledger.collections.values()) {
      const [, bank, borrower] = collection.name.split('_');
      expect({ name: collection.name, endorsers: collection.endorsers }).toEqual({ name: collection.name, endorsers: [bank] });
      expect(collection.members).toEqual([bank, borrower]);
    }
    await world.financedReceivable('r1', 'f1');
    const borrowerOnly = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f1'], {
      transient,
      endorsingOrgs: ['SuppliersMSP', 'CoreMSP'],
    });
    expect(borrowerOnly).toMatchObject({ ok: true, validation: 'ENDORSEMENT_POLICY_FAILURE' });
    const bankAndBorrower = await world.submit(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f1'], {
      transient,
      endorsingOrgs: ['BankAMSP', 'SuppliersMSP'],
    });
    expect(bankAndBorrower).toMatchObject({ ok: true, validation: 'VALID' });
  });
});
