import { multiple } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount } from '@scf/kernel/money';

/** Early warning: financing asked by one tier of the chain jumps well above that tier's usual window. */
export const chainTierVolume: Check = (policy, inputs) => {
  const chain = inputs.chain;
  if (chain === undefined) {
    return undefined;
  }
  const { tier, recent, prior } = chain.tierVolume;
  if (prior.length < policy.chain.tierVolumeWindows || prior.some((v) => v === 0n)) {
    return undefined;
  }
  const total = prior.reduce((a, b) => a + b, 0n);
  const windows = BigInt(prior.length);
  const maxBps = BigInt(policy.chain.maxTierVolumeMultipleBps);
  // recent / (total / windows) > maxBps / 10000, in integers.
  return recent * windows * 10_000n > maxBps * total
    ? raise(
        policy,
        'CHAIN_TIER_VOLUME_JUMP',
        policy.chain.severity,
        `tier-${String(tier)} suppliers of core ${chain.coreId} asked ${formatAmount(recent)} in the last ${String(policy.chain.windowDays)} days, ${multiple((recent * windows * 10_000n) / total)} their average of ${formatAmount(total / windows)} over the ${String(prior.length)} windows before, above ${multiple(maxBps)}`,
      )
    : undefined;
};
