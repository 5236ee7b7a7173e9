import eslint from '@eslint/js';
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

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.fabric/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
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
);
