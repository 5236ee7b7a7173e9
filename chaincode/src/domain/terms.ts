import { canonicalJson, isPlainObject, parseJsonQuietly } from './canonical-json';
import { ErrorCode, ensure } from './errors';
import { formatAmount, parseAmount, parseBps } from './money';
import { BANK_ORGS, BORROWER_ORGS } from './roles';
import { parseEnum } from './text';

/**
 * A bank's pricing for one loan. It is written only to the private data collection shared by
 * the bank's org and the borrower's org; the channel sees its SHA-256 (Fabric puts the hash
 * of every private write in the block). `salt` makes that hash unguessable: without it an
 * outsider could hash every plausible rate and compare.
 * Validation messages name fields, never values.
 */
export interface PrivateTerms {
  readonly salt: string;
  readonly rateKind: 'INTEREST' | 'DISCOUNT';
  /** Annual rate in basis points. */
  readonly rateBps: string;
  readonly feeAmount?: string;
  readonly internalScore?: string;
}

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

/** The collection shared by exactly one bank org and one borrower org. */
export function termsCollection(bankMsp: string, borrowerMsp: string): string {
  ensure((BANK_ORGS as readonly string[]).includes(bankMsp), ErrorCode.INVALID_ARGUMENT, `${bankMsp} is not a bank org`);
  ensure((BORROWER_ORGS as readonly string[]).includes(borrowerMsp), ErrorCode.INVALID_ARGUMENT, `${borrowerMsp} is not a borrower org`);
  return `terms_${bankMsp}_${borrowerMsp}`;
}

export function allTermsCollections(): string[] {
  return BANK_ORGS.flatMap((bank) => BORROWER_ORGS.map((borrower) => termsCollection(bank, borrower)));
}
