/**
 * On a full disk the embedded database refuses writes at once with `disk_full` (PGlite itself
 * would spin forever) and keeps answering reads.
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../kernel/errors.js';
import { createPGliteDatabase } from './connect.js';
import { createDiskGuard, mayWrite, type StatFs } from './disk-guard.js';
import { openTestPGlite, testEngine } from './test-database.js';
import type { Database } from './types.js';

describe('which statements may write', () => {
  it.each([
    'select * from "users" where "id" = $1',
    '  SELECT 1',
    '/* a comment */ select "updated_at", "created_at" from "jobs"',
    '-- leading comment\nselect 1',
    "select * from audit_log where action = 'delete' and note = 'insert into x'",
    'with recent as (select * from jobs) select * from recent',
    'show server_version',
    'begin',
    'start transaction isolation level serializable',
    'commit',
    'rollback',
    'rollback to savepoint "sp1"',
    'savepoint "sp1"',
    'release savepoint "sp1"',
    "set local statement_timeout = '5s'",
    'values (1), (2)',
    '',
  ])('%j does not', (text) => {
    expect(mayWrite(text)).toBe(false);
  });

  it.each([
    'insert into "users" ("name") values ($1)',
    'update "jobs" set "status" = $1',
    'delete from "sessions"',
    'merge into t using s on true when matched then do nothing',
    'with moved as (delete from jobs returning *) select * from moved',
    'select * from jobs for update skip locked',
    'select * from jobs for no key update',
    'select * from jobs for share',
    'select * into new_table from jobs',
    "select nextval('seq')",
    'explain analyze delete from jobs',
    'create table x (y int)',
    'alter table x add column z int',
    'drop table x',
    'truncate jobs',
    'copy jobs from stdin',
    'vacuum',
    'notify channel',
    'do $$ begin perform 1; end $$',
    'call proc()',
    'select 1; insert into t values (1)',
    'begin; insert into t values (1); commit',
    'refresh materialized view v',
    'something we do not know',
  ])('%j may', (text) => {
    expect(mayWrite(text)).toBe(true);
  });
});

describe('the free-space check', () => {
  it('reads free space at most once per second and refuses below the minimum', () => {
    let free = 10_000;
    let calls = 0;
    let clock = 0;
    const statfs: StatFs = () => {
      calls++;
      return { bavail: free / 100, bsize: 100 };
    };
    const guard = createDiskGuard({ dir: '/data', minFreeBytes: 5_000, statfs, now: () => clock });
    guard.assertWritable();
    guard.assertWritable();
    expect(calls).toBe(1);

    free = 1_000;
    clock += 999;
    guard.assertWritable(); // still the cached reading
    clock += 1;
    let error: unknown;
    try {
      guard.assertWritable();
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'disk_full')).toBe(true);
    expect(calls).toBe(2);

    free = 1_000_000; // space freed: writes resume after the cache expires
    clock += 1_000;
    guard.assertWritable();
  });

  it('accepts bigint readings (statfsSync with { bigint: true })', () => {
    const guard = createDiskGuard({ dir: '/', minFreeBytes: 1, statfs: () => ({ bavail: 0n, bsize: 4096n }) });
    expect(() => guard.assertWritable()).toThrow(expect.objectContaining({ code: 'disk_full' }));
  });
});

describe.skipIf(testEngine() !== 'pglite')('the PGlite dialect on a full disk', () => {
  let pglite: PGlite;
  let database: Database;
  let full = false;
  beforeAll(async () => {
    pglite = await openTestPGlite();
    const diskGuard = createDiskGuard({
      dir: '/data',
      minFreeBytes: 64 * 1024 * 1024,
      cacheMs: 0,
      statfs: () => ({ bavail: full ? 10 : 1_000_000, bsize: 4096 }),
    });
    database = createPGliteDatabase(pglite, { diskGuard });
    await database.db.insertInto('settings').values({ key: 'before', value: '1' }).execute();
    full = true;
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  async function failureOf(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const start = performance.now();
    try {
      await work();
    } catch (error) {
      return { error, ms: performance.now() - start };
    }
    throw new Error('expected the write to be refused');
  }

  it('refuses an INSERT quickly with disk_full, and a SELECT still works', async () => {
    const { db } = database;
    const { error, ms } = await failureOf(() => db.insertInto('settings').values({ key: 'after', value: '2' }).execute());
    expect(isAppError(error, 'disk_full')).toBe(true);
    expect(ms).toBeLessThan(1_000);
    const rows = await db.selectFrom('settings').select('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['before']);
  });

  it('rolls a transaction back when its write is refused, so nothing of it is written', async () => {
    const { db } = database;
    const { error } = await failureOf(() =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('settings').selectAll().execute();
        await trx.updateTable('settings').set({ value: '3' }).where('key', '=', 'before').execute();
      }),
    );
    expect(isAppError(error, 'disk_full')).toBe(true);
    const { rows } = await sql<{ value: unknown }>`SELECT value FROM settings`.execute(db);
    expect(rows).toEqual([{ value: 1 }]);
  });

  it('refuses scripts and raw writes too', async () => {
    const { error } = await failureOf(() => database.exec('CREATE TABLE t (x int)'));
    expect(isAppError(error, 'disk_full')).toBe(true);
    const raw = await failureOf(() => sql`SELECT * FROM jobs FOR UPDATE`.execute(database.db));
    expect(isAppError(raw.error, 'disk_full')).toBe(true);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_tables WHERE tablename = 't'`.execute(database.db);
    expect(rows[0]!.n).toBe(0);
  });
});
