import { AT } from '../testing/domain-fixtures';
import { acknowledgePayment, allocate, closePayment } from './payment';
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

describe('a disputed payment: cancelled by the debtor or rejected by a payee', () => {
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
  const debtor = { participantId: 'core1', mspId: 'CoreMSP', isBankOfficer: false };
  const bankOfficer = { participantId: 'bankA-officer', mspId: 'BankAMSP', isBankOfficer: true };
  const holder = { participantId: 'sup1', mspId: 'SuppliersMSP', isBankOfficer: false };

  it('the debtor cancels: every unacknowledged share is void', () => {
    const closed = closePayment(payment, 'CANCELLED', debtor, 'wrong account', AT);
    expect(closed.unapplied).toBe(1000n);
    expect(closed.payment).toMatchObject({ status: 'CANCELLED', closedBy: 'core1', closeReason: 'wrong account', amount: '1000' });
  });

  it('a payee that has not acknowledged rejects; acknowledged shares stay settled', () => {
    const afterBank = acknowledgePayment(payment, bankOfficer, AT).payment;
    const rejected = closePayment(afterBank, 'REJECTED', holder, 'never arrived', AT);
    expect(rejected.unapplied).toBe(200n);
    expect(rejected.payment.status).toBe('REJECTED');
    expect(rejected.payment.allocations.map((a) => a.acknowledgedBy)).toEqual(['bankA-officer', undefined]);
    // The bank acknowledged its share: it can no longer call it never received.
    expect(codeOf(() => closePayment(afterBank, 'REJECTED', bankOfficer, 'x', AT))).toBe('FORBIDDEN');
  });

  it('only the debtor cancels, only a payee rejects, and only while PENDING', () => {
    expect(codeOf(() => closePayment(payment, 'CANCELLED', holder, 'x', AT))).toBe('FORBIDDEN');
    expect(codeOf(() => closePayment(payment, 'REJECTED', debtor, 'x', AT))).toBe('FORBIDDEN');
    expect(codeOf(() => closePayment(payment, 'REJECTED', { ...holder, participantId: 'sup2' }, 'x', AT))).toBe('FORBIDDEN');
    expect(codeOf(() => closePayment(payment, 'REJECTED', { ...bankOfficer, mspId: 'BankBMSP' }, 'x', AT))).toBe('FORBIDDEN');
    const cancelled = closePayment(payment, 'CANCELLED', debtor, 'x', AT).payment;
    expect(codeOf(() => closePayment(cancelled, 'CANCELLED', debtor, 'x', AT))).toBe('INVALID_STATE');
  });
});
