import fs from 'node:fs';
import { ChaincodeServers } from './chaincode-servers';
import { joinOrderer, joinPeer } from './channel';
import { generateGenesisBlock, genesisBlockPath } from './configtx';
import { CaLauncher, startCas } from './ca-servers';
import { cryptoExists } from './crypto';
import { enrollOrgs } from './enroll';
import { writeGatewayConnections } from './gateway-connection';
import { deployChaincode } from './deploy';
import { describeNetwork, NetworkDescription } from './description';
import { nodePorts, waitForMembership, waitUntilNodeHealthy } from './node-readiness';
import { ordererProcess, peerProcess, writeChaincodeBuilderConfigs } from './nodes';
import { dirs, fabricBin, fabricCaBin } from './paths';
import { ProcessSpec } from './processes';
import { portOpen, waitUntil } from './readiness';
import { waitUntilTransactionsCommit } from './ready-check';
import { Progress } from './runtime';
import { topology } from './topology';

/** How a runtime runs the network's processes: as native processes or as containers. */
export interface NodeLauncher {
  /** Starts the orderer or peer unless it runs; resolves to whether it was started now. */
  start(spec: ProcessSpec): Promise<boolean>;
  /** Whether this runtime already runs the node; when given, a node about to start finds its ports free first. */
  isRunning?(spec: ProcessSpec): boolean;
  readonly chaincodeServers: ChaincodeServers;
  /**
   * Whether the orgs' CAs run with the network (default), or only start to enroll what is not yet
   * enrolled: compose's one-shot setup steps end with their container, and their CAs with them.
   */
  readonly certificateAuthorities?: 'running' | 'only-to-enroll';
  /** How the orgs' CAs run (default: native processes). */
  readonly startCa?: CaLauncher;
}

const startedSummary = (what: string, started: boolean[]): string => {
  const now = started.filter(Boolean).length;
  return `${started.length} ${what} healthy (${now} started now, ${started.length - now} already running)`;
};

async function startAndWaitHealthy(launcher: NodeLauncher, spec: ProcessSpec): Promise<boolean> {
  if (launcher.isRunning?.(spec) === false) {
    // Another network on these ports would answer the health checks in place of the node that
    // could not bind, and fail later with confusing TLS errors (its certificates are not ours).
    for (const { address, port } of nodePorts(spec.name)) {
      if (await portOpen(port, address)) {
        throw new Error(
          `${address}:${String(port)} of ${spec.name} is already in use by a process this data folder did not start (another network?): stop it (npm stop in its folder) or move this one with SCF_PORT_OFFSET`,
        );
      }
    }
  }
  const started = await launcher.start(spec);
  await waitUntilNodeHealthy(spec.name);
  return started;
}

/**
 * Every org's CA (started each time: npm stop stops them), every org's identities from its own CA
 * (once), and the channel's genesis block from the orgs' public MSPs (once): the nodes need them
 * before they start.
 */
export async function prepareArtifacts(
  progress: Progress,
  cas: NodeLauncher['certificateAuthorities'] = 'running',
  startCa?: CaLauncher,
): Promise<void> {
  if (!fs.existsSync(fabricBin('peer'))) {
    throw new Error(`Fabric binaries not found at ${fabricBin('peer')}: run scripts/install-fabric.sh (npm start does)`);
  }
  // A runtime that runs the CAs itself (containers) needs no CA binary here.
  if (startCa === undefined && !fs.existsSync(fabricCaBin('fabric-ca-server'))) {
    throw new Error(
      `Fabric CA binaries not found at ${fabricCaBin('fabric-ca-server')}: run scripts/install-fabric-ca.sh (npm start does)`,
    );
  }
  if (!cryptoExists() && fs.existsSync(dirs.ledgers) && fs.readdirSync(dirs.ledgers).length > 0) {
    // Ledgers made under other identities (a data folder from before each org had its own CA):
    // new certificates would not match the channel's MSPs, and the peers would never gossip.
    throw new Error(
      `${dirs.ledgers} holds ledgers but this data folder has no identities enrolled from the orgs' CAs (made by an older version?): run \`npm run reset\`, then \`npm start\``,
    );
  }
  if (cas === 'running' || !cryptoExists()) {
    await startCas(progress, startCa);
  }
  await enrollOrgs(progress);
  writeChaincodeBuilderConfigs();
  writeGatewayConnections();
  if (!fs.existsSync(genesisBlockPath())) {
    progress(`generating the genesis block of channel ${topology.channel} (configtxgen)`);
    await generateGenesisBlock();
  }
}

/**
 * The one way the network comes up, whichever runtime runs its processes: CAs, identities and
 * genesis block (once), orderers, osnadmin join, peers, peer join, gossip, chaincode lifecycle, then a committed
 * transaction from every org. Channel and lifecycle steps use the host's Fabric CLIs against
 * each node's own address, so they work the same on processes and on host-networked containers.
 */
export async function bringUp(launcher: NodeLauncher, progress: Progress): Promise<NetworkDescription> {
  await prepareArtifacts(progress, launcher.certificateAuthorities, launcher.startCa);
  progress(startedSummary('orderers', await Promise.all(topology.orderers.map((o) => startAndWaitHealthy(launcher, ordererProcess(o))))));
  let ordererJoins = 0;
  for (const o of topology.orderers) {
    ordererJoins += (await joinOrderer(o)) ? 1 : 0;
  }
  progress(`orderers on channel ${topology.channel} (${ordererJoins} joined now through osnadmin)`);
  progress(startedSummary('peers', await Promise.all(topology.orgs.map((org) => startAndWaitHealthy(launcher, peerProcess(org))))));
  let peerJoins = 0;
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} peer to join`,
        async () => {
          const joined = await joinPeer(org);
          peerJoins += joined ? 1 : 0;
          return true;
        },
        60_000,
        1000,
      ),
    ),
  );
  progress(`peers on channel ${topology.channel} (${peerJoins} joined now)`);
  progress('waiting for gossip to see every org');
  await waitForMembership();
  progress('deploying chaincode');
  const deployed = await deployChaincode(progress, {}, launcher.chaincodeServers);
  progress(`waiting for every org to endorse and commit (chaincode ${deployed.version}, sequence ${deployed.sequence})`);
  const network = describeNetwork();
  await waitUntilTransactionsCommit(network, 120_000);
  return network;
}
