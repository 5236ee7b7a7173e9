import { eventually } from '../support/fabric';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { invoiceTerms, isoDay, restLineTerms, runId, runUniqueFace } from '../support/ledger';

interface Body {
  [key: string]: unknown;
}

interface LineRow {
  lineId: string;
  lineLimit: string;
  limit: string;
  exposure: string;
  headroom: string;
}

interface ExposureBody {
  asOf: string;
  byCore: { coreId: string; currency: string; exposure: string; banks: { bankMsp: string; lineIds: string[]; lines: LineRow[] }[] }[];
  byBank: { bankMsp: string }[];
}

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

const ok = (participant: string, method: string, urlPath: string, body?: unknown): Promise<Body> =>
  gw.ok<Body>(participant, method, urlPath, body);

async function csv(participant: string, urlPath: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${gw.url}${urlPath}`, {
    headers: { authorization: `Bearer ${gw.keys[participant] ?? ''}`, accept: 'text/csv' },
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const lineIn = (report: ExposureBody, bankMsp: string, lineId: string): LineRow | undefined =>
  report.byCore
    .filter((core) => core.coreId === 'core' && core.currency === 'USD')
    .flatMap((core) => core.banks.filter((bank) => bank.bankMsp === bankMsp).flatMap((bank) => bank.lines))
    .find((line) => line.lineId === lineId);

describe('reports over HTTP on the real network', () => {
  it("shows a committed financing in the exposure report of its bank and the auditor (without the line's private terms), never in the other bank's", async () => {
    const id = runId('rpt');
    const lineId = `${id}-line`;
    await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    await ok('bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId));
    await ok('supplier-1', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(runUniqueFace()) }));
    await ok('core', 'POST', `/v1/receivables/${id}/confirm`);
    await ok('supplier-1', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId: id, lineId, amount: '500000' });
    const approved = await ok('bank-a', 'POST', `/v1/financings/${id}-f/assess`);
    expect(approved).toMatchObject({ decision: 'APPROVE', financing: { status: 'ACTIVE' } });

    // The gateway's read model projects the block of the approval, then the report has the line's exposure.
    const auditorView = await eventually(async () => {
      const report = (await ok('auditor', 'GET', '/v1/reports/exposure')) as unknown as ExposureBody;
      // The auditor sees all but private terms: the line's limit and expiry are its bank's and core enterprise's.
      expect(lineIn(report, 'BankAMSP', lineId)).toEqual({
        lineId,
        status: 'ACTIVE',
        expiresOn: null,
        lineLimit: null,
        limit: null,
        exposure: '500000',
        headroom: null,
      });
      return report;
    }, 170_000);
    expect(auditorView.asOf).toBe(new Date().toISOString().slice(0, 10));
    expect(auditorView.byBank.map((b) => b.bankMsp)).toContain('BankAMSP');

    // Its bank reads its own terms on its own peer.
    const bankA = (await ok('bank-a', 'GET', '/v1/reports/exposure')) as unknown as ExposureBody;
    expect(lineIn(bankA, 'BankAMSP', lineId)).toEqual({
      lineId,
      status: 'ACTIVE',
      expiresOn: isoDay(365),
      lineLimit: '50000000',
      limit: '50000000',
      exposure: '500000',
      headroom: '49500000',
    });
    expect(bankA.byCore.flatMap((core) => core.banks.map((bank) => bank.bankMsp))).not.toContain('BankBMSP');

    const rows: [string, string][] = [
      ['auditor', `${auditorView.asOf},line,core,USD,BankAMSP,${lineId},,500000,\r\n`],
      ['bank-a', `${auditorView.asOf},line,core,USD,BankAMSP,${lineId},50000000,500000,49500000\r\n`],
    ];
    for (const [participant, row] of rows) {
      const answer = await csv(participant, '/v1/reports/exposure');
      expect([participant, answer.status, answer.type]).toEqual([participant, 200, 'text/csv; charset=utf-8']);
      expect(answer.text.startsWith('asOf,level,coreId,currency,bankMsp,lineIds,limit,exposure,headroom\r\n')).toBe(true);
      expect(answer.text).toContain(row);
    }

    // Bank B sees the consortium total on core, which includes this financing, but not Bank A's position.
    const bankB = (await ok('bank-b', 'GET', '/v1/reports/exposure')) as unknown as ExposureBody;
    expect(bankB.byCore.find((core) => core.coreId === 'core' && core.currency === 'USD')).toBeDefined();
    expect(bankB.byCore.flatMap((core) => core.banks.map((bank) => bank.bankMsp)).filter((msp) => msp !== 'BankBMSP')).toEqual([]);
    expect(bankB.byBank.map((b) => b.bankMsp).filter((msp) => msp !== 'BankBMSP')).toEqual([]);
    expect(JSON.stringify(bankB)).not.toContain(lineId);
    const bankBCsv = await csv('bank-b', '/v1/reports/exposure');
    expect(bankBCsv.status).toBe(200);
    expect(bankBCsv.text).not.toContain(lineId);
    expect(bankBCsv.text).not.toContain('BankAMSP');
    const concentration = await ok('bank-b', 'GET', '/v1/reports/concentration');
    expect(JSON.stringify(concentration)).not.toContain('BankAMSP');

    // The approval is among today's risk decisions of Bank A, and only Bank A's officer (or the auditor) sees it.
    const today = auditorView.asOf;
    const decisions = (await ok('bank-a', 'GET', `/v1/reports/risk-decisions?from=${today}&to=${today}`)) as {
      rows: { bankMsp: string; outcome: string }[];
    };
    expect(decisions.rows).toEqual(expect.arrayContaining([expect.objectContaining({ bankMsp: 'BankAMSP', outcome: 'APPROVE' })]));
    const bankBDecisions = (await ok('bank-b', 'GET', `/v1/reports/risk-decisions?from=${today}&to=${today}`)) as {
      rows: { bankMsp: string }[];
    };
    expect(bankBDecisions.rows.filter((r) => r.bankMsp !== 'BankBMSP')).toEqual([]);

    const supplier = await gw.fetch('supplier-1', 'GET', '/v1/reports/exposure');
    expect([supplier.status, (supplier.body as Body).code]).toEqual([403, 'FORBIDDEN']);
  });
});
