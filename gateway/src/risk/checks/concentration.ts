import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount, sumOf } from '@scf/kernel/money';

/** The borrower's share of the bank's book, counting this request, must stay within the policy's maximum. */
export const concentration: Check = (policy, inputs) => {
  const { amount, borrowerId, currency } = inputs.request;
  const book = inputs.book.exposureBySupplier;
  const bookAfter = sumOf(Object.values(book)) + amount;
  const minBook = policy.concentration.minBook[currency];
  if (bookAfter === 0n || (minBook !== undefined && bookAfter < minBook)) {
    return undefined;
  }
  const supplierAfter = (book[borrowerId] ?? 0n) + amount;
  const maxBps = policy.concentration.maxSupplierShareBps;
  return supplierAfter * 10_000n > BigInt(maxBps) * bookAfter
    ? raise(
        policy,
        'SUPPLIER_CONCENTRATION_HIGH',
        'review',
        `${borrowerId} would hold ${formatAmount(supplierAfter)} of a ${formatAmount(bookAfter)} book (${percent(ratioBps(supplierAfter, bookAfter))}), above ${percent(maxBps)}`,
      )
    : undefined;
};
