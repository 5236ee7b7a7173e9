import { AT } from '../testing/domain-fixtures';
import { acknowledgePayment, allocate } from './payment';
import type { Payment } from '@scf/kernel/records/payment';
import { codeOf } from '@scf/kernel/testing/expect-code';

const financing = { id: 'f1', bankMsp: 'BankAMSP', outstandingPrincipal: 800n };

describe('waterfall', () => {
  it('pays the bank first up to its principal, the rest to the holder', () => {
    expect(allocate({ amount: 1000n, holderId: 'sup1', financing })).toEqual([
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '800' },
      { payeeKind: 'HOLDER', payeeId: 'sup1', amount: '200' },
    ]);
    expect(allocate({ amount: 500n, holderId: 'sup1', financing })).toEqual([{ payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '500' }]);
    expect(allocate({ amount: 500n, holderId: 'sup1' })).toEqual([{ payeeKind: 'HOLDER', payeeId: 'sup1', amount: '500' }]);
  });
});

describe('acknowledgement', () => {
  const payment: Payment = {
    id: 'p1',
    receivableId: 'r1',
    financingId: 'f1',
    debtorId: 'core1',
    currency: 'USD',
    amount: '1000',
    reference: 'WIRE-1',
    allocations: allocate({ amount: 1000n, holderId: 'sup1', financing }),
    status: 'PENDING',
    recordedAt: AT,
    updatedAt: AT,
  };
  const bankOfficer = { participantId: 'bankA-officer', mspId: 'BankAMSP', isBankOfficer: true };
  const holder = { participantId: 'sup1', mspId: 'SuppliersMSP', isBankOfficer: false };

  it('each payee acknowledges its own share; the last one settles the payment', () => {
    const first = acknowledgePayment(payment, bankOfficer, AT);
    expect(first.allocation).toMatchObject({ payeeKind: 'BANK', amount: '800', acknowledgedBy: 'bankA-officer' });
    expect(first.payment.status).toBe('PENDING');
    const second = acknowledgePayment(first.payment, holder, AT);
    expect(second.allocation.amount).toBe('200');
    expect(second.payment.status).toBe('SETTLED');
  });

  it('refuses strangers, another bank, and a second acknowledgement', () => {
    expect(codeOf(() => acknowledgePayment(payment, { ...bankOfficer, mspId: 'BankBMSP' }, AT))).toBe('FORBIDDEN');
    expect(codeOf(() => acknowledgePayment(payment, { ...holder, participantId: 'sup2' }, AT))).toBe('FORBIDDEN');
    const once = acknowledgePayment(payment, bankOfficer, AT).payment;
    expect(codeOf(() => acknowledgePayment(once, bankOfficer, AT))).toBe('INVALID_STATE');
  });
});
