import { buildConcentrationReport } from './concentration-report';
import { financing } from './report-fixtures';

describe('concentration report', () => {
  // BankA: s1 500 (core-1 300, core-2 200), s2 300, s3 200 → total 1000.
  const financings = [
    financing('f1', 'a1', 'BankAMSP', 's1', 'core-1', '300'),
    financing('f2', 'a2', 'BankAMSP', 's1', 'core-2', '200'),
    financing('f3', 'a1', 'BankAMSP', 's2', 'core-1', '300'),
    financing('f4', 'a1', 'BankAMSP', 's3', 'core-1', '200'),
    financing('f5', 'b1', 'BankBMSP', 's9', 'core-1', '70'),
  ];

  it('gives each bank its shares by core and by borrower and the Herfindahl indexes', () => {
    const report = buildConcentrationReport(financings, { kind: 'auditor' }, '2026-04-01');
    expect(report.banks).toEqual([
      {
        bankMsp: 'BankAMSP',
        currency: 'USD',
        exposure: '1000',
        hhi: '0.3800', // 0.5² + 0.3² + 0.2²
        hhiByCore: '0.6800', // 0.8² + 0.2²
        byCore: [
          { coreId: 'core-1', exposure: '800', share: '0.8000' },
          { coreId: 'core-2', exposure: '200', share: '0.2000' },
        ],
        byBorrower: [
          { borrowerId: 's1', exposure: '500', share: '0.5000' },
          { borrowerId: 's2', exposure: '300', share: '0.3000' },
          { borrowerId: 's3', exposure: '200', share: '0.2000' },
        ],
      },
      {
        bankMsp: 'BankBMSP',
        currency: 'USD',
        exposure: '70',
        hhi: '1.0000',
        hhiByCore: '1.0000',
        byCore: [{ coreId: 'core-1', exposure: '70', share: '1.0000' }],
        byBorrower: [{ borrowerId: 's9', exposure: '70', share: '1.0000' }],
      },
    ]);
  });

  it('shows a bank only its own book', () => {
    const report = buildConcentrationReport(financings, { kind: 'bank', bankMsp: 'BankBMSP' }, '2026-04-01');
    expect(report.banks.map((b) => b.bankMsp)).toEqual(['BankBMSP']);
    expect(JSON.stringify(report)).not.toContain('s1');
  });
});
