import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { isoDay, runId } from '../support/ledger';

/**
 * Read-your-writes across orgs through one gateway: a write acknowledged through one org's peer is
 * visible at once to a participant whose calls go through another org's peer, though that peer
 * commits the block a moment later.
 */
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

describe('read-your-writes through the gateway', () => {
  it('a receivable issued through the Suppliers peer is confirmed at once through the Core peer, 20 times in a row', async () => {
    const id = runId('ryw');
    const failures: string[] = [];
    for (let i = 0; i < 20; i++) {
      const receivableId = `${id}-${String(i)}`;
      const issued = await gw.fetch('supplier-1', 'POST', '/v1/receivables', { receivableId, debtorId: 'core', invoiceNumber: `INV-${receivableId}`, currency: 'USD', amount: '1000', issueDate: isoDay(-1), dueDate: isoDay(30) });
      expect(issued.status).toBe(201);
      // Straight away, as the core enterprise, through its own peer: first a read, then a write.
      const read = await gw.fetch('core', 'GET', `/v1/receivables/${receivableId}`);
      const confirmed = await gw.fetch('core', 'POST', `/v1/receivables/${receivableId}/confirm`);
      if (read.status !== 200) {
        failures.push(`${receivableId}: GET answered ${String(read.status)} ${JSON.stringify(read.body)}`);
      }
      if (confirmed.status !== 200) {
        failures.push(`${receivableId}: confirm answered ${String(confirmed.status)} ${JSON.stringify(confirmed.body)}`);
      }
      // And the supplier reads the confirmation back through the Suppliers peer.
      const after = await gw.fetch('supplier-1', 'GET', `/v1/receivables/${receivableId}`);
      if (after.status !== 200 || (after.body as { status?: string }).status !== 'CONFIRMED') {
        failures.push(`${receivableId}: supplier read answered ${String(after.status)} ${JSON.stringify(after.body)}`);
      }
    }
    expect(failures).toEqual([]);

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/scf_gateway_peer_block_height\{peer="Core"\} \d+/);
    expect(metrics).toMatch(/scf_gateway_highest_committed_block \d+/);
  });
});
