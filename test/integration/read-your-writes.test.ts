import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { isoDay, runId } from '../support/ledger';

/**
 * Read-your-writes across orgs: a write acknowledged through the Suppliers gateway (and peer) is
 * visible at once to the core enterprise calling its own org's gateway, though the Core peer may
 * commit the block a moment later: the core sends the block number the write answered as
 * X-SCF-Min-Block, and the Core gateway waits for its peer to hold it.
 */
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

/**
 * Issues a receivable as supplier-1 (Suppliers peer), then at once reads and confirms it as the
 * core enterprise (Core peer) and reads the confirmation back as the supplier. Answers what went wrong.
 */
async function issueThenConfirm(receivableId: string): Promise<string[]> {
  const failures: string[] = [];
  const issued = await gw.fetch('supplier-1', 'POST', '/v1/receivables', {
    receivableId,
    debtorId: 'core',
    invoiceNumber: `INV-${receivableId}`,
    currency: 'USD',
    amount: '1000',
    issueDate: isoDay(-1),
    dueDate: isoDay(30),
  });
  if (issued.status !== 201) {
    return [`${receivableId}: issue answered ${String(issued.status)} ${JSON.stringify(issued.body)}`];
  }
  const seen = { 'x-scf-min-block': (issued.body as { blockNumber?: string }).blockNumber ?? '' };
  const read = await gw.fetch('core', 'GET', `/v1/receivables/${receivableId}`, undefined, seen);
  if (read.status !== 200) {
    failures.push(`${receivableId}: core's read answered ${String(read.status)} ${JSON.stringify(read.body)}`);
  }
  const confirmed = await gw.fetch('core', 'POST', `/v1/receivables/${receivableId}/confirm`, undefined, seen);
  if (confirmed.status !== 200) {
    failures.push(`${receivableId}: confirm answered ${String(confirmed.status)} ${JSON.stringify(confirmed.body)}`);
  }
  const after = await gw.fetch('supplier-1', 'GET', `/v1/receivables/${receivableId}`, undefined, {
    'x-scf-min-block': (confirmed.body as { blockNumber?: string }).blockNumber ?? '',
  });
  if (after.status !== 200 || (after.body as { status?: string }).status !== 'CONFIRMED') {
    failures.push(`${receivableId}: supplier's read answered ${String(after.status)} ${JSON.stringify(after.body)}`);
  }
  return failures;
}

describe('read-your-writes through the gateway', () => {
  it('a receivable issued through the Suppliers peer is read and confirmed at once through the Core peer, 20 times in a row', async () => {
    const id = runId('ryw');
    const failures: string[] = [];
    for (let i = 0; i < 20; i++) {
      failures.push(...(await issueThenConfirm(`${id}-${String(i)}`)));
    }
    expect(failures).toEqual([]);

    const metrics = await (await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${gw.keys.auditor ?? ''}` } })).text();
    expect(metrics).toMatch(/scf_gateway_peer_block_height\{peer="Auditor"\} \d+/);
    expect(metrics).toMatch(/scf_gateway_highest_committed_block \d+/);
  });

  it('the same with 6 lanes at once (load spreads the peers’ commit times apart), 60 rounds', async () => {
    const id = runId('rywlanes');
    const lanes = await Promise.all(
      Array.from({ length: 6 }, async (_, lane) => {
        const failures: string[] = [];
        for (let i = 0; i < 10; i++) {
          failures.push(...(await issueThenConfirm(`${id}-${String(lane)}-${String(i)}`)));
        }
        return failures;
      }),
    );
    expect(lanes.flat()).toEqual([]);
    // How often a call had to wait for its peer (and whether any gave up waiting), for the record.
    const metrics = await (await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${gw.keys.auditor ?? ''}` } })).text();
    process.stdout.write(
      `${metrics
        .split('\n')
        .filter((line) => line.startsWith('scf_gateway_read_your_writes_waits_total'))
        .join('\n')}\n`,
    );
  });
});
