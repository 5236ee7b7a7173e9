import { raise, type Check } from '../finding';

/** The collateral must not already secure another financing or pledge. */
export const collateralEncumbered: Check = (policy, inputs) => {
  if (inputs.kind === 'financing') {
    return inputs.receivable.encumbered
      ? raise(policy, 'COLLATERAL_ENCUMBERED', 'reject', `receivable ${inputs.receivable.id} already secures another financing`)
      : undefined;
  }
  return inputs.pledge.encumbered
    ? raise(policy, 'COLLATERAL_ENCUMBERED', 'reject', `receipt ${inputs.pledge.receiptId} is already pledged`)
    : undefined;
};
