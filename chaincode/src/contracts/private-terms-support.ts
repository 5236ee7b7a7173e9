import { TransientKey } from '@scf/kernel/transient';
import { parsePrivateTerms, termsBytes } from '../domain/terms';
import { getTerms, putTerms, termsHash } from '../ledger/private-terms';
import { type ScfContext, toJson } from './scf-context';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { termsCollection } from '@scf/kernel/records/terms';
import { sealToCertificate } from '@scf/kernel/sealed-answer';

export interface Loan {
  readonly kind: 'financing' | 'pledge';
  readonly id: string;
  readonly bankMsp: string;
  readonly borrowerMsp: string;
}

function transientTerms(ctx: ScfContext): Uint8Array {
  const bytes = ctx.stub.getTransient().get(TransientKey.terms);
  return bytes ?? fail(ErrorCode.INVALID_ARGUMENT, `the terms must be passed in the transient map under "${TransientKey.terms}"`);
}

function parseTransientTerms(ctx: ScfContext): Uint8Array {
  return termsBytes(parsePrivateTerms(Buffer.from(transientTerms(ctx)).toString('utf8')));
}

/** Writes the bank's terms for one loan to the bank × borrower collection, once. */
export async function storeTerms(ctx: ScfContext, loan: Loan): Promise<void> {
  const collection = termsCollection(loan.bankMsp, loan.borrowerMsp);
  const bytes = parseTransientTerms(ctx);
  ensure(
    (await termsHash(ctx.stub, collection, loan.kind, loan.id)) === undefined,
    ErrorCode.ALREADY_EXISTS,
    `terms of ${loan.kind} ${loan.id} are already recorded`,
  );
  await putTerms(ctx.stub, collection, loan.kind, loan.id, bytes);
}

/**
 * For the bank and the borrower (members of the collection) only, sealed to the caller's
 * certificate key (kernel/src/sealed-answer.ts): a query can be submitted, and a submitted
 * answer lands in a block for the whole channel. Sealed, it is useless there; the caller (or
 * the gateway holding the caller's key) opens it. The ephemeral key is derived from the stored
 * terms (salted, held by the collection's members only) and the transaction id, so every
 * endorser returns the same bytes and no two transactions share a key. `transaction` names
 * the query ("scf.financing:GetTerms") in the authenticated context.
 */
export async function readSealedTerms(ctx: ScfContext, loan: Loan, transaction: string): Promise<string> {
  const bytes = await getTerms(ctx.stub, termsCollection(loan.bankMsp, loan.borrowerMsp), loan.kind, loan.id);
  ensure(bytes.length > 0, ErrorCode.NOT_FOUND, `no terms recorded for ${loan.kind} ${loan.id}`);
  return toJson(sealToCertificate(bytes, ctx.clientIdentity.getIDBytes(), bytes, `${transaction} ${loan.id} ${ctx.txId}`));
}

/** Compares the SHA-256 of disclosed terms (transient) with the hash every peer holds. */
export async function verifyDisclosure(ctx: ScfContext, loan: Loan): Promise<boolean> {
  const stored = await termsHash(ctx.stub, termsCollection(loan.bankMsp, loan.borrowerMsp), loan.kind, loan.id);
  ensure(stored !== undefined, ErrorCode.NOT_FOUND, `no terms recorded for ${loan.kind} ${loan.id}`);
  return sha256Hex(parseTransientTerms(ctx)) === stored;
}
