const SCALE = 10_000n;

/**
 * numerator / denominator as a decimal string with 4 decimals, computed in bigint and rounded half
 * away from zero (1/4 → "0.2500", 2/3 → "0.6667", -1/3 → "-0.3333"); "0.0000" over a zero or
 * negative base. The one rule for every share, rate and index the reports and the chain view print.
 */
export function ratio4(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) {
    return '0.0000';
  }
  const magnitude = numerator < 0n ? -numerator : numerator;
  const scaled = (magnitude * SCALE * 2n + denominator) / (denominator * 2n);
  const sign = numerator < 0n && scaled > 0n ? '-' : '';
  return `${sign}${String(scaled / SCALE)}.${String(scaled % SCALE).padStart(4, '0')}`;
}

/**
 * The Herfindahl–Hirschman index of the parts: Σ(partᵢ / total)², taken as ratio4 of the exact
 * Σ partᵢ² / total² (so the shares' own rounding does not add up); 1.0000 when one part holds all.
 */
export function herfindahl(parts: readonly bigint[]): string {
  const total = parts.reduce((sum, part) => sum + part, 0n);
  const squares = parts.reduce((sum, part) => sum + part * part, 0n);
  return ratio4(squares, total * total);
}
