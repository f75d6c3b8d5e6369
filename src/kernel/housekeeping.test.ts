import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { tidyUp } from './housekeeping.js';
import { drainJobs, enqueueJob, registerJobHandler } from './jobs/index.js';
import { hitRateLimits } from './rate-limit/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  registerJobHandler('test.noop', async () => undefined);
});
afterAll(() => t.close());

describe('housekeeping', () => {
  it('forgets day-old rate-limit windows and month-old finished jobs, and keeps the rest', async () => {
    const { db } = t.services.database;
    const now = Date.now();
    await hitRateLimits(db, [{ key: 'test:old', max: 5, windowSeconds: 60 }], now - 2 * 86_400_000);
    await hitRateLimits(db, [{ key: 'test:recent', max: 5, windowSeconds: 60 }], now);
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, 'test.noop', { n: 1 });
      await enqueueJob(trx, 'test.noop', { n: 2 }, { runAt: new Date(now + 86_400_000) });
    });
    await drainJobs(t.services);
    await tidyUp(t.services, now + 31 * 86_400_000);
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual([]);
    const jobs = await db.selectFrom('jobs').select(['status', 'payload']).where('kind', '=', 'test.noop').execute();
    expect(jobs).toEqual([{ status: 'pending', payload: { n: 2 } }]);
    await hitRateLimits(db, [{ key: 'test:recent', max: 5, windowSeconds: 60 }], now);
    await tidyUp(t.services, now);
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['test:recent']);
  });

  it('gathers the planner statistics on the embedded database, which has no autovacuum to do it', async () => {
    const { db } = t.services.database;
    const lastAnalysed = async () =>
      (await sql<{ at: Date | null }>`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'organisations'`.execute(db)).rows[0]?.at ?? null;
    const before = await lastAnalysed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tidyUp(t.services);
    const after = await lastAnalysed();
    if (t.services.database.kind === 'pglite') {
      expect(after).not.toBeNull();
      expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    } else {
      // A server's autovacuum analyses on its own schedule; housekeeping leaves it to it.
      expect(after).toEqual(before);
    }
  });
});
