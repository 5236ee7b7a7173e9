import { raise, type Check } from '../finding';

/** Supplier score: how long it has been trading on the network. */
export const tenure: Check = (policy, inputs) => {
  const days = inputs.supplier.tenureDays;
  const min = policy.supplierScore.minTenureDays;
  return days < min ? raise(policy, 'SHORT_TENURE', 'info', `first receivable ${days} days ago, under ${min}`) : undefined;
};
