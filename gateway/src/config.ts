import fs from 'node:fs';
import path from 'node:path';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { dataDir, repoRoot } from './paths';

/**
 * Orderer failover (issue 18): how the ledger client (ledger/ledger-client.ts) rides out a Raft
 * leader's death. Three ways a transaction got stuck, measured on the real network:
 * - sent to the leader, or forwarded to it by a follower, just before it died: lost without an
 *   error, and the wait for its commit lasted until the commit deadline (120 s). Now a submitted
 *   transaction whose commit is not seen within `commitResendAfterMs` is sent again (the same
 *   signed envelope: at most one copy of a transaction id commits), and again every
 *   `commitResendAfterMs`.
 * - sent to a follower that still forwards to the dead leader: the orderer holds the Broadcast
 *   until its cluster RPC timeout (7 s) and then refuses it, even when a new leader was elected
 *   meanwhile. Now a submit not answered within `submitMs` (1.5 s) is given up and sent again at
 *   once; an orderer accepts an envelope in milliseconds when it can (the submit leg averaged
 *   0.3 s at 10 in flight, 1.1 s at 50 on this loaded machine), so it mostly cuts off stuck ones.
 * - refused (no leader during the election, 1–2 s with the network's 100 ms Raft tick): sent
 *   again after `submitRetryMs`.
 * The peer gateway hands each send to one of the channel's orderers at random
 * (test/integration/orderer-resend.test.ts), so a resend reaches another orderer in two cases of
 * three. 3 s is above the commit latency at the load this machine sustains (p99 ≈ 1.9 s at 50 in
 * flight, bench/README.md), so in normal running a resend is rare; one that comes too early
 * costs an invalidated copy in a block. Overridable with GATEWAY_SUBMIT_TIMEOUT_MS,
 * GATEWAY_COMMIT_RESEND_AFTER_MS and GATEWAY_SUBMIT_RETRY_MS.
 */
/**
 * Read-your-writes: the longest a read waits for the org's peer (or the read model) to hold a block
 * this gateway committed in, or the caller saw commit elsewhere (X-SCF-Min-Block), before it goes ahead.
 */
export const READ_YOUR_WRITES_WAIT_MS = 5_000;

export const LEDGER_FAILOVER_TIMINGS = { submitMs: 1_500, commitResendAfterMs: 3_000, submitRetryMs: 500 } as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type ReadModelConfig =
  { readonly driver: 'sqlite'; readonly sqlitePath: string } | { readonly driver: 'postgres'; readonly databaseUrl: string };

export interface GatewayConfig {
  /**
   * The one org this gateway acts for (GATEWAY_ORG, e.g. "BankA"): it loads that org's connection
   * config and keys only. The server refuses to start without it.
   */
  readonly org: string | undefined;
  /** The org's connection config (GATEWAY_CONNECTION; default <data>/orgs/<org>/gateway.json). */
  readonly connectionFile: string | undefined;
  /** Loopback only (127.0.0.0/8 or localhost); unset, the org's own address from its connection config. */
  readonly host: string | undefined;
  /** The public API's port; 0 asks the OS for a free port; unset, the port of the connection config. */
  readonly port: number | undefined;
  /** The admin listener's port (org admin routes only); unset, the connection config's. */
  readonly adminPort: number | undefined;
  /** SQLite file of the gateway's own state (idempotency keys; the read model when its driver is sqlite). */
  readonly sqlitePath: string;
  readonly readModel: ReadModelConfig;
  readonly credentialsFile: string;
  readonly demoKeysFile: string;
  readonly riskPolicyDir: string;
  readonly logLevel: LogLevel;
  /** Per credential: a steady rate and a burst, answered 429 with Retry-After beyond them. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** The ledger client's failover timings (LEDGER_FAILOVER_TIMINGS unless overridden). */
  readonly failover: { readonly submitMs: number; readonly commitResendAfterMs: number; readonly submitRetryMs: number };
  readonly limits: GatewayLimits;
  readonly expiry: GatewayExpiry;
}

/** Limits beyond the per-credential request rate, each refused with its own error code. */
export interface GatewayLimits {
  /** Open GET /v1/events streams per credential; one more is 429 TOO_MANY_STREAMS. */
  readonly eventStreamsPerCredential: number;
  /** The heavy endpoints (chain verification, stress runs): per credential and endpoint, 429 HEAVY_RATE_LIMITED beyond it. */
  readonly heavy: { readonly perMinute: number; readonly burst: number };
  /** Failed authentications per client address; beyond them every keyed request from it is 429 AUTH_RATE_LIMITED for a while. */
  readonly authFailures: { readonly perMinute: number; readonly burst: number };
}

/** How long stored state is kept. */
export interface GatewayExpiry {
  /** A completed request's stored response under its Idempotency-Key. */
  readonly idempotencyMs: number;
  /** A stored stress result, from its first run. */
  readonly stressResultMs: number;
  /** An onboarding invitation code, from its issue (GATEWAY_INVITATION_TTL_SECONDS). */
  readonly invitationMs: number;
}

interface Variable {
  readonly schema: TSchema;
  /** Said when the value does not match, followed by the value (unless secret). */
  readonly expectation: string;
  readonly secret?: boolean;
}

const VARIABLES = {
  GATEWAY_ORG: { schema: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' }), expectation: 'must be an org name, e.g. BankA' },
  GATEWAY_CONNECTION: { schema: Type.String({ minLength: 1 }), expectation: 'must be a file path' },
  GATEWAY_HOST: {
    schema: Type.String({
      pattern:
        '^(localhost|127\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2}))$',
    }),
    expectation: 'must be a 127.x.y.z address or localhost (the gateway never listens beyond loopback)',
  },
  GATEWAY_PORT: { schema: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' }), expectation: 'must be a TCP port 0..65535' },
  GATEWAY_ADMIN_PORT: { schema: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' }), expectation: 'must be a TCP port 0..65535' },
  SCF_PORT_OFFSET: {
    schema: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' }),
    expectation: "must be the network's port offset, a whole number",
  },
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
  GATEWAY_SUBMIT_TIMEOUT_MS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{2,5}$' }),
    expectation: 'must be a whole number of milliseconds, 100..999999',
  },
  GATEWAY_COMMIT_RESEND_AFTER_MS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{2,5}$' }),
    expectation: 'must be a whole number of milliseconds, 100..999999',
  },
  GATEWAY_SUBMIT_RETRY_MS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{1,5}$' }),
    expectation: 'must be a whole number of milliseconds, 10..999999',
  },
  GATEWAY_RATE_BURST: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
    expectation: 'must be a whole number of requests, 1..999999',
  },
  GATEWAY_EVENT_STREAMS_PER_CREDENTIAL: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,3}$' }),
    expectation: 'must be a whole number of open event streams, 1..9999',
  },
  GATEWAY_HEAVY_PER_MINUTE: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }),
    expectation: 'must be a whole number of heavy requests per minute, 1..99999',
  },
  GATEWAY_HEAVY_BURST: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }),
    expectation: 'must be a whole number of heavy requests, 1..99999',
  },
  GATEWAY_AUTH_FAILURES_PER_MINUTE: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }),
    expectation: 'must be a whole number of failed authentications per minute, 1..99999',
  },
  GATEWAY_AUTH_FAILURE_BURST: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }),
    expectation: 'must be a whole number of failed authentications, 1..99999',
  },
  GATEWAY_IDEMPOTENCY_TTL_SECONDS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,7}$' }),
    expectation: 'must be a whole number of seconds, 1..99999999',
  },
  GATEWAY_INVITATION_TTL_SECONDS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,7}$' }),
    expectation: 'must be a whole number of seconds, 1..99999999',
  },
  /** The PKCS#11 module an identity whose key is in an HSM (hsm.json) signs through (@scf/fabric-client); checked here at boot. */
  SCF_PKCS11_LIBRARY: {
    schema: Type.String({ pattern: '^/.+\\.so(\\.[0-9]+)*$' }),
    expectation: 'must be the absolute path of a PKCS#11 module (.so), e.g. /usr/lib/softhsm/libsofthsm2.so',
  },
  GATEWAY_STRESS_RESULT_TTL_SECONDS: {
    schema: Type.String({ pattern: '^[1-9][0-9]{0,7}$' }),
    expectation: 'must be a whole number of seconds, 1..99999999',
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
  const environment = new Environment(env, defaults.repoRoot);
  const org = environment.text('GATEWAY_ORG');
  // Each org's gateway keeps its state in a folder of its own.
  const gatewayDir = path.join(defaults.dataDir, 'gateway', ...(org === undefined ? [] : [org]));
  const connectionFile =
    org === undefined && environment.text('GATEWAY_CONNECTION') === undefined
      ? undefined
      : environment.path('GATEWAY_CONNECTION', path.join(defaults.dataDir, 'orgs', org ?? '', 'gateway.json'));
  // One section after another: the problems are reported in this order.
  const listen = readListen(environment);
  const storage = readStorage(environment, gatewayDir);
  const files = readFiles(environment, gatewayDir);
  const logLevel = (environment.text('LOG_LEVEL') ?? 'info') as LogLevel;
  const rateLimit = readRateLimit(environment);
  const failover = {
    submitMs: Number(environment.text('GATEWAY_SUBMIT_TIMEOUT_MS') ?? LEDGER_FAILOVER_TIMINGS.submitMs),
    commitResendAfterMs: Number(environment.text('GATEWAY_COMMIT_RESEND_AFTER_MS') ?? LEDGER_FAILOVER_TIMINGS.commitResendAfterMs),
    submitRetryMs: Number(environment.text('GATEWAY_SUBMIT_RETRY_MS') ?? LEDGER_FAILOVER_TIMINGS.submitRetryMs),
  };
  const limits = readLimits(environment);
  const expiry = readExpiry(environment);
  checkPkcs11Library(environment);
  environment.throwIfInvalid();
  return { org, connectionFile, ...listen, ...storage, ...files, logLevel, rateLimit, failover, limits, expiry };
}

/** An HSM's PKCS#11 module, when configured, must exist: a typo would only show at the first signature. */
function checkPkcs11Library(environment: Environment): void {
  const pkcs11Library = environment.text('SCF_PKCS11_LIBRARY');
  if (pkcs11Library !== undefined && !fs.existsSync(pkcs11Library)) {
    environment.problem(`SCF_PKCS11_LIBRARY names no file (got ${JSON.stringify(pkcs11Library)})`);
  }
}

/** The environment being read: each variable checked against its schema, every problem kept for one report. */
class Environment {
  readonly #problems: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly repoRoot: string,
  ) {}

  /** The variable's value, noted as a problem when it does not match; undefined when unset or empty, so the default applies. */
  text(name: VariableName): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    const variable: Variable = VARIABLES[name];
    if (!Value.Check(variable.schema, value)) {
      this.problem(`${name} ${variable.expectation}${variable.secret === true ? '' : ` (got ${JSON.stringify(value)})`}`);
    }
    return value;
  }

  /** A path variable (or its default) resolved against the repository root. */
  path(name: VariableName, fallback: string): string {
    return path.resolve(this.repoRoot, this.text(name) ?? fallback);
  }

  problem(message: string): void {
    this.#problems.push(message);
  }

  throwIfInvalid(): void {
    if (this.#problems.length > 0) {
      throw new ConfigError(this.#problems);
    }
  }
}

function readListen(environment: Environment): Pick<GatewayConfig, 'host' | 'port' | 'adminPort'> {
  const host = environment.text('GATEWAY_HOST');
  // Checked, though the ports come from the connection config (which the network writes with its offset).
  environment.text('SCF_PORT_OFFSET');
  const portOf = (name: 'GATEWAY_PORT' | 'GATEWAY_ADMIN_PORT'): number | undefined => {
    const text = environment.text(name);
    const port = text === undefined ? undefined : Number(text);
    // The pattern allows five digits; the range is checked here.
    if (port !== undefined && Number.isInteger(port) && port > 65_535) {
      environment.problem(`${name} must be a TCP port 0..65535 (got ${JSON.stringify(text)})`);
    }
    return port;
  };
  return { host, port: portOf('GATEWAY_PORT'), adminPort: portOf('GATEWAY_ADMIN_PORT') };
}

function readStorage(environment: Environment, gatewayDir: string): Pick<GatewayConfig, 'sqlitePath' | 'readModel'> {
  const sqlitePath = environment.path('GATEWAY_DB', path.join(gatewayDir, 'gateway.db'));
  // Its own file: the projection's transaction spans awaits, and a write to the same file from
  // another connection of this process in between would wait on a lock only this thread can release.
  const readModelPath = environment.path('READ_MODEL_DB', `${sqlitePath.replace(/\.db$/, '')}.read-model.db`);
  const driver = environment.text('READ_MODEL_DRIVER') ?? 'sqlite';
  const databaseUrl = environment.text('DATABASE_URL');
  if (driver === 'postgres' && databaseUrl === undefined) {
    environment.problem('DATABASE_URL is required when READ_MODEL_DRIVER is postgres');
  }
  const readModel: ReadModelConfig =
    driver === 'postgres' && databaseUrl !== undefined
      ? { driver: 'postgres', databaseUrl }
      : { driver: 'sqlite', sqlitePath: readModelPath };
  return { sqlitePath, readModel };
}

function readFiles(
  environment: Environment,
  gatewayDir: string,
): Pick<GatewayConfig, 'credentialsFile' | 'demoKeysFile' | 'riskPolicyDir'> {
  const credentialsFile = environment.path('GATEWAY_CREDENTIALS', path.join(gatewayDir, 'credentials.json'));
  return {
    credentialsFile,
    demoKeysFile: path.join(path.dirname(credentialsFile), 'demo-credentials.json'),
    riskPolicyDir: environment.path('RISK_POLICY_DIR', path.join('gateway', 'policies')),
  };
}

function readRateLimit(environment: Environment): GatewayConfig['rateLimit'] {
  return {
    perSecond: Number(environment.text('GATEWAY_RATE_PER_SECOND') ?? '100'),
    burst: Number(environment.text('GATEWAY_RATE_BURST') ?? '200'),
  };
}

export const DEFAULT_LIMITS: GatewayLimits = {
  eventStreamsPerCredential: 8,
  heavy: { perMinute: 6, burst: 3 },
  authFailures: { perMinute: 30, burst: 30 },
};

export const DEFAULT_EXPIRY: GatewayExpiry = {
  idempotencyMs: 24 * 3_600_000,
  stressResultMs: 7 * 24 * 3_600_000,
  invitationMs: 7 * 24 * 3_600_000,
};

function readLimits(environment: Environment): GatewayLimits {
  const number = (name: VariableName, fallback: number): number => Number(environment.text(name) ?? String(fallback));
  return {
    eventStreamsPerCredential: number('GATEWAY_EVENT_STREAMS_PER_CREDENTIAL', DEFAULT_LIMITS.eventStreamsPerCredential),
    heavy: {
      perMinute: number('GATEWAY_HEAVY_PER_MINUTE', DEFAULT_LIMITS.heavy.perMinute),
      burst: number('GATEWAY_HEAVY_BURST', DEFAULT_LIMITS.heavy.burst),
    },
    authFailures: {
      perMinute: number('GATEWAY_AUTH_FAILURES_PER_MINUTE', DEFAULT_LIMITS.authFailures.perMinute),
      burst: number('GATEWAY_AUTH_FAILURE_BURST', DEFAULT_LIMITS.authFailures.burst),
    },
  };
}

function readExpiry(environment: Environment): GatewayExpiry {
  const seconds = (name: VariableName, fallbackMs: number): number => Number(environment.text(name) ?? String(fallbackMs / 1000)) * 1000;
  return {
    idempotencyMs: seconds('GATEWAY_IDEMPOTENCY_TTL_SECONDS', DEFAULT_EXPIRY.idempotencyMs),
    stressResultMs: seconds('GATEWAY_STRESS_RESULT_TTL_SECONDS', DEFAULT_EXPIRY.stressResultMs),
    invitationMs: seconds('GATEWAY_INVITATION_TTL_SECONDS', DEFAULT_EXPIRY.invitationMs),
  };
}
