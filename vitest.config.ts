import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file gets its own database; files run in parallel processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Never let a test reach a real outside host: the suite is loopback-only.
    setupFiles: ['test/helpers/no-outside-network.ts'],
  },
});
