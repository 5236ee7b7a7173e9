import { percent, ratioBps } from '../explain';
import { raise, type Check, type Finding } from '../finding';
import type { LineExposure } from '../inputs';
import type { RiskPolicy } from '../policy';
import { formatAmount } from '@scf/kernel/money';

/** Over the limit: reject. Within it but with headroom below the policy's share of the limit: review. */
export function lineFinding(policy: RiskPolicy, line: LineExposure): Finding | undefined {
  const { lineId, limit, exposureAfter } = line;
  if (exposureAfter > limit) {
    return raise(
      policy,
      'LINE_LIMIT_EXCEEDED',
      'reject',
      `credit line ${lineId} exposure would be ${formatAmount(exposureAfter)}, above its limit ${formatAmount(limit)}`,
    );
  }
  const headroom = limit - exposureAfter;
  const minBps = policy.line.minHeadroomBps;
  if (headroom * 10_000n < BigInt(minBps) * limit) {
    return raise(
      policy,
      'LINE_HEADROOM_LOW',
      'review',
      `credit line ${lineId} headroom would be ${formatAmount(headroom)} (${percent(ratioBps(headroom, limit))} of limit ${formatAmount(limit)}), below ${percent(minBps)}`,
    );
  }
  return undefined;
}

export const lineHeadroom: Check = (policy, inputs) => (inputs.kind === 'financing' ? lineFinding(policy, inputs.line) : undefined);
