import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The lint rules that keep chaincode deterministic, the shape rules and the JavaScript scopes
 * really fire: snippets are linted with the repository's eslint.config.mjs as if they were files
 * at the given paths, so a rule that is misspelt, scoped to the wrong files or switched off fails
 * here instead of passing silently. ESLint loads its config as an ES module, which Jest's module system cannot,
 * so it runs in a child Node process; the type-checked rules are switched off there (the
 * snippets belong to no TypeScript project), the rules under test need no type information.
 */

interface Finding {
  readonly ruleId: string | null;
  readonly message: string;
}

interface Snippet {
  readonly filePath: string;
  readonly code: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');

const LINT_SNIPPETS = `
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
const snippets = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
const findings = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  findings.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(findings));
`;

/** What ESLint reports for each snippet, in one child process for all of them. */
function lint(snippets: readonly Snippet[]): Finding[][] {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SNIPPETS, JSON.stringify(snippets)], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    throw new Error(`eslint failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout) as Finding[][];
}

const DOMAIN = 'chaincode/src/domain/lint-probe.ts';

/** Each banned construct, alone in an otherwise clean chaincode source, and the rule that must catch it. */
const BANNED: readonly (readonly [string, string, string])[] = [
  ['Date.now()', 'export const t = (): number => Date.now();\n', 'no-restricted-properties'],
  ['new Date()', 'export const t = (): Date => new Date();\n', 'no-restricted-syntax'],
  ['new Date(x)', 'export const t = (x: number): string => new Date(x).toISOString();\n', 'no-restricted-syntax'],
  ['Date()', 'export const t = (): string => Date();\n', 'no-restricted-syntax'],
  ['Math.random()', 'export const r = (): number => Math.random();\n', 'no-restricted-properties'],
  ['process.env', "export const e = (): string | undefined => process.env['X'];\n", 'no-restricted-globals'],
  ['process', 'export const a = (): string[] => process.argv;\n', 'no-restricted-globals'],
  ['setTimeout', 'export const s = (f: () => void): void => {\n  setTimeout(f, 1);\n};\n', 'no-restricted-globals'],
  ['setInterval', 'export const s = (f: () => void): void => {\n  setInterval(f, 1);\n};\n', 'no-restricted-globals'],
  ['setImmediate', 'export const s = (f: () => void): void => {\n  setImmediate(f);\n};\n', 'no-restricted-globals'],
  ['queueMicrotask', 'export const s = (f: () => void): void => {\n  queueMicrotask(f);\n};\n', 'no-restricted-globals'],
  ['performance', 'export const p = (): number => performance.now();\n', 'no-restricted-globals'],
  ['fetch', "export const f = (): Promise<unknown> => fetch('http://x');\n", 'no-restricted-globals'],
  ["import 'fs'", "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n", '@typescript-eslint/no-restricted-imports'],
  ["import 'node:fs'", "import fs from 'node:fs';\nexport const f = fs;\n", '@typescript-eslint/no-restricted-imports'],
  [
    "import 'fs/promises'",
    "import { readFile } from 'fs/promises';\nexport const f = readFile;\n",
    '@typescript-eslint/no-restricted-imports',
  ],
  ["import 'node:http'", "import http from 'node:http';\nexport const h = http;\n", '@typescript-eslint/no-restricted-imports'],
  ["import 'child_process'", "import { exec } from 'child_process';\nexport const e = exec;\n", '@typescript-eslint/no-restricted-imports'],
  ["import 'os'", "import { hostname } from 'os';\nexport const h = hostname;\n", '@typescript-eslint/no-restricted-imports'],
  [
    "import 'node:worker_threads'",
    "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\n",
    '@typescript-eslint/no-restricted-imports',
  ],
  [
    'randomUUID from crypto',
    "import { randomUUID } from 'crypto';\nexport const r = randomUUID;\n",
    '@typescript-eslint/no-restricted-imports',
  ],
  [
    'randomBytes from node:crypto',
    "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n",
    '@typescript-eslint/no-restricted-imports',
  ],
  ['dynamic import', "export const m = (): Promise<unknown> => import('./x');\n", 'no-restricted-syntax'],
];

/** Deterministic code the rules must leave alone: hashing with crypto, dates from the transaction timestamp. */
const CLEAN = `import { createHash } from 'crypto';

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const dayOf = (seconds: number): number => Math.floor(seconds / 86_400);
`;

const branchy = (branches: number): string =>
  `export function f(x: number): number {\n${Array.from({ length: branches }, (_, i) => `  if (x === ${i}) {\n    return ${i};\n  }\n`).join('')}  return -1;\n}\n`;

describe('eslint.config.mjs', () => {
  let findings: Finding[][];
  const rulesOf = (i: number): (string | null)[] => (findings[i] ?? []).map((f) => f.ruleId);
  const offset = { banned: 0, clean: BANNED.length };
  const others = [
    { filePath: DOMAIN, code: CLEAN },
    { filePath: 'kernel/src/lint-probe.ts', code: CLEAN },
    { filePath: 'kernel/src/lint-probe.ts', code: BANNED[0]?.[1] ?? '' },
    // Where the clock and I/O are allowed: tests, test fakes, the gateway.
    { filePath: 'chaincode/src/domain/lint-probe.test.ts', code: BANNED[0]?.[1] ?? '' },
    { filePath: 'chaincode/src/testing/lint-probe.ts', code: BANNED[0]?.[1] ?? '' },
    {
      filePath: 'gateway/src/lint-probe.ts',
      code: "import fs from 'node:fs';\nexport const t = (): number => Date.now() + fs.constants.F_OK;\n",
    },
    // Complexity: 12 is allowed, 13 is not, anywhere in the TypeScript sources.
    { filePath: 'gateway/src/lint-probe.ts', code: branchy(11) },
    { filePath: 'gateway/src/lint-probe.ts', code: branchy(12) },
    // JavaScript: the dashboard as browser ES modules, the Caliper workloads as CommonJS on Node.
    {
      filePath: 'gateway/dashboard/views/lint-probe.js',
      code: 'export const f = () => fetch(document.title);\nexport const g = () => noSuchName;\n',
    },
    {
      filePath: 'bench/caliper/workloads/lint-probe.js',
      code: "'use strict';\nconst x = require('x');\nmodule.exports = { x, dir: __dirname, w: window };\n",
    },
  ] as const;

  beforeAll(() => {
    findings = lint([...BANNED.map(([, code]) => ({ filePath: DOMAIN, code })), ...others]);
  }, 60_000);

  it.each(BANNED.map(([name, , rule], i) => [name, rule, i] as const))('bans %s in chaincode sources (%s)', (_name, rule, i) => {
    expect(rulesOf(offset.banned + i)).toEqual([rule]);
  });

  it('leaves deterministic chaincode and kernel code alone (crypto hashing included)', () => {
    expect(findings[offset.clean]).toEqual([]);
    expect(findings[offset.clean + 1]).toEqual([]);
  });

  it('applies the same bans to the kernel', () => {
    expect(rulesOf(offset.clean + 2)).toEqual(['no-restricted-properties']);
  });

  it('allows the clock and I/O in tests, test fakes and the gateway', () => {
    expect(findings[offset.clean + 3]).toEqual([]);
    expect(findings[offset.clean + 4]).toEqual([]);
    expect(findings[offset.clean + 5]).toEqual([]);
  });

  it('lints the dashboard as browser modules and the Caliper workloads as CommonJS, with the recommended rules', () => {
    expect(findings[offset.clean + 8]).toEqual([{ ruleId: 'no-undef', message: "'noSuchName' is not defined." }]);
    expect(findings[offset.clean + 9]).toEqual([{ ruleId: 'no-undef', message: "'window' is not defined." }]);
  });

  it('caps cyclomatic complexity at 12', () => {
    expect(findings[offset.clean + 6]).toEqual([]);
    expect(rulesOf(offset.clean + 7)).toEqual(['complexity']);
  });
});
