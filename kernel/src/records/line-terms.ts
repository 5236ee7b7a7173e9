import { canonicalJson, parseJsonQuietly, sha256Hex } from '../canonical-json';
import { formatEpochDay, parseIsoDate } from '../dates';
import { ErrorCode, ensure, fail } from '../errors';
import { formatAmount, parseAmount, parseBps, parsePositiveAmount, parseSmallInt, sumOf } from '../money';
import type { CreditLine, CreditLineTerms } from './credit-line';
import { saltedObject } from './salted';

/*
 * A credit line's private terms (records/credit-line.ts CreditLineTerms): their one parser, their
 * commitment (the salted hash the public line keeps) and the even split of a limit over the
 * tranches. The bank's gateway builds and hashes terms with these; every endorser parses and checks
 * terms passed to it with the same functions. Messages name fields, never values.
 */

const FIELDS = ['salt', 'limit', 'expiresOn', 'maxAdvanceRateBps', 'maxTenorDays', 'graceDays', 'trancheLimits'];

/** Splits `total` into `parts` near-equal amounts; the first (total mod parts) get one unit more. */
export function splitEvenly(total: bigint, parts: number): bigint[] {
  const count = BigInt(parts);
  const base = total / count;
  const extra = Number(total % count);
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1n : 0n));
}

/** A new line's tranche limits: its limit split evenly over `count` tranches. */
export function initialTrancheLimits(limit: bigint, count: number): string[] {
  return splitEvenly(limit, count).map(formatAmount);
}

function parseTrancheLimits(value: unknown, limit: bigint): string[] {
  ensure(
    Array.isArray(value) && value.length > 0 && value.length <= 256,
    ErrorCode.INVALID_ARGUMENT,
    'terms.trancheLimits must be a list of 1-256 amounts',
  );
  const limits = (value as unknown[]).map((v, i) => parseAmount(v, `terms.trancheLimits[${String(i)}]`));
  ensure(sumOf(limits) === limit, ErrorCode.INVALID_ARGUMENT, 'terms.trancheLimits must sum to terms.limit');
  return limits.map(formatAmount);
}

/** Strict: a JSON object of exactly these fields, each in canonical form (so its hash is the one the gateway computed). */
export function parseCreditLineTerms(input: unknown): CreditLineTerms {
  const value = saltedObject(input, FIELDS, 'the line terms');
  const limit = parsePositiveAmount(value.limit, 'terms.limit');
  const smallInt = (v: unknown, field: string, min: number, max: number): number =>
    parseSmallInt(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v, field, min, max);
  return {
    salt: value.salt,
    limit: formatAmount(limit),
    expiresOn: formatEpochDay(parseIsoDate(value.expiresOn, 'terms.expiresOn')),
    maxAdvanceRateBps: formatAmount(parseBps(value.maxAdvanceRateBps, 'terms.maxAdvanceRateBps')),
    maxTenorDays: smallInt(value.maxTenorDays, 'terms.maxTenorDays', 1, 3650),
    graceDays: smallInt(value.graceDays, 'terms.graceDays', 0, 365),
    trancheLimits: parseTrancheLimits(value.trancheLimits, limit),
  };
}

/** Parses terms sent as JSON text (the transient map, a private data value). */
export function parseCreditLineTermsJson(json: string): CreditLineTerms {
  return parseCreditLineTerms(parseJsonQuietly(json, 'line terms'));
}

/** The exact bytes stored privately and hashed: canonical JSON of the terms. */
export function creditLineTermsBytes(terms: CreditLineTerms): Uint8Array {
  return Buffer.from(canonicalJson(terms), 'utf8');
}

/** The commitment the public line keeps: lower-case hex SHA-256 of the canonical, salted terms. */
export function creditLineTermsHash(terms: CreditLineTerms): string {
  return sha256Hex(creditLineTermsBytes(terms));
}

/** The terms if they are the line's (their hash is its commitment and they split over its tranches); TERMS_MISMATCH otherwise. */
export function requireLineTerms(line: Pick<CreditLine, 'id' | 'termsHash' | 'trancheCount'>, terms: CreditLineTerms): CreditLineTerms {
  if (creditLineTermsHash(terms) !== line.termsHash || terms.trancheLimits.length !== line.trancheCount) {
    return fail(ErrorCode.TERMS_MISMATCH, `the terms passed do not match the commitment of credit line ${line.id}`);
  }
  return terms;
}
