import { mayRead, readerOf, redact, VISIBILITY } from './visibility';

const active = (id: string, role: 'bank' | 'risk-gateway' | 'supplier' | 'auditor' | 'core-enterprise') =>
  ({ id, role, status: 'ACTIVE' }) as const;

describe('the visibility table', () => {
  it('judges the reader by its registration: banks by org, others by participant, suspended and unregistered read nothing', () => {
    expect(readerOf({ mspId: 'BankAMSP', isAdmin: false, participant: active('o', 'bank') })).toEqual({
      kind: 'bank',
      bankMsp: 'BankAMSP',
    });
    expect(readerOf({ mspId: 'BankBMSP', isAdmin: false, participant: active('g', 'risk-gateway') })).toEqual({
      kind: 'bank',
      bankMsp: 'BankBMSP',
    });
    expect(readerOf({ mspId: 'SuppliersMSP', isAdmin: false, participant: active('s1', 'supplier') })).toMatchObject({
      kind: 'participant',
      participantId: 's1',
    });
    expect(readerOf({ mspId: 'SuppliersMSP', isAdmin: false, participant: { ...active('s1', 'supplier'), status: 'SUSPENDED' } })).toEqual({
      kind: 'nobody',
    });
    expect(readerOf({ mspId: 'SuppliersMSP', isAdmin: false })).toEqual({ kind: 'nobody' });
    expect(readerOf({ mspId: 'SuppliersMSP', isAdmin: true })).toEqual({ kind: 'org-admin', mspId: 'SuppliersMSP' });
  });

  it('lets a bank read its own financing with the assessment, the borrower without it, and no other bank or supplier', () => {
    const parties = { bank: ['BankAMSP'], borrower: ['s1'] };
    const financing = { id: 'f1', bankMsp: 'BankAMSP', borrowerId: 's1', assessment: { score: 700 } };
    const bankA = { kind: 'bank', bankMsp: 'BankAMSP' } as const;
    const borrower = { kind: 'participant', participantId: 's1', mspId: 'SuppliersMSP' } as const;
    expect(mayRead(bankA, 'financing', parties)).toBe(true);
    expect(mayRead({ kind: 'bank', bankMsp: 'BankBMSP' }, 'financing', parties)).toBe(false);
    expect(mayRead({ kind: 'participant', participantId: 's2', mspId: 'SuppliersMSP' }, 'financing', parties)).toBe(false);
    expect(mayRead({ kind: 'org-admin', mspId: 'BankAMSP' }, 'financing', parties)).toBe(false);
    expect(mayRead(borrower, 'financing', parties)).toBe(true);
    expect(redact(bankA, 'financing', financing, parties)).toBe(financing);
    expect(redact(borrower, 'financing', financing, parties)).toEqual({ id: 'f1', bankMsp: 'BankAMSP', borrowerId: 's1' });
    expect(redact({ kind: 'auditor' }, 'financing', financing, parties)).toBe(financing);
  });

  it('gives the auditor every public record but not the private terms, and nobody anything', () => {
    for (const type of Object.keys(VISIBILITY) as (keyof typeof VISIBILITY)[]) {
      expect(mayRead({ kind: 'auditor' }, type, {})).toBe(type !== 'privateTerms' && type !== 'lineTerms');
      expect(mayRead({ kind: 'nobody' }, type, {})).toBe(false);
    }
  });
});
