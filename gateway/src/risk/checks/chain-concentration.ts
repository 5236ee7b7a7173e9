import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount } from '@scf/kernel/money';

/** Early warning: the bank's book leans on one chain (one core enterprise) beyond its policy. */
export const chainConcentration: Check = (policy, inputs) => {
  const chain = inputs.chain;
  if (chain === undefined) {
    return undefined;
  }
  const { chainExposureAfter, bookAfter } = chain.bankOnChain;
  const minBook = policy.chain.minChainBook[inputs.request.currency];
  if (bookAfter === 0n || (minBook !== undefined && bookAfter < minBook)) {
    return undefined;
  }
  const maxBps = policy.chain.maxChainShareBps;
  return chainExposureAfter * 10_000n > BigInt(maxBps) * bookAfter
    ? raise(
        policy,
        'CHAIN_CONCENTRATION_HIGH',
        policy.chain.severity,
        `${formatAmount(chainExposureAfter)} of the bank's ${formatAmount(bookAfter)} book would sit on core ${chain.coreId}'s chain (${percent(ratioBps(chainExposureAfter, bookAfter))}), above ${percent(maxBps)}`,
      )
    : undefined;
};
