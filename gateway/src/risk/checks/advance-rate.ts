import { percent } from '../explain';
import { raise, type Check, type Finding } from '../finding';
import type { RiskPolicy } from '../policy';
import { applyBpsFloor, formatAmount } from '@scf/kernel/money';

/** amount ≤ outstanding × the policy's advance rate, rounded down (the chaincode's own rounding). */
export function advanceRateFinding(policy: RiskPolicy, amount: bigint, outstanding: bigint): Finding | undefined {
  const rate = policy.financing.maxAdvanceRateBps;
  const max = applyBpsFloor(outstanding, BigInt(rate));
  return amount > max
    ? raise(
        policy,
        'ADVANCE_RATE_ABOVE_POLICY',
        'reject',
        `amount ${formatAmount(amount)} exceeds ${percent(rate)} of outstanding ${formatAmount(outstanding)} (${formatAmount(max)})`,
      )
    : undefined;
}

export const advanceRate: Check = (policy, inputs) =>
  inputs.kind === 'financing' ? advanceRateFinding(policy, inputs.request.amount, inputs.receivable.outstanding) : undefined;
