import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildPackage, chaincodeCodeHash, collectionsConfigPath } from './chaincode-package';
import { ChaincodeServers, nativeChaincodeServers } from './chaincode-servers';
import * as lifecycle from './lifecycle';
import { ChaincodeSlot } from './nodes';
import { dirs } from './paths';
import { waitUntil } from './readiness';
import { topology } from './topology';

/** What is deployed now: kept in the data folder so start, stop and upgrade agree. */
export interface DeployedChaincode {
  readonly packageId: string;
  readonly slot: ChaincodeSlot;
  readonly sequence: number;
  readonly version: string;
}

const stateFile = (): string => path.join(dirs.chaincode, 'deployed.json');

export function readDeployed(): DeployedChaincode | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as DeployedChaincode;
  } catch {
    return undefined;
  }
}

function writeDeployed(state: DeployedChaincode): void {
  fs.mkdirSync(dirs.chaincode, { recursive: true });
  fs.writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}

const anyOrg = (): (typeof topology.orgs)[number] => {
  const org = topology.orgs[0];
  if (!org) {
    throw new Error('the topology has no organisation');
  }
  return org;
};

export type Progress = (message: string) => void;

/**
 * The definition's version: a hash of the code (with the collections config, chaincodeCodeHash)
 * and of the chaincode-level endorsement policy. A changed policy is a new definition, so
 * `npm start` on an existing network commits it as the next sequence like changed code.
 */
export function definitionVersion(codeHash: string, policy: string = lifecycle.endorsementPolicy()): string {
  const hash = crypto.createHash('sha256').update(codeHash).update('\0policy\0').update(policy).digest('hex');
  return `0.${hash.slice(0, 12)}`;
}

/** Makes sure every org's chaincode server for the deployed package runs (after a reboot or stop). */
export async function ensureChaincodeServers(state: DeployedChaincode, servers: ChaincodeServers = nativeChaincodeServers): Promise<void> {
  await Promise.all(topology.orgs.map((org) => servers.start(org, state.slot, state.packageId)));
}

/** The deployed state, when it is the committed definition at this version and no redeploy is forced. */
function unchanged(
  current: DeployedChaincode | undefined,
  committed: { sequence: number } | undefined,
  version: string,
  force: boolean | undefined,
): DeployedChaincode | undefined {
  return !force && committed && current && committed.sequence === current.sequence && current.version === version ? current : undefined;
}

/** The slot the old servers do not use: B after A (while a definition is committed), else A. */
function nextSlot(current: DeployedChaincode | undefined, committed: { sequence: number } | undefined): ChaincodeSlot {
  return current?.slot === 'slotA' && committed ? 'slotB' : 'slotA';
}

/** Installs the package on every peer that does not have it yet. */
async function installEverywhere(packageFile: string, packageId: string): Promise<void> {
  await Promise.all(
    topology.orgs.map(async (org) => {
      if (!(await lifecycle.installedPackageIds(org)).includes(packageId)) {
        await lifecycle.install(org, packageFile);
      }
    }),
  );
}

/** Every org approves the definition (unless it already has), then it is committed and every peer is waited on to see it. */
async function approveAndCommit(progress: Progress, definition: lifecycle.ChaincodeDefinition): Promise<void> {
  progress(`approving sequence ${definition.sequence} for ${topology.orgs.length} orgs`);
  await Promise.all(
    topology.orgs.map(async (org) => {
      if ((await lifecycle.approvedPackageId(org, definition.sequence)) !== definition.packageId) {
        await lifecycle.approve(org, definition);
      }
    }),
  );
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} to see every approval`,
        async () => Object.values(await lifecycle.commitReadiness(org, definition)).every(Boolean),
        60_000,
        500,
      ),
    ),
  );
  progress(`committing chaincode definition sequence ${definition.sequence}`);
  await lifecycle.commit(anyOrg(), definition);
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} to commit sequence ${definition.sequence}`,
        async () => (await lifecycle.committedDefinition(org))?.sequence === definition.sequence,
        60_000,
        500,
      ),
    ),
  );
}

/**
 * Brings the committed chaincode definition to the code in chaincode/dist. Unchanged code: only
 * makes sure its servers run. Changed code: packages it for the other slot, installs it on every
 * peer, starts its servers beside the old ones, approves and commits the next sequence, then
 * stops the old servers, so the network answers throughout an upgrade. `force` does this even
 * for unchanged code (the new slot gives a new package id).
 */
export async function deployChaincode(
  progress: Progress,
  options: { force?: boolean } = {},
  servers: ChaincodeServers = nativeChaincodeServers,
): Promise<DeployedChaincode> {
  const codeHash = chaincodeCodeHash();
  const version = definitionVersion(codeHash);
  const committed = await lifecycle.committedDefinition(anyOrg());
  const current = readDeployed();
  const running = unchanged(current, committed, version, options.force);
  if (running) {
    progress(`chaincode ${version} already committed at sequence ${running.sequence}`);
    await ensureChaincodeServers(running, servers);
    return running;
  }
  const slot = nextSlot(current, committed);
  const pkg = await buildPackage(codeHash, slot);
  const packageId = await lifecycle.calculatePackageId(pkg.file);
  progress(`installing chaincode package ${packageId}`);
  await installEverywhere(pkg.file, packageId);
  progress(`starting ${topology.orgs.length} chaincode servers (${slot})`);
  await Promise.all(topology.orgs.map((org) => servers.start(org, slot, packageId)));

  const definition: lifecycle.ChaincodeDefinition = {
    version,
    sequence: (committed?.sequence ?? 0) + 1,
    packageId,
    collectionsConfig: collectionsConfigPath(),
  };
  await approveAndCommit(progress, definition);
  const state: DeployedChaincode = { packageId, slot, sequence: definition.sequence, version };
  writeDeployed(state);
  if (current && current.slot !== slot) {
    await Promise.all(topology.orgs.map((org) => servers.stop(org, current.slot)));
  }
  return state;
}
