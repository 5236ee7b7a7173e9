import { raise, type Check } from '../finding';

/** The same invoice must not back two receivables (double financing). */
export const invoiceUnique: Check = (policy, inputs) =>
  inputs.kind === 'financing' && !inputs.receivable.fingerprintUnique
    ? raise(policy, 'INVOICE_NOT_UNIQUE', 'reject', `the invoice behind receivable ${inputs.receivable.id} also backs another receivable`)
    : undefined;

/**
 * Another receivable of the same seller and debtor, with the same amount and dates but a number
 * that does not fold to this one: perhaps the same invoice typed twice. A credit officer looks.
 */
export const invoiceNearDuplicate: Check = (policy, inputs) =>
  inputs.kind === 'financing' && inputs.receivable.nearDuplicateIds.length > 0
    ? raise(
        policy,
        'INVOICE_NEAR_DUPLICATE',
        'review',
        `receivable ${inputs.receivable.id} has the seller, debtor, amount and dates of ${inputs.receivable.nearDuplicateIds.join(', ')}`,
      )
    : undefined;
