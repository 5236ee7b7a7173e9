import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { isoDay, runId } from '../support/ledger';

/**
 * The chain view on the real network through a real gateway process: a receivable the core
 * confirms, split from tier 1 to tier 2, each part financed by a different bank through the
 * risk gate; then the graph shows the link with each bank's exposure, and a stress scenario
 * lists exactly those parts, per bank as each may see them, reproducibly at its height.
 */

type Body = Record<string, unknown>;

interface Listed {
  id: string;
  effect: string;
  holderId: string;
  outstanding: string;
  bankMsp: string | null;
}
interface StressAnswer {
  result: {
    scenarioHash: string;
    height: string;
    banks: { bankMsp: string; exposure: string; overdueExposure: string }[];
    receivables: { listed: Listed[] };
  };
  reproduction: { resultSha256: string; matchesFirstRun: boolean };
}
interface Graph {
  edges: {
    kind: string;
    coreId: string | null;
    from: string;
    to: string;
    amount: string;
    banks: { bankMsp: string; exposure: string }[];
  }[];
}

let gw: GatewayProcess;
const id = runId('chain');
/**
 * The two parts' faces, each with a few units of this run's own: a second run on the same network
 * the same day would otherwise be a near-duplicate of the first (same parties, amount and dates),
 * which the gate sends to review instead of approving.
 */
const RUN_UNITS = Date.now() % 10_000;
const KEEP_FACE = String(400_000 + RUN_UNITS);
const T2_FACE = String(600_000 + RUN_UNITS);
const ok = <T = Body>(participant: string, method: string, urlPath: string, body?: unknown): Promise<T> =>
  gw.ok<T>(participant, method, urlPath, body);

/** The gateway's own read model has projected everything the peer has. */
async function readModelCaughtUp(): Promise<void> {
  const deadline = Date.now() + 170_000;
  for (;;) {
    const status = await ok<{ lag: string | null }>('auditor', 'GET', '/v1/readmodel/status');
    if (status.lag === '0') {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`read model still behind: ${JSON.stringify(status)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function financeThroughGate(
  borrower: string,
  bank: string,
  financingId: string,
  receivableId: string,
  lineId: string,
  amount: string,
): Promise<void> {
  await ok(borrower, 'POST', '/v1/financings', { financingId, receivableId, lineId, amount });
  expect(await ok(bank, 'POST', `/v1/financings/${financingId}/assess`)).toMatchObject({ decision: 'APPROVE' });
}

beforeAll(async () => {
  gw = await startGatewayProcess();
  await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
  for (const [bank, lineId] of [
    ['bank-a', `${id}-la`],
    ['bank-b', `${id}-lb`],
  ] as const) {
    await ok(bank, 'POST', '/v1/credit-lines', {
      lineId,
      coreId: 'core',
      currency: 'USD',
      limit: '100000000',
      expiresOn: isoDay(365),
      maxAdvanceRateBps: '9000',
      maxTenorDays: 180,
      graceDays: 10,
    });
  }
  // Due in 2 days, so a "core pays 3 days late" scenario picks out these receivables.
  await ok('supplier-1', 'POST', '/v1/receivables', {
    receivableId: id,
    debtorId: 'core',
    invoiceNumber: `INV-${id}`,
    currency: 'USD',
    amount: String(1_000_000 + 2 * RUN_UNITS),
    issueDate: isoDay(-1),
    dueDate: isoDay(2),
  });
  await ok('core', 'POST', `/v1/receivables/${id}/confirm`);
  await ok('supplier-1', 'POST', `/v1/receivables/${id}/split`, {
    parts: [
      { id: `${id}-keep`, amount: KEEP_FACE, holderId: 'supplier-1' },
      { id: `${id}-t2`, amount: T2_FACE, holderId: 'supplier-2' },
    ],
  });
  await financeThroughGate('supplier-1', 'bank-a', `${id}-fa`, `${id}-keep`, `${id}-la`, '300000');
  await financeThroughGate('supplier-2', 'bank-b', `${id}-fb`, `${id}-t2`, `${id}-lb`, '480000');
  await readModelCaughtUp();
}, 300_000);

afterAll(async () => {
  await gw.stop();
});

describe('chain view on the real network', () => {
  it('shows the core → tier-1 → tier-2 links with each bank’s exposure to the auditor, and a bank only its own', async () => {
    const graph = await ok<Graph>('auditor', 'GET', '/v1/chain/graph?coreId=core');
    const tier2 = graph.edges.find((e) => e.kind === 'receivable' && e.from === 'supplier-1' && e.to === 'supplier-2');
    expect(BigInt(tier2?.amount ?? '0')).toBeGreaterThanOrEqual(600_000n);
    expect(BigInt(tier2?.banks.find((b) => b.bankMsp === 'BankBMSP')?.exposure ?? '0')).toBeGreaterThanOrEqual(480_000n);
    expect(graph.edges.some((e) => e.kind === 'receivable' && e.from === 'core' && e.to === 'supplier-1')).toBe(true);

    const asBankA = await ok<Graph>('bank-a', 'GET', '/v1/chain/graph?coreId=core');
    expect(asBankA.edges.flatMap((e) => e.banks.map((b) => b.bankMsp)).every((bank) => bank === 'BankAMSP')).toBe(true);
    const refused = await gw.fetch('bank-a', 'GET', '/v1/chain/graph?bankMsp=BankBMSP');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gw.fetch('supplier-1', 'GET', '/v1/chain/cores')).status).toBe(403);
  });

  it('a core paying 3 days late puts both financed parts overdue, each bank sees its own part, and the stored result reproduces byte for byte', async () => {
    const scenario = { kind: 'core-late', coreId: 'core', days: 3 };
    const auditor = await ok<StressAnswer>('auditor', 'POST', '/v1/chain/stress', { scenario });
    const ours = auditor.result.receivables.listed.filter((r) => r.id.startsWith(`${id}-`));
    expect(ours).toEqual([
      expect.objectContaining({ id: `${id}-keep`, effect: 'overdue', holderId: 'supplier-1', outstanding: KEEP_FACE, bankMsp: 'BankAMSP' }),
      expect.objectContaining({ id: `${id}-t2`, effect: 'overdue', holderId: 'supplier-2', outstanding: T2_FACE, bankMsp: 'BankBMSP' }),
    ]);
    expect(BigInt(auditor.result.banks.find((b) => b.bankMsp === 'BankBMSP')?.overdueExposure ?? '0')).toBeGreaterThanOrEqual(480_000n);

    const bankA = await ok<StressAnswer>('bank-a', 'POST', '/v1/chain/stress', { scenario });
    // One row per bank and currency (other tests on this network finance in currencies of their own): bank A's only.
    expect([...new Set(bankA.result.banks.map((b) => b.bankMsp))]).toEqual(['BankAMSP']);
    expect(bankA.result.receivables.listed.map((r) => r.id)).toContain(`${id}-keep`);
    expect(bankA.result.receivables.listed.map((r) => r.id)).not.toContain(`${id}-t2`);

    const { scenarioHash, height } = auditor.result;
    const stored = await ok<StressAnswer>('auditor', 'GET', `/v1/chain/stress/${scenarioHash}/${height}`);
    expect(JSON.stringify(stored.result)).toBe(JSON.stringify(auditor.result));
    expect(stored.reproduction.resultSha256).toBe(auditor.reproduction.resultSha256);
    // gw.fetch parses JSON: the CSV is read directly.
    const text = await (
      await fetch(`${gw.url}/v1/chain/stress/${scenarioHash}/${height}?format=csv&table=receivables`, {
        headers: { authorization: `Bearer ${gw.keys.auditor ?? ''}` },
      })
    ).text();
    expect(text).toContain(`${scenarioHash},${height},${id}-t2,overdue,core,supplier-2,USD,${T2_FACE},${T2_FACE},`);
  });
});
