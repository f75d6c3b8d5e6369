/**
 * A small job runner backed by the database: work that must not be lost or done inside a
 * request (mail delivery, reminders). Jobs are enqueued inside a command's transaction, so they
 * exist exactly when the change they follow was committed.
 */
import type { Queryable } from '../../db/types.js';
import type { Services } from '../services.js';
import { claimJob, failJob, finishJob, insertJob } from './store.js';

export type JobHandler = (services: Services, payload: Record<string, unknown>) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler for a kind of job (once per kind, at module load). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job with this key exists (e.g. one reminder per meeting). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Enqueues a job inside the caller's transaction. */
export async function enqueueJob(trx: Queryable, kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await insertJob(trx, {
    kind,
    payload,
    runAt: options.runAt ?? new Date(),
    uniqueKey: options.uniqueKey ?? null,
    maxAttempts: options.maxAttempts ?? 5,
  });
}

/** Enqueues a run of a periodic job (reminders) now, unless one is already pending. */
export async function enqueuePeriodicRun(db: Queryable, kind: string): Promise<void> {
  await enqueueJob(db, kind, {}, { uniqueKey: kind, maxAttempts: 3 });
}

/**
 * Enqueues runs of a periodic job from this process, `firstAfterMs` after start and then every
 * `everyMs` (one pending at most, however many processes do it). Does nothing when background
 * jobs are off here (another process runs them). Returns the stop function.
 * @example start: (services) => startPeriodicJob(services, 'meetings.notice_reminders', { firstAfterMs: 60_000, everyMs: 3_600_000 })
 */
export function startPeriodicJob(services: Services, kind: string, timing: { firstAfterMs: number; everyMs: number }): () => void {
  if (!services.config.jobs) return () => undefined;
  const schedule = () => {
    enqueuePeriodicRun(services.database.db, kind).catch((error: unknown) => services.logger.warn({ err: error, kind }, 'could not schedule a periodic job'));
  };
  const first = setTimeout(schedule, timing.firstAfterMs);
  const timer = setInterval(schedule, timing.everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** Runs one due job if there is one; true when it ran one. */
export async function runOneJob(services: Services): Promise<boolean> {
  const { db } = services.database;
  const job = await claimJob(db, 300);
  if (!job) return false;
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
    await handler(services, job.payload);
    await finishJob(db, job.id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    services.logger.warn({ job: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
    const backoffSeconds = Math.min(3600, 15 * 2 ** (job.attempts - 1));
    await failJob(db, job, message, new Date(Date.now() + backoffSeconds * 1000));
  }
  return true;
}

/** Runs due jobs until none is left (tests, and the CLI). Returns how many ran. */
export async function drainJobs(services: Services, max = 1000): Promise<number> {
  let count = 0;
  while (count < max && (await runOneJob(services))) count += 1;
  return count;
}

/** Polls for due jobs every `intervalMs` until the returned stop function is called. */
export function startJobRunner(services: Services, intervalMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    try {
      while (!stopped && (await runOneJob(services))) {
        /* keep going while there is work */
      }
    } catch (error) {
      services.logger.error({ err: error }, 'job runner tick failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
