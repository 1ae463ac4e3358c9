import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the sandbox-heavy suites from starving each other.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    // process warnings fail the test file; --expose-gc lets it collect at the end (test/setup/warnings.ts)
    setupFiles: ['test/setup/warnings.ts'],
    execArgv: ['--expose-gc'],
  },
});
