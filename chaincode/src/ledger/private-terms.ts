import type { LedgerStub } from './stub';

/**
 * Private pricing lives under this key in the bank × borrower collection. Only the
 * collection's member orgs hold the value; every peer holds its SHA-256.
 */
function termsKey(stub: LedgerStub, loanKind: 'financing' | 'pledge', loanId: string): string {
  return stub.createCompositeKey('scf.terms', [loanKind, loanId]);
}

export async function putTerms(
  stub: LedgerStub,
  collection: string,
  loanKind: 'financing' | 'pledge',
  loanId: string,
  bytes: Uint8Array,
): Promise<void> {
  await stub.putPrivateData(collection, termsKey(stub, loanKind, loanId), bytes);
}

export async function getTerms(
  stub: LedgerStub,
  collection: string,
  loanKind: 'financing' | 'pledge',
  loanId: string,
): Promise<Uint8Array> {
  return stub.getPrivateData(collection, termsKey(stub, loanKind, loanId));
}

/** Lower-case hex SHA-256 of the stored terms, or undefined when none are stored. Readable by non-members. */
export async function termsHash(
  stub: LedgerStub,
  collection: string,
  loanKind: 'financing' | 'pledge',
  loanId: string,
): Promise<string | undefined> {
  const hash = await stub.getPrivateDataHash(collection, termsKey(stub, loanKind, loanId));
  return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
}
