import { parseAmount } from '@scf/chaincode/domain/money';

const SCALE = 10_000n;

/**
 * numerator / denominator as a decimal string with 4 decimals, rounded half up, computed in
 * bigint (e.g. 1/4 → "0.2500", 2/3 → "0.6667"). A zero denominator gives "0.0000".
 */
export function fraction4(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n || numerator < 0n) {
    return '0.0000';
  }
  const scaled = (numerator * SCALE * 2n + denominator) / (denominator * 2n);
  return `${String(scaled / SCALE)}.${String(scaled % SCALE).padStart(4, '0')}`;
}

/**
 * The Herfindahl index of the parts: Σ(partᵢ / total)², with total = Σ partᵢ, as fraction4
 * of the exact Σ partᵢ² / total² (so the shares' own rounding does not add up).
 */
export function herfindahl(parts: readonly bigint[]): string {
  const total = parts.reduce((sum, part) => sum + part, 0n);
  const squares = parts.reduce((sum, part) => sum + part * part, 0n);
  return fraction4(squares, total * total);
}

/** Sums TEXT amounts from the read model as bigint. */
export function sumAmounts(amounts: readonly string[], what: string): bigint {
  return amounts.reduce((sum, amount) => sum + parseAmount(amount, what), 0n);
}
