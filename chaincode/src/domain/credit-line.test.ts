import fc from 'fast-check';
import { capShareLimits } from './credit-line';
import { codeOf } from '@scf/kernel/testing/expect-code';

const BANKS = ['BankAMSP', 'BankBMSP'] as const;
const sum = (values: readonly string[]): bigint => values.reduce((total, v) => total + BigInt(v), 0n);

describe('capShareLimits: a consortium cap split into the banks’ shares, each share into its slots', () => {
  it('a new cap: even shares (the first bank takes the odd unit), each split evenly over its slots', () => {
    const shares = capShareLimits(1001n, BANKS, 4, undefined, 'the cap');
    expect(shares.map(({ bankMsp, share }) => [bankMsp, share])).toEqual([
      ['BankAMSP', '501'],
      ['BankBMSP', '500'],
    ]);
    expect(shares[0]?.limits).toEqual(['126', '125', '125', '125']);
    expect(shares[1]?.limits).toEqual(['125', '125', '125', '125']);
  });

  it('a re-set keeps every slot at least at its draw and spreads the rest of each share evenly', () => {
    const drawn = new Map([
      ['BankAMSP', [100n, 0n, 0n, 0n]],
      ['BankBMSP', [0n, 0n, 0n, 0n]],
    ]);
    const shares = capShareLimits(800n, BANKS, 4, drawn, 'the cap');
    expect(shares[0]?.limits).toEqual(['175', '75', '75', '75']);
    expect(shares[1]?.limits).toEqual(['100', '100', '100', '100']);
  });

  it("refuses a cap whose share leaves a bank below what it drew, even when the total would cover every bank's draws", () => {
    const drawn = new Map([
      ['BankAMSP', [400n, 0n]],
      ['BankBMSP', [0n, 100n]],
    ]);
    expect(codeOf(() => capShareLimits(700n, BANKS, 2, drawn, 'the cap'))).toBe('INVALID_STATE');
    expect(codeOf(() => capShareLimits(800n, BANKS, 2, drawn, 'the cap'))).toBe('NO_ERROR');
  });

  it('property: shares sum to the cap, each share’s slots to the share, no slot below its draw, shares differ by at most one unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 8, maxLength: 8 }),
        (cap, draws) => {
          const drawn = new Map([
            ['BankAMSP', draws.slice(0, 4)],
            ['BankBMSP', draws.slice(4)],
          ]);
          const ok = [...drawn.values()].every((own) => own.reduce((t, d) => t + d, 0n) <= cap / 2n);
          if (!ok) {
            return;
          }
          const shares = capShareLimits(cap, BANKS, 4, drawn, 'the cap');
          expect(sum(shares.map((s) => s.share))).toBe(cap);
          const [a, b] = shares.map((s) => BigInt(s.share));
          expect((a ?? 0n) - (b ?? 0n)).toBeLessThanOrEqual(1n);
          for (const share of shares) {
            expect(sum(share.limits)).toBe(BigInt(share.share));
            share.limits.forEach((limit, i) => {
              expect(BigInt(limit)).toBeGreaterThanOrEqual(drawn.get(share.bankMsp)?.[i] ?? 0n);
            });
          }
        },
      ),
    );
  });
});
