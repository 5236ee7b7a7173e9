import { percent } from '../explain';
import { raise, type Check } from '../finding';
import { describeSample, rateRiseBps } from './chain-overdue-rising';

/** Early warning: credit notes and returns on the core's recently issued receivables rise above its own history. */
export const chainDilutionRising: Check = (policy, inputs) => {
  const chain = inputs.chain;
  if (chain === undefined) {
    return undefined;
  }
  const rates = rateRiseBps(policy, chain.dilution.recent, chain.dilution.history);
  const maxRise = BigInt(policy.chain.maxDilutionRiseBps);
  return rates !== undefined && rates.recentBps - rates.historyBps > maxRise
    ? raise(
        policy,
        'CHAIN_DILUTION_RISING',
        policy.chain.severity,
        `core ${chain.coreId}: ${percent(rates.recentBps)} diluted on receivables issued in the last ${String(policy.chain.windowDays)} days (${describeSample(chain.dilution.recent)}) against ${percent(rates.historyBps)} before (${describeSample(chain.dilution.history)}), a rise above ${percent(maxRise)}`,
      )
    : undefined;
};
