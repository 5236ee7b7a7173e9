import fs from 'node:fs';
import path from 'node:path';
import { portTable, readDeployed } from '@scf/network';
import { network } from '../support/fabric';

/** Ports bound in LISTEN state, with their local address, from /proc/net/tcp and tcp6. */
function listeningSockets(): Map<number, string[]> {
  const sockets = new Map<number, string[]>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) {
      continue;
    }
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local || fields[3] !== '0A') {
        continue;
      }
      const [address = '', portHex = '0'] = local.split(':');
      const port = parseInt(portHex, 16);
      sockets.set(port, [...(sockets.get(port) ?? []), address]);
    }
  }
  return sockets;
}

/** 127.0.0.21 as /proc/net/tcp writes it: the four bytes in host (little-endian) order, in hex. */
function procAddress(address: string): string {
  return address
    .split('.')
    .reverse()
    .map((part) => Number(part).toString(16).padStart(2, '0').toUpperCase())
    .join('');
}

describe('the network object the harness exposes', () => {
  it('describes every org with its peer, identities and the orderers', () => {
    const net = network();
    expect(net.orgs.map((o) => o.mspId)).toEqual(['BankAMSP', 'BankBMSP', 'CoreMSP', 'SuppliersMSP', 'WarehouseMSP', 'AuditorMSP']);
    expect(net.orderers).toHaveLength(3);
    for (const org of net.orgs) {
      expect(fs.existsSync(org.peer.tlsCaPath)).toBe(true);
      for (const id of [org.admin, ...org.users]) {
        expect(fs.readFileSync(id.certPath, 'utf8')).toContain('BEGIN CERTIFICATE');
        // A bank's risk gateway whose key is in the HSM has hsm.json in its MSP folder instead of a key file.
        const inHsm = fs.existsSync(path.join(id.mspDir, 'hsm.json'));
        expect(inHsm || fs.readFileSync(id.keyPath, 'utf8').includes('PRIVATE KEY')).toBe(true);
      }
    }
  });

  it('serves /healthz and Prometheus /metrics on every peer and orderer', async () => {
    const net = network();
    const urls = [...net.orgs.map((o) => o.peer.operationsUrl), ...net.orderers.map((o) => o.operationsUrl)];
    for (const url of urls) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'OK' });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/^# TYPE \w+ (counter|gauge|histogram)$/m);
    }
  });

  it('listens, every CA, orderer, peer and chaincode server, on its own loopback address only, at the ports of the one table', () => {
    const sockets = listeningSockets();
    const activeSlot = readDeployed()?.slot === 'slotB' ? 'slot B' : 'slot A';
    // The org gateways are not network processes: they run when npm start or a test started them (org-gateways.test.ts checks theirs).
    const rows = portTable().filter(
      (row) => !row.process.endsWith(' gateway') && (!row.purpose.startsWith('chaincode server') || row.purpose.endsWith(activeSlot)),
    );
    expect(rows.length).toBe(7 * 2 + 3 * 3 + 6 * 4);
    for (const row of rows) {
      const described = `${row.process} ${row.purpose} on ${row.address}:${row.port}`;
      expect(row.address).toMatch(/^127\./);
      expect(row.address).not.toBe('127.0.0.1');
      // Bound to its address alone: not the wildcard, not 127.0.0.1, not another org's address.
      expect({ described, addresses: sockets.get(row.port) ?? [] }).toEqual({ described, addresses: [procAddress(row.address)] });
    }
  });
});
