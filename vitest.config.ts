/**
 * Unit and integration tests (run by scripts/test.js, twice when TEST_DATABASE_URL is set:
 * TEIXIT_TEST_DB=pglite, then TEIXIT_TEST_DB=postgres). Browser journeys: vitest.e2e.config.ts.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A filter (`npm test -- src/foo`) may match nothing in one leg; that is not a failure.
    passWithNoTests: true,
    reporters: ['default', './scripts/vitest-count-reporter.ts'],
  },
});
