import { financingInputs, NOW, DAY, pledgeInputs, testPolicy } from '../testing/fixtures';
import { collateralConfirmed } from './collateral-confirmed';
import { collateralDisputed } from './collateral-disputed';
import { collateralEncumbered } from './collateral-encumbered';
import { collateralOverdue } from './collateral-overdue';
import { invoiceNearDuplicate, invoiceUnique } from './invoice-unique';

const policy = testPolicy();

describe('collateral checks (all reject)', () => {
  it('pass on a confirmed, free, current, unique receivable and on a free issued receipt', () => {
    for (const check of [collateralConfirmed, collateralDisputed, collateralEncumbered, collateralOverdue, invoiceUnique]) {
      expect(check(policy, financingInputs())).toBeUndefined();
      expect(check(policy, pledgeInputs())).toBeUndefined();
    }
  });

  it.each(['ISSUED', 'DISPUTED', 'SPLIT', 'SETTLED'] as const)('COLLATERAL_NOT_CONFIRMED for a %s receivable', (status) => {
    expect(collateralConfirmed(policy, financingInputs({ receivable: { status } }))).toEqual({
      code: 'COLLATERAL_NOT_CONFIRMED',
      severity: 'reject',
      points: 100,
      explanation: `receivable r1 is ${status}, not CONFIRMED`,
    });
  });

  it('COLLATERAL_NOT_CONFIRMED for a redeemed receipt', () => {
    expect(collateralConfirmed(policy, pledgeInputs({ pledge: { receiptStatus: 'REDEEMED' } }))?.code).toBe('COLLATERAL_NOT_CONFIRMED');
  });

  it('COLLATERAL_DISPUTED only for a disputed receivable', () => {
    expect(collateralDisputed(policy, financingInputs({ receivable: { status: 'DISPUTED' } }))).toMatchObject({
      code: 'COLLATERAL_DISPUTED',
      severity: 'reject',
    });
    expect(collateralDisputed(policy, financingInputs({ receivable: { status: 'ISSUED' } }))).toBeUndefined();
  });

  it('COLLATERAL_ENCUMBERED for a receivable or a receipt already securing something', () => {
    expect(collateralEncumbered(policy, financingInputs({ receivable: { encumbered: true } }))).toMatchObject({
      code: 'COLLATERAL_ENCUMBERED',
      severity: 'reject',
    });
    expect(collateralEncumbered(policy, pledgeInputs({ pledge: { encumbered: true } }))).toMatchObject({
      code: 'COLLATERAL_ENCUMBERED',
      severity: 'reject',
    });
  });

  it('COLLATERAL_OVERDUE from the first day after the due date, not on it', () => {
    expect(collateralOverdue(policy, financingInputs({ receivable: { dueDate: '2025-01-10' } }))).toBeUndefined();
    expect(collateralOverdue(policy, financingInputs({ now: NOW + DAY - 1, receivable: { dueDate: '2025-01-10' } }))).toBeUndefined();
    expect(collateralOverdue(policy, financingInputs({ receivable: { dueDate: '2025-01-09' } }))).toEqual({
      code: 'COLLATERAL_OVERDUE',
      severity: 'reject',
      points: 100,
      explanation: 'receivable r1 fell due on 2025-01-09, 1 days ago',
    });
  });

  it.each(['OVERDUE', 'DEFAULTED'] as const)('COLLATERAL_OVERDUE when marked %s, whatever the date', (delinquency) => {
    expect(collateralOverdue(policy, financingInputs({ receivable: { delinquency } }))?.explanation).toBe(
      `receivable r1 is marked ${delinquency}`,
    );
  });

  it('INVOICE_NOT_UNIQUE when the fingerprint is shared', () => {
    expect(invoiceUnique(policy, financingInputs({ receivable: { fingerprintUnique: false } }))).toMatchObject({
      code: 'INVOICE_NOT_UNIQUE',
      severity: 'reject',
    });
  });

  it('INVOICE_NEAR_DUPLICATE sends to review when another receivable has the same parties, amount and dates', () => {
    expect(invoiceNearDuplicate(policy, financingInputs())).toBeUndefined();
    expect(invoiceNearDuplicate(policy, financingInputs({ receivable: { nearDuplicateIds: ['r7', 'r8'] } }))).toEqual({
      code: 'INVOICE_NEAR_DUPLICATE',
      severity: 'review',
      points: policy.points.INVOICE_NEAR_DUPLICATE,
      explanation: 'receivable r1 has the seller, debtor, amount and dates of r7, r8',
    });
  });
});
