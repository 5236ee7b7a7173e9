/**
 * Schema-based fuzzing of the live gateway's /openapi.json with schemathesis (issue 16), as a
 * supplier: no 5xx; every request the schema calls invalid refused with a 4xx; every request it
 * calls valid answered with success or a refusal for the ledger's state (never 400, but for the
 * few operations test/fuzz/schemathesis.toml names with the rule a schema cannot state);
 * undeclared methods 405; responses as documented (status, content type, schema).
 *
 * npm test runs a short, seeded run; `npm run fuzz` (SCF_FUZZ=long) a long one with a new seed
 * (printed, to replay it with SCF_FUZZ_SEED). schemathesis is installed by
 * scripts/install-schemathesis.sh into .tools/schemathesis; without it this test fails, never skips.
 */
import { repoRoot } from '@scf/network';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';

const ST = path.join(repoRoot, '.tools', 'schemathesis', 'bin', 'st');
const CONFIG = path.join(repoRoot, 'test', 'fuzz', 'schemathesis.toml');
const LONG = process.env.SCF_FUZZ === 'long';
/** The short run's seed, so that npm test fuzzes the same cases every time; the long run draws one. */
const SHORT_SEED = '20261206';
const SEED = process.env.SCF_FUZZ_SEED ?? (LONG ? String(Math.floor(Math.random() * 2 ** 48)) : SHORT_SEED);
const MAX_EXAMPLES = process.env.SCF_FUZZ_EXAMPLES ?? (LONG ? '100' : '3');
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'missing_required_header',
  'unsupported_method',
  'ignored_auth',
].join(',');

let gw: GatewayProcess | undefined;

beforeAll(async () => {
  if (!fs.existsSync(ST)) {
    throw new Error(
      `schemathesis is not installed at ${ST}: run \`bash scripts/install-schemathesis.sh\` (npm test and npm run fuzz do; it needs PyPI)`,
    );
  }
  // The fuzzer's budgets: it sends thousands of requests, some with wrong keys; the limits have tests of their own.
  gw = await startGatewayProcess({
    GATEWAY_RATE_PER_SECOND: '100000',
    GATEWAY_RATE_BURST: '100000',
    GATEWAY_HEAVY_PER_MINUTE: '99999',
    GATEWAY_HEAVY_BURST: '99999',
    GATEWAY_AUTH_FAILURES_PER_MINUTE: '99999',
    GATEWAY_AUTH_FAILURE_BURST: '99999',
  });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
});

/** Runs in `cwd` (the gateway's temporary folder): schemathesis keeps its cache under the working directory. */
function run(command: string, args: readonly string[], cwd: string, log: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'w');
    const child = spawn(command, args, { cwd, stdio: ['ignore', out, out], env: { ...process.env, NO_COLOR: '1' } });
    fs.closeSync(out);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}

describe('schema fuzzing of /openapi.json (schemathesis)', () => {
  it(
    'finds no server error, no schema-valid request refused as malformed, no schema-invalid one accepted, and 405 for undeclared methods',
    async () => {
      if (gw === undefined) {
        throw new Error('the gateway did not start');
      }
      const key = gw.keys['supplier-1'];
      if (key === undefined) {
        throw new Error('no demo key for supplier-1');
      }
      const reportDir = path.join(gw.dir, 'schemathesis');
      const log = path.join(gw.dir, 'schemathesis.log');
      const args = [
        '--config-file',
        CONFIG,
        '--no-color',
        'run',
        `${gw.url}/openapi.json`,
        '--header',
        `Authorization: Bearer ${key}`,
        '--checks',
        CHECKS,
        '--mode',
        'all',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        MAX_EXAMPLES,
        '--seed',
        SEED,
        // One worker: Python 3.11.7's ast.parse (hypothesis describes filters with it) is not thread-safe
        // ("SystemError: AST constructor recursion depth mismatch" with two).
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--report',
        'junit',
        '--report-dir',
        reportDir,
      ];
      process.stdout.write(`[fuzz] schemathesis, ${LONG ? 'long' : 'short'} run: ${MAX_EXAMPLES} examples per operation, seed ${SEED}\n`);
      const code = await run(ST, args, gw.dir, log);
      const output = fs.readFileSync(log, 'utf8');
      process.stdout.write(fuzzSummary(output));
      if (code !== 0) {
        throw new Error(`schemathesis exited with ${String(code)} (seed ${SEED}); its output (${log}):\n${output.slice(-20_000)}`);
      }
      expect(code).toBe(0);
    },
    LONG ? 4 * 3_600_000 : 1_800_000,
  );
});

/**
 * schemathesis's summary, each line marked `[fuzz]` and without its `=== … ===` rules. Its closing
 * rule (`=== 3 warnings in 39.41s ===`, printed here as `3 warnings, 39.41 s`) is pytest's
 * closing-line format, and CI reads a pytest closing line without a passed count as a run that
 * executed no test.
 */
function fuzzSummary(output: string): string {
  const at = output.lastIndexOf('SUMMARY');
  const tail = at >= 0 ? output.slice(at - 40) : output.slice(-3000);
  const lines = tail
    .split('\n')
    .map((line) =>
      line
        .replace(/^=+\s*|\s*=+$/g, '')
        .replace(/ in (\d+(?:\.\d+)?)s$/, ', $1 s')
        .trimEnd(),
    )
    .filter((line) => line.trim() !== '');
  return lines.map((line) => `[fuzz] ${line}\n`).join('');
}
