/**
 * Browser journeys (e2e/**\/*.e2e.ts): one file at a time, each starting its own server
 * (e2e/support/server.ts) and driving Debian's Chromium (e2e/support/browser.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    // A server's first start initialises PGlite (up to 90 s): hooks need longer than that.
    hookTimeout: 150_000,
    teardownTimeout: 30_000,
    passWithNoTests: true,
    reporters: ['default', './scripts/vitest-count-reporter.ts'],
  },
});
