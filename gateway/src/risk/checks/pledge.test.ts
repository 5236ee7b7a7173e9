import { financingInputs, NOW, pledgeInputs, testPolicy } from '../testing/fixtures';
import { pledgeValue } from './pledge-value';
import { priceFreshness } from './price-freshness';

const policy = testPolicy(); // haircut at least 30%, price at most a day old

describe('PLEDGE_VALUE_INSUFFICIENT', () => {
  it('passes at exactly value × (1 − haircut) and rejects one unit above', () => {
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 700_000n } }))).toBeUndefined();
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 700_001n } }))).toEqual({
      code: 'PLEDGE_VALUE_INSUFFICIENT',
      severity: 'reject',
      points: 100,
      explanation: 'loan 700001 exceeds receipt wr1 value 1000000 less a 30.00% haircut (700000)',
    });
  });

  it("applies the bank's offered haircut when it is larger than the policy's", () => {
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 600_000n }, pledge: { haircutBps: 4000 } }))).toBeUndefined();
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 600_001n }, pledge: { haircutBps: 4000 } }))?.code).toBe(
      'PLEDGE_VALUE_INSUFFICIENT',
    );
  });

  it('rounds the maximum loan down', () => {
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 699_999n }, pledge: { value: 999_999n } }))).toBeUndefined();
    expect(pledgeValue(policy, pledgeInputs({ request: { amount: 700_000n }, pledge: { value: 999_999n } }))?.code).toBe(
      'PLEDGE_VALUE_INSUFFICIENT',
    );
  });

  it('does not apply to receivable financing', () => {
    expect(pledgeValue(policy, financingInputs())).toBeUndefined();
  });
});

describe('PRICE_STALE', () => {
  it('passes at exactly the maximum age and reviews one second older', () => {
    expect(priceFreshness(policy, pledgeInputs({ pledge: { priceSetAt: NOW - 86_400 } }))).toBeUndefined();
    expect(priceFreshness(policy, pledgeInputs({ pledge: { priceSetAt: NOW - 86_401 } }))).toEqual({
      code: 'PRICE_STALE',
      severity: 'review',
      points: 100,
      explanation: 'the commodity price is 86401 s old, older than 86400 s',
    });
  });
});
