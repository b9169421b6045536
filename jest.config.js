// Two projects: `unit` (no infrastructure, seconds) and `integration` (the real substrate:
// PostgreSQL, Kafka, the Dapr Scheduler and real daprd sidecars, provisioned once by
// globalSetup). TypeScript is compiled by SWC; `npm run typecheck` checks the types.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
  // ESM-only packages, compiled to CommonJS for Jest (Node 20's require(esm) is not Jest's).
  '/node_modules/fractional-indexing/.+\\.js$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const transformIgnorePatterns = ['/node_modules/(?!fractional-indexing/)'];
const roots = ['<rootDir>/apps', '<rootDir>/packages', '<rootDir>/services', '<rootDir>/tests', '<rootDir>/scripts'];
const ignore = ['/node_modules/', '/generated/'];
// Prisma's generated TypeScript imports its siblings as `./x.js`.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      roots,
      transform,
      transformIgnorePatterns,
      testPathIgnorePatterns: ignore,
      moduleNameMapper,
      testMatch: ['**/*.test.ts', '!**/*.int.test.ts'],
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      roots,
      transform,
      transformIgnorePatterns,
      testPathIgnorePatterns: ignore,
      moduleNameMapper,
      testMatch: ['**/*.int.test.ts'],
      testEnvironment: 'node',
      globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/packages/testing/src/jest-setup.ts'],
      slowTestThreshold: 60,
    },
  ],
};
