import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { portOffset, portTable, portTableMarkdown, topology, withPortOffset } from './topology';

describe('the port table', () => {
  it('has six orgs with one peer each and three orderers, every port distinct and unprivileged', () => {
    expect(topology.orgs.map((o) => o.name)).toEqual(['BankA', 'BankB', 'Core', 'Suppliers', 'Warehouse', 'Auditor']);
    expect(topology.orderers).toHaveLength(3);
    const ports = portTable().map((r) => r.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.every((p) => p > 1024 && p < 65536)).toBe(true);
  });

  it('is the one in the README', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(portTableMarkdown());
  });
});

describe('SCF_PORT_OFFSET', () => {
  it('is 0 when unset and refuses anything but a whole number up to 25000 (below the ephemeral ports)', () => {
    expect(portOffset({})).toBe(0);
    expect(portOffset({ SCF_PORT_OFFSET: '20000' })).toBe(20000);
    for (const bad of ['-1', '1.5', 'abc', '', '30000']) {
      expect(() => portOffset({ SCF_PORT_OFFSET: bad })).toThrow(/SCF_PORT_OFFSET/);
    }
  });

  it('moves every port of every orderer and peer by the offset, and nothing else', () => {
    const moved = withPortOffset(topology, 20000);
    const ports = (t: typeof topology): number[] => [
      ...t.orderers.flatMap((o) => [o.listen, o.admin, o.operations]),
      ...t.orgs.flatMap((o) => [o.peer.listen, o.peer.chaincodeListen, o.peer.operations, ...o.peer.chaincodeServers]),
    ];
    expect(ports(moved)).toEqual(ports(topology).map((p) => p + 20000));
    expect({ ...moved, orderers: [], orgs: moved.orgs.map((o) => o.mspId) }).toEqual({
      ...topology,
      orderers: [],
      orgs: topology.orgs.map((o) => o.mspId),
    });
    expect(withPortOffset(topology, 0)).toBe(topology);
  });
});
