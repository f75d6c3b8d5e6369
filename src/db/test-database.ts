/**
 * A migrated, private database for one test file, on the engine `TEIXIT_TEST_DB` names:
 * `pglite` (default) or `postgres` (at `TEST_DATABASE_URL`).
 *
 * Why the cloning: a fresh PGlite takes ~5 s to initialise and the migrations more; done per
 * test file that is most of the run. So the schema is migrated once per set of migration files
 * and copied per call — a PGlite data-dir tarball loaded into a new in-memory instance (~1.5 s),
 * or `CREATE DATABASE … TEMPLATE` on a server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPGliteDatabase, createPool, createPostgresDatabase, pgliteParsers } from './connect.js';
import { listMigrations, migrate } from './migrate.js';
import type { Database } from './types.js';

export type TestDatabase = Database & {
  /** Closes the database and deletes it (PostgreSQL) or frees it (PGlite, in memory). */
  drop(): Promise<void>;
};

/** The engine tests run on, from `TEIXIT_TEST_DB`. */
export function testEngine(): 'pglite' | 'postgres' {
  const value = process.env.TEIXIT_TEST_DB ?? 'pglite';
  if (value !== 'pglite' && value !== 'postgres') {
    throw new Error(`TEIXIT_TEST_DB must be 'pglite' or 'postgres', not '${value}'.`);
  }
  return value;
}

/**
 * A migrated database of its own for the caller (one per test file, usually in `beforeAll`;
 * call `drop()` in `afterAll`).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  return testEngine() === 'postgres' ? createPostgresTestDatabase() : createPGliteTestDatabase();
}

/** Identifies the migrated schema: the migration files and the PGlite version that wrote it. */
async function schemaHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of await listMigrations()) hash.update(`${m.id}\0${m.script}\0`);
  hash.update(pgliteVersion());
  return hash.digest('hex').slice(0, 16);
}

function pgliteVersion(): string {
  // The package's exports hide package.json; find it from the entry point instead.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkgPath = path.join(path.dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

// ---- PGlite -------------------------------------------------------------------------------

let snapshot: Promise<Blob> | undefined;

async function createPGliteTestDatabase(): Promise<TestDatabase> {
  const database = createPGliteDatabase(await openTestPGlite());
  // The same object, not a copy: countQueries() knows databases by identity.
  return Object.assign(database, { drop: () => database.close() });
}

/**
 * A bare in-memory PGlite holding the migrated schema, for tests of the dialect itself (wrap it
 * with `createPGliteDatabase(pglite, { diskGuard, acquireTimeoutMs })`).
 */
export async function openTestPGlite(): Promise<PGlite> {
  snapshot ??= loadOrBuildSnapshot();
  try {
    return await PGlite.create({ loadDataDir: await snapshot, parsers: pgliteParsers });
  } catch (error) {
    // A damaged cache file (it is written atomically, but disks fail): rebuild it once.
    snapshot = loadOrBuildSnapshot({ rebuild: true });
    return PGlite.create({ loadDataDir: await snapshot, parsers: pgliteParsers }).catch(() => {
      throw error;
    });
  }
}

/** The migrated data dir as a gzipped tarball, cached in the OS temp dir across runs. */
async function loadOrBuildSnapshot(options: { rebuild?: boolean } = {}): Promise<Blob> {
  const file = path.join(os.tmpdir(), `teixit-test-${await schemaHash()}.tar.gz`);
  if (!options.rebuild) {
    try {
      return new Blob([await readFile(file)]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const pglite = await PGlite.create({ parsers: pgliteParsers });
  const database = createPGliteDatabase(pglite);
  try {
    await migrate(database);
    const dump = await pglite.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Several vitest workers may build it at once: each writes its own temp file and renames
    // it into place, which is atomic, so a reader never sees half a tarball.
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file).catch(async (error: unknown) => {
      await unlink(temp).catch(() => undefined);
      throw error;
    });
    return new Blob([bytes]);
  } finally {
    await database.close();
  }
}

// ---- PostgreSQL ---------------------------------------------------------------------------

/** Any number, the same in every worker: serializes building the template. */
const TEMPLATE_LOCK = 7_463_002;

function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEIXIT_TEST_DB=postgres needs TEST_DATABASE_URL (a server where tests may create databases).');
  return url;
}

function urlForDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let template: Promise<string> | undefined;

/**
 * Makes sure `teixit_tpl_<hash>` exists. Built under a server advisory lock and under another
 * name, renamed when complete: a template that exists is always fully migrated, even if a
 * worker died while building one.
 */
async function ensureTemplate(): Promise<string> {
  const name = `teixit_tpl_${await schemaHash()}`;
  const building = `${name}_building`;
  await withAdminClient(async (admin) => {
    const exists = async (): Promise<boolean> =>
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (await exists()) return;
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      if (await exists()) return; // another worker built it while we waited
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const database = createPostgresDatabase(createPool(urlForDatabase(testServerUrl(), building), 2));
      try {
        await migrate(database);
      } finally {
        await database.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  template ??= ensureTemplate().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  const tpl = await template;
  const name = `teixit_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (admin) => {
    // CREATE DATABASE fails with 55006 while anyone is connected to the template (a worker
    // finishing its build): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  const database = createPostgresDatabase(createPool(urlForDatabase(testServerUrl(), name), 5));
  let dropped = false;
  return Object.assign(database, {
    async drop(): Promise<void> {
      if (dropped) return;
      dropped = true;
      await database.close().catch(() => undefined);
      await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  });
}
