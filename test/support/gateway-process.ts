import { repoRoot } from '@scf/network';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    server.on('error', reject);
  });
}

export interface GatewayProcess {
  readonly url: string;
  readonly dir: string;
  /** Plaintext demo API keys by credential name (participant id, or "<org>-admin"). */
  readonly keys: Readonly<Record<string, string>>;
  /** The demo keys file, as `npm start` writes it (for scripts/walkthrough.sh). */
  readonly keysFile: string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts the same gateway (same files and port) again after stop or kill. */
  restart(): Promise<void>;
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

/** Waits until the gateway's own read model has caught up with its peer (a new gateway starts from block 0). */
export async function readModelCaughtUp(gw: Pick<GatewayProcess, 'ok'>, timeoutMs = 170_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await gw.ok<{ lag: string | null }>('auditor', 'GET', '/v1/readmodel/status');
    if (status.lag === '0') {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`read model still behind: ${JSON.stringify(status)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function waitReady(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
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

/**
 * The real gateway (`node gateway/dist/src/server.js`, built by `npm test`) as its own process on
 * a free port, with its own credentials, SQLite file and read model in a temporary folder.
 */
/** Starts a gateway of its own on the running network; `settings` are extra environment variables for it alone (limits, budgets). */
export async function startGatewayProcess(settings: Readonly<Record<string, string>> = {}): Promise<GatewayProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-gateway-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(dir, 'gateway.log');
  const env = {
    ...process.env,
    GATEWAY_PORT: String(port),
    GATEWAY_DB: path.join(dir, 'gateway.db'),
    READ_MODEL_DB: path.join(dir, 'read-model.db'),
    GATEWAY_CREDENTIALS: path.join(dir, 'credentials.json'),
    RISK_POLICY_DIR: writeTestPolicies(dir),
    LOG_LEVEL: 'warn',
    ...settings,
  };
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    const out = fs.openSync(log, 'a');
    child = spawn(process.execPath, [path.join(repoRoot, 'gateway', 'dist', 'src', 'server.js')], { env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    await waitReady(url, child, log);
  };
  const exited = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
      } else {
        child.once('exit', () => {
          resolve();
        });
      }
    });
  await launch();
  const keysFile = path.join(dir, 'demo-credentials.json');
  const keys = Object.fromEntries(
    (JSON.parse(fs.readFileSync(keysFile, 'utf8')) as { keys: { name: string; apiKey: string }[] }).keys.map((k) => [k.name, k.apiKey]),
  );
  const gateway: GatewayProcess = {
    url,
    dir,
    keys,
    keysFile,
    stop: async () => {
      child.kill('SIGTERM');
      await exited();
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    restart: launch,
    fetch: async (participant, method, urlPath, body, headers = {}) => {
      const key = keys[participant];
      if (key === undefined) {
        throw new Error(`no demo key for ${participant}`);
      }
      const response = await fetch(`${url}${urlPath}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
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
