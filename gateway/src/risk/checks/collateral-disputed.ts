import { raise, type Check } from '../finding';

/** A receivable the debtor disputes is no collateral. */
export const collateralDisputed: Check = (policy, inputs) =>
  inputs.kind === 'financing' && inputs.receivable.status === 'DISPUTED'
    ? raise(policy, 'COLLATERAL_DISPUTED', 'reject', `the debtor disputes receivable ${inputs.receivable.id}`)
    : undefined;
