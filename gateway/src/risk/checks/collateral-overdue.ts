import { raise, type Check } from '../finding';
import { epochDayOfSeconds } from '@scf/kernel/dates';
import { parseIsoDate } from '@scf/kernel/dates';

/** A receivable past its due date (or already marked overdue or in default) is not financed. */
export const collateralOverdue: Check = (policy, inputs) => {
  if (inputs.kind !== 'financing') {
    return undefined;
  }
  const { id, delinquency, dueDate } = inputs.receivable;
  if (delinquency !== 'CURRENT') {
    return raise(policy, 'COLLATERAL_OVERDUE', 'reject', `receivable ${id} is marked ${delinquency}`);
  }
  const daysLate = epochDayOfSeconds(inputs.now) - parseIsoDate(dueDate, 'receivable.dueDate');
  return daysLate > 0
    ? raise(policy, 'COLLATERAL_OVERDUE', 'reject', `receivable ${id} fell due on ${dueDate}, ${daysLate} days ago`)
    : undefined;
};
