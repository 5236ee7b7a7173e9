import topologyJson from '../topology.json';

export interface PeerPorts {
  readonly listen: number;
  readonly chaincodeListen: number;
  readonly operations: number;
  /** Two chaincode-server ports (blue/green slots) so an upgrade never stops the running one first. */
  readonly chaincodeServers: readonly [number, number];
}

/** An org's certificate authority (fabric-ca-server): its HTTPS API and its operations endpoint (/healthz). */
export interface CaPorts {
  readonly listen: number;
  readonly operations: number;
}

/** What an org's CA needs to know about the org: the peer orgs and the orderer org alike. */
export interface CaOrgSpec {
  readonly name: string;
  readonly mspId: string;
  readonly domain: string;
  /** The org's own loopback address (127.0.0.N): its CA, peer and chaincode servers bind it and nothing else. */
  readonly address: string;
  readonly ca: CaPorts;
}

export interface OrgSpec extends CaOrgSpec {
  readonly users: number;
  /** The participant role of a user, put in its certificate as the attribute `scf.role`. */
  readonly roles: Readonly<Record<string, string>>;
  readonly peer: PeerPorts;
}

export interface OrdererSpec {
  readonly name: string;
  readonly host: string;
  /** The orderer's own loopback address. */
  readonly address: string;
  readonly listen: number;
  readonly admin: number;
  readonly operations: number;
}

export interface Topology {
  readonly domain: string;
  readonly channel: string;
  readonly chaincode: { readonly name: string; readonly label: string };
  /** Each org's gateway, on that org's own address: the public REST API and the admin listener. */
  readonly gateway: { readonly listen: number; readonly admin: number };
  readonly ordererOrg: CaOrgSpec;
  readonly orderers: readonly OrdererSpec[];
  readonly orgs: readonly OrgSpec[];
}

/** Loopback addresses other than 127.0.0.1, which no org owns (on Linux all of 127/8 reaches lo). */
const OWN_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isOwnLoopback(address: string): boolean {
  const match = OWN_LOOPBACK.exec(address);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255) && address !== '127.0.0.1' && !address.endsWith('.255');
}

/** Every port the topology names. */
function portsOf(t: Topology): number[] {
  return [
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
}

/**
 * The ports from 1000 up that fetch refuses to connect to (the Fetch standard's "bad ports"):
 * Node's fetch, which the readiness checks and tests use, and every browser answer "bad port".
 */
const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

function validated(t: typeof topologyJson): Topology {
  const ports = portsOf(t as unknown as Topology);
  const addresses = [t.ordererOrg.address, ...t.orderers.map((o) => o.address), ...t.orgs.map((o) => o.address)];
  const notOwn = addresses.find((a) => !isOwnLoopback(a));
  if (notOwn !== undefined) {
    throw new Error(`topology.json: address ${notOwn} is not a loopback address of its own (127.0.0.2 to 127.255.255.254)`);
  }
  const sharedAddress = addresses.find((a, i) => addresses.indexOf(a) !== i);
  if (sharedAddress !== undefined) {
    throw new Error(`topology.json: address ${sharedAddress} is given twice: every org and every orderer has its own`);
  }
  if (t.orgs.some((o) => o.peer.chaincodeServers.length !== 2)) {
    throw new Error('topology.json: every peer needs exactly two chaincodeServers ports');
  }
  const duplicate = ports.find((p, i) => ports.indexOf(p) !== i);
  if (duplicate !== undefined) {
    throw new Error(`topology.json: port ${duplicate} is used twice`);
  }
  return t as unknown as Topology;
}

/**
 * SCF_PORT_OFFSET moves every port of the topology by the same amount, so a second network (the
 * container runtime, a compose run) can run beside the native one on this machine. Applied here
 * only: everything that listens or connects reads its ports from `topology`.
 */
export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SCF_PORT_OFFSET ?? '0';
  const offset = Number(raw);
  // Above 25000 the ports reach Linux's ephemeral range (32768+), where an outgoing connection
  // can hold a port before a node binds it: a start-up failure measured here with 40000.
  if (!/^\d+$/.test(raw) || offset > 25_000) {
    throw new Error(`SCF_PORT_OFFSET=${raw}: expected a whole number from 0 to 25000`);
  }
  return offset;
}

export function withPortOffset(t: Topology, offset: number): Topology {
  if (offset === 0) {
    return t;
  }
  const blocked = portsOf(t).find((port) => FETCH_BAD_PORTS.has(port + offset));
  if (blocked !== undefined) {
    throw new Error(
      `SCF_PORT_OFFSET=${String(offset)} moves port ${String(blocked)} to ${String(blocked + offset)}, which fetch (Node's HTTP client, every browser) refuses to connect to: choose another offset`,
    );
  }
  const move = (port: number): number => port + offset;
  const moveCa = (ca: CaPorts): CaPorts => ({ listen: move(ca.listen), operations: move(ca.operations) });
  return {
    ...t,
    gateway: { listen: move(t.gateway.listen), admin: move(t.gateway.admin) },
    ordererOrg: { ...t.ordererOrg, ca: moveCa(t.ordererOrg.ca) },
    orderers: t.orderers.map((o) => ({ ...o, listen: move(o.listen), admin: move(o.admin), operations: move(o.operations) })),
    orgs: t.orgs.map((org) => ({
      ...org,
      ca: moveCa(org.ca),
      peer: {
        listen: move(org.peer.listen),
        chaincodeListen: move(org.peer.chaincodeListen),
        operations: move(org.peer.operations),
        chaincodeServers: [move(org.peer.chaincodeServers[0]), move(org.peer.chaincodeServers[1])],
      },
    })),
  };
}

export const topology: Topology = withPortOffset(validated(topologyJson), portOffset());

export function peerName(org: OrgSpec): string {
  return `peer0.${org.domain}`;
}

/** address:port, as Fabric's configuration and gRPC clients take it. */
export function endpoint(address: string, port: number): string {
  return `${address}:${port}`;
}

/** The orderer org and every peer org: each runs its own CA. */
export function caOrgs(): CaOrgSpec[] {
  return [topology.ordererOrg, ...topology.orgs];
}

export function findOrg(nameOrMspId: string): OrgSpec {
  const org = topology.orgs.find((o) => o.name === nameOrMspId || o.mspId === nameOrMspId);
  if (!org) {
    throw new Error(`unknown organisation ${nameOrMspId}`);
  }
  return org;
}

export interface PortRow {
  readonly process: string;
  readonly purpose: string;
  readonly address: string;
  readonly port: number;
}

/** Every address and port the network listens on, with what listens there: the README's table is made from this. */
export function portTable(): PortRow[] {
  const rows: PortRow[] = [];
  const ca = (org: CaOrgSpec): void => {
    rows.push({
      process: `${org.name} CA`,
      purpose: 'fabric-ca-server (HTTPS: identity CA and TLS CA)',
      address: org.address,
      port: org.ca.listen,
    });
    rows.push({ process: `${org.name} CA`, purpose: 'CA operations (/healthz)', address: org.address, port: org.ca.operations });
  };
  ca(topology.ordererOrg);
  for (const o of topology.orderers) {
    rows.push({ process: o.name, purpose: 'orderer (gRPC, Raft cluster)', address: o.address, port: o.listen });
    rows.push({ process: o.name, purpose: 'channel participation admin', address: o.address, port: o.admin });
    rows.push({ process: o.name, purpose: 'operations (/healthz, /metrics)', address: o.address, port: o.operations });
  }
  for (const org of topology.orgs) {
    const p = org.peer;
    const a = org.address;
    ca(org);
    rows.push({ process: `${org.name} peer`, purpose: 'peer (gRPC, gateway, gossip)', address: a, port: p.listen });
    rows.push({ process: `${org.name} peer`, purpose: 'chaincode listener (unused by ccaas)', address: a, port: p.chaincodeListen });
    rows.push({ process: `${org.name} peer`, purpose: 'operations (/healthz, /metrics)', address: a, port: p.operations });
    rows.push({ process: `${org.name} chaincode`, purpose: 'chaincode server, slot A', address: a, port: p.chaincodeServers[0] });
    rows.push({ process: `${org.name} chaincode`, purpose: 'chaincode server, slot B', address: a, port: p.chaincodeServers[1] });
    rows.push({ process: `${org.name} gateway`, purpose: 'REST API and dashboard', address: a, port: topology.gateway.listen });
    rows.push({
      process: `${org.name} gateway`,
      purpose: 'admin listener (org admin routes only)',
      address: a,
      port: topology.gateway.admin,
    });
  }
  return rows;
}

/** The README's address-and-port table, made from topology.json; a unit test keeps the README equal to it. */
export function portTableMarkdown(): string {
  const rows = [
    '| process | address | listen (gRPC / HTTPS) | orderer admin | peer chaincode listener | operations (/healthz, /metrics) | chaincode server (slot A / B) |',
    '|---|---|---|---|---|---|---|',
    `| ${topology.ordererOrg.name} CA (${topology.ordererOrg.mspId}) | ${topology.ordererOrg.address} | ${topology.ordererOrg.ca.listen} | | | ${topology.ordererOrg.ca.operations} | |`,
    ...topology.orderers.map((o) => `| ${o.name} | ${o.address} | ${o.listen} | ${o.admin} | | ${o.operations} | |`),
    ...topology.orgs.flatMap((o) => [
      `| ${o.name} CA (${o.mspId}) | ${o.address} | ${o.ca.listen} | | | ${o.ca.operations} | |`,
      `| ${o.name} peer (${o.mspId}) | ${o.address} | ${o.peer.listen} | | ${o.peer.chaincodeListen} | ${o.peer.operations} | ${o.peer.chaincodeServers.join(' / ')} |`,
    ]),
  ];
  return rows.join('\n');
}
