import { common, msp } from '@hyperledger/fabric-protos';
import { owningOrgs, peersOfAllOrgs, receivableOwners } from './endorsement';
import type { Receivable } from '@scf/kernel/records/receivable';

describe('peersOfAllOrgs', () => {
  it('encodes AND(peer of each org) as a SignaturePolicyEnvelope', () => {
    const envelope = common.SignaturePolicyEnvelope.deserializeBinary(peersOfAllOrgs(['SuppliersMSP', 'CoreMSP', 'CoreMSP']));
    const principals = envelope.getIdentitiesList().map((identity) => {
      expect(identity.getPrincipalClassification()).toBe(msp.MSPPrincipal.Classification.ROLE);
      const role = msp.MSPRole.deserializeBinary(identity.getPrincipal_asU8());
      return [role.getMspIdentifier(), role.getRole()];
    });
    expect(principals).toEqual([
      ['CoreMSP', msp.MSPRole.MSPRoleType.PEER],
      ['SuppliersMSP', msp.MSPRole.MSPRoleType.PEER],
    ]);
    const rule = envelope.getRule();
    expect(rule?.getNOutOf()?.getN()).toBe(2);
    expect(
      rule
        ?.getNOutOf()
        ?.getRulesList()
        .map((r) => r.getSignedBy()),
    ).toEqual([0, 1]);
  });

  it('hands out equal bytes each time, each call its own copy', () => {
    const first = peersOfAllOrgs(['CoreMSP', 'BankAMSP']);
    first.fill(0);
    const second = peersOfAllOrgs(['BankAMSP', 'CoreMSP']);
    expect(second.some((b) => b !== 0)).toBe(true);
    expect(Buffer.from(second)).toEqual(Buffer.from(peersOfAllOrgs(['CoreMSP', 'BankAMSP', 'BankAMSP'])));
  });

  it('is byte-identical whatever the input order', () => {
    expect(Buffer.from(peersOfAllOrgs(['CoreMSP', 'SuppliersMSP']))).toEqual(Buffer.from(peersOfAllOrgs(['SuppliersMSP', 'CoreMSP'])));
  });
});

describe('owner sets', () => {
  const receivable = { id: 'r1', holderMsp: 'SuppliersMSP', debtorMsp: 'CoreMSP' } as Receivable;

  it('a receivable: holder and debtor orgs, plus the bank while encumbered (sorted)', () => {
    expect(receivableOwners(receivable, undefined)).toEqual(['CoreMSP', 'SuppliersMSP']);
    expect(receivableOwners({ ...receivable, financingId: 'f1' }, 'BankAMSP')).toEqual(['BankAMSP', 'CoreMSP', 'SuppliersMSP']);
    expect(receivableOwners(receivable, 'BankAMSP')).toEqual(['CoreMSP', 'SuppliersMSP']);
  });

  it('refuses an encumbered receivable without its bank, and an empty owner set', () => {
    expect(() => receivableOwners({ ...receivable, financingId: 'f1' }, undefined)).toThrow(/INTERNAL/);
    expect(() => owningOrgs([])).toThrow(/INTERNAL/);
    expect(() => peersOfAllOrgs([''])).toThrow(/INTERNAL/);
  });
});
