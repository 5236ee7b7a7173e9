import { canonicalJson, parseJsonQuietly } from '@scf/kernel/canonical-json';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { formatAmount, parseAmount, parseBps } from '@scf/kernel/money';
import { parseEnum } from '@scf/kernel/text';
import type { PrivateTerms } from '@scf/kernel/records/terms';
import { saltedObject } from '@scf/kernel/records/salted';

const FIELDS = ['salt', 'rateKind', 'rateBps', 'feeAmount', 'internalScore'];
const INTERNAL_SCORE = /^[A-Za-z0-9._+-]{1,32}$/;

export function parsePrivateTerms(json: string): PrivateTerms {
  const value = saltedObject(parseJsonQuietly(json, 'terms'), FIELDS, 'terms');
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
