import { buildRiskDecisionReport } from './risk-decision-report';

const decision = (decidedAt: string, bankMsp: string, outcome: 'APPROVE' | 'REVIEW' | 'REJECT', reasonCodes: string[]) => ({
  decidedAt,
  bankMsp,
  decision: outcome,
  reasonCodes,
});

describe('risk decision report', () => {
  const decisions = [
    decision('2026-03-01T09:00:00.000Z', 'BankAMSP', 'REJECT', ['ADVANCE_RATE_ABOVE_POLICY', 'RISK_SCORE_HIGH']),
    decision('2026-03-01T23:59:59.999Z', 'BankAMSP', 'REJECT', ['ADVANCE_RATE_ABOVE_POLICY']),
    decision('2026-03-01T10:00:00.000Z', 'BankAMSP', 'APPROVE', []),
    decision('2026-03-02T00:00:00.000Z', 'BankAMSP', 'REVIEW', ['LINE_HEADROOM_LOW', 'LINE_HEADROOM_LOW']),
    decision('2026-03-01T12:00:00.000Z', 'BankBMSP', 'REJECT', ['CIRCULAR_TRADE']),
    decision('2026-02-28T23:59:59.999Z', 'BankAMSP', 'REJECT', ['CIRCULAR_TRADE']),
  ];

  it('counts decisions per UTC day, bank, outcome and reason code within the days asked', () => {
    const report = buildRiskDecisionReport(decisions, { kind: 'auditor' }, '2026-03-01', '2026-03-02');
    expect(report.rows).toEqual([
      { day: '2026-03-01', bankMsp: 'BankAMSP', outcome: 'APPROVE', reasonCode: 'NONE', count: 1 },
      { day: '2026-03-01', bankMsp: 'BankAMSP', outcome: 'REJECT', reasonCode: 'ADVANCE_RATE_ABOVE_POLICY', count: 2 },
      { day: '2026-03-01', bankMsp: 'BankAMSP', outcome: 'REJECT', reasonCode: 'RISK_SCORE_HIGH', count: 1 },
      { day: '2026-03-01', bankMsp: 'BankBMSP', outcome: 'REJECT', reasonCode: 'CIRCULAR_TRADE', count: 1 },
      { day: '2026-03-02', bankMsp: 'BankAMSP', outcome: 'REVIEW', reasonCode: 'LINE_HEADROOM_LOW', count: 1 },
    ]);
    expect(report.totals).toEqual([
      { day: '2026-03-01', bankMsp: 'BankAMSP', outcome: 'APPROVE', count: 1 },
      { day: '2026-03-01', bankMsp: 'BankAMSP', outcome: 'REJECT', count: 2 },
      { day: '2026-03-01', bankMsp: 'BankBMSP', outcome: 'REJECT', count: 1 },
      { day: '2026-03-02', bankMsp: 'BankAMSP', outcome: 'REVIEW', count: 1 },
    ]);
  });

  it("never counts another bank's decisions for a bank", () => {
    const report = buildRiskDecisionReport(decisions, { kind: 'bank', bankMsp: 'BankBMSP' }, '2026-02-01', '2026-03-31');
    expect(report.rows).toEqual([{ day: '2026-03-01', bankMsp: 'BankBMSP', outcome: 'REJECT', reasonCode: 'CIRCULAR_TRADE', count: 1 }]);
  });
});
