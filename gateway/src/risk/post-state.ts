import { advanceRateFinding } from './checks/advance-rate';
import { capFinding } from './checks/consortium-cap';
import { lineFinding } from './checks/line-headroom';
import type { Finding } from './finding';
import type { ConsortiumExposure, LineExposure } from './inputs';
import type { RiskPolicy } from './policy';
import { formatAmount } from '@scf/kernel/money';

/** What the endorsed approval transaction would write, as its result reported it. */
export interface EndorsedPostState {
  readonly financedAmount: bigint;
  /** The collateral receivable's outstanding amount in the endorsed state. */
  readonly receivableOutstanding: bigint;
  readonly line: LineExposure;
  readonly consortium: ConsortiumExposure;
}

/**
 * Re-checks the endorsed post-state against the same rules the engine applied (the very same
 * functions), plus the amount the engine assessed. The gateway calls it after endorsement and
 * submits only when it returns no findings; state may have moved since the assessment.
 */
export function recheckPostState(policy: RiskPolicy, assessedAmount: bigint, post: EndorsedPostState): Finding[] {
  const findings: Finding[] = [];
  if (post.financedAmount !== assessedAmount) {
    findings.push({
      code: 'POST_STATE_AMOUNT_CHANGED',
      severity: 'reject',
      points: 0,
      explanation: `the endorsed amount ${formatAmount(post.financedAmount)} is not the assessed ${formatAmount(assessedAmount)}`,
    });
  }
  for (const finding of [
    advanceRateFinding(policy, post.financedAmount, post.receivableOutstanding),
    lineFinding(policy, post.line),
    capFinding(policy, post.consortium),
  ]) {
    if (finding !== undefined) {
      findings.push(finding);
    }
  }
  return findings;
}
