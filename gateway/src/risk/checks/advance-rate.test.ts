import { financingInputs, pledgeInputs, testPolicy } from '../testing/fixtures';
import { advanceRate } from './advance-rate';

const policy = testPolicy(); // 80%

describe('ADVANCE_RATE_ABOVE_POLICY', () => {
  it('passes at exactly the maximum advance and rejects one unit above', () => {
    expect(advanceRate(policy, financingInputs({ request: { amount: 800_000n } }))).toBeUndefined();
    expect(advanceRate(policy, financingInputs({ request: { amount: 800_001n } }))).toEqual({
      code: 'ADVANCE_RATE_ABOVE_POLICY',
      severity: 'reject',
      points: 100,
      explanation: 'amount 800001 exceeds 80.00% of outstanding 1000000 (800000)',
    });
  });

  it('rounds the maximum down, like the chaincode', () => {
    // 999,999 × 80% = 799,999.2
    expect(advanceRate(policy, financingInputs({ request: { amount: 799_999n }, receivable: { outstanding: 999_999n } }))).toBeUndefined();
    expect(advanceRate(policy, financingInputs({ request: { amount: 800_000n }, receivable: { outstanding: 999_999n } }))?.code).toBe(
      'ADVANCE_RATE_ABOVE_POLICY',
    );
  });

  it('measures against the outstanding amount, not the face', () => {
    expect(
      advanceRate(policy, financingInputs({ request: { amount: 700_000n }, receivable: { face: 1_000_000n, outstanding: 500_000n } }))
        ?.code,
    ).toBe('ADVANCE_RATE_ABOVE_POLICY');
  });

  it('does not apply to pledges', () => {
    expect(advanceRate(policy, pledgeInputs({ request: { amount: 10n ** 12n } }))).toBeUndefined();
  });
});
