import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layer import bans (gateway/README.md, "Layout"). In flat config the last block that sets a rule
// for a file wins, so the narrower blocks below replace the gateway-wide one for their files.
const FABRIC_CLIENT = {
  group: [
    '@hyperledger/fabric-gateway',
    '@hyperledger/fabric-gateway/*',
    '@hyperledger/fabric-protos',
    '@hyperledger/fabric-protos/*',
    '@grpc/*',
    '@scf/fabric-client',
  ],
  message:
    'Fabric connections live in gateway/src/ledger (opened by server.ts, the composition root); use the Ledger / BlockReader interfaces.',
};
const FASTIFY = {
  group: ['fastify', 'fastify/*', '@fastify/*'],
  message: 'HTTP lives in gateway/src/http (routes, schemas, hooks); below it, use cases take plain values and return plain values.',
};
const TYPEBOX = {
  group: ['typebox', 'typebox/*', '@sinclair/typebox', '@sinclair/typebox/*'],
  message: 'Request and response schemas live in gateway/src/http/schemas.',
};
const NETWORK = {
  group: ['@scf/network', '@scf/network/*'],
  message: 'Route modules never open connections or describe the network: server.ts does, and hands them in.',
};
const FABRIC_ANY = {
  group: [...FABRIC_CLIENT.group, 'fabric-contract-api', 'fabric-contract-api/*', 'fabric-shim', 'fabric-shim/*', 'fabric-shim-api'],
  message:
    'The kernel and the chaincode domain are plain TypeScript: nothing from Fabric (the contracts adapt them to fabric-contract-api).',
};
const banned = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * Node modules that reach the file system, the network, other processes or threads, or the host:
 * chaincode must not (an endorsement may depend only on the proposal and the world state).
 * `crypto` is deliberately absent: SHA-256 (kernel/src/canonical-json.ts) and X.509 parsing
 * (chaincode/src/contracts/caller.ts) are deterministic; its random sources are banned by name below.
 */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'worker_threads',
  'cluster',
  'os',
  'readline',
  'tls',
  'timers',
  'timers/promises',
  'perf_hooks',
  'process',
  'v8',
  'vm',
].flatMap((name) => [name, `node:${name}`]);
const RANDOM_CRYPTO = [
  'randomBytes',
  'randomFill',
  'randomFillSync',
  'randomInt',
  'randomUUID',
  'getRandomValues',
  'webcrypto',
  'generateKeyPair',
  'generateKeyPairSync',
];
const NONDETERMINISTIC =
  'chaincode must be deterministic: time only from the transaction timestamp (ctx.now), no randomness, I/O or host state';

/** Where the determinism rules apply: chaincode and the kernel it shares, not their tests or test fakes. */
const DETERMINISTIC_SOURCES = ['chaincode/src/**/*.ts', 'kernel/src/**/*.ts'];
const DETERMINISTIC_EXCEPT = ['**/*.test.ts', 'chaincode/src/testing/**'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.fabric/**', '.data/**', '.tools/**', 'coverage/**'] },
  eslint.configs.recommended,
  {
    // The type-checked rules need a TypeScript project, so they apply to TypeScript only.
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // --- layer import bans (self-contained; keep these blocks together and in this order) ---
  { files: ['gateway/src/**/*.ts'], rules: banned(FABRIC_CLIENT, FASTIFY, TYPEBOX) },
  // The HTTP folder: Fastify and TypeBox, but no Fabric and no connections of its own. server.ts: the composition root.
  { files: ['gateway/src/http/**/*.ts'], rules: banned(FABRIC_CLIENT, NETWORK) },
  { files: ['gateway/src/server.ts'], rules: banned(FABRIC_CLIENT) },
  // The ledger adapter: Fabric, never HTTP.
  { files: ['gateway/src/ledger/**/*.ts'], rules: banned(FASTIFY, TYPEBOX) },
  {
    // Exceptions that decode Fabric blocks (protobuf), never connect:
    files: [
      'gateway/src/readmodel/decode-block.ts', // decodes a block's envelopes, write sets and events for the read model
      'gateway/src/readmodel/listener.ts', // consumes the block stream (common.Block, CloseableAsyncIterable) that ledger/block-source.ts opens
      'gateway/src/readmodel/checkpointer.ts', // implements fabric-gateway's Checkpointer over the read model's own checkpoint row
      'gateway/src/audit/verify.ts', // re-hashes block headers and data and reads validation codes to verify the chain
      'gateway/src/audit/blocks.ts', // reads block headers (hashes) for the auditor's block explorer
    ],
    rules: banned(FASTIFY, TYPEBOX),
  },
  {
    // Exceptions that validate data with TypeBox (not HTTP):
    files: [
      'gateway/src/config.ts', // validates the environment at boot
      'gateway/src/auth/credentials.ts', // validates the credentials file
      'gateway/src/risk-gate/endorsed-results.ts', // decodes endorsed results strictly against the record schemas
    ],
    rules: banned(FABRIC_CLIENT, FASTIFY),
  },
  // Tests and their fakes build Fabric blocks and Fastify apps.
  { files: ['gateway/src/**/*.test.ts', 'gateway/src/**/testing/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['kernel/**/*.ts', 'chaincode/src/domain/**/*.ts'], rules: banned(FABRIC_ANY) },

  // ---- shape: complexity and file length ---------------------------------------------------
  {
    files: ['**/*.ts'],
    rules: {
      complexity: ['error', 12],
      // A source file past 400 lines (code only) holds more than one thing: split it by responsibility.
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests and test helpers are long tables of cases and scenarios, read one case at a time;
    // splitting them would scatter a feature's cases, so they get a higher cap (still a cap).
    files: ['**/*.test.ts', 'test/**/*.ts', '**/src/testing/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
    },
  },
  // ---- chaincode determinism ---------------------------------------------------------------
  {
    files: DETERMINISTIC_SOURCES,
    ignores: DETERMINISTIC_EXCEPT,
    rules: {
      // process (env, argv, hrtime …) and performance are banned as globals below, whatever the property.
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: NONDETERMINISTIC },
        { object: 'Math', property: 'random', message: NONDETERMINISTIC },
        { object: 'crypto', property: 'randomUUID', message: NONDETERMINISTIC },
        { object: 'crypto', property: 'getRandomValues', message: NONDETERMINISTIC },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: `${NONDETERMINISTIC} (new Date(): parse and format with @scf/kernel/dates)`,
        },
        { selector: "CallExpression[callee.name='Date']", message: `${NONDETERMINISTIC} (Date() reads the clock)` },
        { selector: 'ImportExpression', message: `${NONDETERMINISTIC} (no dynamic import)` },
        { selector: "CallExpression[callee.name='require']", message: `${NONDETERMINISTIC} (no require: import statements only)` },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'performance',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
          'queueMicrotask',
          'fetch',
          'XMLHttpRequest',
          'WebSocket',
          'crypto',
        ].map((name) => ({ name, message: NONDETERMINISTIC })),
      ],
      // The typescript-eslint variant, so that the layer bans (no-restricted-imports) stay separate and both apply.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...IO_MODULES.map((name) => ({ name, message: NONDETERMINISTIC })),
            ...['crypto', 'node:crypto'].map((name) => ({ name, importNames: RANDOM_CRYPTO, message: NONDETERMINISTIC })),
          ],
        },
      ],
    },
  },

  // ---- JavaScript --------------------------------------------------------------------------
  {
    // The dashboard: plain ES modules loaded by the browser, no build step.
    files: ['gateway/dashboard/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    // Caliper workloads and their helpers (CommonJS, run by Caliper's Node workers), and Jest's config.
    files: ['bench/caliper/**/*.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // This file and the generators in scripts/: ES modules run by Node.
    files: ['eslint.config.mjs', 'scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
