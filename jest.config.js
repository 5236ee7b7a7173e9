/** Three projects: fast unit tests beside the code; integration and reliability tests on the real network. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];
/**
 * Packages that ship only ES modules (typebox 1.x; cookie 2, which fastify's inject uses;
 * content-disposition 1, which @fastify/swagger-ui's static files use).
 * Node 20 can require() them, Jest on Node 20 cannot, so Jest compiles them to CommonJS.
 */
const esmOnlyPackages = ['typebox', 'cookie', 'content-disposition'];
const esmToCommonJs = [
  'ts-jest',
  { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2021', isolatedModules: true }, diagnostics: false },
];
const transform = {
  '^.+\\.ts$': tsJest,
  [`/node_modules/(${esmOnlyPackages.join('|')})/.+\\.m?js$`]: esmToCommonJs,
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`];
const moduleFileExtensions = ['ts', 'js', 'mjs', 'cjs', 'json', 'node'];
/** Tests compile the workspaces' sources directly, so they never run against a stale dist/. */
const moduleNameMapper = {
  '^@scf/network$': '<rootDir>/network/src/index.ts',
  '^@scf/fabric-client$': '<rootDir>/fabric-client/src/index.ts',
  '^@scf/kernel/(.*)$': '<rootDir>/kernel/src/$1',
  '^@scf/gateway/demo/(.*)$': '<rootDir>/gateway/src/demo/$1',
};

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests wait on real endorsement, ordering and commit.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      // Only the sources: never the data folder (Raft's .snap files are not Jest snapshots) or node_modules.
      roots: [
        '<rootDir>/kernel/src',
        '<rootDir>/fabric-client/src',
        '<rootDir>/chaincode/src',
        '<rootDir>/network/src',
        '<rootDir>/gateway/src',
        '<rootDir>/test',
      ],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper,
      testMatch: [
        '<rootDir>/kernel/src/**/*.test.ts',
        '<rootDir>/fabric-client/src/**/*.test.ts',
        '<rootDir>/chaincode/src/**/*.test.ts',
        '<rootDir>/network/src/**/*.test.ts',
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/test/unit/**/*.test.ts',
      ],
      setupFiles: ['<rootDir>/test/harness/unit-env.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
    {
      // Faults (kill -9 of orderers, peers, the gateway), authorization, rate limits: test/reliability/README.md.
      displayName: 'reliability',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
    {
      // Forgeries by rogue endorsers (issue 14): run last, after the integration and reliability suites,
      // because the forgeries the owners endorse commit for real (that is what proves the test can fail)
      // and leave records no honest chaincode writes on the shared ledger.
      displayName: 'attacks',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/attacks/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
    {
      // The runtime-proving integration tests again, on the container runtime (own ports and data folder).
      displayName: 'containers',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/containers/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/containers/container-env.ts'],
      globalSetup: '<rootDir>/test/containers/global-setup.ts',
      globalTeardown: '<rootDir>/test/containers/global-teardown.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
  ],
};
