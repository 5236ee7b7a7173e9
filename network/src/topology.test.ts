import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { ROLES } from '@scf/kernel/roles';
import { caOrgs, portOffset, portTable, portTableMarkdown, topology, withPortOffset } from './topology';

describe('the address-and-port table', () => {
  it('has six orgs with one peer each and three orderers, every port distinct and unprivileged', () => {
    expect(topology.orgs.map((o) => o.name)).toEqual(['BankA', 'BankB', 'Core', 'Suppliers', 'Warehouse', 'Auditor']);
    expect(topology.orderers).toHaveLength(3);
    const ports = portTable().map((r) => r.port);
    // Every org's gateway has the same two ports, each on its own org's address.
    const endpoints = portTable().map((r) => `${r.address}:${r.port}`);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    expect(
      new Set(
        portTable()
          .filter((r) => !r.process.endsWith(' gateway'))
          .map((r) => r.port),
      ).size,
    ).toBe(portTable().filter((r) => !r.process.endsWith(' gateway')).length);
    expect(ports.every((p) => p > 1024 && p < 65536)).toBe(true);
  });

  it('gives every org and every orderer a loopback address of its own, none of them 127.0.0.1', () => {
    const addresses = [...caOrgs().map((o) => o.address), ...topology.orderers.map((o) => o.address)];
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const address of addresses) {
      expect(address).toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect(address).not.toBe('127.0.0.1');
    }
  });

  it('binds each org process to its org address and each orderer to its own', () => {
    for (const org of caOrgs()) {
      const rows = portTable().filter((r) => r.process.startsWith(`${org.name} `));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((r) => r.address))).toEqual(new Set([org.address]));
    }
    for (const o of topology.orderers) {
      expect(
        new Set(
          portTable()
            .filter((r) => r.process === o.name)
            .map((r) => r.address),
        ),
      ).toEqual(new Set([o.address]));
    }
  });

  it("names only participant roles the kernel knows in users' certificates", () => {
    for (const org of topology.orgs) {
      for (const [user, role] of Object.entries(org.roles)) {
        expect({ org: org.name, user, known: (ROLES as readonly string[]).includes(role) }).toEqual({ org: org.name, user, known: true });
        expect(Number(user.replace('User', ''))).toBeLessThanOrEqual(org.users);
      }
    }
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

  it('moves every port of every CA, orderer, peer and org gateway by the offset, and nothing else', () => {
    const moved = withPortOffset(topology, 20000);
    const ports = (t: typeof topology): number[] => [
      t.gateway.listen,
      t.gateway.admin,
      t.ordererOrg.ca.listen,
      t.ordererOrg.ca.operations,
      ...t.orderers.flatMap((o) => [o.listen, o.admin, o.operations]),
      ...t.orgs.flatMap((o) => [
        o.ca.listen,
        o.ca.operations,
        o.peer.listen,
        o.peer.chaincodeListen,
        o.peer.operations,
        ...o.peer.chaincodeServers,
      ]),
    ];
    expect(ports(moved)).toEqual(ports(topology).map((p) => p + 20000));
    const withoutPorts = (t: typeof topology): unknown => ({
      ...t,
      gateway: undefined,
      ordererOrg: { ...t.ordererOrg, ca: undefined },
      orderers: t.orderers.map((o) => o.address),
      orgs: t.orgs.map((o) => [o.mspId, o.address, o.roles]),
    });
    expect(withoutPorts(moved)).toEqual(withoutPorts(topology));
    expect(withPortOffset(topology, 0)).toBe(topology);
  });

  it("refuses an offset that moves a port onto one fetch refuses (3000: the gateway's 3000 becomes 6000)", () => {
    expect(() => withPortOffset(topology, 3000)).toThrow(/SCF_PORT_OFFSET=3000 moves port 3000 to 6000, which fetch/);
    expect(() => withPortOffset(topology, 3100)).not.toThrow();
  });
});
