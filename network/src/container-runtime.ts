import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { chaincodeServerTlsArgs, ChaincodeServers, slotPort } from './chaincode-servers';
import { containerImages, IMAGE_CCAAS_BUILDER, IMAGE_FABRIC_CONFIG } from './container-images';
import { DeployedChaincode, deployChaincode, ensureChaincodeServers, readDeployed } from './deploy';
import { caHome, orgDir, orgDirOf } from './crypto';
import { describeNetwork, NetworkDescription } from './description';
import { gatewayContainer, prepareGatewayState, waitForGateway } from './gateway-containers';
import { bringUp, NodeLauncher } from './network-up';
import { nodeProcess, nodeProcesses, waitUntilRejoined } from './node-readiness';
import { ChaincodeSlot } from './nodes';
import { ccaasBuilderDir, dataDir, dirs, fabricConfigDir } from './paths';
import { caProcess } from './ca-servers';
import { ProcessSpec, stopProcess } from './processes';
import { portOpen, waitUntil } from './readiness';
import { ChaincodeDeployment, NetworkRuntime, Progress } from './runtime';
import { CaOrgSpec, caOrgs, endpoint, findOrg, OrgSpec, topology } from './topology';

const silent: Progress = () => undefined;

/** The org and deployed package a chaincode-server stop or start acts on. */
function deployedFor(orgName: string): { org: OrgSpec; deployed: DeployedChaincode } {
  const deployed = readDeployed();
  if (!deployed) {
    throw new Error('no chaincode deployed');
  }
  return { org: findOrg(orgName), deployed };
}

/** Containers of this runtime carry these labels; the data folder tells two networks on one engine apart. */
const LABEL_RUNTIME = 'scf.runtime';
const LABEL_DATA_DIR = 'scf.data-dir';
/** sha256 of a container's image (tag and id), command, environment and mounts. */
const LABEL_CONFIG = 'scf.config';

function configHash(image: string, options: { command: string[]; env: Record<string, string>; binds: unknown[] }): string {
  const env = Object.keys(options.env)
    .sort()
    .map((key) => [key, options.env[key]]);
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([image, options.command, env, options.binds]))
    .digest('hex');
}
const LABEL_PACKAGE = 'scf.chaincode-package';
const HOST_ONLY_ENV = new Set(['PATH', 'HOME', 'LANG']);

type Testcontainers = typeof import('testcontainers');

/**
 * Loaded on first use, so the native runtime never loads testcontainers. Ryuk (the reaper) is
 * an image from a registry, and without a bridge network testcontainers finds no host: both are
 * set here unless the caller set them.
 */
let loaded: Promise<Testcontainers> | undefined;
function testcontainers(): Promise<Testcontainers> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  loaded ??= import('testcontainers');
  return loaded;
}

async function engine(): Promise<ContainerRuntimeClient> {
  return (await testcontainers()).getContainerRuntimeClient();
}

/** Why the container runtime can't run here (no engine, an image missing), or undefined when it can. */
export async function containerEngineProblem(): Promise<string | undefined> {
  let client: ContainerRuntimeClient;
  try {
    client = await engine();
  } catch (error) {
    return `no container engine answers (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`;
  }
  const missing: string[] = [];
  for (const image of Object.values(containerImages())) {
    const { ImageName } = await testcontainers();
    if (!(await client.image.exists(ImageName.fromString(image)))) {
      missing.push(image);
    }
  }
  return missing.length > 0 ? `images missing: ${missing.join(', ')} (scripts/build-images.sh builds them)` : undefined;
}

interface ContainerOptions {
  command: string[];
  env: Record<string, string>;
  binds: { source: string; target: string; mode: 'ro' | 'rw' }[];
}

const containerName = (name: string): string => `scf-${name.toLowerCase()}`;
const chaincodeName = (org: OrgSpec, slot: ChaincodeSlot): string => `chaincode-${org.name}-${slot}`;
const hostDataDir = (): string => path.resolve(dataDir);
const hostUser = (): string => `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;

/**
 * A node's process definition as a container: the same environment, with the host's Fabric config
 * and ccaas builder replaced by the image's own. Crypto and ledger are bind-mounted at the same
 * paths as on the host, so every other path in the environment stays valid.
 */
function containerEnv(spec: ProcessSpec): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.env)) {
    if (value !== undefined && !HOST_ONLY_ENV.has(name)) {
      env[name] = value.split(fabricConfigDir).join(IMAGE_FABRIC_CONFIG).split(ccaasBuilderDir).join(IMAGE_CCAAS_BUILDER);
    }
  }
  return env;
}

/**
 * Fabric 3.1.5 in containers (testcontainers), host networking, each container on its org's own
 * loopback address: the native runtime's topology, processes and steps, then each org's gateway.
 */
export class ContainerRuntime implements NetworkRuntime {
  readonly kind = 'containers';

  private readonly launcher: NodeLauncher = {
    start: (spec) => this.startNode(spec),
    chaincodeServers: {
      start: (org, slot, packageId) => this.runChaincodeServer(org, slot, packageId),
      stop: async (org, slot) => {
        await this.removeContainer(chaincodeName(org, slot));
      },
    } satisfies ChaincodeServers,
    startCa: (spec, org) => this.startCaContainer(spec, org),
  };

  /** The network as natively, then every org's gateway. */
  async up(progress: Progress = silent): Promise<NetworkDescription> {
    const network = await bringUp(this.launcher, progress);
    await this.startGateways(progress);
    return network;
  }

  /** Our containers on the engine, by name, with whether each runs. */
  private async ours(): Promise<Map<string, { id: string; running: boolean; labels: Record<string, string> }>> {
    const client = await engine();
    const found = new Map<string, { id: string; running: boolean; labels: Record<string, string> }>();
    // Stopped and killed ones too: restart() starts the same container again.
    const all = await client.container.dockerode.listContainers({
      all: true,
      filters: { label: [`${LABEL_RUNTIME}=${this.kind}`, `${LABEL_DATA_DIR}=${hostDataDir()}`] },
    });
    for (const info of all) {
      const name = (info.Names[0] ?? '').replace(/^\//, '');
      found.set(name, { id: info.Id, running: info.State === 'running', labels: info.Labels });
    }
    return found;
  }

  /** Starts the node's container (see ensureContainer); the node sees its own org's folder and its ledger only. */
  private async startNode(spec: ProcessSpec): Promise<boolean> {
    const peerOrg = topology.orgs.find((org) => spec.name.endsWith(org.domain));
    const orgFolder = orgDirOf(peerOrg ?? topology.ordererOrg);
    const ledger = path.join(dirs.ledgers, spec.name);
    fs.mkdirSync(ledger, { recursive: true });
    return this.ensureContainer(spec.name, peerOrg ? containerImages().peer : containerImages().orderer, {
      command: [path.basename(spec.command), ...spec.args],
      env: containerEnv(spec),
      binds: [
        { source: orgFolder, target: orgFolder, mode: 'ro' },
        { source: ledger, target: ledger, mode: 'rw' },
      ],
    });
  }

  /**
   * An org's CA (scf/fabric-ca: the server binary and the C library it loads) on the org's own
   * address, with the org's CA folder mounted and nothing else. A CA this data folder ran as a native
   * process (an older version of this runtime) is stopped first: it holds the port.
   */
  private async startCaContainer(spec: ProcessSpec, org: CaOrgSpec): Promise<boolean> {
    await stopProcess(spec);
    await this.refuseForeignListener(spec.name, org.address, org.ca.listen);
    const home = caHome(org);
    return this.ensureContainer(spec.name, containerImages().ca, {
      command: [path.basename(spec.command), ...spec.args],
      env: { FABRIC_CA_SERVER_BOOT: spec.env.FABRIC_CA_SERVER_BOOT ?? '' },
      binds: [{ source: home, target: home, mode: 'rw' }],
    });
  }

  /**
   * Fails when the container does not run and yet its address and port answer: another network
   * would answer the readiness checks in its place (and its certificates are not ours).
   */
  private async refuseForeignListener(name: string, address: string, port: number): Promise<void> {
    if ((await this.ours()).get(containerName(name))?.running !== true && (await portOpen(port, address))) {
      throw new Error(
        `${address}:${String(port)} (${name}) is already in use by a process this data folder did not start (another network?): stop it or move this one with SCF_PORT_OFFSET`,
      );
    }
  }

  /**
   * Starts a container unless it runs: an existing one again when it was made with the same config,
   * or a new one. A container left by an earlier run (e.g. before the crypto was regenerated) carries
   * stale certificates in its environment, so a different config hash replaces it.
   */
  private async ensureContainer(name: string, image: string, options: ContainerOptions): Promise<boolean> {
    // The image's id, not only its tag: a rebuilt image (e.g. the gateway's, after a code change) replaces the container.
    const imageId = (await (await engine()).container.dockerode.getImage(image).inspect()).Id;
    const config = configHash(`${image}@${imageId}`, options);
    const existing = (await this.ours()).get(containerName(name));
    if (existing && existing.labels[LABEL_CONFIG] !== config) {
      await this.removeContainer(name);
    } else if (existing?.running) {
      return false;
    } else if (existing) {
      const client = await engine();
      await client.container.start(client.container.getById(existing.id));
      return true;
    }
    await this.create(containerName(name), image, { ...options, labels: { [LABEL_CONFIG]: config } });
    return true;
  }

  /**
   * Every org's gateway in a container of its own (docker/gateway.Dockerfile), on its org's own
   * address, with its org's folder and its own state folder mounted, nothing of another org; three
   * at a time (six Node processes loading at once on two cores slow each other down).
   */
  private async startGateways(progress: Progress): Promise<void> {
    const started: boolean[] = [];
    for (let i = 0; i < topology.orgs.length; i += 3) {
      const batch = topology.orgs.slice(i, i + 3);
      started.push(
        ...(await Promise.all(
          batch.map(async (org) => {
            prepareGatewayState(org);
            const { name, ...options } = gatewayContainer(org);
            await this.refuseForeignListener(name, org.address, topology.gateway.listen);
            const now = await this.ensureContainer(name, containerImages().gateway, options);
            await waitForGateway(org);
            return now;
          }),
        )),
      );
    }
    const now = started.filter(Boolean).length;
    progress(`${started.length} gateways ready, one per org (${now} started now, ${started.length - now} already running)`);
  }

  private async runChaincodeServer(org: OrgSpec, slot: ChaincodeSlot, packageId: string): Promise<void> {
    const name = containerName(chaincodeName(org, slot));
    const existing = (await this.ours()).get(name);
    if (existing && (!existing.running || existing.labels[LABEL_PACKAGE] !== packageId)) {
      await this.removeContainer(chaincodeName(org, slot));
    }
    if (!existing?.running || existing.labels[LABEL_PACKAGE] !== packageId) {
      await this.create(name, containerImages().chaincode, {
        // TLS files at the host's paths, as the peers' crypto is mounted.
        command: [
          '--chaincode-address',
          endpoint(org.address, slotPort(org, slot)),
          '--chaincode-id',
          packageId,
          ...chaincodeServerTlsArgs(org),
        ],
        env: {},
        binds: [{ source: orgDir(org), target: orgDir(org), mode: 'ro' }],
        labels: { [LABEL_PACKAGE]: packageId },
      });
    }
    await waitUntil(
      `${org.name} chaincode server on port ${slotPort(org, slot)}`,
      () => portOpen(slotPort(org, slot), org.address),
      30_000,
    );
  }

  private async create(name: string, image: string, options: ContainerOptions & { labels?: Record<string, string> }): Promise<void> {
    const { GenericContainer } = await testcontainers();
    // The host's user, so containers read the crypto material and write the ledgers this user owns.
    await new GenericContainer(image)
      .withName(name)
      .withNetworkMode('host')
      .withUser(hostUser())
      .withCommand(options.command)
      .withEnvironment(options.env)
      .withBindMounts(options.binds)
      .withLabels({ [LABEL_RUNTIME]: this.kind, [LABEL_DATA_DIR]: hostDataDir(), ...options.labels })
      .withStartupTimeout(60_000)
      .start();
  }

  private async removeContainer(name: string): Promise<boolean> {
    const found = (await this.ours()).get(containerName(name));
    if (!found) {
      return false;
    }
    const client = await engine();
    const container = client.container.getById(found.id);
    if (found.running) {
      await client.container.stop(container, { timeout: 5 });
    }
    await client.container.remove(container, { removeVolumes: true });
    return true;
  }

  /** Stops and removes every container of this runtime; ledgers and crypto stay in the data folder. */
  async down(progress: Progress = silent): Promise<void> {
    const names = [...(await this.ours()).keys()];
    await Promise.all(names.map((name) => this.removeContainer(name.replace(/^scf-/, ''))));
    progress(names.length > 0 ? `removed ${names.length} containers` : 'no container was running');
    // CAs an older version of this runtime ran as native processes.
    const stopped = await Promise.all(caOrgs().map((org) => stopProcess(caProcess(org))));
    if (stopped.some(Boolean)) {
      progress(`stopped ${stopped.filter(Boolean).length} certificate authorities run as native processes`);
    }
  }

  async isUp(): Promise<boolean> {
    const deployed = readDeployed();
    if (!deployed) {
      return false;
    }
    const ours = await this.ours().catch(() => new Map<string, { running: boolean }>());
    const names = [
      ...caOrgs().map((org) => caProcess(org).name),
      ...nodeProcesses().map((p) => p.name),
      ...topology.orgs.map((org) => chaincodeName(org, deployed.slot)),
      ...topology.orgs.map((org) => gatewayContainer(org).name),
    ];
    return names.every((name) => ours.get(containerName(name))?.running === true);
  }

  describe(): NetworkDescription {
    return describeNetwork();
  }

  nodeNames(): string[] {
    return nodeProcesses().map((p) => p.name);
  }

  /** SIGKILL to the container's process, as a crash would; the container stays, so restart() keeps its config. */
  async kill(node: string): Promise<void> {
    nodeProcess(node);
    const found = (await this.ours()).get(containerName(node));
    if (!found?.running) {
      throw new Error(`${node} is not running`);
    }
    const client = await engine();
    await client.container.getById(found.id).kill({ signal: 'SIGKILL' });
    await waitUntil(`${node} to stop`, async () => (await this.ours()).get(containerName(node))?.running === false, 10_000, 100);
  }

  async restart(node: string): Promise<void> {
    await this.startNode(nodeProcess(node));
    await waitUntilRejoined(node);
    const deployed = readDeployed();
    if (deployed) {
      await ensureChaincodeServers(deployed, this.launcher.chaincodeServers);
    }
  }

  /** Removes the org's chaincode server container; start creates it again with the same package id. */
  async stopChaincodeServer(orgName: string): Promise<void> {
    const { org, deployed } = deployedFor(orgName);
    if (!(await this.removeContainer(chaincodeName(org, deployed.slot)))) {
      throw new Error(`${org.name}'s chaincode server (${deployed.slot}) is not running`);
    }
  }

  async startChaincodeServer(orgName: string): Promise<void> {
    const { org, deployed } = deployedFor(orgName);
    await this.runChaincodeServer(org, deployed.slot, deployed.packageId);
  }

  async upgradeChaincode(options: { force?: boolean } = {}, progress: Progress = silent): Promise<ChaincodeDeployment> {
    return deployChaincode(progress, options, this.launcher.chaincodeServers);
  }
}
