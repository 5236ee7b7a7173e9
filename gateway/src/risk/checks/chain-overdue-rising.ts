import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';
import type { RateSample } from '../inputs';
import type { RiskPolicy } from '../policy';
import { formatAmount } from '@scf/kernel/money';

/**
 * The recent rate minus the historical one, in bps, when both samples are large enough to
 * judge; undefined otherwise (a new core has no history to rise above).
 */
export function rateRiseBps(
  policy: RiskPolicy,
  recent: RateSample,
  history: RateSample,
): { recentBps: bigint; historyBps: bigint } | undefined {
  const min = policy.chain.minRecentCount;
  if (recent.count < min || history.count < min || recent.base === 0n || history.base === 0n) {
    return undefined;
  }
  return { recentBps: ratioBps(recent.amount, recent.base), historyBps: ratioBps(history.amount, history.base) };
}

export const describeSample = (s: RateSample): string =>
  `${formatAmount(s.amount)} of ${formatAmount(s.base)} over ${String(s.count)} receivables`;

/** Early warning: the core's overdue rate on receivables due in the last window rises above its own history. */
export const chainOverdueRising: Check = (policy, inputs) => {
  const chain = inputs.chain;
  if (chain === undefined) {
    return undefined;
  }
  const rates = rateRiseBps(policy, chain.overdue.recent, chain.overdue.history);
  const maxRise = BigInt(policy.chain.maxOverdueRiseBps);
  return rates !== undefined && rates.recentBps - rates.historyBps > maxRise
    ? raise(
        policy,
        'CHAIN_OVERDUE_RISING',
        policy.chain.severity,
        `core ${chain.coreId}: ${percent(rates.recentBps)} overdue on receivables due in the last ${String(policy.chain.windowDays)} days (${describeSample(chain.overdue.recent)}) against ${percent(rates.historyBps)} before (${describeSample(chain.overdue.history)}), a rise above ${percent(maxRise)}`,
      )
    : undefined;
};
