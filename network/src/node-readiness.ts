import { ordererChannelInfo } from './channel';
import { ordererProcess, peerProcess } from './nodes';
import { ProcessSpec } from './processes';
import { channelMetric, healthy, listening, waitUntil } from './readiness';
import { heartbeatThrough } from './ready-check';
import { OrdererSpec, peerName, topology } from './topology';

/** Every orderer and peer of the topology as a process definition; a container runtime maps these to containers. */
export function nodeProcesses(): ProcessSpec[] {
  return [...topology.orderers.map(ordererProcess), ...topology.orgs.map(peerProcess)];
}

export function nodeProcess(node: string): ProcessSpec {
  const spec = nodeProcesses().find((p) => p.name === node);
  if (!spec) {
    throw new Error(
      `no node ${node}; nodes are ${nodeProcesses()
        .map((p) => p.name)
        .join(', ')}`,
    );
  }
  return spec;
}

/** One address and port a node listens on. */
export interface NodeSocket {
  readonly address: string;
  readonly port: number;
}

function unknownNode(node: string): Error {
  return new Error(
    `no node ${node}; nodes are ${nodeProcesses()
      .map((p) => p.name)
      .join(', ')}`,
  );
}

/** The sockets a node serves clients on besides /healthz, which can answer before they listen, and its operations socket. */
function nodeSockets(node: string): { service: NodeSocket[]; operations: NodeSocket } {
  const orderer = topology.orderers.find((o) => o.name === node);
  if (orderer) {
    const at = (port: number): NodeSocket => ({ address: orderer.address, port });
    return { service: [at(orderer.listen), at(orderer.admin)], operations: at(orderer.operations) };
  }
  const org = topology.orgs.find((o) => peerName(o) === node);
  if (org) {
    return { service: [{ address: org.address, port: org.peer.listen }], operations: { address: org.address, port: org.peer.operations } };
  }
  throw unknownNode(node);
}

/** Every address and port the node listens on. */
export function nodePorts(node: string): NodeSocket[] {
  const { service, operations } = nodeSockets(node);
  return [...service, operations];
}

/** Waits until the node's /healthz answers and its service ports accept connections. */
export async function waitUntilNodeHealthy(node: string): Promise<void> {
  const { service, operations } = nodeSockets(node);
  await waitUntil(`${node} /healthz`, () => healthy(operations.port, operations.address), 60_000);
  for (const socket of service) {
    await waitUntil(`${node} listening on ${socket.address}:${String(socket.port)}`, () => listening(socket.port, socket.address), 60_000);
  }
}

/**
 * A node restarted by a runtime is back when the network can use it again: it answers and listens;
 * an orderer has caught up and heard from the leader; a peer is known again to every other peer
 * (until then discovery plans no endorsement of its org: "failed to find any endorsing peers").
 */
export async function waitUntilRejoined(node: string): Promise<void> {
  await waitUntilNodeHealthy(node);
  const orderer = topology.orderers.find((o) => o.name === node);
  if (orderer) {
    await waitForOrdererToRejoin(orderer);
  } else if (topology.orgs.some((org) => peerName(org) === node)) {
    await waitForMembership();
  }
}

/** Each peer knows every other org's peer: discovery can then plan endorsements across orgs. */
export async function waitForMembership(): Promise<void> {
  const others = topology.orgs.length - 1;
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} peer to know ${others} other peers`,
        async () =>
          ((await channelMetric(org.peer.operations, 'gossip_membership_total_peers_known', topology.channel, org.address)) ?? 0) >= others,
        90_000,
        500,
      ),
    ),
  );
}

/**
 * A restarted Raft node answers /healthz before it has caught up and heard from the leader;
 * until then it refuses broadcasts ("no Raft leader"). Ready means: active, at the others'
 * height, and accepting a transaction sent to it.
 */
export async function waitForOrdererToRejoin(orderer: OrdererSpec): Promise<void> {
  const others = topology.orderers.filter((o) => o.name !== orderer.name);
  await waitUntil(
    `${orderer.name} to catch up with the other orderers`,
    async () => {
      const [own, ...rest] = await Promise.all(
        [orderer, ...others].map((o) => ordererChannelInfo(o).catch(() => ({ status: 'unknown', height: 0 }))),
      );
      return own?.status === 'active' && rest.every((r) => own.height >= r.height);
    },
    60_000,
    500,
  );
  await waitUntil(`${orderer.name} to accept a transaction`, () => heartbeatThrough(orderer).then(() => true), 60_000, 1000);
}
