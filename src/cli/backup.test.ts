/**
 * `teixit backup` / `teixit restore`: a consistent copy of the whole database that restores into
 * an empty one — embedded or server, and from one kind to the other — with every row, id,
 * sequence and the audit chain intact; and clear refusals that change nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createPGliteDatabase, createPool, createPostgresDatabase, pgliteParsers } from '../db/connect.js';
import { listMigrations } from '../db/migrate.js';
import { createTestDatabase, testEngine } from '../db/test-database.js';
import type { Database } from '../db/types.js';
import { verifyAuditChain } from '../kernel/audit/index.js';
import { seedDemo } from '../seed/demo.js';
import { backupDatabase } from './backup.js';
import type { CliOutput } from './io.js';
import { restoreDatabase } from './restore.js';
import { createTokenFromCli } from './tokens.js';

function buffer(): CliOutput & { text(): string; errors(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), text: () => out.join('\n'), errors: () => err.join('\n') };
}

/** A database with no tables at all, of the given kind, and how to get rid of it. */
async function emptyDatabase(kind: 'pglite' | 'postgres'): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = createPGliteDatabase(await PGlite.create({ parsers: pgliteParsers }));
    return { database, drop: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `teixit_restore_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = createPostgresDatabase(createPool(url.toString(), 2));
  return {
    database,
    async drop() {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The backup's lines after its header (which holds the time and the engine). */
async function contentOf(file: string): Promise<string[]> {
  return gunzipSync(await readFile(file)).toString('utf8').trim().split('\n').slice(1);
}

const tableNames = async (database: Database) =>
  (await database.db.selectFrom('pg_tables' as never).select('tablename' as never).where('schemaname' as never, '=', 'public' as never).execute()).length;

describe('teixit backup and restore', () => {
  let app: TestApp;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'teixit-backup-'));
    file = path.join(dir, 'teixit.backup.gz');
    app = await createTestApp();
    await seedDemo(app.services);
    await createTokenFromCli(app.services, { email: 'jordi.casals@demo.teixit.cat' }, buffer());
    const io = buffer();
    expect(await backupDatabase(app.services.database, file, io)).toBe(0);
    expect(io.text()).toMatch(/^Backed up \d+ rows of \d+ tables/);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into an empty database of each kind, and back, with the same rows, ids, sequences and audit chain', async () => {
    // On the PostgreSQL leg the copy goes server → embedded → server; on the PGlite leg, embedded → embedded.
    const kinds: Array<'pglite' | 'postgres'> = testEngine() === 'postgres' ? ['pglite', 'postgres'] : ['pglite'];
    const original = await contentOf(file);
    let from = file;
    for (const [step, kind] of kinds.entries()) {
      const target = await emptyDatabase(kind);
      try {
        const io = buffer();
        expect(await restoreDatabase(target.database, from, io), io.errors()).toBe(0);
        expect(io.text()).toContain(`into the ${kind} database`);
        expect(await verifyAuditChain(target.database.db)).toMatchObject({ ok: true });
        const next = path.join(dir, `copy-${step}.gz`);
        expect(await backupDatabase(target.database, next, buffer())).toBe(0);
        expect(await contentOf(next)).toEqual(original);
        // Sequences stand where they stood: a new row takes the next id, not one already used.
        const maxId = await target.database.db.selectFrom('users').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
        const added = await target.database.db
          .insertInto('users').values({ email: `new${step}@example.org`, name: 'Nova', password_hash: null, roles: [] }).returning('id').executeTakeFirstOrThrow();
        expect(Number(added.id)).toBe(Number(maxId.id) + 1);
        from = next;
      } finally {
        await target.drop();
      }
    }
  }, 300_000);

  it('restores into a migrated database that has no rows yet', async () => {
    const target = await createTestDatabase();
    try {
      const io = buffer();
      expect(await restoreDatabase(target, file, io), io.errors()).toBe(0);
      const organisations = await target.db.selectFrom('organisations').select('id').execute();
      expect(organisations).toHaveLength(33);
    } finally {
      await target.drop();
    }
  }, 120_000);

  it('refuses a database that is not empty, changing nothing', async () => {
    const before = await contentOf(file);
    const io = buffer();
    expect(await restoreDatabase(app.services.database, file, io)).toBe(1);
    expect(io.errors()).toMatch(/^The database is not empty: it has data \(in .*\)\. A backup is restored only into an empty database/);
    expect(io.errors()).toMatch(/Nothing was restored\.$/);
    const again = path.join(dir, 'unchanged.gz');
    expect(await backupDatabase(app.services.database, again, buffer())).toBe(0);
    expect(await contentOf(again)).toEqual(before);
  }, 60_000);

  describe('into a new, empty database', () => {
    let target: { database: Database; drop(): Promise<void> };
    beforeAll(async () => {
      target = await emptyDatabase(testEngine());
    });
    afterAll(async () => {
      await target?.drop();
    });

    it('refuses a missing file, a file that is not a backup, and a damaged or cut-short one, leaving the database empty', async () => {
      const lines = gunzipSync(await readFile(file)).toString('utf8').split('\n');
      const cases: Array<[string, Buffer | null, RegExp]> = [
        ['missing.gz', null, /^There is no file .*missing\.gz: nothing was restored\.$/],
        ['plain.txt', Buffer.from('not a backup at all'), /plain\.txt is not a Teixit backup, or it is damaged \(it does not unzip/],
        ['other.gz', gzipSync('{"hello":"world"}\n'), /other\.gz is not a Teixit backup \(made by "teixit backup"\)/],
        ['short.gz', gzipSync(lines.slice(0, 40).join('\n')), /short\.gz is incomplete/],
        ['truncated.gz', (await readFile(file)).subarray(0, 1500), /truncated\.gz is not a Teixit backup, or it is damaged/],
        ['edited.gz', gzipSync(lines.map((l, i) => (i === 3 ? 'garbage' : l)).join('\n')), /edited\.gz is damaged: line 4/],
      ];
      for (const [name, bytes, message] of cases) {
        const source = path.join(dir, name);
        if (bytes) writeFileSync(source, bytes);
        const io = buffer();
        expect(await restoreDatabase(target.database, source, io), name).toBe(1);
        expect(io.errors()).toMatch(message);
        expect(await tableNames(target.database), name).toBe(0);
      }
    }, 60_000);

    it('restores a backup made before a newer migration, then applies that migration', async () => {
      // The backup as a Teixit from before migration 0002 would have made it: no directory tables.
      const [head = '', ...rest] = gunzipSync(await readFile(file)).toString('utf8').trim().split('\n');
      const sections: Array<{ meta: Record<string, unknown>; rows: string[] }> = [];
      for (let i = 0; i < rest.length; i++) {
        const meta = JSON.parse(rest[i] ?? '') as Record<string, unknown>;
        const count = typeof meta.table === 'string' ? Number(meta.rows) : 0;
        sections.push({ meta, rows: rest.slice(i + 1, i + 1 + count) });
        i += count;
      }
      // The tables of migration 0001 (and the migrations' own bookkeeping); every later one goes.
      const foundation = new Set(['schema_migrations', 'users', 'sessions', 'api_tokens', 'one_time_tokens', 'recovery_codes', 'audit_log', 'outbox', 'jobs', 'rate_limits', 'settings', 'cache_generations']);
      const kept = sections
        .filter((s) => s.meta.end === undefined && (s.meta.table === undefined || foundation.has(String(s.meta.table))))
        .map((s) => {
          if (s.meta.table === 'schema_migrations') return { meta: { ...s.meta, rows: 1 }, rows: s.rows.filter((r) => r.includes('0001_foundation')) };
          if (Array.isArray(s.meta.sequences)) {
            const sequences = (s.meta.sequences as Array<{ name: string }>).filter((q) => [...foundation].some((table) => q.name.startsWith(`${table}_`)));
            return { meta: { sequences }, rows: [] };
          }
          return s;
        });
      const tables = kept.filter((s) => s.meta.table !== undefined);
      const older = [
        JSON.stringify({ ...(JSON.parse(head) as object), migrations: ['0001_foundation'] }),
        ...kept.flatMap((s) => [JSON.stringify(s.meta), ...s.rows]),
        JSON.stringify({ end: 'teixit-backup', tables: tables.length, rows: tables.reduce((n, s) => n + s.rows.length, 0) }),
      ];
      const olderFile = path.join(dir, 'older.gz');
      writeFileSync(olderFile, gzipSync(`${older.join('\n')}\n`));
      const io = buffer();
      expect(await restoreDatabase(target.database, olderFile, io), io.errors()).toBe(0);
      const later = (await listMigrations()).slice(1).map((m) => m.id);
      expect(io.text()).toContain(`Then applied ${later.length} newer migration(s): ${later.join(', ')}.`);
      // Migration 0003 writes the plenary and the steering group itself.
      expect(await target.database.db.selectFrom('bodies').select('slug').orderBy('id').execute()).toEqual([{ slug: 'ambit-participat' }, { slug: 'grup-motor' }]);
      expect(await target.database.db.selectFrom('organisations').select('id').execute()).toHaveLength(0);
      // Every account of the demo the backup was made from: the people are in migration 0001's table.
      const demoPeople = await app.services.database.db.selectFrom('users').select('id').execute();
      expect(await target.database.db.selectFrom('users').select('id').execute()).toHaveLength(demoPeople.length);
    }, 60_000);
  });
});
