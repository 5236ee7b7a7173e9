import { getTerms, putTerms, termsHash } from '../ledger/private-terms';
import type { ScfContext } from './scf-context';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import type { CreditLine, CreditLineTerms } from '@scf/kernel/records/credit-line';
import { creditLineTermsBytes, parseCreditLineTermsJson, requireLineTerms } from '@scf/kernel/records/line-terms';
import { creditLineTermsCollection } from '@scf/kernel/records/terms';
import { type SealedAnswer, sealToCertificate } from '@scf/kernel/sealed-answer';
import { TransientKey } from '@scf/kernel/transient';

/*
 * A credit line's terms off the public state (kernel/src/records/credit-line.ts CreditLineTerms):
 * kept in the bank × core private collection, committed to by the line's public `termsHash`.
 * Endorsers that are not the collection's members (the borrower's org on an approval) cannot read
 * them, so a transaction that needs them gets them in the transient map from the bank's gateway,
 * and every endorser checks them against the commitment before it uses them.
 */

function transientText(ctx: ScfContext, key: TransientKey, what: string): string {
  const bytes = ctx.stub.getTransient().get(key);
  return bytes === undefined
    ? fail(ErrorCode.INVALID_ARGUMENT, `${what} must be passed in the transient map under "${key}"`)
    : Buffer.from(bytes).toString('utf8');
}

/** The terms passed in the transient map ("lineTerms"), parsed strictly. */
export function transientLineTerms(ctx: ScfContext): CreditLineTerms {
  return parseCreditLineTermsJson(transientText(ctx, TransientKey.lineTerms, "the credit line's terms"));
}

/** The transient terms, if they are the line's (TERMS_MISMATCH otherwise): what every endorser of an approval checks. */
export function verifiedLineTerms(ctx: ScfContext, line: CreditLine): CreditLineTerms {
  return requireLineTerms(line, transientLineTerms(ctx));
}

/** A new limit passed in the transient map ("limit"): never an argument, which the block would carry. */
export function transientLimit(ctx: ScfContext): unknown {
  return transientText(ctx, TransientKey.limit, "the line's new limit");
}

export async function lineTermsStored(ctx: ScfContext, line: CreditLine): Promise<boolean> {
  return (await termsHash(ctx.stub, creditLineTermsCollection(line.bankMsp), 'creditline', line.id)) !== undefined;
}

export async function storeLineTerms(ctx: ScfContext, line: CreditLine, terms: CreditLineTerms): Promise<void> {
  await putTerms(ctx.stub, creditLineTermsCollection(line.bankMsp), 'creditline', line.id, creditLineTermsBytes(terms));
}

/** The stored terms (on a peer of the collection's members only): their bytes, parsed and checked against the line. */
export async function readLineTerms(ctx: ScfContext, line: CreditLine): Promise<{ terms: CreditLineTerms; bytes: Uint8Array }> {
  const bytes = await getTerms(ctx.stub, creditLineTermsCollection(line.bankMsp), 'creditline', line.id);
  ensure(bytes.length > 0, ErrorCode.NOT_FOUND, `no terms recorded for credit line ${line.id}`);
  return { terms: requireLineTerms(line, parseCreditLineTermsJson(Buffer.from(bytes).toString('utf8'))), bytes };
}

/**
 * The line's terms sealed to the caller's certificate key (kernel/src/sealed-answer.ts), so that a
 * submitted read leaves nothing readable in its block; `transaction` and `subjectId` name the read
 * in the sealed context ("scf.creditline:GetCreditLineTerms <lineId> <txId>").
 */
export async function sealedLineTerms(ctx: ScfContext, line: CreditLine, transaction: string, subjectId: string): Promise<SealedAnswer> {
  const { bytes } = await readLineTerms(ctx, line);
  return sealToCertificate(bytes, ctx.clientIdentity.getIDBytes(), bytes, `${transaction} ${subjectId} ${ctx.txId}`);
}
