import { agingBucketOf, buildAgingReport } from './aging-report';
import { financing, receivable } from './report-fixtures';

describe('overdue aging report', () => {
  it.each([
    ['2026-04-01', 'current'],
    ['2026-03-31', '1-30'],
    ['2026-03-02', '1-30'],
    ['2026-03-01', '31-60'],
    ['2026-01-31', '31-60'],
    ['2026-01-30', '61-90'],
    ['2026-01-01', '61-90'],
    ['2025-12-31', '90+'],
  ])('puts something due on %s into %s on 2026-04-01', (due, bucket) => {
    expect(agingBucketOf(due, '2026-04-01')).toBe(bucket);
  });

  // asOf 2026-04-01: r1 due today (current), r2 10 days late, r3 45 days late, r4 120 days late;
  // f1 matures in the future, f2 was due 31 days ago, f3 (BankB) 5 days ago.
  const inputs = {
    receivables: [
      receivable('r1', '1000', '2026-04-01'),
      receivable('r2', '250', '2026-03-22'),
      receivable('r3', '300', '2026-02-15'),
      receivable('r4', '70', '2025-12-02'),
      receivable('r5', '5', '2026-03-22', { currency: 'EUR' }),
    ],
    financings: [
      financing('f1', 'a1', 'BankAMSP', 's1', 'core-1', '800', { maturityDate: '2026-05-01' }),
      financing('f2', 'a1', 'BankAMSP', 's1', 'core-1', '200', { maturityDate: '2026-03-01' }),
      financing('f3', 'b1', 'BankBMSP', 's2', 'core-1', '90', { maturityDate: '2026-03-27' }),
    ],
  };

  it('counts and sums receivables and financings per bucket, in every currency and per currency', () => {
    const report = buildAgingReport(inputs, { kind: 'auditor' }, '2026-04-01');
    expect(report.scope).toBe('consortium');
    expect(report.buckets).toEqual([
      { bucket: 'current', receivableCount: 1, receivableOutstanding: '1000', financingCount: 1, financingOutstanding: '800' },
      { bucket: '1-30', receivableCount: 2, receivableOutstanding: '255', financingCount: 1, financingOutstanding: '90' },
      { bucket: '31-60', receivableCount: 1, receivableOutstanding: '300', financingCount: 1, financingOutstanding: '200' },
      { bucket: '61-90', receivableCount: 0, receivableOutstanding: '0', financingCount: 0, financingOutstanding: '0' },
      { bucket: '90+', receivableCount: 1, receivableOutstanding: '70', financingCount: 0, financingOutstanding: '0' },
    ]);
    expect(report.byCurrency.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    expect(report.byCurrency[0]?.buckets[1]).toEqual({
      bucket: '1-30',
      receivableCount: 1,
      receivableOutstanding: '5',
      financingCount: 0,
      financingOutstanding: '0',
    });
  });

  it('filters one currency', () => {
    const report = buildAgingReport(inputs, { kind: 'auditor' }, '2026-04-01', 'EUR');
    expect(report.buckets.map((b) => b.receivableCount)).toEqual([0, 1, 0, 0, 0]);
    expect(report.byCurrency.map((c) => c.currency)).toEqual(['EUR']);
  });

  it("leaves another bank's financings out of a bank's buckets", () => {
    const report = buildAgingReport(inputs, { kind: 'bank', bankMsp: 'BankAMSP' }, '2026-04-01');
    expect(report.scope).toBe('BankAMSP');
    expect(report.buckets.map((b) => [b.financingCount, b.financingOutstanding])).toEqual([
      [1, '800'],
      [0, '0'],
      [1, '200'],
      [0, '0'],
      [0, '0'],
    ]);
  });
});
