/**
 * The PGlite dialect's own rules: one holder of the session at a time, first come first served,
 * and the session always handed on idle. (Cross-engine rules are in concurrency.test.ts.)
 */
import type { PGlite } from '@electric-sql/pglite';
import { isAbortedTransactionError, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../kernel/errors.js';
import { createPGliteDatabase } from './connect.js';
import { openTestPGlite, testEngine } from './test-database.js';
import type { Database } from './types.js';

describe.skipIf(testEngine() !== 'pglite')('the PGlite dialect', () => {
  let pglite: PGlite;
  let database: Database;
  beforeAll(async () => {
    pglite = await openTestPGlite();
    database = createPGliteDatabase(pglite, { acquireTimeoutMs: 500 });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  async function keys(): Promise<string[]> {
    const rows = await database.db.selectFrom('settings').select('key').orderBy('key').execute();
    return rows.map((r) => r.key);
  }

  it('serves queries in the order they were issued', async () => {
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sql<{ i: number }>`SELECT ${i}::int AS i`.execute(database.db).then((r) => order.push(r.rows[0]!.i)),
      ),
    );
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('fails with a clear error, instead of hanging, when a transaction waits on the outer db', async () => {
    let error: unknown;
    await database.db
      .transaction()
      .execute(async () => {
        // The mistake: `database.db` instead of `trx` inside the transaction.
        await database.db.selectFrom('settings').selectAll().execute();
      })
      .catch((e: unknown) => (error = e));
    expect(isAppError(error, 'unavailable')).toBe(true);
    expect(String((error as Error).cause)).toMatch(/used `db` instead of\s+`trx`/);
    expect(await keys()).toEqual([]); // and the session is usable again
  });

  it('rolls back a transaction left open by a raw BEGIN before anyone else gets the session', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await sql`BEGIN`.execute(database.db);
      await database.db.insertInto('settings').values({ key: 'raw:after', value: '1' }).execute();
      await sql`ROLLBACK`.execute(database.db); // would undo the insert if it had joined the BEGIN
      expect(await keys()).toEqual(['raw:after']);
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
      await database.db.deleteFrom('settings').execute();
    }
  });

  it('supports savepoints in controlled transactions', async () => {
    const trx = await database.db.startTransaction().execute();
    await trx.insertInto('settings').values({ key: 'sp:kept', value: '1' }).execute();
    const sp = await trx.savepoint('before_second').execute();
    await sp.insertInto('settings').values({ key: 'sp:undone', value: '1' }).execute();
    await sp.rollbackToSavepoint('before_second').execute();
    await trx.commit().execute();
    expect(await keys()).toEqual(['sp:kept']);
    await database.db.deleteFrom('settings').execute();
  });

  it('reports a COMMIT that PostgreSQL turned into a ROLLBACK', async () => {
    let error: unknown;
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'ab:lost', value: '1' }).execute();
        await sql`SELECT 1/0`.execute(trx).catch(() => undefined); // swallowed: the transaction is aborted
      })
      .catch((e: unknown) => (error = e));
    expect(isAbortedTransactionError(error)).toBe(true);
    expect(await keys()).toEqual([]);
  });

  it('refuses streaming with a clear message', async () => {
    const stream = database.db.selectFrom('settings').selectAll().stream();
    await expect(stream.next()).rejects.toThrow(/not supported by the PGlite dialect/);
  });

  it('lets work in progress finish on close, then refuses new work', async () => {
    const own = createPGliteDatabase(await openTestPGlite());
    const running = own.db.transaction().execute(async (trx) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return trx.selectFrom('settings').selectAll().execute();
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await own.close();
    await expect(running).resolves.toEqual([]);
    await expect(own.db.selectFrom('settings').selectAll().execute()).rejects.toThrow(/destroyed|closed/);
  }, 60_000);
});
