import { percent } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount } from '@scf/kernel/money';
import { maxLoan } from '@scf/kernel/records/warehouse';

/** loan ≤ value × (1 − haircut), with the larger of the offered and the policy's haircut. */
export const pledgeValue: Check = (policy, inputs) => {
  if (inputs.kind !== 'pledge') {
    return undefined;
  }
  const { value, haircutBps, receiptId } = inputs.pledge;
  const haircut = Math.max(haircutBps, policy.pledge.minHaircutBps);
  const max = maxLoan(value, BigInt(haircut));
  const loan = inputs.request.amount;
  return loan > max
    ? raise(
        policy,
        'PLEDGE_VALUE_INSUFFICIENT',
        'reject',
        `loan ${formatAmount(loan)} exceeds receipt ${receiptId} value ${formatAmount(value)} less a ${percent(haircut)} haircut (${max < 0n ? '0' : formatAmount(max)})`,
      )
    : undefined;
};
