import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

/** initdb/pg_ctl from PATH or the Debian location; a missing binary is an error, never a skip. */
function binary(name: string): string {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir.length > 0);
  for (const dir of [...onPath, ...BIN_DIRS]) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`PostgreSQL 15 is required for this test but ${name} was found neither on PATH nor in ${BIN_DIRS.join(', ')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error('no port'));
        } else {
          resolve(address.port);
        }
      });
    });
  });
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  stop(): void;
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, trust auth on a free 127.0.0.1 port.
 * As root it runs as the postgres user (`runuser -u postgres --`), which owns the folder.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const initdb = binary('initdb');
  const pgCtl = binary('pg_ctl');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-readmodel-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  if (asRoot) {
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  try {
    run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run(pgCtl, [
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-l',
      path.join(dir, 'postgres.log'),
      '-o',
      `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (error) {
    const log = path.join(dir, 'postgres.log');
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}\n${detail}`);
  }
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${String(port)}/${database}`,
    stop: () => {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
