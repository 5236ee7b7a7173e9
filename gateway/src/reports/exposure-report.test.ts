import { buildExposureReport } from './exposure-report';
import { cap, financing, line } from './report-fixtures';

/*
 * core-1 (cap 1000): BankA lines a1 (limit 500) and a2 (limit 200, expired on 2026-03-01),
 * BankB line b1 (limit 400). Outstanding: a1 100 + 50, a2 30, b1 300. core-2 has no cap:
 * BankB line b2 (limit 100) with 40 outstanding.
 */
const inputs = {
  lines: [
    line('a1', 'BankAMSP', 'core-1', '500'),
    line('a2', 'BankAMSP', 'core-1', '200', { expiresOn: '2026-03-01' }),
    line('b1', 'BankBMSP', 'core-1', '400'),
    line('b2', 'BankBMSP', 'core-2', '100'),
  ],
  caps: [cap('core-1', '1000')],
  financings: [
    financing('f1', 'a1', 'BankAMSP', 's1', 'core-1', '100'),
    financing('f2', 'a1', 'BankAMSP', 's2', 'core-1', '50'),
    financing('f3', 'a2', 'BankAMSP', 's1', 'core-1', '30'),
    financing('f4', 'b1', 'BankBMSP', 's3', 'core-1', '300'),
    financing('f5', 'b2', 'BankBMSP', 's3', 'core-2', '40'),
  ],
};

describe('exposure report', () => {
  it('gives the auditor every bank and line against limits and the consortium cap', () => {
    const report = buildExposureReport(inputs, { kind: 'auditor' }, '2026-04-01');
    expect(report.asOf).toBe('2026-04-01');
    expect(report.byCore.map((c) => [c.coreId, c.consortiumCap, c.exposure, c.headroom])).toEqual([
      ['core-1', '1000', '480', '520'],
      ['core-2', null, '40', null],
    ]);
    const [core1] = report.byCore;
    // a2 expired before asOf: its limit no longer counts, its 30 outstanding still does.
    expect(core1?.banks).toEqual([
      {
        bankMsp: 'BankAMSP',
        lineIds: ['a1', 'a2'],
        limit: '500',
        exposure: '180',
        headroom: '320',
        lines: [
          { lineId: 'a1', status: 'ACTIVE', expiresOn: '2026-12-31', lineLimit: '500', limit: '500', exposure: '150', headroom: '350' },
          { lineId: 'a2', status: 'ACTIVE', expiresOn: '2026-03-01', lineLimit: '200', limit: '0', exposure: '30', headroom: '-30' },
        ],
      },
      {
        bankMsp: 'BankBMSP',
        lineIds: ['b1'],
        limit: '400',
        exposure: '300',
        headroom: '100',
        lines: [expect.objectContaining({ lineId: 'b1', exposure: '300' })],
      },
    ]);
    expect(report.byBank).toEqual([
      { bankMsp: 'BankAMSP', currency: 'USD', limit: '500', exposure: '180', headroom: '320' },
      { bankMsp: 'BankBMSP', currency: 'USD', limit: '500', exposure: '340', headroom: '160' },
    ]);
  });

  it('counts an expiring line up to and including its last day, and a closed line not at all', () => {
    const onLastDay = buildExposureReport(inputs, { kind: 'auditor' }, '2026-03-01');
    expect(onLastDay.byBank[0]).toMatchObject({ bankMsp: 'BankAMSP', limit: '700', headroom: '520' });
    const closed = buildExposureReport(
      { ...inputs, lines: [line('a1', 'BankAMSP', 'core-1', '500', { status: 'CLOSED' })] },
      { kind: 'auditor' },
      '2026-03-01',
    );
    expect(closed.byBank[0]).toMatchObject({ bankMsp: 'BankAMSP', limit: '0', exposure: '180', headroom: '-180' });
  });

  it("shows a bank its own lines and the consortium totals, never another bank's positions", () => {
    const report = buildExposureReport(inputs, { kind: 'bank', bankMsp: 'BankAMSP' }, '2026-04-01');
    expect(report.byCore.map((c) => [c.coreId, c.consortiumCap, c.exposure, c.headroom, c.banks.map((b) => b.bankMsp)])).toEqual([
      ['core-1', '1000', '480', '520', ['BankAMSP']],
      ['core-2', null, '40', null, []],
    ]);
    expect(report.byBank.map((b) => b.bankMsp)).toEqual(['BankAMSP']);
    const text = JSON.stringify(report);
    for (const hidden of ['BankBMSP', 'b1', 'b2', '"300"', '"340"']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('sums amounts beyond 2^53 exactly', () => {
    const big = '9007199254740993';
    const report = buildExposureReport(
      {
        lines: [line('a1', 'BankAMSP', 'core-1', '90071992547409930')],
        caps: [],
        financings: [financing('f1', 'a1', 'BankAMSP', 's1', 'core-1', big), financing('f2', 'a1', 'BankAMSP', 's1', 'core-1', big)],
      },
      { kind: 'auditor' },
      '2026-04-01',
    );
    expect(report.byBank[0]).toMatchObject({ exposure: '18014398509481986', headroom: '72057594037927944' });
  });
});
