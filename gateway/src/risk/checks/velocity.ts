import { multiple } from '../explain';
import { raise, type Check } from '../finding';
import { SECONDS_PER_DAY } from '@scf/kernel/dates';

/**
 * Requests in the last `windowDays` (this one included) against the supplier's norm: its past
 * financings spread evenly over its tenure, scaled to one window, and never below `minNormRequests`.
 */
export const velocity: Check = (policy, inputs) => {
  const { windowDays, maxMultipleBps, minNormRequests } = policy.velocity;
  const since = inputs.now - windowDays * SECONDS_PER_DAY;
  const inWindow = 1 + inputs.recentRequestTimes.filter((t) => t > since && t <= inputs.now).length;
  // norm = normNumerator / normDenominator requests per window, kept as a fraction to stay exact.
  const normDenominator = BigInt(Math.max(inputs.supplier.tenureDays, windowDays));
  const historical = BigInt(inputs.supplier.financedCount) * BigInt(windowDays);
  const floor = BigInt(minNormRequests) * normDenominator;
  const normNumerator = historical > floor ? historical : floor;
  const limitExceeded = BigInt(inWindow) * normDenominator * 10_000n > BigInt(maxMultipleBps) * normNumerator;
  if (!limitExceeded) {
    return undefined;
  }
  const normHundredths = (normNumerator * 100n) / normDenominator;
  const norm = `${(normHundredths / 100n).toString()}.${(normHundredths % 100n).toString().padStart(2, '0')}`;
  return raise(
    policy,
    'VELOCITY_SPIKE',
    'review',
    `${inWindow} requests in ${windowDays} days against a norm of ${norm}, above ${multiple(maxMultipleBps)}`,
  );
};
