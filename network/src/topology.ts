import topologyJson from '../topology.json';

export interface PeerPorts {
  readonly listen: number;
  readonly chaincodeListen: number;
  readonly operations: number;
  /** Two chaincode-server ports (blue/green slots) so an upgrade never stops the running one first. */
  readonly chaincodeServers: readonly [number, number];
}

export interface OrgSpec {
  readonly name: string;
  readonly mspId: string;
  readonly domain: string;
  readonly users: number;
  readonly peer: PeerPorts;
}

export interface OrdererSpec {
  readonly name: string;
  readonly host: string;
  readonly listen: number;
  readonly admin: number;
  readonly operations: number;
}

export interface Topology {
  readonly domain: string;
  readonly channel: string;
  readonly chaincode: { readonly name: string; readonly label: string };
  readonly ordererOrg: { readonly name: string; readonly mspId: string; readonly domain: string };
  readonly orderers: readonly OrdererSpec[];
  readonly orgs: readonly OrgSpec[];
}

export const HOST = '127.0.0.1';

function validated(t: typeof topologyJson): Topology {
  const ports = [
    ...t.orderers.flatMap((o) => [o.listen, o.admin, o.operations]),
    ...t.orgs.flatMap((o) => [o.peer.listen, o.peer.chaincodeListen, o.peer.operations, ...o.peer.chaincodeServers]),
  ];
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
  const move = (port: number): number => port + offset;
  return {
    ...t,
    orderers: t.orderers.map((o) => ({ ...o, listen: move(o.listen), admin: move(o.admin), operations: move(o.operations) })),
    orgs: t.orgs.map((org) => ({
      ...org,
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

export function endpoint(port: number): string {
  return `${HOST}:${port}`;
}

export function findOrg(nameOrMspId: string): OrgSpec {
  const org = topology.orgs.find((o) => o.name === nameOrMspId || o.mspId === nameOrMspId);
  if (!org) {
    throw new Error(`unknown organisation ${nameOrMspId}`);
  }
  return org;
}

/** Every port the network listens on, with what listens there: the README's table is made from this. */
export function portTable(): { process: string; purpose: string; port: number }[] {
  const rows: { process: string; purpose: string; port: number }[] = [];
  for (const o of topology.orderers) {
    rows.push({ process: o.name, purpose: 'orderer (gRPC, Raft cluster)', port: o.listen });
    rows.push({ process: o.name, purpose: 'channel participation admin', port: o.admin });
    rows.push({ process: o.name, purpose: 'operations (/healthz, /metrics)', port: o.operations });
  }
  for (const org of topology.orgs) {
    const p = org.peer;
    rows.push({ process: `${org.name} peer`, purpose: 'peer (gRPC, gateway, gossip)', port: p.listen });
    rows.push({ process: `${org.name} peer`, purpose: 'chaincode listener (unused by ccaas)', port: p.chaincodeListen });
    rows.push({ process: `${org.name} peer`, purpose: 'operations (/healthz, /metrics)', port: p.operations });
    rows.push({ process: `${org.name} chaincode`, purpose: 'chaincode server, slot A', port: p.chaincodeServers[0] });
    rows.push({ process: `${org.name} chaincode`, purpose: 'chaincode server, slot B', port: p.chaincodeServers[1] });
  }
  return rows;
}

/** The README's port table, made from topology.json; a unit test keeps the README equal to it. */
export function portTableMarkdown(): string {
  const rows = [
    '| process | listen (gRPC) | orderer admin | peer chaincode listener | operations (/healthz, /metrics) | chaincode server (slot A / B) |',
    '|---|---|---|---|---|---|',
    ...topology.orderers.map((o) => `| ${o.name} | ${o.listen} | ${o.admin} | | ${o.operations} | |`),
    ...topology.orgs.map(
      (o) =>
        `| ${o.name} peer (${o.mspId}) | ${o.peer.listen} | | ${o.peer.chaincodeListen} | ${o.peer.operations} | ${o.peer.chaincodeServers.join(' / ')} |`,
    ),
  ];
  return rows.join('\n');
}
