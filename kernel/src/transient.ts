/**
 * Keys of the transient map. Private values only ever travel there (never in arguments, which
 * are written to the block); the chaincode reads them under these names.
 */
export const TransientKey = {
  /** A bank's private terms (JSON of PrivateTerms), for RecordTerms, RecordPledgeTerms and VerifyTermsDisclosure. */
  terms: 'terms',
} as const;

export type TransientKey = (typeof TransientKey)[keyof typeof TransientKey];
