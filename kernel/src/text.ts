import { ErrorCode, ensure } from './errors';

/** Ids of ledger objects: chosen by the caller, safe inside composite keys and URLs. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
export const CURRENCY = /^[A-Z]{3}$/;
// Control characters (including U+0000, the composite-key separator) are never allowed in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A printable character of the Basic Multilingual Plane: no control character (C0, DEL, C1), no surrogate. */
const PRINTABLE = '[\\u0020-\\u007e\\u00a0-\\ud7ff\\ue000-\\ufffd]';
/** The same without the characters String.prototype.trim removes (space, no-break spaces, Unicode spaces, separators, BOM). */
const PRINTABLE_EDGE =
  '[\\u0021-\\u007e\\u00a1-\\u167f\\u1681-\\u1fff\\u200b-\\u2027\\u202a-\\u202e\\u2030-\\u205e\\u2060-\\u2fff\\u3001-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd]';
/**
 * Free text as request schemas state it: printable characters of the Basic Multilingual Plane,
 * not starting or ending with a space. Every such text of 1..max characters passes parseText
 * (in the BMP a character is one UTF-16 unit, so a schema's maxLength and parseText's count
 * agree); parseText itself also takes other planes.
 */
export const FREE_TEXT_PATTERN = `^${PRINTABLE_EDGE}(${PRINTABLE}*${PRINTABLE_EDGE})?$`;

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
