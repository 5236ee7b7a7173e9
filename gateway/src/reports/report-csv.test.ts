import { exposureCsv } from './report-csv';

describe('report CSV layouts', () => {
  it('flattens the exposure report into one table with a level column', () => {
    const csv = exposureCsv({
      asOf: '2026-04-01',
      byCore: [
        {
          coreId: 'core-1',
          currency: 'USD',
          consortiumCap: null,
          exposure: '150',
          headroom: null,
          banks: [
            {
              bankMsp: 'BankAMSP',
              lineIds: ['a1', 'a2'],
              limit: '500',
              exposure: '150',
              headroom: '350',
              lines: [
                {
                  lineId: 'a1',
                  status: 'ACTIVE',
                  expiresOn: '2026-12-31',
                  lineLimit: '500',
                  limit: '500',
                  exposure: '150',
                  headroom: '350',
                },
              ],
            },
          ],
        },
      ],
      byBank: [{ bankMsp: 'BankAMSP', currency: 'USD', limit: '500', exposure: '150', headroom: '350' }],
    });
    expect(csv.split('\r\n')).toEqual([
      'asOf,level,coreId,currency,bankMsp,lineIds,limit,exposure,headroom',
      '2026-04-01,core,core-1,USD,,,,150,',
      '2026-04-01,core-bank,core-1,USD,BankAMSP,a1 a2,500,150,350',
      '2026-04-01,line,core-1,USD,BankAMSP,a1,500,150,350',
      '2026-04-01,bank,,USD,BankAMSP,,500,150,350',
      '',
    ]);
  });
});
