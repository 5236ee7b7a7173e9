import { describeNetwork, logFile, repoRoot, startProcess, stopProcess } from '@scf/network';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createDemoCredentials } from './auth/demo-credentials';
import { loadConfig } from './config';
import { registerDemoParticipants } from './demo/register-demo-participants';
import { seedDemoData, type DemoApi } from './demo/seed-demo-data';

const started = Date.now();
const progress = (message: string): void => {
  console.log(`[gateway ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
};

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function demoApi(url: string, keys: readonly { name: string; apiKey: string }[]): DemoApi {
  return {
    async call(as, method, urlPath, body) {
      const key = keys.find((k) => k.name === as);
      if (!key) {
        throw new Error(`no demo API key for ${as}`);
      }
      const response = await fetch(`${url}${urlPath}`, {
        method,
        headers: { authorization: `Bearer ${key.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
  };
}

/**
 * `npm start`'s last step: registers the demo participants on the ledger, creates their API keys,
 * (re)starts the gateway as a detached process (pid in the data folder, stopped by `npm stop`), waits
 * until it is ready and prints where it listens and the demo credentials.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const network = describeNetwork();
  await registerDemoParticipants(network, progress);
  createDemoCredentials(network, { credentialsFile: config.credentialsFile, demoKeysFile: config.demoKeysFile });
  const gateway = {
    name: 'gateway',
    command: process.execPath,
    args: [path.join(repoRoot, 'gateway', 'dist', 'src', 'server.js')],
    env: process.env,
    cwd: repoRoot,
  };
  // Restarted on every start, so it always runs the code just built (its state is on disk).
  const wasRunning = await stopProcess(gateway);
  startProcess(gateway);
  progress(wasRunning ? 'gateway restarted' : 'gateway started');
  const deadline = Date.now() + 60_000;
  while (!(await ready(config.port))) {
    if (Date.now() > deadline) {
      throw new Error(`the gateway did not become ready on port ${config.port}; see ${logFile('gateway')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const url = `http://${config.host}:${config.port}`;
  progress(`ready: ${url} (API docs ${url}/docs, OpenAPI ${url}/openapi.json)`);
  progress(`dashboard: ${url}/dashboard/ (sign in with a demo key below)`);
  const keys = JSON.parse(fs.readFileSync(config.demoKeysFile, 'utf8')) as { keys: { name: string; role: string; apiKey: string }[] };
  const seeded = await seedDemoData(demoApi(url, keys.keys), new Date(), progress);
  progress(seeded === 0 ? 'demo data already loaded' : `demo data loaded (${String(seeded)} steps)`);
  console.log(`\ndemo credentials (from ${config.demoKeysFile}); send as "Authorization: Bearer <key>":`);
  for (const key of keys.keys) {
    console.log(`  ${key.name.padEnd(16)} ${key.role.padEnd(16)} ${key.apiKey}`);
  }
}

main().catch((error: unknown) => {
  console.error(`[gateway] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
