/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  ...extra,
});

module.exports = {
  // A Strapi boot takes a few seconds; PostgreSQL databases are created per file.
  testTimeout: 60000,
  projects: [
    project('unit', ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts']),
    project('integration', ['<rootDir>/tests/integration/**/*.test.ts'], {
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    }),
    // `npm run test:faults`: two instances, a Redis the test can cut, imports killed mid-run,
    // concurrent writers; each test counts the bad outcomes and asserts zero.
    project('faults', ['<rootDir>/tests/faults/**/*.test.ts'], {
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    }),
    // Not part of `npm test`: needs the built admin and Debian's chromium (npm run test:e2e).
    project('e2e', ['<rootDir>/tests/e2e/**/*.e2e.test.ts'], {
      globalSetup: '<rootDir>/tests/e2e/global-setup.js',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
    }),
  ],
};
