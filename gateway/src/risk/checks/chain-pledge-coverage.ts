import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount } from '@scf/kernel/money';

/** Early warning: at today's prices the goods pledged across the chain cover their loans less than the policy wants. */
export const chainPledgeCoverage: Check = (policy, inputs) => {
  const chain = inputs.chain;
  if (chain === undefined || chain.pledgeCoverage.loans === 0n) {
    return undefined;
  }
  const { value, loans, pledges } = chain.pledgeCoverage;
  const minBps = policy.chain.minPledgeCoverageBps;
  return value * 10_000n < BigInt(minBps) * loans
    ? raise(
        policy,
        'CHAIN_PLEDGE_COVERAGE_LOW',
        policy.chain.severity,
        `goods pledged on core ${chain.coreId}'s chain (${String(pledges)} pledges) are worth ${formatAmount(value)} at today's prices against ${formatAmount(loans)} lent (${percent(ratioBps(value, loans))}), below ${percent(minBps)}`,
      )
    : undefined;
};
