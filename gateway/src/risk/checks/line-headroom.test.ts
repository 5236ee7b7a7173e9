import { financingInputs, pledgeInputs, testPolicy } from '../testing/fixtures';
import { lineHeadroom } from './line-headroom';

const policy = testPolicy(); // headroom at least 10% of the limit

describe('LINE_LIMIT_EXCEEDED / LINE_HEADROOM_LOW', () => {
  const at = (exposureAfter: bigint) => lineHeadroom(policy, financingInputs({ line: { limit: 10_000_000n, exposureAfter } }));

  it('passes with headroom of exactly the minimum share', () => {
    expect(at(9_000_000n)).toBeUndefined();
  });

  it('reviews below the minimum headroom, up to and including a fully drawn line', () => {
    expect(at(9_000_001n)).toEqual({
      code: 'LINE_HEADROOM_LOW',
      severity: 'review',
      points: 100,
      explanation: 'credit line line1 headroom would be 999999 (9.99% of limit 10000000), below 10.00%',
    });
    expect(at(10_000_000n)?.code).toBe('LINE_HEADROOM_LOW');
  });

  it('rejects above the limit', () => {
    expect(at(10_000_001n)).toEqual({
      code: 'LINE_LIMIT_EXCEEDED',
      severity: 'reject',
      points: 100,
      explanation: 'credit line line1 exposure would be 10000001, above its limit 10000000',
    });
  });

  it('with no headroom required, a fully drawn line passes', () => {
    expect(
      lineHeadroom({ ...policy, line: { minHeadroomBps: 0 } }, financingInputs({ line: { limit: 5n, exposureAfter: 5n } })),
    ).toBeUndefined();
  });

  it('does not apply to pledges', () => {
    expect(lineHeadroom(policy, pledgeInputs())).toBeUndefined();
  });
});
