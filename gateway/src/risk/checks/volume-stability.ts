import { percent } from '../explain';
import { raise, type Check } from '../finding';
import { sumOf } from '@scf/kernel/money';

/** Integer square root (floor) of a non-negative bigint, by Newton's method. */
export function isqrt(value: bigint): bigint {
  if (value < 2n) {
    return value;
  }
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

/**
 * Coefficient of variation of monthly volumes in basis points, floored:
 * σ/μ = √(nΣv² − S²) / S for n months summing to S. Exact integer arithmetic.
 */
export function volumeCvBps(volumes: readonly bigint[]): bigint {
  const n = BigInt(volumes.length);
  const sum = sumOf(volumes);
  if (sum === 0n) {
    return 0n;
  }
  const sumOfSquares = sumOf(volumes.map((v) => v * v));
  return isqrt((n * sumOfSquares - sum * sum) * 100_000_000n) / sum;
}

/** Supplier score: erratic monthly volumes suggest invoices made up to order. */
export const volumeStability: Check = (policy, inputs) => {
  const volumes = inputs.supplier.monthlyVolumes;
  const { minMonthsForVolatility, maxVolumeCvBps } = policy.supplierScore;
  if (volumes.length < minMonthsForVolatility) {
    return undefined;
  }
  const cv = volumeCvBps(volumes);
  return cv > BigInt(maxVolumeCvBps)
    ? raise(
        policy,
        'VOLATILE_VOLUME',
        'info',
        `monthly volume varies by ${percent(cv)} of its mean over ${volumes.length} months, above ${percent(maxVolumeCvBps)}`,
      )
    : undefined;
};
