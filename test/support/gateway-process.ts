import { repoRoot, topology } from '@scf/network';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on `host` (127.0.0.1 unless given), chosen by the OS. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    server.on('error', reject);
  });
}

export interface GatewayProcess {
  /**
   * One URL for every org's gateway: a small proxy in the test process that forwards each request
   * to the gateway of the org whose API key it carries (an org admin key to that org's admin
   * listener; no key or an unknown one to BankA's public API, a bank's, which has every public
   * route). Tests that want an org's gateway itself use `urlOf(org)`.
   */
  readonly url: string;
  /** The temporary folder: the Auditor gateway's gateway.db and read-model.db at its top, every org's credentials in <dir>/<org>/. */
  readonly dir: string;
  /** Plaintext demo API keys by credential name (participant id, or "<org>-admin"), of every org started. */
  readonly keys: Readonly<Record<string, string>>;
  /** Every started org's demo keys in one file, each with its own org's gateway URL, as `npm start` writes them (for scripts/walkthrough.sh). */
  readonly keysFile: string;
  /** The orgs whose gateways this started. */
  readonly orgs: readonly string[];
  /** The public URL of an org's own gateway (on the org's own address). */
  urlOf(org: string): string;
  /** The URL of an org gateway's admin listener (org admin routes and keys only). */
  adminUrlOf(org: string): string;
  /** The org a demo credential belongs to. */
  orgOf(participant: string): string;
  /** The pid of an org's running gateway process. */
  pidOf(org: string): number;
  /** SIGTERM every org's gateway and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL every org's gateway, as a crash would. */
  kill(): Promise<void>;
  /** Starts the same gateways (same files and ports) again after stop or kill. */
  restart(): Promise<void>;
  /** Calls the participant's OWN org's gateway with its key (an org admin's: that org's admin listener). */
  fetch(
    participant: string,
    method: string,
    urlPath: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Like fetch, for calls that must succeed: the body of a 2xx (a 429 is retried after its Retry-After), else an error naming the call and the answer. */
  ok<T = Record<string, unknown>>(participant: string, method: string, urlPath: string, body?: unknown): Promise<T>;
}

/** The first demo participant (not an admin) of each started org, for calls any of the org's people may make. */
function participantsByOrg(gw: Pick<GatewayProcess, 'keys' | 'orgOf' | 'orgs'>): string[] {
  return gw.orgs.flatMap((org) => Object.keys(gw.keys).find((name) => gw.orgOf(name) === org && !name.endsWith('-admin')) ?? []);
}

/** Waits until every started gateway's own read model has caught up with its peer (a new gateway starts from block 0). */
export async function readModelCaughtUp(gw: Pick<GatewayProcess, 'ok'> & Partial<GatewayProcess>, timeoutMs = 170_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const callers = gw.keys && gw.orgOf && gw.orgs ? participantsByOrg(gw as GatewayProcess) : ['auditor'];
  for (const caller of callers) {
    for (;;) {
      const status = await gw.ok<{ lag: string | null }>(caller, 'GET', '/v1/readmodel/status');
      if (status.lag === '0') {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`read model of ${caller}'s gateway still behind: ${JSON.stringify(status)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function waitReady(url: string, child: ChildProcess, log: string): Promise<void> {
  // Six gateways start at once on a shared machine: each may take a while.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the gateway exited with ${child.exitCode}: ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the gateway at ${url} did not become ready; log: ${log}`);
}

/**
 * The banks' real policies with the checks that depend on a borrower's accumulated history
 * neutralised (tenure, volume, repayment and dilution scores, concentration, velocity). The ledger
 * outlives test runs, so those figures drift from run to run; every rule a test is about (advance
 * rate, haircut, headroom, collateral state, price age) keeps its real thresholds. The chain's
 * early-warning signals (history of the whole ledger) only inform: severity info, no points.
 */
function writeTestPolicies(dir: string): string {
  const policyDir = path.join(dir, 'policies');
  fs.mkdirSync(policyDir);
  for (const file of fs.readdirSync(path.join(repoRoot, 'gateway', 'policies')).filter((f) => f.endsWith('.json'))) {
    const policy = JSON.parse(fs.readFileSync(path.join(repoRoot, 'gateway', 'policies', file), 'utf8')) as {
      version: string;
      concentration: { maxSupplierShareBps: number };
      velocity: { maxMultipleBps: number };
      chain: { severity: string };
      points: Record<string, number>;
    };
    policy.version = `${policy.version}+test`;
    policy.concentration.maxSupplierShareBps = 10_000;
    policy.velocity.maxMultipleBps = 1_000_000;
    policy.chain.severity = 'info';
    for (const code of [
      'SHORT_TENURE',
      'VOLATILE_VOLUME',
      'LOW_ON_TIME_SHARE',
      'HIGH_DILUTION',
      'CHAIN_OVERDUE_RISING',
      'CHAIN_DILUTION_RISING',
      'CHAIN_CONCENTRATION_HIGH',
      'CHAIN_PLEDGE_COVERAGE_LOW',
      'CHAIN_TIER_VOLUME_JUMP',
    ]) {
      policy.points[code] = 0;
    }
    fs.writeFileSync(path.join(policyDir, file), JSON.stringify(policy, null, 2));
  }
  return policyDir;
}

interface OrgGateway {
  readonly org: string;
  readonly url: string;
  readonly adminUrl: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: string;
  child?: ChildProcess;
}

interface DemoKey {
  readonly name: string;
  readonly org: string;
  readonly role: string;
  readonly apiKey: string;
}

async function orgGateway(org: (typeof topology.orgs)[number], dir: string, env: NodeJS.ProcessEnv): Promise<OrgGateway> {
  const orgDir = path.join(dir, org.name);
  fs.mkdirSync(orgDir);
  // The Auditor's state at the top of the folder, where tests have always found "the" read model.
  const stateDir = org.name === 'Auditor' ? dir : orgDir;
  const [port, adminPort] = [await freePort(org.address), await freePort(org.address)];
  return {
    org: org.name,
    url: `http://${org.address}:${port}`,
    adminUrl: `http://${org.address}:${adminPort}`,
    log: path.join(orgDir, 'gateway.log'),
    env: {
      ...env,
      GATEWAY_ORG: org.name,
      GATEWAY_HOST: org.address,
      GATEWAY_PORT: String(port),
      GATEWAY_ADMIN_PORT: String(adminPort),
      GATEWAY_DB: path.join(stateDir, 'gateway.db'),
      READ_MODEL_DB: path.join(stateDir, 'read-model.db'),
      GATEWAY_CREDENTIALS: path.join(orgDir, 'credentials.json'),
    },
  };
}

async function launch(gateway: OrgGateway): Promise<void> {
  const out = fs.openSync(gateway.log, 'a');
  const child = spawn(process.execPath, [path.join(repoRoot, 'gateway', 'dist', 'src', 'server.js')], {
    env: gateway.env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  gateway.child = child;
  await waitReady(gateway.url, child, gateway.log);
}

function exited(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      resolve();
    } else {
      child.once('exit', () => {
        resolve();
      });
    }
  });
}

/** The API key a request presents, as the gateway reads it. */
function presentedKey(headers: http.IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer[ \t]+([^\s]+)/i.exec(headers.authorization ?? '')?.[1];
  const header = headers['x-api-key'];
  return bearer ?? (typeof header === 'string' ? header : undefined);
}

/** The proxy behind `url`: each request to the gateway of the org its key belongs to. */
async function startRouter(target: (key: string | undefined) => string): Promise<string> {
  const server = http.createServer((request, response) => {
    const to = new URL(request.url ?? '/', target(presentedKey(request.headers)));
    const upstream = http.request(to, { method: request.method, headers: { ...request.headers, host: to.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) {
        response.writeHead(502).end();
      } else {
        response.destroy();
      }
    });
    response.on('close', () => {
      upstream.destroy();
    });
    request.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${port}`;
}

export interface GatewayProcessOptions {
  /** The orgs whose gateways to start (default: all six). */
  readonly orgs?: readonly string[];
}

/**
 * The real per-org gateways (`GATEWAY_ORG=<org> node gateway/dist/src/server.js`, built by
 * `npm test`), each its own process on its org's own address and free ports, with its own
 * credentials, SQLite file and read model in a temporary folder. `settings` are extra environment
 * variables for every one of them (limits, budgets).
 */
export async function startGatewayProcess(
  settings: Readonly<Record<string, string>> = {},
  options: GatewayProcessOptions = {},
): Promise<GatewayProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-gateway-'));
  const env = { ...process.env, RISK_POLICY_DIR: writeTestPolicies(dir), LOG_LEVEL: 'warn', ...settings };
  const wanted = topology.orgs.filter((org) => options.orgs === undefined || options.orgs.includes(org.name));
  const gateways: OrgGateway[] = [];
  for (const org of wanted) {
    gateways.push(await orgGateway(org, dir, env));
  }
  try {
    // Three at a time: six Node processes loading at once on two cores slow each other down badly.
    for (let i = 0; i < gateways.length; i += 3) {
      await Promise.all(gateways.slice(i, i + 3).map(launch));
    }
  } catch (error) {
    // None left running when the start fails.
    for (const g of gateways) {
      g.child?.kill('SIGKILL');
    }
    throw error;
  }
  // Each key with its own org's gateway URL (an org admin's: the admin listener), as `npm start` writes them.
  const demoKeys = gateways.flatMap((g) =>
    (JSON.parse(fs.readFileSync(path.join(dir, g.org, 'demo-credentials.json'), 'utf8')) as { keys: DemoKey[] }).keys.map((k) => ({
      ...k,
      url: k.role === 'org-admin' ? g.adminUrl : g.url,
    })),
  );
  const keysFile = path.join(dir, 'demo-credentials.json');
  fs.writeFileSync(keysFile, JSON.stringify({ note: "every started org gateway's demo keys", keys: demoKeys }, null, 2), { mode: 0o600 });
  const keys = Object.fromEntries(demoKeys.map((k) => [k.name, k.apiKey]));
  const byName = new Map(demoKeys.map((k) => [k.name, k]));
  const byKey = new Map(demoKeys.map((k) => [k.apiKey, k]));
  const gatewayOf = (org: string): OrgGateway => {
    const found = gateways.find((g) => g.org === org);
    if (!found) {
      throw new Error(`no gateway of ${org} started (started: ${gateways.map((g) => g.org).join(', ')})`);
    }
    return found;
  };
  const urlFor = (key: DemoKey | undefined): string => {
    const gateway =
      key === undefined ? gatewayOf(gateways.some((g) => g.org === 'BankA') ? 'BankA' : (gateways[0]?.org ?? 'BankA')) : gatewayOf(key.org);
    return key?.role === 'org-admin' ? gateway.adminUrl : gateway.url;
  };
  const url = await startRouter((apiKey) => urlFor(apiKey === undefined ? undefined : byKey.get(apiKey)));
  const gateway: GatewayProcess = {
    url,
    dir,
    keys,
    keysFile,
    orgs: gateways.map((g) => g.org),
    urlOf: (org) => gatewayOf(org).url,
    adminUrlOf: (org) => gatewayOf(org).adminUrl,
    orgOf: (participant) => {
      const key = byName.get(participant);
      if (key === undefined) {
        throw new Error(`no demo key for ${participant}`);
      }
      return key.org;
    },
    pidOf: (org) => {
      const pid = gatewayOf(org).child?.pid;
      if (pid === undefined) {
        throw new Error(`${org}'s gateway is not running`);
      }
      return pid;
    },
    stop: async () => {
      await Promise.all(
        gateways.map((g) => {
          g.child?.kill('SIGTERM');
          return exited(g.child);
        }),
      );
    },
    kill: async () => {
      await Promise.all(
        gateways.map((g) => {
          g.child?.kill('SIGKILL');
          return exited(g.child);
        }),
      );
    },
    restart: async () => {
      await Promise.all(gateways.map(launch));
    },
    fetch: async (participant, method, urlPath, body, headers = {}) => {
      const key = byName.get(participant);
      if (key === undefined) {
        throw new Error(`no demo key for ${participant}`);
      }
      const response = await fetch(`${urlFor(key)}${urlPath}`, {
        method,
        headers: {
          authorization: `Bearer ${key.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
    },
    ok: async <T>(participant: string, method: string, urlPath: string, body?: unknown): Promise<T> => {
      let response = await gateway.fetch(participant, method, urlPath, body);
      // Over the per-credential rate limit (429): wait as told, as a client should, a few times.
      for (let retries = 0; response.status === 429 && retries < 5; retries++) {
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000));
        response = await gateway.fetch(participant, method, urlPath, body);
      }
      if (response.status >= 300) {
        throw new Error(`${method} ${urlPath} as ${participant}: ${String(response.status)} ${JSON.stringify(response.body)}`);
      }
      return response.body as T;
    },
  };
  return gateway;
}
