import fs from 'node:fs';
import { chaincodeServerProcess } from './chaincode-servers';
import { joinOrderer, joinPeer, ordererChannelInfo } from './channel';
import { generateGenesisBlock, genesisBlockPath } from './configtx';
import { cryptoExists, generateCrypto } from './crypto';
import { deployChaincode, ensureChaincodeServers, readDeployed } from './deploy';
import { describeNetwork, NetworkDescription } from './description';
import { ordererProcess, peerProcess } from './nodes';
import { fabricBin } from './paths';
import { ProcessSpec, killProcess, recordedCommand, recordedProcessNames, runningPid, startProcess, stopProcess } from './processes';
import { channelMetric, healthy, listening, waitUntil } from './readiness';
import { heartbeatThrough, waitUntilTransactionsCommit } from './ready-check';
import { ChaincodeDeployment, NetworkRuntime, Progress } from './runtime';
import { peerName, topology } from './topology';

const silent: Progress = () => undefined;

function nodeProcesses(): ProcessSpec[] {
  return [...topology.orderers.map(ordererProcess), ...topology.orgs.map(peerProcess)];
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

function operationsPort(node: string): number {
  const orderer = topology.orderers.find((o) => o.name === node);
  if (orderer) {
    return orderer.operations;
  }
  const org = topology.orgs.find((o) => peerName(o) === node);
  if (org) {
    return org.peer.operations;
  }
  throw new Error(`no node ${node}; nodes are ${[...topology.orderers.map((o) => o.name), ...topology.orgs.map(peerName)].join(', ')}`);
}

/** Starts the node unless it runs; resolves to whether it was started now, once /healthz answers. */
async function startAndWaitHealthy(spec: ProcessSpec): Promise<boolean> {
  const { started } = startProcess(spec);
  await waitUntil(`${spec.name} /healthz`, () => healthy(operationsPort(spec.name)), 60_000);
  for (const port of servicePorts(spec.name)) {
    await waitUntil(`${spec.name} listening on ${String(port)}`, () => listening(port), 60_000);
  }
  return started;
}

const startedSummary = (what: string, started: boolean[]): string => {
  const now = started.filter(Boolean).length;
  return `${started.length} ${what} healthy (${now} started now, ${started.length - now} already running)`;
};

/** Fabric 3.1.5 as native processes on 127.0.0.1: 3 Raft orderers, one peer per org, one chaincode server per org. */
export class NativeRuntime implements NetworkRuntime {
  readonly kind = 'native';

  async up(progress: Progress = silent): Promise<NetworkDescription> {
    if (!fs.existsSync(fabricBin('peer'))) {
      throw new Error(`Fabric binaries not found at ${fabricBin('peer')}: run scripts/install-fabric.sh (npm start does)`);
    }
    if (!cryptoExists()) {
      progress('generating crypto material (cryptogen)');
      await generateCrypto();
    }
    if (!fs.existsSync(genesisBlockPath())) {
      progress(`generating the genesis block of channel ${topology.channel} (configtxgen)`);
      await generateGenesisBlock();
    }
    progress(startedSummary('orderers', await Promise.all(topology.orderers.map((o) => startAndWaitHealthy(ordererProcess(o))))));
    let ordererJoins = 0;
    for (const o of topology.orderers) {
      ordererJoins += (await joinOrderer(o)) ? 1 : 0;
    }
    progress(`orderers on channel ${topology.channel} (${ordererJoins} joined now through osnadmin)`);
    progress(startedSummary('peers', await Promise.all(topology.orgs.map((org) => startAndWaitHealthy(peerProcess(org))))));
    let peerJoins = 0;
    await Promise.all(
      topology.orgs.map((org) =>
        waitUntil(`${org.name} peer to join`, async () => {
          peerJoins += (await joinPeer(org)) ? 1 : 0;
          return true;
        }, 60_000, 1000),
      ),
    );
    progress(`peers on channel ${topology.channel} (${peerJoins} joined now)`);
    progress('waiting for gossip to see every org');
    await this.waitForMembership();
    progress('deploying chaincode');
    const deployed = await deployChaincode(progress);
    progress(`waiting for every org to endorse and commit (chaincode ${deployed.version}, sequence ${deployed.sequence})`);
    const network = describeNetwork();
    await waitUntilTransactionsCommit(network, 120_000);
    return network;
  }

  /** Each peer knows every other org's peer: discovery can then plan endorsements across orgs. */
  private async waitForMembership(): Promise<void> {
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

  async down(progress: Progress = silent): Promise<void> {
    const names = recordedProcessNames();
    const stopped: string[] = [];
    await Promise.all(
      names.map(async (name) => {
        const command = recordedCommand(name);
        if (command !== undefined && (await stopProcess({ name, command }))) {
          stopped.push(name);
        }
      }),
    );
    progress(stopped.length > 0 ? `stopped ${stopped.length} processes` : 'nothing was running');
  }

  isUp(): Promise<boolean> {
    const deployed = readDeployed();
    if (!deployed) {
      return Promise.resolve(false);
    }
    const specs = [...nodeProcesses(), ...topology.orgs.map((org) => chaincodeServerProcess(org, deployed.slot, deployed.packageId))];
    return Promise.resolve(specs.every((spec) => runningPid(spec) !== undefined));
  }

  describe(): NetworkDescription {
    return describeNetwork();
  }

  nodeNames(): string[] {
    return nodeProcesses().map((p) => p.name);
  }

  private spec(node: string): ProcessSpec {
    const spec = nodeProcesses().find((p) => p.name === node);
    if (!spec) {
      throw new Error(`no node ${node}; nodes are ${this.nodeNames().join(', ')}`);
    }
    return spec;
  }

  async kill(node: string): Promise<void> {
    await killProcess(this.spec(node));
  }

  async restart(node: string): Promise<void> {
    await startAndWaitHealthy(this.spec(node));
    const orderer = topology.orderers.find((o) => o.name === node);
    if (orderer) {
      await this.waitForOrdererToRejoin(orderer);
    }
    const deployed = readDeployed();
    if (deployed) {
      await ensureChaincodeServers(deployed);
    }
  }

  /**
   * A restarted Raft node answers /healthz before it has caught up and heard from the leader;
   * until then it refuses broadcasts ("no Raft leader"). Ready means: active, at the others'
   * height, and accepting a transaction sent to it.
   */
  private async waitForOrdererToRejoin(orderer: (typeof topology.orderers)[number]): Promise<void> {
    const others = topology.orderers.filter((o) => o.name !== orderer.name);
    await waitUntil(
      `${orderer.name} to catch up with the other orderers`,
      async () => {
        const [own, ...rest] = await Promise.all([orderer, ...others].map((o) => ordererChannelInfo(o).catch(() => ({ status: 'unknown', height: 0 }))));
        return own?.status === 'active' && rest.every((r) => (own.height >= r.height));
      },
      60_000,
      500,
    );
    await waitUntil(`${orderer.name} to accept a transaction`, () => heartbeatThrough(orderer).then(() => true), 60_000, 1000);
  }

  async upgradeChaincode(options: { force?: boolean } = {}, progress: Progress = silent): Promise<ChaincodeDeployment> {
    return deployChaincode(progress, options);
  }
}
