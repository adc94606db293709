import { defineConfig } from 'vitest/config';

// The browser suite: each spec file starts its own server (on a copy of the run's seeded database) and
// its own Chromium; two spec files run at a time, one per core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
