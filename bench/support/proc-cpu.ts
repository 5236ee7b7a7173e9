/**
 * CPU time of the network's processes (Linux /proc), grouped by role, so a bench round can say
 * where the machine's CPU went per committed transaction: orderers, peers, our chaincode servers,
 * the minimal chaincode's servers, the REST gateway, and this client. The processes are the ones
 * `npm start` (and the bench's minimal chaincode) recorded in the data folder's pid files.
 */
import { dataDir } from '@scf/network';
import fs from 'node:fs';
import path from 'node:path';

export type CpuGroup =
  | 'orderers'
  | 'peers'
  | 'chaincode (ours)'
  | 'chaincode (minimal)'
  | 'REST gateway (BankA)'
  | 'REST gateways (other orgs)'
  | 'bench client';
export type CpuSnapshot = ReadonlyMap<CpuGroup, number>;

const TICKS_PER_SECOND = 100;

function groupOf(name: string): CpuGroup | undefined {
  if (name.startsWith('orderer')) {
    return 'orderers';
  }
  if (name.startsWith('peer')) {
    return 'peers';
  }
  if (name.startsWith('chaincode-minimal-')) {
    return 'chaincode (minimal)';
  }
  if (name.startsWith('chaincode-')) {
    return 'chaincode (ours)';
  }
  // One REST gateway per org (gateway-<Org>.pid); Bank A's runs the risk gate the bench drives.
  if (name === 'gateway-BankA') {
    return 'REST gateway (BankA)';
  }
  return name.startsWith('gateway-') ? 'REST gateways (other orgs)' : undefined;
}

/** utime + stime of one pid in ms; 0 when it is gone. */
function cpuMs(pid: string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU ms used so far by each group (Linux only; empty elsewhere). */
export function cpuSnapshot(): CpuSnapshot {
  const totals = new Map<CpuGroup, number>();
  const pids = path.join(dataDir, 'pids');
  const files = fs.existsSync(pids) ? fs.readdirSync(pids).filter((f) => f.endsWith('.pid')) : [];
  for (const file of files) {
    const group = groupOf(file.slice(0, -'.pid'.length));
    if (group !== undefined) {
      const pid = fs.readFileSync(path.join(pids, file), 'utf8').trim();
      totals.set(group, (totals.get(group) ?? 0) + cpuMs(pid));
    }
  }
  const own = process.cpuUsage();
  totals.set('bench client', (own.user + own.system) / 1000);
  return totals;
}

/** What each group used between two snapshots, in ms. */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): Map<CpuGroup, number> {
  const spent = new Map<CpuGroup, number>();
  for (const [group, ms] of after) {
    spent.set(group, ms - (before.get(group) ?? 0));
  }
  return spent;
}

/** CPU ms per completed operation by group, and their total; `leaveOut`: a group that ran for another workload. */
export function perOperation(
  spent: Iterable<readonly [CpuGroup, number]>,
  ops: number,
  leaveOut: CpuGroup = 'chaincode (minimal)',
): Record<string, number> {
  const entries = [...spent].filter(([group]) => group !== leaveOut);
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  return Object.fromEntries(
    [...entries, ['total', total] as const].map(([group, ms]) => [group, Number((ms / Math.max(1, ops)).toFixed(2))]),
  );
}

/** CPU ms per completed operation by group between two snapshots (our chaincode's workloads). */
export function cpuPerOp(before: CpuSnapshot, after: CpuSnapshot, ops: number): Record<string, number> {
  return perOperation(cpuSpent(before, after), ops);
}
