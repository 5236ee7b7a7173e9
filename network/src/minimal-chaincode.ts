import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chaincodeServerEnv, chaincodeServerTlsArgs } from './chaincode-servers';
import { writeCcaasPackage } from './chaincode-package';
import * as lifecycle from './lifecycle';
import { dirs } from './paths';
import { startProcess, stopProcess } from './processes';
import { portOpen, waitUntil } from './readiness';
import { endpoint, OrgSpec, topology } from './topology';

/**
 * The benchmark's yardstick: a minimal chaincode (one putState per call: no fabric-contract-api,
 * no registry read) deployed beside ours on the same channel and peers, as a service with its
 * own chaincode server per org, and defined with **our** chaincode-level endorsement policy
 * (`lifecycle.endorsementPolicy()`, the one our cheapest write, a new heartbeat key, is checked
 * against). A change of that policy changes this definition's version, so the next deploy
 * follows it. Deployed by the bench (bench/network-bench.ts), not by `npm start`.
 */
export const MINIMAL_CHAINCODE = `${topology.chaincode.name}_minimal`;

/** Each org's minimal chaincode server listens 100 above its slot-B port (7561… before SCF_PORT_OFFSET). */
export function minimalServerPort(org: OrgSpec): number {
  return org.peer.chaincodeServers[1] + 100;
}

export interface MinimalChaincode {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly policy: string;
  /** Package id per org name: one package per org, each naming its own server's address. */
  readonly packageIds: Readonly<Record<string, string>>;
}

/**
 * connection.json of one org's package: the server's address literally (the peer's builder
 * context only knows our two slots), the TLS material from the same builder templates our
 * package uses, so the peer reaches it over the same mutual TLS as ours.
 */
function connectionJson(org: OrgSpec): string {
  const connection = {
    address: endpoint(org.address, minimalServerPort(org)),
    dial_timeout: '10s',
    tls_required: true,
    client_auth_required: true,
    root_cert: '{{.rootCert}}',
    client_cert: '{{.clientCert}}',
    client_key: '{{.clientKey}}',
  };
  return `${JSON.stringify(connection, null, 2)}\n`;
}

async function buildOrgPackage(org: OrgSpec, codeHash: string): Promise<string> {
  const label = `${MINIMAL_CHAINCODE}_${codeHash.slice(0, 12)}_${org.name}`;
  return writeCcaasPackage(label, connectionJson(org));
}

const serverName = (org: OrgSpec): string => `chaincode-minimal-${org.name}`;

/** Starts (unless running) the org's minimal chaincode server: `node <serverScript>` with our servers' TLS options. */
async function startServer(org: OrgSpec, serverScript: string, packageId: string): Promise<void> {
  startProcess({
    name: serverName(org),
    command: process.execPath,
    args: [
      serverScript,
      '--chaincode-address',
      endpoint(org.address, minimalServerPort(org)),
      '--chaincode-id',
      packageId,
      ...chaincodeServerTlsArgs(org),
    ],
    env: chaincodeServerEnv(),
  });
  await waitUntil(`${org.name} minimal chaincode server`, () => portOpen(minimalServerPort(org), org.address), 30_000);
}

const stateFile = (): string => path.join(dirs.chaincode, 'minimal.json');

function readState(): MinimalChaincode | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as MinimalChaincode;
  } catch {
    return undefined;
  }
}

function firstOrg(): OrgSpec {
  const org = topology.orgs[0];
  if (!org) {
    throw new Error('the topology has no organisation');
  }
  return org;
}

/**
 * Makes the minimal chaincode committed at the current policy and its servers run: nothing to
 * do but start the servers when the same code and policy are committed already. `serverScript`
 * is the server's compiled entry (bench/minimal-chaincode/server.ts); its bytes, the
 * connection template and the policy make the version.
 */
export async function ensureMinimalChaincode(serverScript: string, progress: (message: string) => void): Promise<MinimalChaincode> {
  const policy = lifecycle.endorsementPolicy();
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(serverScript));
  hash.update(connectionJson(firstOrg()));
  hash.update(policy);
  const codeHash = hash.digest('hex');
  const version = `0.${codeHash.slice(0, 12)}`;
  const committed = await lifecycle.committedDefinition(firstOrg(), MINIMAL_CHAINCODE);
  const state = readState();
  if (committed && state && committed.version === version && committed.sequence === state.sequence) {
    await Promise.all(topology.orgs.map((org) => startServer(org, serverScript, state.packageIds[org.name] ?? '')));
    progress(`${MINIMAL_CHAINCODE} ${version} already committed at sequence ${committed.sequence} (${policy})`);
    return state;
  }
  progress(`deploying ${MINIMAL_CHAINCODE} ${version} with policy ${policy}`);
  const packageIds: Record<string, string> = {};
  await Promise.all(
    topology.orgs.map(async (org) => {
      const file = await buildOrgPackage(org, codeHash);
      const packageId = await lifecycle.calculatePackageId(file);
      if (!(await lifecycle.installedPackageIds(org)).includes(packageId)) {
        await lifecycle.install(org, file);
      }
      packageIds[org.name] = packageId;
    }),
  );
  // A server already running (an earlier version) holds the port: it is replaced by the new one.
  await Promise.all(topology.orgs.map((org) => stopServer(org)));
  await Promise.all(topology.orgs.map((org) => startServer(org, serverScript, packageIds[org.name] ?? '')));
  const base = { name: MINIMAL_CHAINCODE, version, sequence: (committed?.sequence ?? 0) + 1, collectionsConfig: undefined };
  await Promise.all(
    topology.orgs.map(async (org) => {
      const definition = { ...base, packageId: packageIds[org.name] ?? '' };
      if ((await lifecycle.approvedPackageId(org, base.sequence, MINIMAL_CHAINCODE)) !== definition.packageId) {
        await lifecycle.approve(org, definition);
      }
    }),
  );
  const anyDefinition = { ...base, packageId: packageIds[firstOrg().name] ?? '' };
  await waitUntil(
    `every org to approve ${MINIMAL_CHAINCODE}`,
    async () => Object.values(await lifecycle.commitReadiness(firstOrg(), anyDefinition)).every(Boolean),
    60_000,
    500,
  );
  await lifecycle.commit(firstOrg(), anyDefinition);
  await Promise.all(
    topology.orgs.map((org) =>
      waitUntil(
        `${org.name} to commit ${MINIMAL_CHAINCODE} sequence ${base.sequence}`,
        async () => (await lifecycle.committedDefinition(org, MINIMAL_CHAINCODE))?.sequence === base.sequence,
        60_000,
        500,
      ),
    ),
  );
  const deployed: MinimalChaincode = { name: MINIMAL_CHAINCODE, version, sequence: base.sequence, policy, packageIds };
  fs.writeFileSync(stateFile(), `${JSON.stringify(deployed, null, 2)}\n`);
  progress(`${MINIMAL_CHAINCODE} ${version} committed at sequence ${base.sequence}`);
  return deployed;
}

async function stopServer(org: OrgSpec): Promise<void> {
  if (await stopProcess({ name: serverName(org), command: process.execPath })) {
    await waitUntil(
      `${org.name} minimal server's port to close`,
      async () => !(await portOpen(minimalServerPort(org), org.address)),
      10_000,
      50,
    );
  }
}
