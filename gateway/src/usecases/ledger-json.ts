import type { EvaluateCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';
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
