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

/** The ports a node serves clients on besides /healthz, which can answer before they listen. */
function servicePorts(node: string): number[] {
  const orderer = topology.orderers.find((o) => o.name === node);
  if (orderer) {
    return [orderer.listen, orderer.admin];
  }
  const org = topology.orgs.find((o) => peerName(o) === node);
  return org ? [org.peer.listen] : [];
}

/** Every port the node listens on. */
export function nodePorts(node: string): number[] {
  return [...servicePorts(node), operationsPort(node)];
}

function operationsPort(node: string): number {
  const orderer = topology.orderers.find((o) => o.name === node);
  if (orderer) {
    return orderer.operations;
  }
  const org = topology.orgs.find((o) => peerName(o) === node);
  if (org) {
    return org.peer.operations;
  }
  throw new Error(
    `no node ${node}; nodes are ${nodeProcesses()
      .map((p) => p.name)
      .join(', ')}`,
  );
}

/** Waits until the node's /healthz answers and its service ports accept connections. */
export async function waitUntilNodeHealthy(node: string): Promise<void> {
  await waitUntil(`${node} /healthz`, () => healthy(operationsPort(node)), 60_000);
  for (const port of servicePorts(node)) {
    await waitUntil(`${node} listening on ${String(port)}`, () => listening(port), 60_000);
  }
}

/** Each peer knows every other org's peer: discovery can then plan endorsements across orgs. */
export async function waitForMembership(): Promise<void> {
  const others = topology.orgs.length - 1;
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} peer to know ${others} other peers`,
        async () => ((await channelMetric(org.peer.operations, 'gossip_membership_total_peers_known', topology.channel)) ?? 0) >= others,
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
