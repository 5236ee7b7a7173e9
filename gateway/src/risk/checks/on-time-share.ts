import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';

/** Supplier score: share of its past financings repaid on time (late and defaulted ones count against it). */
export const onTimeShare: Check = (policy, inputs) => {
  const { onTimeRepaidCount, lateRepaidCount, defaultedCount } = inputs.supplier;
  const judged = onTimeRepaidCount + lateRepaidCount + defaultedCount;
  const { minRepaymentsForOnTimeShare, minOnTimeShareBps } = policy.supplierScore;
  if (judged < minRepaymentsForOnTimeShare) {
    return undefined;
  }
  const shareBps = ratioBps(BigInt(onTimeRepaidCount), BigInt(judged));
  return BigInt(onTimeRepaidCount) * 10_000n < BigInt(minOnTimeShareBps) * BigInt(judged)
    ? raise(
        policy,
        'LOW_ON_TIME_SHARE',
        'info',
        `${onTimeRepaidCount} of ${judged} financings repaid on time (${percent(shareBps)}; ${lateRepaidCount} late, ${defaultedCount} defaulted), below ${percent(minOnTimeShareBps)}`,
      )
    : undefined;
};
