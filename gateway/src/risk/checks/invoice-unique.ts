import { raise, type Check } from '../finding';

/** The same invoice must not back two receivables (double financing). */
export const invoiceUnique: Check = (policy, inputs) =>
  inputs.kind === 'financing' && !inputs.receivable.fingerprintUnique
    ? raise(policy, 'INVOICE_NOT_UNIQUE', 'reject', `the invoice behind receivable ${inputs.receivable.id} also backs another receivable`)
    : undefined;
