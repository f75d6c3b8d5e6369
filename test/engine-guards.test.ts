/**
 * The embedded engine's limits, guarded, as a person running the server meets them: a second
 * process on the same data directory stops at once with a message that says what to do, and
 * on a nearly full disk a write is refused with a clear, localized 507 instead of hanging the
 * process — which keeps answering, and writes again once there is room. (Always PGlite: these
 * guards exist for the embedded engine; a PostgreSQL server locks and answers `53100` itself.)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type TestServer } from '../e2e/support/server.js';
import { loadConfig } from '../src/config.js';
import { createPGliteDatabase } from '../src/db/connect.js';
import { LOCK_FILE } from '../src/db/data-dir.js';
import { createDiskGuard } from '../src/db/disk-guard.js';
import { openTestPGlite } from '../src/db/test-database.js';
import type { Database } from '../src/db/types.js';
import { buildTeixit } from '../src/server.js';
import { servicesFor } from '../src/services.js';
import { Agent, TEST_PASSWORD } from './support/app.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { insertUser } from '../src/modules/identity/store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `node bin/teixit.js <args>` to its end; resolves with its exit code and output. */
function runTeixit(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/teixit.js', ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a second process on the same embedded database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { TEIXIT_DEMO: 'off', TEIXIT_JOBS: 'off', LOG_LEVEL: 'warn' } });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('stops at once with a message naming the running process and what to do, and the first keeps serving', async () => {
    const holder = readFileSync(path.join(server.dataDir, LOCK_FILE), 'utf8').split('\n')[0];
    const second = await runTeixit(['serve'], { TEIXIT_DATA_DIR: server.dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', TEIXIT_DEMO: 'off' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`The data directory ${server.dataDir} is locked: another Teixit process (pid ${holder}) is using it.`);
    expect(second.stderr).toContain('Stop the other process, or, to run several processes, use a PostgreSQL server (set DATABASE_URL).');
    expect(second.stdout).not.toContain('Teixit is running');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('also stops a command that would open the database, such as a backup', async () => {
    const backup = await runTeixit(['backup', path.join(server.dataDir, 'copy.gz')], { TEIXIT_DATA_DIR: server.dataDir });
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain(`The data directory ${server.dataDir} is locked`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});

describe('a write on a nearly full disk', () => {
  let database: Database;
  let agent: Agent;
  /** What the disk guard reads as free space; the test fills and empties the "disk". */
  let freeBytes = Number.MAX_SAFE_INTEGER;
  const email = 'plena@example.org';

  beforeAll(async () => {
    const diskGuard = createDiskGuard({ dir: ROOT, minFreeBytes: 256 * 1024 * 1024, cacheMs: 0, statfs: () => ({ bavail: freeBytes, bsize: 1 }) });
    database = createPGliteDatabase(await openTestPGlite(), { diskGuard });
    const config = loadConfig({ TEIXIT_SECRET: 'test-secret-that-is-long-enough-for-hmac-0123456789', TEIXIT_JOBS: 'off', LOG_LEVEL: 'silent', TEIXIT_PUBLIC_URL: 'http://localhost' });
    const services = await servicesFor(database, config);
    await insertUser(database.db, { email, name: 'Plena Persona', locale: 'ca', password_hash: await hashPassword(TEST_PASSWORD), roles: [], email_verified_at: new Date() });
    agent = new Agent(buildTeixit(services), services);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const rowsWritten = async () => {
    const count = async (table: 'audit_log' | 'rate_limits' | 'sessions') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { audit: await count('audit_log'), limits: await count('rate_limits'), sessions: await count('sessions') };
  };

  /** Runs `fn` while the disk reads as nearly full (10 MB free, below the 256 MB floor). */
  async function withFullDisk<T>(fn: () => Promise<T>): Promise<T> {
    freeBytes = 10 * 1024 * 1024;
    try {
      return await fn();
    } finally {
      freeBytes = Number.MAX_SAFE_INTEGER;
    }
  }

  it('is refused with a clear 507 page in the page language, and nothing is written', async () => {
    const before = await rowsWritten();
    const response = await withFullDisk(() => agent.post('/ca/sign-in', { email, password: TEST_PASSWORD }));
    expect(response.status).toBe(507);
    const page = await response.text();
    expect(page).toContain('<html lang="ca"');
    expect(page).toContain('<h1>No queda espai per desar</h1>');
    expect(page).toContain('El servidor s&#39;ha quedat sense espai al disc i no pot desar canvis. No s&#39;ha desat res.');
    expect(await rowsWritten()).toEqual(before);
  });

  it('is refused as application/problem+json to a client that asks for JSON', async () => {
    const response = await withFullDisk(() => agent.post('/en/sign-in', { email, password: TEST_PASSWORD }, { headers: { accept: 'application/json' } }));
    expect(response.status).toBe(507);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 507, title: 'No space left to save', detail: expect.stringContaining('Nothing was saved.') });
  });

  it('leaves the server answering pages meanwhile, and writing again once there is room', async () => {
    const home = await withFullDisk(() => agent.get('/ca'));
    expect(home.status).toBe(200);
    const before = await rowsWritten();
    const signIn = await agent.post('/ca/sign-in', { email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(303);
    expect((await rowsWritten()).sessions).toBe(before.sessions + 1);
  });

  it('still shows a signed-in person their pages, in another language too, while the disk is full', async () => {
    const { db } = database;
    // Make the session due for its last-seen update, and open a page in another language,
    // so the request would want to write both; neither may turn a read into an error.
    await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 3_600_000) }).execute();
    const before = await rowsWritten();
    const page = await withFullDisk(() => agent.get('/es/account'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="es"');
    expect(await rowsWritten()).toEqual(before);
  });
});
