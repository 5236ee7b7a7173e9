import { ErrorCode, ensure } from '../errors';
import { BANK_ORGS, BORROWER_ORGS, ROLE_HOME_ORGS } from '../roles';

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

/** The collection shared by exactly one bank org and one borrower org. */
export function termsCollection(bankMsp: string, borrowerMsp: string): string {
  ensure((BANK_ORGS as readonly string[]).includes(bankMsp), ErrorCode.INVALID_ARGUMENT, `${bankMsp} is not a bank org`);
  ensure((BORROWER_ORGS as readonly string[]).includes(borrowerMsp), ErrorCode.INVALID_ARGUMENT, `${borrowerMsp} is not a borrower org`);
  return `terms_${bankMsp}_${borrowerMsp}`;
}

export function allTermsCollections(): string[] {
  return BANK_ORGS.flatMap((bank) => BORROWER_ORGS.map((borrower) => termsCollection(bank, borrower)));
}

/** The collection holding a credit line's terms: shared by the line's bank org and the core enterprises' org. */
export function creditLineTermsCollection(bankMsp: string): string {
  return termsCollection(bankMsp, ROLE_HOME_ORGS['core-enterprise'][0] ?? 'CoreMSP');
}
