import { raise, type Check } from '../finding';
import { epochDayOfSeconds } from '@scf/kernel/dates';
import { parseIsoDate } from '@scf/kernel/dates';

/** A financing matures on the receivable's due date; a pledge loan has its own tenor. */
export const tenor: Check = (policy, inputs) => {
  const days =
    inputs.kind === 'financing'
      ? parseIsoDate(inputs.receivable.dueDate, 'receivable.dueDate') - epochDayOfSeconds(inputs.now)
      : inputs.pledge.tenorDays;
  const max = policy.financing.maxTenorDays;
  return days > max ? raise(policy, 'TENOR_ABOVE_POLICY', 'reject', `tenor of ${days} days exceeds the policy's ${max}`) : undefined;
};
