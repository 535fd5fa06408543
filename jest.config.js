/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];

module.exports = {
  // A Strapi boot takes a few seconds; PostgreSQL databases are created per file.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/tests/e2e/global-setup.js',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
    },
  ],
};
