/**
 * Housekeeping every process does now and then: forget old rate-limit windows and finished jobs,
 * so these bookkeeping tables stay small (audit entries, mail and sessions are records: kept),
 * and, on the embedded database, refresh the planner's statistics.
 */
import { sql } from 'kysely';
import { deleteFinishedJobs } from './jobs/store.js';
import { pruneRateLimits } from './rate-limit/index.js';
import type { Services } from './services.js';

const FINISHED_JOBS_KEPT_DAYS = 30;

/** One round of housekeeping. */
export async function tidyUp(services: Services, now = Date.now()): Promise<void> {
  const { db } = services.database;
  await pruneRateLimits(db, now);
  await deleteFinishedJobs(db, new Date(now - FINISHED_JOBS_KEPT_DAYS * 24 * 3600 * 1000));
  // PGlite runs no autovacuum, so it never gathers statistics by itself: without them a
  // filtered directory query on thousands of organisations is planned several times slower.
  if (services.database.kind === 'pglite') await sql`ANALYZE`.execute(db);
}

/** Runs `tidyUp` once an hour (and soon after start); returns the stop function. */
export function startHousekeeping(services: Services, everyMs = 3_600_000): () => void {
  const run = () => {
    tidyUp(services).catch((error: unknown) => services.logger.warn({ err: error }, 'housekeeping failed'));
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
