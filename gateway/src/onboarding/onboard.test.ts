import { ScfError } from '@scf/kernel/errors';
import { CLIENT_CERT } from '@scf/kernel/testing/certificates';
import { FakeLedgers, fakeNetwork } from '../testing/fakes';
import { enrollmentIdOf, type IdentityAuthority, offboardParticipant, onboardParticipant, type OnboardingRequest } from './onboard';

const utf8 = new TextEncoder();

function adminFiles(): ReturnType<typeof fakeNetwork>['orgs'][number]['admin'] {
  const org = fakeNetwork().orgs[0];
  if (org === undefined) {
    throw new Error('the fake network has no org');
  }
  return org.admin;
}

/** An org CA and channel admin that record what they were asked. */
function fakeAuthority(): IdentityAuthority & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    enrollmentIdOf: (id) => `${id}@suppliers.scf.local`,
    registerOneTime: (id, role) => {
      log.push(`register ${id} ${role}`);
      return Promise.resolve({ enrollmentSecret: 'secret' });
    },
    enrollWithSecret: (id) => {
      log.push(`enroll ${id}`);
      return Promise.resolve({ mspId: 'SuppliersMSP', certificate: CLIENT_CERT, keyPem: 'KEY' });
    },
    revokeIdentity: (id) => {
      log.push(`revoke ${id}`);
      return Promise.resolve({ revokedSerials: ['01'], crlPem: 'CRL' });
    },
    publishOrgCrl: (crl) => {
      log.push(`publish ${crl}`);
      return Promise.resolve(true);
    },
  };
}

const request: OnboardingRequest = { participantId: 'sup-new', name: 'New Ltd', role: 'supplier', legalEntityId: 'LEI' };
const admin = (): ReturnType<FakeLedgers['forIdentity']> => new FakeLedgers().forIdentity(adminFiles());

describe('onboarding through the org CA and the ledger', () => {
  it('with an invitation code: RegisterInvitedParticipant with the code and the certificate id; the credential is handed over', async () => {
    const ledgers = new FakeLedgers();
    ledgers.answer = () => utf8.encode(JSON.stringify({ id: 'sup-new', role: 'supplier', tier: 2, invitedBy: 'core' }));
    const authority = fakeAuthority();
    const code = 'abcdefghijklmnop-_0123';
    const ledger = ledgers.forIdentity(adminFiles());
    const onboarded = await onboardParticipant(authority, ledger, { ...request, invitationCode: code });
    expect(authority.log).toEqual(['register sup-new@suppliers.scf.local supplier', 'enroll sup-new@suppliers.scf.local']);
    expect(ledgers.calls.map((c) => [c.transaction, c.args[0], c.args[1]])).toEqual([['RegisterInvitedParticipant', code, 'sup-new']]);
    expect(String(ledgers.calls[0]?.args[2])).toMatch(/^x509::/);
    expect(onboarded).toMatchObject({
      invitedBy: 'core',
      credential: { privateKeyPem: 'KEY', enrollmentId: 'sup-new@suppliers.scf.local' },
    });
  });

  it('is never half-applied: when the ledger refuses, the CA identity is revoked again', async () => {
    const ledgers = new FakeLedgers();
    ledgers.answer = () => {
      throw new ScfError('INVITATION_USED', 'used');
    };
    const authority = fakeAuthority();
    const ledger = ledgers.forIdentity(adminFiles());
    await expect(onboardParticipant(authority, ledger, { ...request, invitationCode: 'abcdefghijklmnop' })).rejects.toMatchObject({
      code: 'INVITATION_USED',
    });
    expect(authority.log.at(-1)).toBe('revoke sup-new@suppliers.scf.local');
  });

  it('refuses before the CA is reached: a malformed code, or a code with another role or a tier', async () => {
    const authority = fakeAuthority();
    for (const bad of [
      { ...request, invitationCode: 'short' },
      { ...request, invitationCode: 'abcdefghijklmnop', role: 'bank' as const },
      { ...request, invitationCode: 'abcdefghijklmnop', tier: 2 },
    ]) {
      await expect(onboardParticipant(authority, admin(), bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(authority.log).toEqual([]);
  });

  it('offboards only its own org: suspends, revokes the certificate CN, publishes the CRL', async () => {
    const clientId = 'x509::/C=US/OU=client/CN=sup-new@suppliers.scf.local::/CN=ca.suppliers.scf.local';
    const ledgers = new FakeLedgers();
    ledgers.answer = (c) =>
      utf8.encode(
        JSON.stringify({
          id: 'sup-new',
          mspId: 'SuppliersMSP',
          clientId,
          status: c.transaction === 'GetParticipant' ? 'ACTIVE' : 'SUSPENDED',
        }),
      );
    const authority = fakeAuthority();
    const ledger = ledgers.forIdentity(adminFiles());
    await expect(offboardParticipant(authority, 'CoreMSP', ledger, 'sup-new')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = await offboardParticipant(authority, 'SuppliersMSP', ledger, 'sup-new');
    expect(done).toMatchObject({ participant: { status: 'SUSPENDED' }, revokedSerials: ['01'], crlUpdated: true });
    expect(authority.log).toEqual(['revoke sup-new@suppliers.scf.local', 'publish CRL']);
    expect(enrollmentIdOf(clientId)).toBe('sup-new@suppliers.scf.local');
  });
});
