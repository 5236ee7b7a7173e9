import { raise, type Check } from '../finding';

/** The debtor must have confirmed the receivable (a pledged receipt must still be ISSUED, not redeemed). */
export const collateralConfirmed: Check = (policy, inputs) => {
  if (inputs.kind === 'financing') {
    const { id, status } = inputs.receivable;
    return status === 'CONFIRMED'
      ? undefined
      : raise(policy, 'COLLATERAL_NOT_CONFIRMED', 'reject', `receivable ${id} is ${status}, not CONFIRMED`);
  }
  const { receiptId, receiptStatus } = inputs.pledge;
  return receiptStatus === 'ISSUED'
    ? undefined
    : raise(policy, 'COLLATERAL_NOT_CONFIRMED', 'reject', `receipt ${receiptId} is ${receiptStatus}, not ISSUED`);
};
