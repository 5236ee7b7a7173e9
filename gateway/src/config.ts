import { dataDir, repoRoot } from '@scf/network';
import path from 'node:path';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type ReadModelConfig =
  { readonly driver: 'sqlite'; readonly sqlitePath: string } | { readonly driver: 'postgres'; readonly databaseUrl: string };

export interface GatewayConfig {
  /** Loopback only: the gateway holds every participant's signing key. */
  readonly host: '127.0.0.1' | 'localhost';
  /** 0 asks the OS for a free port. */
  readonly port: number;
  /** SQLite file of the gateway's own state (idempotency keys; the read model when its driver is sqlite). */
  readonly sqlitePath: string;
  readonly readModel: ReadModelConfig;
  readonly credentialsFile: string;
  readonly demoKeysFile: string;
  readonly riskPolicyDir: string;
  readonly logLevel: LogLevel;
  /** Per credential: a steady rate and a burst, answered 429 with Retry-After beyond them. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
}

interface Variable {
  readonly schema: TSchema;
  /** Said when the value does not match, followed by the value (unless secret). */
  readonly expectation: string;
  readonly secret?: boolean;
}

const VARIABLES = {
  GATEWAY_HOST: {
    schema: Type.Enum(['127.0.0.1', 'localhost']),
    expectation: 'must be 127.0.0.1 or localhost (the gateway never listens beyond loopback)',
  },
  GATEWAY_PORT: { schema: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' }), expectation: 'must be a TCP port 0..65535' },
  GATEWAY_DB: { schema: Type.String({ minLength: 1 }), expectation: 'must be a file path' },
  READ_MODEL_DB: { schema: Type.String({ minLength: 1 }), expectation: 'must be a file path' },
  READ_MODEL_DRIVER: { schema: Type.Enum(['sqlite', 'postgres']), expectation: 'must be sqlite or postgres' },
  DATABASE_URL: {
    schema: Type.String({ pattern: '^postgres(ql)?://.+' }),
    expectation: 'must be a postgres:// or postgresql:// URL',
    secret: true,
  },
  GATEWAY_CREDENTIALS: { schema: Type.String({ minLength: 1 }), expectation: 'must be a file path' },
  RISK_POLICY_DIR: { schema: Type.String({ minLength: 1 }), expectation: 'must be a directory path' },
  LOG_LEVEL: { schema: Type.Enum([...LOG_LEVELS]), expectation: `must be one of ${LOG_LEVELS.join(', ')}` },
  GATEWAY_RATE_PER_SECOND: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
    expectation: 'must be a whole number of requests per second, 1..999999',
  },
  GATEWAY_RATE_BURST: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
    expectation: 'must be a whole number of requests, 1..999999',
  },
} satisfies Record<string, Variable>;

type VariableName = keyof typeof VARIABLES;

export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid gateway configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigDefaults {
  readonly dataDir: string;
  readonly repoRoot: string;
}

/**
 * Reads and validates the gateway's environment. Every problem is reported at once, by
 * variable name, so a misconfigured boot fails with one readable message. Relative paths are
 * relative to the repository root, whatever the working directory.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: ConfigDefaults = { dataDir, repoRoot }): GatewayConfig {
  const problems: string[] = [];
  const read = (name: VariableName): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    const variable: Variable = VARIABLES[name];
    if (!Value.Check(variable.schema, value)) {
      problems.push(`${name} ${variable.expectation}${variable.secret === true ? '' : ` (got ${JSON.stringify(value)})`}`);
    }
    return value;
  };
  const gatewayDir = path.join(defaults.dataDir, 'gateway');
  const host = (read('GATEWAY_HOST') ?? '127.0.0.1') as GatewayConfig['host'];
  const port = Number(read('GATEWAY_PORT') ?? '3000');
  if (Number.isInteger(port) && port > 65_535) {
    problems.push(`GATEWAY_PORT must be a TCP port 0..65535 (got ${JSON.stringify(env.GATEWAY_PORT)})`);
  }
  const sqlitePath = path.resolve(defaults.repoRoot, read('GATEWAY_DB') ?? path.join(gatewayDir, 'gateway.db'));
  // Its own file: the projection's transaction spans awaits, and a write to the same file from
  // another connection of this process in between would wait on a lock only this thread can release.
  const readModelPath = path.resolve(defaults.repoRoot, read('READ_MODEL_DB') ?? `${sqlitePath.replace(/\.db$/, '')}.read-model.db`);
  const driver = read('READ_MODEL_DRIVER') ?? 'sqlite';
  const databaseUrl = read('DATABASE_URL');
  if (driver === 'postgres' && databaseUrl === undefined) {
    problems.push('DATABASE_URL is required when READ_MODEL_DRIVER is postgres');
  }
  const credentialsFile = path.resolve(defaults.repoRoot, read('GATEWAY_CREDENTIALS') ?? path.join(gatewayDir, 'credentials.json'));
  const riskPolicyDir = path.resolve(defaults.repoRoot, read('RISK_POLICY_DIR') ?? path.join('gateway', 'policies'));
  const logLevel = (read('LOG_LEVEL') ?? 'info') as LogLevel;
  const rateLimit = { perSecond: Number(read('GATEWAY_RATE_PER_SECOND') ?? '100'), burst: Number(read('GATEWAY_RATE_BURST') ?? '200') };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    host,
    port,
    sqlitePath,
    readModel:
      driver === 'postgres' && databaseUrl !== undefined
        ? { driver: 'postgres', databaseUrl }
        : { driver: 'sqlite', sqlitePath: readModelPath },
    credentialsFile,
    demoKeysFile: path.join(path.dirname(credentialsFile), 'demo-credentials.json'),
    riskPolicyDir,
    logLevel,
    rateLimit,
  };
}
