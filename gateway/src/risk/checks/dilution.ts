import { percent, ratioBps } from '../explain';
import { raise, type Check } from '../finding';
import { formatAmount } from '@scf/kernel/money';

/** Supplier score: credit notes and returns as a share of everything it invoiced. */
export const dilution: Check = (policy, inputs) => {
  const { totalFace, totalDiluted } = inputs.supplier;
  const maxBps = policy.supplierScore.maxDilutionBps;
  if (totalFace === 0n) {
    return undefined;
  }
  return totalDiluted * 10_000n > BigInt(maxBps) * totalFace
    ? raise(
        policy,
        'HIGH_DILUTION',
        'info',
        `diluted ${formatAmount(totalDiluted)} of ${formatAmount(totalFace)} invoiced (${percent(ratioBps(totalDiluted, totalFace))}), above ${percent(maxBps)}`,
      )
    : undefined;
};
