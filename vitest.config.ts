import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // two slow cores: keep the suite from oversubscribing them
    maxWorkers: 2,
    pool: 'forks',
  },
});
