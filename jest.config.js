// One jest run for the whole workspace. Unit specs sit beside the code (src/**/*.test.ts) and need no
// servers; integration and end-to-end tests (test/**/*.test.ts) use the real servers that
// test/support/global-setup.ts finds or starts.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const moduleNameMapper = {
  '^@prizedraw/([^/]+)$': ['<rootDir>/libs/$1/src', '<rootDir>/services/$1/src'],
};
const common = { transform, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };

/** @type {import('jest').Config} */
module.exports = {
  // Three: most integration files spend their time waiting on servers (broker restarts, outages), so a
  // third worker shortens the run on two cores. A fourth (one CI run, 2026-12-06) ran jest in 635 s, where three
  // took 693 s the day before and 533 s an hour later: no gain that the scatter shows. The CPU was busy all the
  // time, and the longest files ran near their tests' 240 s timeouts (chaos.test.ts 276 s, against 162–188 s).
  maxWorkers: 3,
  // One temporary folder for the whole run, deleted when it ends (test/support/temp-root-setup.ts).
  globalSetup: '<rootDir>/test/support/temp-root-setup.ts',
  globalTeardown: '<rootDir>/test/support/temp-root-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services}/*/src/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
