import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // One throw-away PostgreSQL cluster per run, for the store tests.
    globalSetup: ['test/infra/postgres-global-setup.ts'],
  },
});
