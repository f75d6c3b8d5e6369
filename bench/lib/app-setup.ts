/**
 * A fresh database for one benchmark leg, loaded through the real CLI (demo space, one
 * participant account) and, for the issue-3 pages, the scale fixture; and a session cookie
 * obtained through the real sign-in form.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/connect.js';
import { loadScale, type ScaleResult } from '../../test/support/scale.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface ScratchDatabase {
  kind: DatabaseKind;
  /** Environment that points the app at it. */
  env: Record<string, string>;
  /** The PostgreSQL database name (to find its backends), or null on PGlite. */
  pgName: string | null;
  drop(): Promise<void>;
}

/** A new empty PGlite data directory, or a new database on the PostgreSQL server at `baseUrl`. */
export async function scratchDatabase(kind: DatabaseKind, baseUrl: string): Promise<ScratchDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'teixit-bench-'));
    return { kind, env: { TEIXIT_DATA_DIR: dir }, pgName: null, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `teixit_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    pgName: name,
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Process ids of the PostgreSQL backends serving database `name`. */
export async function backendPids(baseUrl: string, name: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [name]);
    return result.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL server's version string. */
export async function serverVersion(baseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

/** Runs `teixit <args>`; returns its exit status and output. */
export function teixit(root: string, env: NodeJS.ProcessEnv, args: string[]): { status: number; output: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/teixit.js'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export interface Account {
  email: string;
  password: string;
}

/**
 * Migrates, loads the demo space (`seed --demo`) and creates one participant without a role, so
 * signing in needs no second factor. Returns the account and what was loaded.
 */
export function prepareDatabase(root: string, env: NodeJS.ProcessEnv): { account: Account; demo: boolean } {
  const migrated = teixit(root, env, ['migrate']);
  if (migrated.status !== 0) throw new Error(`teixit migrate failed:\n${migrated.output}`);
  const seeded = teixit(root, env, ['seed', '--demo']);
  if (seeded.status !== 0) console.warn(`  (no demo space: teixit seed --demo said: ${seeded.output.trim().split('\n')[0]})`);
  const account = { email: 'bench.participant@example.org', password: 'bench-participant-password-2026' };
  const created = teixit(root, env, ['user', 'create', '--email', account.email, '--name', 'Participant del banc de proves', '--password', account.password]);
  if (created.status !== 0) throw new Error(`teixit user create failed:\n${created.output}`);
  return { account, demo: seeded.status === 0 };
}

/** Cookies from Set-Cookie lines, merged into `jar` (deleted ones removed). */
function remember(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '' || attributes.some((a) => /max-age=0\b/i.test(a))) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Signs in through the real form: the sign-in page gives the visitor cookie and the CSRF token,
 * the POST gives the session; the page it redirects to is opened once to use up the flash.
 * Returns the Cookie header a signed-in browser sends.
 */
export async function signIn(base: string, account: Account): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/ca/sign-in`, { redirect: 'manual' });
  remember(jar, page);
  const input = /<input[^>]*name="_csrf"[^>]*>/.exec(await page.text())?.[0] ?? '';
  const token = /value="([^"]*)"/.exec(input)?.[1];
  if (!token) throw new Error('the sign-in page has no _csrf field');
  const posted = await fetch(`${base}/ca/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: account.email, password: account.password }).toString(),
  });
  if (posted.status !== 303) throw new Error(`sign-in answered ${posted.status}: ${(await posted.text()).slice(0, 500)}`);
  remember(jar, posted);
  const session = jar.get('teixit_session');
  if (!session) throw new Error('sign-in set no teixit_session cookie');
  const location = posted.headers.get('location');
  if (location) remember(jar, await fetch(new URL(location, base), { redirect: 'manual', headers: { cookie: cookieHeader(jar) } }));
  return `teixit_session=${session}`;
}

/** The first of `paths` a signed-in person gets a 200 for. */
export async function firstSignedInPage(base: string, cookie: string, paths: string[]): Promise<string> {
  for (const candidate of paths) {
    const response = await fetch(`${base}${candidate}`, { redirect: 'manual', headers: { cookie } });
    await response.arrayBuffer();
    if (response.status === 200) return candidate;
  }
  throw new Error(`no signed-in page answered 200 among ${paths.join(', ')}`);
}

/** The account that signs in for the steering group's pages (a member of the grup motor). */
export const STEERING_ACCOUNT: Account = { email: 'bench.steering@example.org', password: 'bench-steering-password-2026' };

/**
 * Adds the scale fixture of the query-count tests (`test/support/scale.ts`: 5,000 organisations,
 * 20,000 people, 50 bodies) to the prepared database, and a second participant (`STEERING_ACCOUNT`,
 * made with the CLI like the first) seated in the steering group, for the follow-up page, which
 * is the steering group's. The first participant stays without a mandate, so the signed-in page
 * of the earlier figures (`/ca/me`) shows what it showed then. Runs with the server stopped:
 * PGlite's data directory takes one process at a time.
 */
export async function loadScaleData(root: string, env: NodeJS.ProcessEnv): Promise<ScaleResult> {
  const created = teixit(root, env, ['user', 'create', '--email', STEERING_ACCOUNT.email, '--name', 'Membre del grup motor del banc de proves', '--password', STEERING_ACCOUNT.password]);
  if (created.status !== 0) throw new Error(`teixit user create failed:\n${created.output}`);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TEIXIT_DATA_DIR ?? './data' });
  try {
    const scale = await loadScale(database.db, { organisations: 5000, people: 20_000, bodies: 50 });
    await sql`
      INSERT INTO mandates (body_id, person_id, organisation_id, college, role, starts_on)
      SELECT b.id, u.id, NULL, 'trajectory', 'member', DATE '2024-03-20'
      FROM bodies b, users u WHERE b.slug = 'grup-motor' AND u.email = ${STEERING_ACCOUNT.email}`.execute(database.db);
    return scale;
  } finally {
    await database.close();
  }
}
