import { AT } from '../testing/domain-fixtures';
import { registerParticipant, setParticipantStatus } from './participant';
import { codeOf } from '@scf/kernel/testing/expect-code';
import { parseId, parseText } from '@scf/kernel/text';

const LEI = '7LTWFZYICNSX8D621K86';
const clientId =
  'x509::/C=US/ST=California/L=San Francisco/OU=client/CN=User1@banka.scf.local::/C=US/ST=California/L=San Francisco/O=banka.scf.local/CN=ca.banka.scf.local';

describe('registration', () => {
  it('an admin registers a role its org may hold', () => {
    expect(
      registerParticipant({ legalEntityId: LEI, id: 'bankA-officer', clientId, name: 'Bank A', role: 'bank' }, 'BankAMSP', AT),
    ).toMatchObject({
      mspId: 'BankAMSP',
      status: 'ACTIVE',
    });
  });

  it.each([
    ['bank', 'SuppliersMSP'],
    ['price-oracle', 'CoreMSP'],
    ['risk-gateway', 'WarehouseMSP'],
    ['supplier', 'BankAMSP'],
  ] as const)('refuses role %s in %s', (role, msp) => {
    expect(
      codeOf(() =>
        registerParticipant({ legalEntityId: LEI, id: 'x', clientId, name: 'x', role, tier: role === 'supplier' ? 1 : undefined }, msp, AT),
      ),
    ).toBe('FORBIDDEN');
  });

  it('suppliers need a tier, others must not have one', () => {
    expect(
      codeOf(() => registerParticipant({ legalEntityId: LEI, id: 's', clientId, name: 's', role: 'supplier' }, 'SuppliersMSP', AT)),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        registerParticipant({ legalEntityId: LEI, id: 's', clientId, name: 's', role: 'supplier', tier: 10 }, 'SuppliersMSP', AT),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => registerParticipant({ legalEntityId: LEI, id: 'b', clientId, name: 'b', role: 'bank', tier: 1 }, 'BankAMSP', AT)),
    ).toBe('INVALID_ARGUMENT');
  });

  it('the client id must look like getID()', () => {
    expect(
      codeOf(() => registerParticipant({ legalEntityId: LEI, id: 'b', clientId: 'User1', name: 'b', role: 'bank' }, 'BankAMSP', AT)),
    ).toBe('INVALID_ARGUMENT');
  });

  it('the legal entity id must be an LEI with valid check digits', () => {
    const registration = { legalEntityId: LEI, id: 'b', clientId, name: 'b', role: 'bank' } as const;
    expect(registerParticipant(registration, 'BankAMSP', AT).legalEntityId).toBe(LEI);
    for (const legalEntityId of ['', 'ACME', '7LTWFZYICNSX8D621K87', '7ltwfzyicnsx8d621k86']) {
      expect(codeOf(() => registerParticipant({ ...registration, legalEntityId }, 'BankAMSP', AT))).toBe('INVALID_ARGUMENT');
    }
  });

  it('suspension is by the own org only and changes state', () => {
    const p = registerParticipant({ legalEntityId: LEI, id: 'b', clientId, name: 'b', role: 'bank' }, 'BankAMSP', AT);
    expect(codeOf(() => setParticipantStatus(p, 'SUSPENDED', 'BankBMSP', AT))).toBe('FORBIDDEN');
    const suspended = setParticipantStatus(p, 'SUSPENDED', 'BankAMSP', AT);
    expect(suspended.status).toBe('SUSPENDED');
    expect(codeOf(() => setParticipantStatus(suspended, 'SUSPENDED', 'BankAMSP', AT))).toBe('INVALID_STATE');
  });
});

describe('text', () => {
  it.each(['', 'a b', '-lead', 'a'.repeat(65), 'x\u0000y', 'ü'])('rejects id %j', (id) => {
    expect(codeOf(() => parseId(id, 'id'))).toBe('INVALID_ARGUMENT');
  });

  it.each([' lead', 'trail ', 'new\nline', ''])('rejects text %j', (text) => {
    expect(codeOf(() => parseText(text, 'name'))).toBe('INVALID_ARGUMENT');
  });
});
