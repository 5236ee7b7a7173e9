/** Unit tests: the gateway's environment, validated at boot. */
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

const defaults = { dataDir: '/data', repoRoot: '/repo' };

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it("leaves the address and ports to the org's connection config unless set, and refuses non-loopback hosts", () => {
    expect(loadConfig({ SCF_PORT_OFFSET: '1000' }, defaults).port).toBeUndefined();
    expect(loadConfig({ GATEWAY_PORT: '3100', GATEWAY_ADMIN_PORT: '3101', GATEWAY_HOST: '127.0.0.21' }, defaults)).toMatchObject({
      host: '127.0.0.21',
      port: 3100,
      adminPort: 3101,
    });
    expect(problemsOf({ SCF_PORT_OFFSET: 'x' })).toHaveLength(1);
    expect(problemsOf({ GATEWAY_HOST: '0.0.0.0' })).toHaveLength(1);
    expect(problemsOf({ GATEWAY_HOST: '10.0.0.1' })).toHaveLength(1);
  });

  it("puts an org's gateway state in a folder of its own and reads the org's connection config from the org folder", () => {
    expect(loadConfig({ GATEWAY_ORG: 'BankA' }, defaults)).toMatchObject({
      org: 'BankA',
      connectionFile: '/data/orgs/BankA/gateway.json',
      sqlitePath: '/data/gateway/BankA/gateway.db',
      credentialsFile: '/data/gateway/BankA/credentials.json',
    });
    expect(problemsOf({ GATEWAY_ORG: '../x' })).toHaveLength(1);
  });

  it('defaults to SQLite and files under <dataDir>/gateway', () => {
    expect(loadConfig({}, defaults)).toEqual({
      org: undefined,
      connectionFile: undefined,
      host: undefined,
      port: undefined,
      adminPort: undefined,
      sqlitePath: '/data/gateway/gateway.db',
      readModel: { driver: 'sqlite', sqlitePath: '/data/gateway/gateway.read-model.db' },
      credentialsFile: '/data/gateway/credentials.json',
      demoKeysFile: '/data/gateway/demo-credentials.json',
      riskPolicyDir: '/repo/gateway/policies',
      logLevel: 'info',
      rateLimit: { perSecond: 100, burst: 200 },
      failover: { submitMs: 1500, commitResendAfterMs: 3000, submitRetryMs: 500 },
      limits: { eventStreamsPerCredential: 8, heavy: { perMinute: 6, burst: 3 }, authFailures: { perMinute: 30, burst: 30 } },
      expiry: { idempotencyMs: 86_400_000, stressResultMs: 604_800_000, invitationMs: 604_800_000 },
    });
  });

  it('reads the failover timings, refusing values that are not whole milliseconds', () => {
    expect(
      loadConfig({ GATEWAY_SUBMIT_TIMEOUT_MS: '1500', GATEWAY_COMMIT_RESEND_AFTER_MS: '2500', GATEWAY_SUBMIT_RETRY_MS: '250' }, defaults)
        .failover,
    ).toEqual({
      submitMs: 1500,
      commitResendAfterMs: 2500,
      submitRetryMs: 250,
    });
    expect(problemsOf({ GATEWAY_COMMIT_RESEND_AFTER_MS: '5', GATEWAY_SUBMIT_RETRY_MS: '1.5' })).toHaveLength(2);
  });

  it('reads the limits and expiries, and refuses values that are not whole numbers in range', () => {
    const config = loadConfig(
      {
        GATEWAY_EVENT_STREAMS_PER_CREDENTIAL: '2',
        GATEWAY_HEAVY_PER_MINUTE: '1',
        GATEWAY_HEAVY_BURST: '1',
        GATEWAY_AUTH_FAILURES_PER_MINUTE: '5',
        GATEWAY_AUTH_FAILURE_BURST: '3',
        GATEWAY_IDEMPOTENCY_TTL_SECONDS: '60',
        GATEWAY_STRESS_RESULT_TTL_SECONDS: '3600',
      },
      defaults,
    );
    expect([config.limits, config.expiry]).toEqual([
      { eventStreamsPerCredential: 2, heavy: { perMinute: 1, burst: 1 }, authFailures: { perMinute: 5, burst: 3 } },
      { idempotencyMs: 60_000, stressResultMs: 3_600_000, invitationMs: 604_800_000 },
    ]);
    expect(
      problemsOf({ GATEWAY_EVENT_STREAMS_PER_CREDENTIAL: '0', GATEWAY_HEAVY_BURST: '-1', GATEWAY_IDEMPOTENCY_TTL_SECONDS: '1.5' }),
    ).toEqual([
      'GATEWAY_EVENT_STREAMS_PER_CREDENTIAL must be a whole number of open event streams, 1..9999 (got "0")',
      'GATEWAY_HEAVY_BURST must be a whole number of heavy requests, 1..99999 (got "-1")',
      'GATEWAY_IDEMPOTENCY_TTL_SECONDS must be a whole number of seconds, 1..99999999 (got "1.5")',
    ]);
  });

  it('reads every variable; relative paths are relative to the repository root', () => {
    const config = loadConfig(
      {
        GATEWAY_HOST: 'localhost',
        GATEWAY_PORT: '8080',
        GATEWAY_DB: 'tmp/g.db',
        READ_MODEL_DRIVER: 'postgres',
        DATABASE_URL: 'postgres://scf:pw@127.0.0.1:5432/scf',
        GATEWAY_CREDENTIALS: '/secrets/creds.json',
        RISK_POLICY_DIR: 'policies',
        LOG_LEVEL: 'debug',
      },
      defaults,
    );
    expect(config).toMatchObject({
      host: 'localhost',
      port: 8080,
      sqlitePath: path.join('/repo', 'tmp/g.db'),
      readModel: { driver: 'postgres', databaseUrl: 'postgres://scf:pw@127.0.0.1:5432/scf' },
      credentialsFile: '/secrets/creds.json',
      demoKeysFile: '/secrets/demo-credentials.json',
      riskPolicyDir: '/repo/policies',
      logLevel: 'debug',
    });
  });

  it('refuses to listen beyond loopback', () => {
    expect(problemsOf({ GATEWAY_HOST: '0.0.0.0' })).toEqual([
      'GATEWAY_HOST must be a 127.x.y.z address or localhost (the gateway never listens beyond loopback) (got "0.0.0.0")',
    ]);
    expect(problemsOf({ GATEWAY_HOST: '::' })).toHaveLength(1);
  });

  it('reports every problem at once, by variable', () => {
    const problems = problemsOf({ GATEWAY_PORT: '70000', READ_MODEL_DRIVER: 'mysql', LOG_LEVEL: 'loud' });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['GATEWAY_PORT', 'READ_MODEL_DRIVER', 'LOG_LEVEL']);
    expect(problemsOf({ GATEWAY_PORT: '-1' })[0]).toMatch(/^GATEWAY_PORT must be a TCP port/);
    expect(problemsOf({ GATEWAY_PORT: '3000abc' })).toHaveLength(1);
  });

  it('requires DATABASE_URL for postgres and never echoes its value', () => {
    expect(problemsOf({ READ_MODEL_DRIVER: 'postgres' })).toEqual(['DATABASE_URL is required when READ_MODEL_DRIVER is postgres']);
    const [problem] = problemsOf({ READ_MODEL_DRIVER: 'postgres', DATABASE_URL: 'mysql://user:hunter2@db' });
    expect(problem).toMatch(/^DATABASE_URL must be/);
    expect(problem).not.toContain('hunter2');
  });

  it('the error message lists the problems for the boot log', () => {
    expect(() => loadConfig({ GATEWAY_HOST: '10.0.0.1' }, defaults)).toThrow(/invalid gateway configuration:\n {2}GATEWAY_HOST/);
  });

  it('reads the invitation lifetime, and checks that SCF_PKCS11_LIBRARY names a PKCS#11 module that exists', () => {
    expect(loadConfig({ GATEWAY_INVITATION_TTL_SECONDS: '900' }, defaults).expiry.invitationMs).toBe(900_000);
    expect(problemsOf({ SCF_PKCS11_LIBRARY: 'libsofthsm2.so' })).toEqual([
      'SCF_PKCS11_LIBRARY must be the absolute path of a PKCS#11 module (.so), e.g. /usr/lib/softhsm/libsofthsm2.so (got "libsofthsm2.so")',
      'SCF_PKCS11_LIBRARY names no file (got "libsofthsm2.so")',
    ]);
    expect(problemsOf({ SCF_PKCS11_LIBRARY: '/nowhere/libpkcs11.so' })).toEqual([
      'SCF_PKCS11_LIBRARY names no file (got "/nowhere/libpkcs11.so")',
    ]);
  });
});
