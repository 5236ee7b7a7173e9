import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BundleEndpoints, fabricHome, findOrg, topology, writeBundle } from '@scf/network';
import { tx } from '@scf/kernel/catalogue/catalogue';
import { blockHeight, eventually, runtime, uniqueLabel, withContract } from '../support/fabric';

/** The org whose peer moves: its data folder's peer stops, one started from its bundle takes its address. */
const ORG = 'Auditor';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [script], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${path.basename(script)}: ${stderr || stdout || error.message}`));
        return;
      }
      resolve(stdout + stderr);
    });
  });
}

describe("an org's bundle", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-bundle-'));
  const org = findOrg(ORG);
  const node = `peer0.${org.domain}`;

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds its own folder, the genesis block and public material of the others, and no private key of any other org', () => {
    writeBundle(ORG, dir);
    expect(fs.readdirSync(path.join(dir, 'orgs'))).toEqual([ORG]);
    expect(fs.existsSync(path.join(dir, 'channel', `${topology.channel}.block`))).toBe(true);
    const own = path.join(dir, 'orgs', ORG) + path.sep;
    const secrets = filesUnder(dir).filter((file) => fs.readFileSync(file).includes('PRIVATE KEY') || file.endsWith('_sk'));
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((file) => !file.startsWith(own))).toEqual([]);
    const endpoints = JSON.parse(fs.readFileSync(path.join(dir, 'endpoints.json'), 'utf8')) as BundleEndpoints;
    expect(endpoints.peers.map((p) => p.org)).toEqual(topology.orgs.map((o) => o.name));
    expect(endpoints.orderers.map((o) => o.address)).toEqual(topology.orderers.map((o) => `${o.address}:${String(o.listen)}`));
  });

  it('starts the peer from the bundle alone, in a separate folder: it joins the channel and catches up', async () => {
    await withContract('BankA', 'User1', tx.system.Heartbeat.contract, (c) =>
      c.submitTransaction(tx.system.Heartbeat.name, uniqueLabel('bundle')),
    );
    const target = await blockHeight('BankA');
    // The data folder's peer makes way: the bundle's peer takes the org's address and ports.
    await runtime.kill(node);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, FABRIC_HOME: fabricHome };
    const log = fs.openSync(path.join(dir, 'peer.log'), 'a');
    const peer = spawn('bash', [path.join(dir, 'start-peer.sh')], { env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const exited = new Promise<void>((resolve) => {
      peer.once('exit', () => {
        resolve();
      });
    });
    try {
      await eventually(() => bash(path.join(dir, 'join-channel.sh'), env), 60_000, 1000);
      // The bundle's peer serves the channel (qscc through its own gateway) at the others' height.
      await eventually(
        async () => {
          expect(await blockHeight(ORG)).toBeGreaterThanOrEqual(target);
        },
        120_000,
        1000,
      );
      expect(fs.readdirSync(path.join(dir, 'ledgers'))).toEqual([node]);
      expect(fs.readFileSync(path.join(dir, 'peer.log'), 'utf8')).toMatch(/Joining gossip network of channel scf|Committed block/);
    } finally {
      peer.kill('SIGTERM');
      await exited;
      await runtime.restart(node);
    }
    // The data folder's peer is back and catches up too.
    await eventually(
      async () => {
        expect(await blockHeight(ORG)).toBeGreaterThanOrEqual(target);
      },
      60_000,
      1000,
    );
  });
});
