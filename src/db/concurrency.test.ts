/**
 * Rules about concurrent work on one database, on the engine TEIXIT_TEST_DB names. On PGlite,
 * one session, they hold only because the dialect serializes connections and transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function settingKeys(prefix: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('settings')
    .select('key')
    .where('key', 'like', `${prefix}%`)
    .orderBy('key')
    .execute();
  return rows.map((r) => r.key);
}

describe('concurrent requests cannot lose each other\'s writes', () => {
  it('50 read-modify-write transactions, plain queries and a failing transaction all interleaved', async () => {
    const { db } = database;
    await db.insertInto('cache_generations').values({ tag: 'counter', generation: 0 }).execute();

    const increments = Array.from({ length: 50 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('cache_generations')
          .select('generation')
          .where('tag', '=', 'counter')
          .forUpdate()
          .executeTakeFirstOrThrow();
        await tick(); // give every other request a chance to run in between
        await trx
          .updateTable('cache_generations')
          .set({ generation: row.generation + 1 })
          .where('tag', '=', 'counter')
          .execute();
        await trx
          .insertInto('settings')
          .values({ key: `w:${String(i).padStart(2, '0')}`, value: JSON.stringify({ i }) })
          .execute();
      }),
    );
    const reads = Array.from({ length: 50 }, () =>
      db.selectFrom('settings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    );
    const doomed = db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'w:doomed', value: '{}' }).execute();
      await trx
        .updateTable('cache_generations')
        .set((eb) => ({ generation: eb('generation', '+', 1000) }))
        .where('tag', '=', 'counter')
        .execute();
      await tick();
      throw new Error('this request fails');
    });

    const [done, readResults, failed] = await Promise.all([
      Promise.allSettled(increments),
      Promise.all(reads),
      doomed.then(
        () => 'committed',
        (error: Error) => error.message,
      ),
    ]);

    expect(done.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(failed).toBe('this request fails');
    for (const r of readResults) expect(typeof r.n).toBe('number');
    const counter = await db
      .selectFrom('cache_generations')
      .select('generation')
      .where('tag', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(counter.generation).toBe(50);
    const keys = await settingKeys('w:');
    expect(keys).not.toContain('w:doomed');
    expect(keys).toEqual(Array.from({ length: 50 }, (_, i) => `w:${String(i).padStart(2, '0')}`));
  }, 60_000);

  it('a query issued outside a transaction is not rolled back with it, nor sees its rows', async () => {
    const { db } = database;
    let insideDone!: () => void;
    const inside = new Promise<void>((resolve) => (insideDone = resolve));
    let letItFail!: () => void;
    const gate = new Promise<void>((resolve) => (letItFail = resolve));

    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'o:inside', value: '{}' }).execute();
      insideDone();
      await gate;
      throw new Error('rolled back');
    });
    await inside; // the transaction is open and has written

    const outsideWrite = db.insertInto('settings').values({ key: 'o:outside', value: '{}' }).execute();
    const outsideRead = settingKeys('o:');
    await tick();
    letItFail();

    await expect(tx).rejects.toThrow('rolled back');
    await outsideWrite;
    expect(await outsideRead).not.toContain('o:inside');
    expect(await settingKeys('o:')).toEqual(['o:outside']);
  }, 30_000);

  it('a failed statement inside a transaction rolls the whole transaction back', async () => {
    const { db } = database;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'f:first', value: '{}' }).execute();
        await trx.insertInto('settings').values({ key: 'f:first', value: '{}' }).execute(); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await settingKeys('f:')).toEqual([]);
    // and the database is usable afterwards, outside any transaction
    await db.insertInto('settings').values({ key: 'f:after', value: '{}' }).execute();
    expect(await settingKeys('f:')).toEqual(['f:after']);
  }, 30_000);
});
