/** Ratios as decimal strings with 4 decimals, from bigint arithmetic only (rounded down); "0.0000" over a zero base. */
export function ratio4(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) {
    return '0.0000';
  }
  const scaled = (numerator * 10_000n) / denominator;
  const sign = scaled < 0n ? '-' : '';
  const abs = scaled < 0n ? -scaled : scaled;
  return `${sign}${(abs / 10_000n).toString()}.${(abs % 10_000n).toString().padStart(4, '0')}`;
}

/** Herfindahl–Hirschman index of the parts' shares (Σ share²), as ratio4: 1.0000 when one part holds everything. */
export function herfindahl(parts: readonly bigint[]): string {
  let total = 0n;
  let squares = 0n;
  for (const part of parts) {
    total += part;
    squares += part * part;
  }
  return ratio4(squares, total * total);
}

/** numerator / denominator in basis points, rounded down; 0 over a zero base. */
export function bpsOf(numerator: bigint, denominator: bigint): bigint {
  return denominator <= 0n ? 0n : (numerator * 10_000n) / denominator;
}
