import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { drainJobs, enqueueJob, registerJobHandler } from './index.js';

let t: TestApp;
const ran: string[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  t = await createTestApp();
  registerJobHandler('test.record', async (_services, payload) => {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('temporary failure');
    }
    ran.push(String(payload.name));
  });
});
afterAll(() => t.close());

describe('the job runner', () => {
  it('runs due jobs once, in order, and leaves future ones for later', async () => {
    const { db } = t.services.database;
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, 'test.record', { name: 'first' });
      await enqueueJob(trx, 'test.record', { name: 'second' });
      await enqueueJob(trx, 'test.record', { name: 'tomorrow' }, { runAt: new Date(Date.now() + 86_400_000) });
    });
    expect(await drainJobs(t.services)).toBe(2);
    expect(ran).toEqual(['first', 'second']);
    expect(await drainJobs(t.services)).toBe(0);
  });

  it('keeps at most one pending job per unique key', async () => {
    const { db } = t.services.database;
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, 'test.record', { name: 'reminder' }, { uniqueKey: 'meeting:1:reminder' });
      await enqueueJob(trx, 'test.record', { name: 'reminder again' }, { uniqueKey: 'meeting:1:reminder' });
    });
    ran.length = 0;
    await drainJobs(t.services);
    expect(ran).toEqual(['reminder']);
  });

  it('retries a failing job later and gives up after its last attempt', async () => {
    const { db } = t.services.database;
    failuresLeft = 99;
    await db.transaction().execute((trx) => enqueueJob(trx, 'test.record', { name: 'flaky' }, { maxAttempts: 2 }));
    await drainJobs(t.services);
    let job = await db.selectFrom('jobs').selectAll().where('payload', '=', JSON.stringify({ name: 'flaky' })).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'temporary failure' });
    await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
    await drainJobs(t.services);
    job = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
    failuresLeft = 0;
  });
});
