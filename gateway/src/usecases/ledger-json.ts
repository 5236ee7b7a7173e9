import type { EvaluateCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';
import { isSealedAnswer } from '@scf/kernel/sealed-answer';
import { TransientKey } from '@scf/kernel/transient';
import type { EvaluateOptions, Ledger, SubmitOptions } from '../ledger/ledger';

/** What a submit returns to the client: the chaincode's JSON result and the transaction that committed it. */
export type Committed<T> = T & { readonly transactionId: string; readonly blockNumber?: string };

const utf8 = new TextDecoder();

/** The chaincode answers canonical JSON of the shape its domain types describe. */
function parseResult(bytes: Uint8Array): unknown {
  return JSON.parse(utf8.decode(bytes));
}

/** A query: evaluated on one peer, never ordered. */
export async function evaluateJson<T>(ledger: Ledger, query: EvaluateCall, options?: EvaluateOptions): Promise<T> {
  return parseResult(await ledger.evaluate(query, options)) as T;
}

/**
 * A query whose answer the chaincode seals to the caller's certificate key (private terms):
 * evaluated, then opened with the caller's private key, which the gateway holds for the caller.
 * The sealed context must name this query and subject, so an answer meant for another read is refused.
 */
export async function evaluateSealedJson<T>(ledger: Ledger, query: EvaluateCall, subjectId: string): Promise<T> {
  const answer = parseResult(await ledger.evaluate(query));
  const expected = `${query.contract}:${query.transaction} ${subjectId} `;
  if (!isSealedAnswer(answer) || !answer.context.startsWith(expected)) {
    throw new Error(`the ledger's answer to ${query.contract}:${query.transaction} is not sealed for this read`);
  }
  return JSON.parse(utf8.decode(ledger.unseal(answer))) as T;
}

/** A transaction: endorsed, ordered and committed; its JSON result with transactionId (and blockNumber). */
export async function submitJson<T extends object>(
  ledger: Ledger,
  transaction: SubmitCall,
  options?: SubmitOptions,
): Promise<Committed<T>> {
  const committed = await ledger.submit(transaction, options);
  const blockNumber = committed.blockNumber === undefined ? {} : { blockNumber: committed.blockNumber.toString() };
  return { ...(parseResult(committed.result) as T), transactionId: committed.transactionId, ...blockNumber };
}

/** Private terms travel only in the transient map, as JSON (the chaincode canonicalises them). */
export function termsTransient(terms: object): Readonly<Record<string, string>> {
  return { [TransientKey.terms]: JSON.stringify(terms) };
}

/** One `Get…History` entry (GetHistoryForKey), newest first. */
export interface HistoryEntry<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value?: T;
}
