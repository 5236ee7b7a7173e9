import { BPS_SCALE } from '@scf/kernel/money';

/** Figures in explanations: exact integer arithmetic, never floating point. */

/** floor(numerator / denominator) in basis points; the denominator must be positive. */
export function ratioBps(numerator: bigint, denominator: bigint): bigint {
  return (numerator * BPS_SCALE) / denominator;
}

/** 8000 → "80.00%". */
export function percent(bps: bigint | number): string {
  const value = BigInt(bps);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}%`;
}

/** A multiple in basis points, 30000 → "3.00×". */
export function multiple(bps: bigint | number): string {
  const value = BigInt(bps);
  return `${(value / BPS_SCALE).toString()}.${((value % BPS_SCALE) / 100n).toString().padStart(2, '0')}×`;
}
