import type { LedgerStub } from './stub';

/** What private terms are kept for: a financing's or pledge's pricing, a credit line's terms. */
export type TermsKind = 'financing' | 'pledge' | 'creditline';

/**
 * Private terms live under this key in the bank × borrower collection (a credit line's in the
 * bank × core one). Only the collection's member orgs hold the value; every peer holds its SHA-256.
 */
function termsKey(stub: LedgerStub, loanKind: TermsKind, loanId: string): string {
  return stub.createCompositeKey('scf.terms', [loanKind, loanId]);
}

export async function putTerms(
  stub: LedgerStub,
  collection: string,
  loanKind: TermsKind,
  loanId: string,
  bytes: Uint8Array,
): Promise<void> {
  await stub.putPrivateData(collection, termsKey(stub, loanKind, loanId), bytes);
}

export async function getTerms(stub: LedgerStub, collection: string, loanKind: TermsKind, loanId: string): Promise<Uint8Array> {
  return stub.getPrivateData(collection, termsKey(stub, loanKind, loanId));
}

/** Lower-case hex SHA-256 of the stored terms, or undefined when none are stored. Readable by non-members. */
export async function termsHash(stub: LedgerStub, collection: string, loanKind: TermsKind, loanId: string): Promise<string | undefined> {
  const hash = await stub.getPrivateDataHash(collection, termsKey(stub, loanKind, loanId));
  return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
}
