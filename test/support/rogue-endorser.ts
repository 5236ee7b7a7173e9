import { peer } from '@hyperledger/fabric-protos';
import { chaincodeServerTls, dataDir, findOrg, readDeployed, slotPort, startProcess, stopProcess } from '@scf/network';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import { committedTransaction, eventually, runtime, utf8, withContract } from './fabric';
import { FORGE, type Forgery, ROGUE_PING, type RogueServerEnv } from './rogue-chaincode';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

export type { Forgery, ForgedPolicy, ForgedPrivateWrite, ForgedPublicWrite } from './rogue-chaincode';

/**
 * The rogue endorser harness: replaces one org's real chaincode server by a rogue one (same port,
 * package id and TLS material, so only the org's own peer can connect), submits forgeries endorsed
 * by exactly the colluding orgs' peers, reads back their validation codes, and restores the real
 * servers.
 */

/** The rogue chaincode as plain CommonJS in the data folder, where `require('fabric-shim')` resolves from the repo root. */
function rogueScript(): string {
  const source = fs.readFileSync(path.join(__dirname, 'rogue-chaincode.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
  });
  const file = path.join(dataDir, 'rogue', 'rogue-chaincode.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const run = `\nexports.main().catch((error) => { console.error(error); process.exit(1); });\n`;
  fs.writeFileSync(file, outputText + run);
  return file;
}

const processName = (orgName: string): string => `rogue-chaincode-${orgName}`;

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) {
        return;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError instanceof Error ? `: ${lastError.message.split('\n')[0] ?? ''}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
}

/** Evaluates on one org's peer only (no retry on another org), through that org's own gateway. */
export function evaluateOnPeerOf(orgName: string, transaction: string, contractName = ''): Promise<string> {
  const mspId = findOrg(orgName).mspId;
  return withContract(orgName, 'User1', contractName, async (contract) =>
    utf8.decode(await contract.evaluate(transaction, { arguments: [], endorsingOrganizations: [mspId] })),
  );
}

/** A rogue chaincode server process for one org, in place of the org's real server. */
export class RogueEndorser {
  private constructor(
    readonly orgName: string,
    private readonly host: string,
    private readonly port: number,
  ) {}

  /**
   * Stops the org's real chaincode server, starts the rogue in its place, and waits until the
   * org's peer talks to the rogue (its ping answers `rogue:<org>`).
   */
  static async replace(orgName: string, script = rogueScript()): Promise<RogueEndorser> {
    const org = findOrg(orgName);
    const deployed = readDeployed();
    if (!deployed) {
      throw new Error('no chaincode deployed');
    }
    const port = slotPort(org, deployed.slot);
    const tls = chaincodeServerTls(org);
    await runtime.stopChaincodeServer(orgName);
    const env: RogueServerEnv = {
      ROGUE_ORG: orgName,
      ROGUE_CCID: deployed.packageId,
      ROGUE_ADDRESS: `${org.address}:${port}`,
      ROGUE_TLS_CERT: tls.cert,
      ROGUE_TLS_KEY: tls.key,
      ROGUE_TLS_CLIENT_CA: tls.clientCa,
    };
    startProcess({
      name: processName(orgName),
      command: process.execPath,
      args: [script],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...env },
      cwd: path.dirname(script),
    });
    const rogue = new RogueEndorser(orgName, org.address, port);
    try {
      await waitFor(`the rogue endorser of ${orgName} on port ${port}`, () => portOpen(org.address, port), 30_000, 100);
      // The peer drops its stream to the stopped server and connects again on its next invocation.
      await waitFor(
        `${orgName}'s peer to reach the rogue endorser`,
        async () => (await evaluateOnPeerOf(orgName, ROGUE_PING)) === `rogue:${orgName}`,
        60_000,
        500,
      );
    } catch (error) {
      await rogue.restore();
      throw error;
    }
    return rogue;
  }

  /** Stops the rogue and starts the org's real chaincode server again; waits until its peer answers with it. */
  async restore(): Promise<void> {
    await stopProcess({ name: processName(this.orgName), command: process.execPath });
    await waitFor(`the rogue's port ${this.port} to close`, async () => !(await portOpen(this.host, this.port)), 10_000, 50);
    await runtime.startChaincodeServer(this.orgName);
    await waitFor(
      `${this.orgName}'s peer to reach its real chaincode server again`,
      async () => 'version' in (JSON.parse(await evaluateOnPeerOf(this.orgName, tx.system.Version.name, catalogue.system.name)) as object),
      60_000,
      500,
    );
  }
}

/** Restores every org's real server, even when one restore fails; rethrows the first failure. */
export async function restoreAll(rogues: readonly RogueEndorser[]): Promise<void> {
  const results = await Promise.allSettled(rogues.map((rogue) => rogue.restore()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}

/** Rogue endorsers for several orgs at once; if one can't start, the others are restored. */
export async function replaceWithRogues(orgNames: readonly string[]): Promise<RogueEndorser[]> {
  const script = rogueScript();
  const results = await Promise.allSettled(orgNames.map((orgName) => RogueEndorser.replace(orgName, script)));
  const rogues = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await restoreAll(rogues);
    throw failed.reason;
  }
  return rogues;
}

export interface ForgeryOutcome {
  readonly txId: string;
  /** The validation code the committing peer gave the transaction, by name (VALID, ENDORSEMENT_POLICY_FAILURE, …). */
  readonly validation: string;
  /** The orgs whose endorsements the committed transaction carries, read back from the block. */
  readonly endorsers: string[];
}

function validationName(code: number): string {
  return Object.entries(peer.TxValidationCode).find(([, value]) => value === code)?.[0] ?? `code ${code}`;
}

/**
 * Submits a forgery endorsed by exactly the peers of `colluders` (org names), signed by a user of
 * the first, and waits for its commit; the validation code is read back from the block store
 * (qscc) too, with who endorsed it.
 */
export async function submitForgery(colluders: readonly string[], forgery: Forgery): Promise<ForgeryOutcome> {
  const [first] = colluders;
  if (first === undefined) {
    throw new Error('a forgery needs at least one colluding org');
  }
  const endorsingOrganizations = colluders.map((name) => findOrg(name).mspId);
  const { txId, code } = await withContract(first, 'User1', '', async (contract) => {
    const commit = await contract.submitAsync(FORGE, { transientData: { forgery: JSON.stringify(forgery) }, endorsingOrganizations });
    const status = await commit.getStatus();
    return { txId: status.transactionId, code: status.code };
  });
  const committed = await eventually(() => committedTransaction(first, txId));
  if (committed.validationCode !== code) {
    throw new Error(`transaction ${txId}: commit status ${validationName(code)}, block store ${validationName(committed.validationCode)}`);
  }
  return { txId, validation: validationName(code), endorsers: [...committed.endorserMspIds].sort() };
}
