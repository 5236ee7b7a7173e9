import { type AnyTransaction, fcn, tx } from './catalogue';

/**
 * The queries whose answers are sealed to the caller's certificate key (kernel/src/sealed-answer.ts):
 * a bank's private terms. Such a query can still be submitted, and its sealed answer then sits in a
 * block; the read model stores no response of these transactions and the block views show none.
 */
export const SEALED_ANSWER_TRANSACTIONS: readonly AnyTransaction[] = [
  tx.financing.GetTerms,
  tx.warehouse.GetPledgeTerms,
  tx.creditLine.GetCreditLineTerms,
];

const SEALED_FCNS: ReadonlySet<string> = new Set(SEALED_ANSWER_TRANSACTIONS.map((transaction) => fcn(transaction)));

/** `fcnName` as a block carries it: "scf.financing:GetTerms". */
export function answersSealed(fcnName: string): boolean {
  return SEALED_FCNS.has(fcnName);
}
