import { canonicalJson, isPlainObject, parseJsonQuietly } from '@scf/kernel/canonical-json';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { formatAmount, parseAmount, parseBps } from '@scf/kernel/money';
import { parseEnum } from '@scf/kernel/text';
import type { PrivateTerms } from '@scf/kernel/records/terms';

const SALT = /^[0-9a-f]{32,128}$/;
const FIELDS = ['salt', 'rateKind', 'rateBps', 'feeAmount', 'internalScore'];
const INTERNAL_SCORE = /^[A-Za-z0-9._+-]{1,32}$/;

export function parsePrivateTerms(json: string): PrivateTerms {
  const value = parseJsonQuietly(json, 'terms');
  ensure(isPlainObject(value), ErrorCode.INVALID_ARGUMENT, 'terms must be a JSON object');
  const unknownField = Object.keys(value).find((key) => !FIELDS.includes(key));
  ensure(unknownField === undefined, ErrorCode.INVALID_ARGUMENT, 'terms has a field that is not one of ' + FIELDS.join(', '));
  ensure(
    typeof value.salt === 'string' && SALT.test(value.salt),
    ErrorCode.INVALID_ARGUMENT,
    'terms.salt must be 32-128 lower-case hex characters',
  );
  ensure(
    value.internalScore === undefined || (typeof value.internalScore === 'string' && INTERNAL_SCORE.test(value.internalScore)),
    ErrorCode.INVALID_ARGUMENT,
    'terms.internalScore must be 1-32 characters of [A-Za-z0-9._+-]',
  );
  return {
    salt: value.salt,
    rateKind: parseEnum(value.rateKind, 'terms.rateKind', ['INTEREST', 'DISCOUNT'] as const),
    rateBps: formatAmount(parseBps(value.rateBps, 'terms.rateBps', 100_000n)),
    feeAmount: value.feeAmount === undefined ? undefined : formatAmount(parseAmount(value.feeAmount, 'terms.feeAmount')),
    internalScore: value.internalScore,
  };
}

/** The exact bytes stored privately, and hashed: canonical JSON of the terms. */
export function termsBytes(terms: unknown): Uint8Array {
  return Buffer.from(canonicalJson(terms), 'utf8');
}
