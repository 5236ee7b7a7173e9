import { ChaincodeSlot, CHAINCODE_SLOTS } from './nodes';
import { chaincodeDir, shimCli } from './paths';
import { ProcessSpec, startProcess, stopProcess } from './processes';
import { portOpen, waitUntil } from './readiness';
import { endpoint, OrgSpec } from './topology';

export function slotPort(org: OrgSpec, slot: ChaincodeSlot): number {
  return org.peer.chaincodeServers[CHAINCODE_SLOTS.indexOf(slot)] ?? org.peer.chaincodeServers[0];
}

/**
 * One chaincode server per org and slot: the org's peer connects only to its own server, so each
 * org's endorsement is computed by its own process. Started with `node` itself so the recorded pid
 * is the server's.
 */
export function chaincodeServerProcess(org: OrgSpec, slot: ChaincodeSlot, packageId: string): ProcessSpec {
  const { PATH, HOME, LANG } = process.env;
  return {
    name: `chaincode-${org.name}-${slot}`,
    command: process.execPath,
    args: [shimCli, 'server', '--chaincode-address', endpoint(slotPort(org, slot)), '--chaincode-id', packageId, '--module-path', chaincodeDir],
    env: { PATH, HOME, LANG, NODE_ENV: 'production', CORE_CHAINCODE_LOGGING_LEVEL: 'warn' },
    cwd: chaincodeDir,
  };
}

export async function startChaincodeServer(org: OrgSpec, slot: ChaincodeSlot, packageId: string): Promise<void> {
  startProcess(chaincodeServerProcess(org, slot, packageId));
  await waitUntil(`${org.name} chaincode server on port ${slotPort(org, slot)}`, () => portOpen(slotPort(org, slot)), 30_000);
}

export async function stopChaincodeServer(org: OrgSpec, slot: ChaincodeSlot): Promise<void> {
  await stopProcess({ name: `chaincode-${org.name}-${slot}`, command: process.execPath });
}

/** Starts and stops the chaincode servers of one org and slot: native processes or containers. */
export interface ChaincodeServers {
  start(org: OrgSpec, slot: ChaincodeSlot, packageId: string): Promise<void>;
  stop(org: OrgSpec, slot: ChaincodeSlot): Promise<void>;
}

export const nativeChaincodeServers: ChaincodeServers = { start: startChaincodeServer, stop: stopChaincodeServer };
