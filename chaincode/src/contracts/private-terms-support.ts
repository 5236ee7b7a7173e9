import { TransientKey } from '@scf/kernel/transient';
import { parsePrivateTerms, termsBytes } from '../domain/terms';
import { getTerms, putTerms, termsHash } from '../ledger/private-terms';
import type { ScfContext } from './scf-context';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { termsCollection } from '@scf/kernel/records/terms';

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

/** For the bank and the borrower (members of the collection) only; call it as an evaluation, never submit it. */
export async function readTerms(ctx: ScfContext, loan: Loan): Promise<string> {
  const bytes = await getTerms(ctx.stub, termsCollection(loan.bankMsp, loan.borrowerMsp), loan.kind, loan.id);
  ensure(bytes.length > 0, ErrorCode.NOT_FOUND, `no terms recorded for ${loan.kind} ${loan.id}`);
  return Buffer.from(bytes).toString('utf8');
}

/** Compares the SHA-256 of disclosed terms (transient) with the hash every peer holds. */
export async function verifyDisclosure(ctx: ScfContext, loan: Loan): Promise<boolean> {
  const stored = await termsHash(ctx.stub, termsCollection(loan.bankMsp, loan.borrowerMsp), loan.kind, loan.id);
  ensure(stored !== undefined, ErrorCode.NOT_FOUND, `no terms recorded for ${loan.kind} ${loan.id}`);
  return sha256Hex(parseTransientTerms(ctx)) === stored;
}
