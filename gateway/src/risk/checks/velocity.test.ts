import { DAY, financingInputs, NOW, testPolicy } from '../testing/fixtures';
import { velocity } from './velocity';

const policy = testPolicy(); // 30-day window, at most 3× the norm, norm at least 2
const times = (count: number, at: number): number[] => Array.from({ length: count }, () => at);

describe('VELOCITY_SPIKE', () => {
  // 24 financings over 720 days = 1 per 30 days, floored to the minimum norm of 2: at most 6 requests.
  it('passes at exactly the maximum multiple of the norm and reviews one more', () => {
    expect(velocity(policy, financingInputs({ recentRequestTimes: times(5, NOW - DAY) }))).toBeUndefined();
    expect(velocity(policy, financingInputs({ recentRequestTimes: times(6, NOW - DAY) }))).toEqual({
      code: 'VELOCITY_SPIKE',
      severity: 'review',
      points: 100,
      explanation: '7 requests in 30 days against a norm of 2.00, above 3.00×',
    });
  });

  it('counts only requests inside the window and not in the future', () => {
    const edge = NOW - 30 * DAY;
    expect(velocity(policy, financingInputs({ recentRequestTimes: [...times(5, NOW - DAY), edge, NOW + 1] }))).toBeUndefined();
    expect(velocity(policy, financingInputs({ recentRequestTimes: [...times(5, NOW - DAY), edge + 1] }))?.code).toBe('VELOCITY_SPIKE');
  });

  it("scales the norm with the supplier's own history", () => {
    // 240 financings over 720 days = 10 per window: up to 30 requests are normal.
    const busy = { financedCount: 240, tenureDays: 720 };
    expect(velocity(policy, financingInputs({ supplier: busy, recentRequestTimes: times(29, NOW - DAY) }))).toBeUndefined();
    expect(velocity(policy, financingInputs({ supplier: busy, recentRequestTimes: times(30, NOW - DAY) }))?.explanation).toBe(
      '31 requests in 30 days against a norm of 10.00, above 3.00×',
    );
  });
});
