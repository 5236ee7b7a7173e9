import { ErrorCode, ensure } from './errors';

/** Ids of ledger objects: chosen by the caller, safe inside composite keys and URLs. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
export const CURRENCY = /^[A-Z]{3}$/;
// Control characters (including U+0000, the composite-key separator) are never allowed in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

export function parseId(text: unknown, field: string): string {
  ensure(
    typeof text === 'string' && ID.test(text),
    ErrorCode.INVALID_ARGUMENT,
    `${field} must be 1-64 characters of [A-Za-z0-9_.-] starting with a letter or digit`,
  );
  return text;
}

export function parseMspId(text: unknown, field: string): string {
  ensure(typeof text === 'string' && MSP_ID.test(text), ErrorCode.INVALID_ARGUMENT, `${field} must be an MSP id`);
  return text;
}

export function parseCurrency(text: unknown, field: string): string {
  ensure(typeof text === 'string' && CURRENCY.test(text), ErrorCode.INVALID_ARGUMENT, `${field} must be an ISO 4217 code such as USD`);
  return text;
}

/** Free text: 1..max characters, no control characters, no surrounding whitespace. */
export function parseText(text: unknown, field: string, max = 200): string {
  ensure(typeof text === 'string', ErrorCode.INVALID_ARGUMENT, `${field} must be a string`);
  ensure(text.length >= 1 && text.length <= max, ErrorCode.INVALID_ARGUMENT, `${field} must be 1-${max} characters`);
  ensure(
    !CONTROL.test(text) && text.trim() === text,
    ErrorCode.INVALID_ARGUMENT,
    `${field} must not contain control characters or surrounding spaces`,
  );
  return text;
}

export function parseEnum<T extends string>(text: unknown, field: string, allowed: readonly T[]): T {
  const found = allowed.find((value) => value === text);
  ensure(found !== undefined, ErrorCode.INVALID_ARGUMENT, `${field} must be one of ${allowed.join(', ')}`);
  return found;
}

/** Lower-case hex SHA-256. */
export function parseSha256Hex(text: unknown, field: string): string {
  ensure(
    typeof text === 'string' && /^[0-9a-f]{64}$/.test(text),
    ErrorCode.INVALID_ARGUMENT,
    `${field} must be 64 lower-case hex characters`,
  );
  return text;
}
