import { describeNetwork, logFile, repoRoot, startProcess, stopProcess, topology } from '@scf/network';
import { registerRiskKeys } from './demo/register-demo-participants';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { DEMO_PARTICIPANTS } from './demo/demo-participants';
import { seedDemoData, type DemoApi } from './demo/seed-demo-data';

const started = Date.now();
const progress = (message: string): void => {
  console.log(`[gateway ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
};

/** One org's running gateway: its public URL, its admin listener's URL and its demo keys. */
interface OrgGateway {
  readonly org: string;
  readonly url: string;
  readonly adminUrl: string;
  readonly keys: readonly { name: string; role: string; apiKey: string }[];
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
}

async function call(
  url: string,
  apiKey: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Each demo party calls its own org's gateway with its own key. */
function demoApi(gateways: readonly OrgGateway[]): DemoApi {
  return {
    call(as, method, urlPath, body) {
      for (const gateway of gateways) {
        const key = gateway.keys.find((k) => k.name === as);
        if (key) {
          return call(gateway.url, key.apiKey, method, urlPath, body);
        }
      }
      throw new Error(`no demo API key for ${as}`);
    },
  };
}

async function startOrgGateway(org: (typeof topology.orgs)[number]): Promise<OrgGateway> {
  const spec = {
    name: `gateway-${org.name}`,
    command: process.execPath,
    args: [path.join(repoRoot, 'gateway', 'dist', 'src', 'server.js')],
    // Its org and nothing else: the gateway finds its connection config, keys and state from GATEWAY_ORG.
    env: { ...process.env, GATEWAY_ORG: org.name },
    cwd: repoRoot,
  };
  // Restarted on every start, so it always runs the code just built (its state is on disk).
  await stopProcess(spec);
  startProcess(spec);
  const url = `http://${org.address}:${topology.gateway.listen}`;
  const deadline = Date.now() + 90_000;
  while (!(await ready(url))) {
    if (Date.now() > deadline) {
      throw new Error(`${org.name}'s gateway did not become ready at ${url}; see ${logFile(spec.name)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { demoKeysFile } = loadConfig({ ...process.env, GATEWAY_ORG: org.name });
  const keys = (JSON.parse(fs.readFileSync(demoKeysFile, 'utf8')) as { keys: OrgGateway['keys'] }).keys;
  return { org: org.name, url, adminUrl: `http://${org.address}:${topology.gateway.admin}`, keys };
}

interface OrgIdentity {
  readonly credential: string;
  readonly clientId: string;
  readonly participantId: string | null;
}

/** Registers the org's demo participants not yet on the ledger, through the org's admin listener as its admin. */
async function registerDemoParticipants(gateway: OrgGateway): Promise<number> {
  const admin = gateway.keys.find((k) => k.role === 'org-admin');
  if (!admin) {
    throw new Error(`no admin key for ${gateway.org}`);
  }
  const identities = await call(gateway.adminUrl, admin.apiKey, 'GET', '/v1/admin/identities');
  if (identities.status !== 200) {
    throw new Error(`${gateway.org} admin: GET /v1/admin/identities answered ${identities.status} ${JSON.stringify(identities.body)}`);
  }
  let registered = 0;
  for (const identity of (identities.body as { items: OrgIdentity[] }).items) {
    const p = DEMO_PARTICIPANTS.find((demo) => demo.participantId === identity.credential);
    if (p === undefined || identity.participantId !== null) {
      continue;
    }
    const { participantId, name, role, tier, legalEntityId } = p;
    const body = { participantId, clientId: identity.clientId, name, role, legalEntityId, ...(tier === undefined ? {} : { tier }) };
    const answer = await call(gateway.adminUrl, admin.apiKey, 'POST', '/v1/participants', body);
    if (answer.status !== 201) {
      throw new Error(`${gateway.org} admin: registering ${participantId} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    registered++;
  }
  return registered;
}

/**
 * `npm start`'s last step: (re)starts every org's gateway as a detached process on that org's own
 * address (pid in the data folder, stopped by `npm stop`), waits until each is ready, registers the
 * demo participants through each org's admin listener, loads the demo book with each party calling
 * its own org's gateway, and prints each org's URLs and demo keys.
 */
async function main(): Promise<void> {
  // The one gateway of earlier versions, if it still runs.
  await stopProcess({ name: 'gateway', command: process.execPath });
  const gateways = await Promise.all(topology.orgs.map((org) => startOrgGateway(org)));
  progress(`${gateways.length} gateways ready, one per org`);
  const registered = (await Promise.all(gateways.map((gateway) => registerDemoParticipants(gateway)))).reduce((a, b) => a + b, 0);
  progress(`demo participants: ${registered} registered now through the orgs' admin listeners`);
  // Each bank's admin registers its risk gateway's key, which the gate signs its decisions with.
  await registerRiskKeys(describeNetwork(), progress);
  const seeded = await seedDemoData(demoApi(gateways), new Date(), progress);
  progress(seeded === 0 ? 'demo data already loaded' : `demo data loaded (${String(seeded)} steps)`);
  // Every org's demo keys with its gateway's URL, for scripts/walkthrough.sh and for people to read.
  const keysFile = path.join(
    path.dirname(path.dirname(loadConfig({ ...process.env, GATEWAY_ORG: 'BankA' }).credentialsFile)),
    'demo-credentials.json',
  );
  const keys = gateways.flatMap((g) => g.keys.map((k) => ({ ...k, org: g.org, url: k.role === 'org-admin' ? g.adminUrl : g.url })));
  fs.writeFileSync(
    keysFile,
    `${JSON.stringify({ note: 'Demo API keys in plaintext, for local use only; each at its url only.', keys }, null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  console.log(`\nOne gateway per organisation (keys and URLs also in ${keysFile}).`);
  console.log('Send a key as "Authorization: Bearer <key>" to its own org\'s gateway only;');
  console.log("the dashboard is at <URL>/dashboard/ of each org's gateway, API docs at <URL>/docs.");
  for (const gateway of gateways) {
    console.log(`\n${gateway.org}: ${gateway.url}   (admin listener: ${gateway.adminUrl}, org admin key only)`);
    for (const key of gateway.keys) {
      console.log(`  ${key.name.padEnd(16)} ${key.role.padEnd(16)} ${key.apiKey}`);
    }
  }
  console.log('\nwhich URL each demo role uses:');
  for (const gateway of gateways) {
    const roles = [...new Set(gateway.keys.filter((k) => k.role !== 'org-admin').map((k) => k.role))];
    console.log(`  ${roles.join(', ').padEnd(28)} ${gateway.url}/dashboard/`);
  }
}

main().catch((error: unknown) => {
  console.error(`[gateway] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
