import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dirs } from './paths';

/** A long-running network process, started detached so it outlives `npm start`, stopped by its pid. */
export interface ProcessSpec {
  /** Unique name: pid file and log file are named after it. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

const pidFile = (name: string): string => path.join(dirs.pids, `${name}.pid`);
export const logFile = (name: string): string => path.join(dirs.logs, `${name}.log`);

function readPid(name: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True when the pid is alive and still runs the command we started (pids get reused). */
function isOurs(pid: number, command: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && cmdline.split('\0')[0] === command;
  } catch {
    return false;
  }
}

export function runningPid(spec: Pick<ProcessSpec, 'name' | 'command'>): number | undefined {
  const pid = readPid(spec.name);
  return pid !== undefined && isOurs(pid, spec.command) ? pid : undefined;
}

/** Starts the process unless it already runs; returns its pid. */
export function startProcess(spec: ProcessSpec): { pid: number; started: boolean } {
  const existing = runningPid(spec);
  if (existing !== undefined) {
    return { pid: existing, started: false };
  }
  fs.mkdirSync(dirs.pids, { recursive: true });
  fs.mkdirSync(dirs.logs, { recursive: true });
  const log = fs.openSync(logFile(spec.name), 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (child.pid === undefined) {
    throw new Error(`could not start ${spec.name} (${spec.command})`);
  }
  child.unref();
  fs.writeFileSync(pidFile(spec.name), `${child.pid}\n`);
  return { pid: child.pid, started: true };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, command: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isOurs(pid, command)) {
      return true;
    }
    await sleep(100);
  }
  return !isOurs(pid, command);
}

/** SIGTERM, then SIGKILL after a grace period. Returns whether it was running. */
export async function stopProcess(spec: Pick<ProcessSpec, 'name' | 'command'>, graceMs = 5000): Promise<boolean> {
  const pid = runningPid(spec);
  fs.rmSync(pidFile(spec.name), { force: true });
  if (pid === undefined) {
    return false;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, spec.command, graceMs))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, spec.command, 5000);
  }
  return true;
}

/** kill -9, as a crash would: the pid file stays so a restart reuses the same name. */
export async function killProcess(spec: Pick<ProcessSpec, 'name' | 'command'>): Promise<void> {
  const pid = runningPid(spec);
  if (pid === undefined) {
    throw new Error(`${spec.name} is not running`);
  }
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, spec.command, 5000);
}

/** Every process a pid file names, running or not: `npm stop` stops these. */
export function recordedProcessNames(): string[] {
  try {
    return fs
      .readdirSync(dirs.pids)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => f.slice(0, -'.pid'.length));
  } catch {
    return [];
  }
}

/** The command recorded in /proc for a named pid file, if it still runs. */
export function recordedCommand(name: string): string | undefined {
  const pid = readPid(name);
  if (pid === undefined) {
    return undefined;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
  } catch {
    return undefined;
  }
}
