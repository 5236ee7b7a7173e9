/**
 * Keys of the transient map. Private values only ever travel there (never in arguments, which
 * are written to the block); the chaincode reads them under these names.
 */
export const TransientKey = {
  /** A bank's private terms (JSON of PrivateTerms), for RecordTerms, RecordPledgeTerms and VerifyTermsDisclosure. */
  terms: 'terms',
  /**
   * A credit line's private terms (JSON of CreditLineTerms): for GrantCreditLine (new terms) and for
   * ApproveFinancing (the line's current terms, checked by every endorser against the line's termsHash).
   */
  lineTerms: 'lineTerms',
  /** A credit line's new limit, for SetCreditLineLimit (decimal string of minor units). */
  limit: 'limit',
} as const;

export type TransientKey = (typeof TransientKey)[keyof typeof TransientKey];
