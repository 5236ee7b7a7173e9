import { isPlainObject } from '../canonical-json';
import { ErrorCode, ensure } from '../errors';

/** A salt of private terms: 16 to 64 random bytes, lower-case hex. */
const SALT = /^[0-9a-f]{32,128}$/;

/**
 * The envelope every salted private record shares (a financing's or pledge's terms, a credit
 * line's terms): a JSON object of exactly `fields`, with a salt in canonical form, so that its
 * hash is the one the bank's gateway committed to. `what` names the record in the messages
 * (never a value).
 */
export function saltedObject(value: unknown, fields: readonly string[], what: string): Record<string, unknown> & { salt: string } {
  ensure(isPlainObject(value), ErrorCode.INVALID_ARGUMENT, `${what} must be a JSON object`);
  const unknownField = Object.keys(value).find((key) => !fields.includes(key));
  ensure(unknownField === undefined, ErrorCode.INVALID_ARGUMENT, `${what} has a field that is not one of ${fields.join(', ')}`);
  const { salt } = value;
  ensure(typeof salt === 'string' && SALT.test(salt), ErrorCode.INVALID_ARGUMENT, 'terms.salt must be 32-128 lower-case hex characters');
  return { ...value, salt };
}
