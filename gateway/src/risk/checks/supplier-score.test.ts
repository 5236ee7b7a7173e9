import fc from 'fast-check';
import { financingInputs, testPolicy } from '../testing/fixtures';
import { dilution } from './dilution';
import { onTimeShare } from './on-time-share';
import { tenure } from './tenure';
import { isqrt, volumeCvBps, volumeStability } from './volume-stability';

const policy = testPolicy();

describe('supplier score (info findings: points only)', () => {
  describe('LOW_ON_TIME_SHARE (at least 90% of at least 3)', () => {
    it('passes at exactly 90% and flags below', () => {
      expect(
        onTimeShare(policy, financingInputs({ supplier: { onTimeRepaidCount: 9, lateRepaidCount: 1, defaultedCount: 0 } })),
      ).toBeUndefined();
      expect(onTimeShare(policy, financingInputs({ supplier: { onTimeRepaidCount: 17, lateRepaidCount: 1, defaultedCount: 1 } }))).toEqual({
        code: 'LOW_ON_TIME_SHARE',
        severity: 'info',
        points: 100,
        explanation: '17 of 19 financings repaid on time (89.47%; 1 late, 1 defaulted), below 90.00%',
      });
    });

    it('needs the minimum number of repayments to judge', () => {
      expect(
        onTimeShare(policy, financingInputs({ supplier: { onTimeRepaidCount: 0, lateRepaidCount: 2, defaultedCount: 0 } })),
      ).toBeUndefined();
      expect(
        onTimeShare(policy, financingInputs({ supplier: { onTimeRepaidCount: 0, lateRepaidCount: 2, defaultedCount: 1 } }))?.code,
      ).toBe('LOW_ON_TIME_SHARE');
    });
  });

  describe('HIGH_DILUTION (at most 5%)', () => {
    it('passes at exactly 5% and flags above', () => {
      expect(dilution(policy, financingInputs({ supplier: { totalFace: 1_000_000n, totalDiluted: 50_000n } }))).toBeUndefined();
      expect(dilution(policy, financingInputs({ supplier: { totalFace: 1_000_000n, totalDiluted: 50_001n } }))).toEqual({
        code: 'HIGH_DILUTION',
        severity: 'info',
        points: 100,
        explanation: 'diluted 50001 of 1000000 invoiced (5.00%), above 5.00%',
      });
    });

    it('has nothing to judge without invoices', () => {
      expect(dilution(policy, financingInputs({ supplier: { totalFace: 0n, totalDiluted: 0n } }))).toBeUndefined();
    });
  });

  describe('SHORT_TENURE (at least 180 days)', () => {
    it('passes at exactly 180 days and flags 179', () => {
      expect(tenure(policy, financingInputs({ supplier: { tenureDays: 180 } }))).toBeUndefined();
      expect(tenure(policy, financingInputs({ supplier: { tenureDays: 179 } }))).toEqual({
        code: 'SHORT_TENURE',
        severity: 'info',
        points: 100,
        explanation: 'first receivable 179 days ago, under 180',
      });
    });
  });

  describe('VOLATILE_VOLUME (coefficient of variation at most 50% over at least 3 months)', () => {
    it('computes the coefficient of variation exactly', () => {
      expect(volumeCvBps([100n, 100n, 100n])).toBe(0n);
      expect(volumeCvBps([50n, 150n, 50n, 150n])).toBe(5000n);
      expect(volumeCvBps([0n, 0n, 0n])).toBe(0n);
    });

    it('passes at exactly 50% and flags above', () => {
      expect(volumeStability(policy, financingInputs({ supplier: { monthlyVolumes: [50n, 150n, 50n, 150n] } }))).toBeUndefined();
      expect(volumeStability(policy, financingInputs({ supplier: { monthlyVolumes: [49n, 151n, 49n, 151n] } }))).toEqual({
        code: 'VOLATILE_VOLUME',
        severity: 'info',
        points: 100,
        explanation: 'monthly volume varies by 51.00% of its mean over 4 months, above 50.00%',
      });
    });

    it('needs the minimum number of months', () => {
      expect(volumeStability(policy, financingInputs({ supplier: { monthlyVolumes: [1n, 1_000_000n] } }))).toBeUndefined();
    });

    it('isqrt is the floor square root', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), (n) => {
          const r = isqrt(n);
          expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
        }),
      );
    });
  });
});
