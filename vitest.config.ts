import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // One migrated database per run; each file's database is a copy of it (test-db.setup.ts).
    globalSetup: ['src/server/testing/test-db.setup.ts'],
    // The files of a worker share its loaded modules: importing the app took three to four seconds
    // of each file's time. What a file pins globally is put back by each-file.setup.ts.
    isolate: false,
    setupFiles: ['src/server/testing/each-file.setup.ts'],
    // Each test file opens its own database, so files run in parallel on the two cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
