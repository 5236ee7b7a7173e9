import { chaincodeServerTls } from './crypto';
import { ChaincodeSlot, CHAINCODE_SLOTS } from './nodes';
import { chaincodeDir, chaincodeServerMain } from './paths';
import { ProcessSpec, startProcess, stopProcess } from './processes';
import { portOpen, waitUntil } from './readiness';
import { endpoint, OrgSpec } from './topology';

export function slotPort(org: OrgSpec, slot: ChaincodeSlot): number {
  return org.peer.chaincodeServers[CHAINCODE_SLOTS.indexOf(slot)] ?? org.peer.chaincodeServers[0];
}

/**
 * fabric-shim's TLS options: the org's chaincode server certificate and key, and the org's TLS CA
 * as the client CA, which makes the server require a client certificate from it (the peer's).
 */
export function chaincodeServerTlsArgs(org: OrgSpec): string[] {
  const tls = chaincodeServerTls(org);
  return ['--chaincode-tls-cert-file', tls.cert, '--chaincode-tls-key-file', tls.key, '--chaincode-tls-client-cacert-file', tls.clientCa];
}

/**
 * The chaincode servers' environment (ours, and the bench's minimal chaincode, alike). The
 * logging level must be one of the names fabric-shim and fabric-contract-api map (CRITICAL,
 * ERROR, WARNING, INFO, DEBUG): anything else, "warn" included, falls back to info, and then
 * fabric-shim logs two lines per transaction through winston ("Calling chaincode Invoke()
 * succeeded…"), measured at ≈ 13% of a loaded server's CPU.
 */
export function chaincodeServerEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG } = process.env;
  return { PATH, HOME, LANG, NODE_ENV: 'production', CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING' };
}

/**
 * One chaincode server per org and slot: the org's peer connects only to its own server, so each
 * org's endorsement is computed by its own process. Only TLS with a client certificate is accepted. Started with `node` itself so the recorded pid
 * is the server's.
 */
export function chaincodeServerProcess(org: OrgSpec, slot: ChaincodeSlot, packageId: string): ProcessSpec {
  return {
    name: `chaincode-${org.name}-${slot}`,
    command: process.execPath,
    args: [
      chaincodeServerMain,
      'server',
      '--chaincode-address',
      endpoint(org.address, slotPort(org, slot)),
      '--chaincode-id',
      packageId,
      '--module-path',
      chaincodeDir,
      ...chaincodeServerTlsArgs(org),
    ],
    env: chaincodeServerEnv(),
    cwd: chaincodeDir,
  };
}

export async function startChaincodeServer(org: OrgSpec, slot: ChaincodeSlot, packageId: string): Promise<void> {
  startProcess(chaincodeServerProcess(org, slot, packageId));
  await waitUntil(`${org.name} chaincode server on port ${slotPort(org, slot)}`, () => portOpen(slotPort(org, slot), org.address), 30_000);
}

/**
 * SIGTERM to the recorded pid (SIGKILL after a grace period), then waits for the port to close:
 * the process is a zombie as soon as its main thread exits, while its other threads may still hold
 * the listening socket for a moment. Resolves to whether it was running.
 */
export async function stopChaincodeServer(org: OrgSpec, slot: ChaincodeSlot): Promise<boolean> {
  const wasRunning = await stopProcess({ name: `chaincode-${org.name}-${slot}`, command: process.execPath });
  if (wasRunning) {
    const port = slotPort(org, slot);
    await waitUntil(`${org.name} chaincode server's port ${port} to close`, async () => !(await portOpen(port, org.address)), 10_000, 50);
  }
  return wasRunning;
}

/** Starts and stops the chaincode servers of one org and slot: native processes or containers. */
export interface ChaincodeServers {
  start(org: OrgSpec, slot: ChaincodeSlot, packageId: string): Promise<void>;
  stop(org: OrgSpec, slot: ChaincodeSlot): Promise<void>;
}

export const nativeChaincodeServers: ChaincodeServers = {
  start: startChaincodeServer,
  stop: async (org, slot) => {
    await stopChaincodeServer(org, slot);
  },
};
