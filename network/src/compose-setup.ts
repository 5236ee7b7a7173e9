import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CaLauncher, prepareCaHome } from './ca-servers';
import { ChaincodeServers, slotPort } from './chaincode-servers';
import { bringUp, NodeLauncher, prepareArtifacts } from './network-up';
import { ChaincodeSlot } from './nodes';
import { dataDir, dirs } from './paths';
import { portOpen, sleep, waitUntil } from './readiness';
import { caOrgs, topology } from './topology';

/**
 * The one-shot steps of docker-compose.yml, run inside a container with the repository mounted:
 *   cas                       each CA's folder (TLS CA config, registrar secret) before the CA containers start,
 *                             and the folders the chaincode servers and gateways mount
 *   artifacts                 identities from the CA containers, and the genesis block (the nodes wait for this)
 *   network                   the native runtime's bring-up against the compose-started nodes
 *   chaincode-server <slot> <shim args>  waits for the package id the lifecycle installs, then runs the shim
 * Compose starts every process; these steps only wait for them, so they share the native
 * runtime's code (network-up.ts) for everything else.
 */
const started = Date.now();
const progress = (message: string): void => {
  console.log(`[setup ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
};

/** Where the lifecycle tells compose's chaincode servers which package id to serve. */
const packageFile = (): string => path.join(dirs.chaincode, 'compose-package.json');
interface ComposePackage {
  readonly packageId: string;
  readonly slot: ChaincodeSlot;
}

const composeChaincodeServers: ChaincodeServers = {
  async start(org, slot, packageId) {
    fs.mkdirSync(dirs.chaincode, { recursive: true });
    fs.writeFileSync(packageFile(), `${JSON.stringify({ packageId, slot } satisfies ComposePackage)}\n`);
    await waitUntil(
      `${org.name} chaincode server on port ${slotPort(org, slot)}`,
      () => portOpen(slotPort(org, slot), org.address),
      120_000,
      1000,
    );
  },
  stop: () => Promise.resolve(),
};

/** Compose runs each org's CA in its own container (ca-<org>): the steps only wait until it answers. */
const composeCa: CaLauncher = () => Promise.resolve(false);

const composeLauncher: NodeLauncher = {
  // Compose started the node: bring-up only waits until it is healthy.
  start: () => Promise.resolve(false),
  chaincodeServers: composeChaincodeServers,
  // The artifacts step enrolled every identity.
  certificateAuthorities: 'only-to-enroll',
  startCa: composeCa,
};

/** What must exist before compose starts the CAs, chaincode servers and gateways (it would make missing folders as root). */
function prepareFolders(): void {
  for (const org of caOrgs()) {
    prepareCaHome(org);
  }
  fs.mkdirSync(dirs.chaincode, { recursive: true });
  for (const org of topology.orgs) {
    fs.mkdirSync(path.join(dataDir, 'gateway', org.name), { recursive: true, mode: 0o700 });
  }
}

function readPackage(): ComposePackage | undefined {
  try {
    return JSON.parse(fs.readFileSync(packageFile(), 'utf8')) as ComposePackage;
  } catch {
    return undefined;
  }
}

/** Runs the shim server with the installed package id once the lifecycle has written it; exits with the server. */
async function chaincodeServer(slot: ChaincodeSlot, shimArgs: string[]): Promise<void> {
  let pkg = readPackage();
  while (pkg?.slot !== slot) {
    await sleep(1000);
    pkg = readPackage();
  }
  console.log(`[chaincode] serving ${pkg.packageId} (${slot})`);
  const child = spawn(process.execPath, [...shimArgs, '--chaincode-id', pkg.packageId], { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
}

async function main([command, ...rest]: string[]): Promise<void> {
  switch (command) {
    case 'cas':
      prepareFolders();
      progress(`${caOrgs().length} CA folders ready`);
      return;
    case 'artifacts':
      await prepareArtifacts(progress, 'running', composeCa);
      progress(`orgs' identities and genesis block in ${path.dirname(dirs.orgs)}`);
      return;
    case 'network': {
      const network = await bringUp(composeLauncher, progress);
      progress(`network is up: channel ${network.channel}, chaincode ${network.chaincode}, ${network.orgs.length} orgs`);
      return;
    }
    case 'chaincode-server': {
      const [slot, ...shimArgs] = rest;
      if (slot !== 'slotA' && slot !== 'slotB') {
        throw new Error(`chaincode-server: expected slotA or slotB, got ${String(slot)}`);
      }
      await chaincodeServer(slot, shimArgs);
      return;
    }
    default:
      console.error('usage: node network/dist/src/compose-setup.js cas|artifacts|network|chaincode-server <slot> <shim args>');
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`[setup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
