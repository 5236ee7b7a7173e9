import { ErrorCode, ensure, fail } from './errors';

/**
 * Money is integer minor units. On the ledger, in JSON and in arguments it is a decimal
 * string of digits; in code it is a bigint. Rates are basis points (1/10000).
 */
const MAX_DIGITS = 30;
const CANONICAL_UNSIGNED = /^(0|[1-9][0-9]*)$/;
/** Both rules of parseAmount in one pattern, for schemas that check arguments before they get here. */
export const AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,29})$/;
export const BPS_SCALE = 10_000n;

/** A non-negative integer in canonical decimal form: no sign, no leading zero, no spaces, no dot, no exponent. */
export function parseAmount(text: unknown, field: string): bigint {
  ensure(typeof text === 'string', ErrorCode.INVALID_ARGUMENT, `${field} must be a string of digits`);
  ensure(text.length <= MAX_DIGITS, ErrorCode.INVALID_ARGUMENT, `${field} has more than ${MAX_DIGITS} digits`);
  ensure(CANONICAL_UNSIGNED.test(text), ErrorCode.INVALID_ARGUMENT, `${field} must be a canonical non-negative integer of minor units`);
  return BigInt(text);
}

export function parsePositiveAmount(text: unknown, field: string): bigint {
  const value = parseAmount(text, field);
  ensure(value > 0n, ErrorCode.INVALID_ARGUMENT, `${field} must be greater than zero`);
  return value;
}

/** Basis points in [0, max]; max defaults to 100%. */
export function parseBps(text: unknown, field: string, max: bigint = BPS_SCALE): bigint {
  const value = parseAmount(text, field);
  ensure(value <= max, ErrorCode.INVALID_ARGUMENT, `${field} must be at most ${max} basis points`);
  return value;
}

export function formatAmount(value: bigint): string {
  if (value < 0n) {
    fail(ErrorCode.INTERNAL, 'negative amount');
  }
  return value.toString();
}

/** amount × bps / 10000, rounded down: advance limits never round in the borrower's favour. */
export function applyBpsFloor(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BPS_SCALE;
}

export function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function sumOf(values: readonly bigint[]): bigint {
  return values.reduce((total, v) => total + v, 0n);
}

/** Small bounded integers that are not money (days, tiers, scores). */
export function parseSmallInt(text: unknown, field: string, min: number, max: number): number {
  const value = parseAmount(text, field);
  ensure(value >= BigInt(min) && value <= BigInt(max), ErrorCode.INVALID_ARGUMENT, `${field} must be between ${min} and ${max}`);
  return Number(value);
}
