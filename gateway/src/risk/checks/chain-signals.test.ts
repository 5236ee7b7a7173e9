import { assess } from '../engine';
import type { ChainFigures, RateSample } from '../inputs';
import { financingInputs, testPolicy } from '../testing/fixtures';
import { chainConcentration } from './chain-concentration';
import { chainDilutionRising } from './chain-dilution-rising';
import { chainOverdueRising } from './chain-overdue-rising';
import { chainPledgeCoverage } from './chain-pledge-coverage';
import { chainTierVolume } from './chain-tier-volume';

const sample = (count: number, amount: bigint, base: bigint): RateSample => ({ count, amount, base });

/** A quiet chain: steady rates, a spread-out book, well-covered goods, steady tier volume. */
function quietChain(): ChainFigures {
  return {
    coreId: 'core',
    overdue: { recent: sample(10, 20_000n, 1_000_000n), history: sample(40, 80_000n, 4_000_000n) },
    dilution: { recent: sample(10, 10_000n, 1_000_000n), history: sample(40, 40_000n, 4_000_000n) },
    bankOnChain: { chainExposureAfter: 3_000_000n, bookAfter: 10_000_000n },
    pledgeCoverage: { pledges: 2, value: 1_500_000n, loans: 1_000_000n },
    tierVolume: { tier: 2, recent: 300_000n, prior: [200_000n, 250_000n, 300_000n] },
  };
}

const withChain = (patch: Partial<ChainFigures>) => ({ ...financingInputs(), chain: { ...quietChain(), ...patch } });
const policy = testPolicy();

describe('chain early-warning checks', () => {
  it('raise nothing on a quiet chain, nor without chain figures', () => {
    expect(assess(policy, withChain({})).reasonCodes).toEqual([]);
    expect(assess(policy, financingInputs()).reasonCodes).toEqual([]);
  });

  it('CHAIN_OVERDUE_RISING: 15% overdue recently against 2% before is a rise of 13 points, above the policy’s 10', () => {
    const finding = chainOverdueRising(
      policy,
      withChain({ overdue: { recent: sample(10, 150_000n, 1_000_000n), history: sample(40, 80_000n, 4_000_000n) } }),
    );
    expect(finding).toMatchObject({ code: 'CHAIN_OVERDUE_RISING', severity: 'review' });
    expect(finding?.explanation).toBe(
      'core core: 15.00% overdue on receivables due in the last 30 days (150000 of 1000000 over 10 receivables) against 2.00% before (80000 of 4000000 over 40 receivables), a rise above 10.00%',
    );
    // Exactly 10 points above passes; too few receivables in either sample is not judged.
    expect(
      chainOverdueRising(
        policy,
        withChain({ overdue: { recent: sample(10, 120_000n, 1_000_000n), history: sample(40, 80_000n, 4_000_000n) } }),
      ),
    ).toBeUndefined();
    expect(
      chainOverdueRising(
        policy,
        withChain({ overdue: { recent: sample(4, 900_000n, 1_000_000n), history: sample(40, 80_000n, 4_000_000n) } }),
      ),
    ).toBeUndefined();
    expect(
      chainOverdueRising(policy, withChain({ overdue: { recent: sample(10, 900_000n, 1_000_000n), history: sample(0, 0n, 0n) } })),
    ).toBeUndefined();
  });

  it('CHAIN_DILUTION_RISING: 7% diluted recently against 1% before, above a 5-point rise', () => {
    const finding = chainDilutionRising(
      policy,
      withChain({ dilution: { recent: sample(10, 70_000n, 1_000_000n), history: sample(40, 40_000n, 4_000_000n) } }),
    );
    expect(finding?.code).toBe('CHAIN_DILUTION_RISING');
    expect(finding?.explanation).toContain('7.00% diluted');
    expect(
      chainDilutionRising(
        policy,
        withChain({ dilution: { recent: sample(10, 60_000n, 1_000_000n), history: sample(40, 40_000n, 4_000_000n) } }),
      ),
    ).toBeUndefined();
  });

  it('CHAIN_CONCENTRATION_HIGH: 7,000,000 of a 10,000,000 book on one chain is 70%, above 60%; not judged below the minimum book', () => {
    expect(
      chainConcentration(policy, withChain({ bankOnChain: { chainExposureAfter: 7_000_000n, bookAfter: 10_000_000n } }))?.explanation,
    ).toBe("7000000 of the bank's 10000000 book would sit on core core's chain (70.00%), above 60.00%");
    expect(
      chainConcentration(policy, withChain({ bankOnChain: { chainExposureAfter: 6_000_000n, bookAfter: 10_000_000n } })),
    ).toBeUndefined();
    expect(chainConcentration(policy, withChain({ bankOnChain: { chainExposureAfter: 900_000n, bookAfter: 900_000n } }))).toBeUndefined();
  });

  it('CHAIN_PLEDGE_COVERAGE_LOW: goods worth 1,050,000 against 1,000,000 lent is 105%, below 110%', () => {
    expect(
      chainPledgeCoverage(policy, withChain({ pledgeCoverage: { pledges: 1, value: 1_050_000n, loans: 1_000_000n } }))?.explanation,
    ).toBe(
      "goods pledged on core core's chain (1 pledges) are worth 1050000 at today's prices against 1000000 lent (105.00%), below 110.00%",
    );
    expect(
      chainPledgeCoverage(policy, withChain({ pledgeCoverage: { pledges: 1, value: 1_100_000n, loans: 1_000_000n } })),
    ).toBeUndefined();
    expect(chainPledgeCoverage(policy, withChain({ pledgeCoverage: { pledges: 0, value: 0n, loans: 0n } }))).toBeUndefined();
  });

  it('CHAIN_TIER_VOLUME_JUMP: 1,100,000 against an average of 250,000 is 4.40×, above 4×; not judged with an empty earlier window', () => {
    expect(
      chainTierVolume(policy, withChain({ tierVolume: { tier: 2, recent: 1_100_000n, prior: [200_000n, 250_000n, 300_000n] } }))
        ?.explanation,
    ).toBe(
      'tier-2 suppliers of core core asked 1100000 in the last 30 days, 4.40× their average of 250000 over the 3 windows before, above 4.00×',
    );
    expect(
      chainTierVolume(policy, withChain({ tierVolume: { tier: 2, recent: 1_000_000n, prior: [200_000n, 250_000n, 300_000n] } })),
    ).toBeUndefined();
    expect(
      chainTierVolume(policy, withChain({ tierVolume: { tier: 2, recent: 9_000_000n, prior: [0n, 250_000n, 300_000n] } })),
    ).toBeUndefined();
  });

  it('puts the financing in REVIEW under a "review" policy and only adds points under "info"', () => {
    const jumpy = withChain({ tierVolume: { tier: 2, recent: 9_000_000n, prior: [200_000n, 250_000n, 300_000n] } });
    expect(assess(policy, jumpy)).toMatchObject({ decision: 'REVIEW', reasonCodes: ['CHAIN_TIER_VOLUME_JUMP'] });
    const informOnly = {
      ...policy,
      chain: { ...policy.chain, severity: 'info' as const },
      points: { ...policy.points, CHAIN_TIER_VOLUME_JUMP: 0 },
    };
    expect(assess(informOnly, jumpy)).toMatchObject({ decision: 'APPROVE', reasonCodes: ['CHAIN_TIER_VOLUME_JUMP'] });
  });
});
