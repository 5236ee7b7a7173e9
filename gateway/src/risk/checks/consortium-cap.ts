import { raise, type Check, type Finding } from '../finding';
import type { ConsortiumExposure } from '../inputs';
import type { RiskPolicy } from '../policy';
import { formatAmount } from '@scf/kernel/money';

/** The consortium's cap on the debtor, across all banks, must hold after this financing. */
export function capFinding(policy: RiskPolicy, consortium: ConsortiumExposure): Finding | undefined {
  const { cap, aggregateAfter } = consortium;
  return aggregateAfter > cap
    ? raise(
        policy,
        'CONSORTIUM_CAP_EXCEEDED',
        'reject',
        `the debtor's consortium exposure would be ${formatAmount(aggregateAfter)}, above its cap ${formatAmount(cap)}`,
      )
    : undefined;
}

export const consortiumCap: Check = (policy, inputs) => (inputs.kind === 'financing' ? capFinding(policy, inputs.consortium) : undefined);
