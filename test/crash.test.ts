/**
 * A crash during concurrent writes loses nothing that was acknowledged: the real server
 * (`node bin/teixit.js serve`) takes a stream of concurrent writes, is killed with SIGKILL while
 * some are still in flight, starts again on the same data, and every write it had answered is
 * there — with the audit chain intact. On the embedded database (default) and, with
 * `TEIXIT_TEST_DB=postgres`, on a scratch database of TEST_DATABASE_URL's server.
 *
 * The write: a failed sign-in, which commits an audit entry before it answers 401. Each request
 * carries its own `X-Request-Id` (the entry records it), e-mail and client address (so the
 * per-account and per-address limits never stop the stream).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, startServer, type ScratchDatabase, type TestServer } from '../e2e/support/server.js';
import { openDatabase } from '../src/db/connect.js';
import { testEngine } from '../src/db/test-database.js';
import { verifyAuditChain } from '../src/kernel/audit/index.js';

/** Concurrent clients, and how many answered writes to collect before the kill. */
const CLIENTS = 16;
const ACKNOWLEDGED_BEFORE_KILL = 40;

describe('a server killed with SIGKILL during concurrent writes', () => {
  let server: TestServer;
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    if (testEngine() === 'postgres') scratch = await createScratchPostgresDatabase();
    server = await startServer({
      env: {
        TEIXIT_DEMO: 'off',
        TEIXIT_JOBS: 'off',
        TEIXIT_TRUST_PROXY: 'on',
        LOG_LEVEL: 'warn',
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      },
    });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await scratch?.drop();
  });

  /** A visitor's cookie and the CSRF token of the sign-in form it was given. */
  async function visitSignIn(): Promise<{ cookie: string; csrf: string }> {
    const response = await fetch(`${server.url}/ca/sign-in`);
    const html = await response.text();
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!csrf || !cookie) throw new Error(`the sign-in page gave no CSRF token or cookie:\n${html.slice(0, 500)}`);
    return { cookie, csrf };
  }

  let sequence = 0;
  /** Sends one failed sign-in; resolves with its request id when the server answered 401 (written). */
  async function failedSignIn(visitor: { cookie: string; csrf: string }, run: string): Promise<string | null> {
    sequence += 1;
    const requestId = `crash-${run}-${sequence}`;
    const body = new URLSearchParams({ _csrf: visitor.csrf, email: `nobody-${run}-${sequence}@example.org`, password: 'not the password' });
    const response = await fetch(`${server.url}/ca/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: visitor.cookie,
        'x-request-id': requestId,
        'x-forwarded-for': `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
      },
      body,
    });
    await response.arrayBuffer();
    return response.status === 401 ? requestId : null;
  }

  it('finds every acknowledged write after the restart, and the audit chain intact', async () => {
    const visitor = await visitSignIn();
    const acknowledged: string[] = [];
    let failedAfterKill = 0;
    let killing: Promise<void> | undefined;

    // Each client writes until the server dies under it; the kill comes while the others are mid-request.
    const client = async () => {
      while (!killing) {
        try {
          const id = await failedSignIn(visitor, 'before');
          if (id) acknowledged.push(id);
        } catch {
          failedAfterKill += 1;
          return;
        }
        if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL) killing ??= server.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    expect(failedAfterKill, 'the kill cut off requests in flight').toBeGreaterThan(0);

    // Same data, same port: the stale lock of the killed process is taken over.
    await server.restart();
    const after = await failedSignIn(await visitSignIn(), 'after');
    expect(after).not.toBeNull();
    await server.kill('SIGTERM'); // the embedded database can be read once the server lets go of it

    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: server.dataDir, minFreeBytes: 0 });
    try {
      const written = await database.db
        .selectFrom('audit_log')
        .select('request_id')
        .where('action', '=', 'identity.sign_in_failed')
        .where('request_id', 'in', [...acknowledged, after ?? ''])
        .execute();
      const found = new Set(written.map((r) => r.request_id));
      const lost = acknowledged.filter((id) => !found.has(id));
      expect(lost, `acknowledged writes missing after the crash (${failedAfterKill} requests were cut off by the kill)`).toEqual([]);
      expect(found.has(after ?? '')).toBe(true);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
  }, 300_000);
});
