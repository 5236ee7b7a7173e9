import fs from 'node:fs';
import path from 'node:path';
import { orgDir } from './crypto';
import { dataDir } from './paths';
import { waitUntil } from './readiness';
import { endpoint, OrgSpec, topology } from './topology';

/** Where the gateway image (docker/gateway.Dockerfile) has the server's entry point. */
export const GATEWAY_IMAGE_ENTRY = '/app/gateway/dist/src/server.js';

/** An org gateway's own state (API keys, idempotency store, read model): <data>/gateway/<org>, as natively. */
export const gatewayStateDir = (org: OrgSpec): string => path.resolve(dataDir, 'gateway', org.name);

/** The org gateway's public API, on the org's own address (its connection config says the same). */
export const gatewayUrl = (org: OrgSpec): string => `http://${endpoint(org.address, topology.gateway.listen)}`;
/** The org gateway's admin listener (org admin keys and routes only). */
export const gatewayAdminUrl = (org: OrgSpec): string => `http://${endpoint(org.address, topology.gateway.admin)}`;

export interface GatewayContainerSpec {
  readonly name: string;
  readonly command: string[];
  readonly env: Record<string, string>;
  readonly binds: { source: string; target: string; mode: 'ro' | 'rw' }[];
}

/**
 * One org's gateway as a container: its org's folder read-only (its connection config gateway.json,
 * its own identities and keys, nothing of any other org) and its own state folder writable, each at
 * its host path; nothing else of the data folder. It listens where gateway.json says: the org's own
 * address (host networking), so SCF_DATA_DIR is the only setting it needs besides GATEWAY_ORG.
 */
export function gatewayContainer(org: OrgSpec): GatewayContainerSpec {
  const orgFolder = path.resolve(orgDir(org));
  const state = gatewayStateDir(org);
  return {
    name: `gateway-${org.name}`,
    command: ['node', GATEWAY_IMAGE_ENTRY],
    // GATEWAY_HOST and GATEWAY_PORT empty: an image that sets them does not move the gateway off its org's address.
    env: { GATEWAY_ORG: org.name, SCF_DATA_DIR: path.resolve(dataDir), GATEWAY_HOST: '', GATEWAY_PORT: '', LOG_LEVEL: 'warn' },
    binds: [
      { source: orgFolder, target: orgFolder, mode: 'ro' },
      { source: state, target: state, mode: 'rw' },
    ],
  };
}

/** Makes the state folder the container mounts (the engine would make it as root). */
export function prepareGatewayState(org: OrgSpec): void {
  fs.mkdirSync(gatewayStateDir(org), { recursive: true, mode: 0o700 });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
}

/** Waits until the org's gateway answers /readyz (its peer answers it). */
export async function waitForGateway(org: OrgSpec, timeoutMs = 180_000): Promise<void> {
  await waitUntil(`${org.name} gateway at ${gatewayUrl(org)}/readyz`, () => answers(gatewayUrl(org)), timeoutMs, 500);
}

/**
 * Every org's gateway answers: /readyz, then GET /v1/participants/me (a ledger read through its own
 * peer) with one of its own demo keys, answered with its org's MSP id. For the compose smoke test,
 * where the gateways run as compose services.
 */
export async function checkGateways(progress: (message: string) => void, timeoutMs = 180_000): Promise<void> {
  await Promise.all(topology.orgs.map((org) => waitForGateway(org, timeoutMs)));
  for (const org of topology.orgs) {
    const file = path.join(gatewayStateDir(org), 'demo-credentials.json');
    const keys = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: { name: string; role: string; apiKey: string }[] }).keys;
    const key = keys.find((k) => k.role !== 'org-admin');
    if (key === undefined) {
      throw new Error(`no demo key of ${org.name}'s people in ${file}`);
    }
    const response = await fetch(`${gatewayUrl(org)}/v1/participants/me`, { headers: { authorization: `Bearer ${key.apiKey}` } });
    const body = (await response.json()) as { mspId?: string };
    if (response.status !== 200 || body.mspId !== org.mspId) {
      throw new Error(
        `${org.name}'s gateway answered GET /v1/participants/me as ${key.name} with ${response.status} ${JSON.stringify(body)}`,
      );
    }
  }
  progress(`${topology.orgs.length} gateways answer, each for its own org (${topology.orgs.map((org) => gatewayUrl(org)).join(' ')})`);
}
