/** SQL for the job queue. Claiming uses FOR UPDATE SKIP LOCKED so several processes share it. */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';

export interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export async function insertJob(
  trx: Queryable,
  job: { kind: string; payload: Record<string, unknown>; runAt: Date; uniqueKey: string | null; maxAttempts: number },
): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      run_at: job.runAt,
      unique_key: job.uniqueKey,
      max_attempts: job.maxAttempts,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/** Claims the next due job for `leaseSeconds`, or returns undefined. */
export async function claimJob(db: Queryable, leaseSeconds: number): Promise<JobRow | undefined> {
  const result = await sql<JobRow>`
    UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE status = 'pending' AND run_at <= now() AND (locked_until IS NULL OR locked_until < now())
      ORDER BY run_at, id
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING id, kind, payload, attempts, max_attempts`.execute(db);
  return result.rows[0];
}

export async function finishJob(db: Queryable, id: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: new Date(), locked_until: null, unique_key: null }).where('id', '=', id).execute();
}

/** Schedules a retry with back-off, or marks the job failed after its last attempt. */
export async function failJob(db: Queryable, job: JobRow, error: string, retryAt: Date): Promise<void> {
  const last = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: last ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      run_at: last ? new Date() : retryAt,
      locked_until: null,
      finished_at: last ? new Date() : null,
      unique_key: last ? null : undefined,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Forgets finished jobs (done or failed) older than `before`; pending ones are never touched. */
export async function deleteFinishedJobs(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', before).execute();
}
