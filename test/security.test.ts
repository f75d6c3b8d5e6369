/**
 * The security baseline a person or an attacker would notice: secure headers, cookie flags,
 * CSRF, no internals in a server error, size limits, sessions and tokens that end when they
 * should, sign-in rate limits and an answer that does not tell which e-mails have accounts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { sha256 } from '../src/kernel/crypto.js';
import { translate } from '../src/kernel/i18n/index.js';
import type { TeixitModule } from '../src/kernel/http/module.js';
import { publicAccess, signedIn } from '../src/kernel/policy.js';
import { authenticator } from '../src/modules/identity/index.js';
import { insertApiToken, revokeApiToken } from '../src/modules/identity/store.js';
import { modules } from '../src/modules/index.js';
import { buildTeixit } from '../src/server.js';
import { Agent, createTestApp, type TestApp } from './support/app.js';
import { createPersona } from './support/personas.js';

let app: TestApp;
/** The real app plus pages that fail on purpose and one that says who is signed in. */
let withTraps: BuiltApp;

const traps: TeixitModule = {
  name: 'test-traps',
  routes: [
    {
      kind: 'page',
      method: 'GET',
      path: '/test/throws',
      policy: publicAccess,
      handler: () => {
        throw new Error('SELECT secret FROM users WHERE password_hash = $1');
      },
    },
    {
      kind: 'page',
      method: 'GET',
      path: '/test/bad-query',
      policy: publicAccess,
      handler: async (c) => {
        await sql`SELECT secret FROM no_such_table`.execute(c.get('services').database.db);
        return c.text('unreachable');
      },
    },
    {
      kind: 'raw',
      method: 'GET',
      path: '/api/v1/test/throws',
      policy: publicAccess,
      handler: () => {
        throw new Error('SELECT secret FROM api_tokens');
      },
    },
    { kind: 'page', method: 'GET', path: '/test/whoami', policy: signedIn, handler: (c) => c.text(`signed in as ${c.get('actor')?.name ?? ''}`) },
  ],
};

beforeAll(async () => {
  app = await createTestApp();
  withTraps = buildApp(app.services, [...modules, traps], authenticator);
});
afterAll(() => app?.close());

const db = () => app.services.database.db;
const count = async (table: 'sessions' | 'audit_log') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const headingOf = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];

describe('secure headers', () => {
  it('send a Content-Security-Policy without unsafe-inline or unsafe-eval on every page', async () => {
    for (const path of ['/ca', '/es/sign-in', '/en/privacy', '/ca/no-such-page']) {
      const response = await app.agent().get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
  });

  it('forbid sniffing, framing and leaking the full referrer', async () => {
    for (const path of ['/ca', '/api/v1/me', '/healthz']) {
      const response = await app.agent().get(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options'), path).toMatch(/^(DENY|SAMEORIGIN)$/);
    }
  });
});

describe('cookies', () => {
  const setCookies = (response: Response) => response.headers.getSetCookie();

  it('are HttpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const browser = app.agent();
    browser.cookies.clear();
    const visitor = setCookies(await browser.get('/ca/sign-in'));
    const user = await app.createUser();
    const signIn = setCookies(await browser.post('/ca/sign-in', { email: user.email ?? '', password: user.password }));
    expect(signIn.some((line) => line.startsWith('teixit_session='))).toBe(true);
    for (const line of [...visitor, ...signIn]) {
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*SameSite=Lax/i);
      expect(line).not.toMatch(/;\s*Secure/i);
    }
  });

  it('are Secure behind a trusted HTTPS proxy', async () => {
    const behindProxy = buildTeixit({ ...app.services, config: { ...app.services.config, trustProxy: true } });
    const browser = new Agent(behindProxy, app.services);
    browser.cookies.clear();
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    const visitor = setCookies(await browser.get('/ca/sign-in', { headers: https }));
    const user = await app.createUser();
    const signIn = setCookies(await browser.post('/ca/sign-in', { email: user.email ?? '', password: user.password }, { headers: https }));
    expect(signIn.some((line) => line.startsWith('teixit_session='))).toBe(true);
    for (const line of [...visitor, ...signIn]) expect(line).toMatch(/;\s*Secure/i);
  });
});

describe('CSRF', () => {
  it('refuses a sign-in without the token with 403, and opens no session', async () => {
    const user = await app.createUser();
    const [sessions, audit] = [await count('sessions'), await count('audit_log')];
    const response = await app.agent().post('/ca/sign-in', { email: user.email ?? '', password: user.password }, { noCsrf: true });
    expect(response.status).toBe(403);
    expect(headingOf(await response.text())).toBe(translate('ca', 'errors.titles.csrf_failed'));
    expect([await count('sessions'), await count('audit_log')]).toEqual([sessions, audit]);
  });

  it('refuses a signed-in write without the token, and the session goes on', async () => {
    const browser = app.agent();
    await browser.signIn(await app.createUser({ name: 'Marta Soler' }));
    expect((await browser.post('/ca/sign-out', {}, { noCsrf: true })).status).toBe(403);
    expect(await (await withTraps.app.request('/ca/test/whoami', { headers: { cookie: cookieOf(browser) } })).text()).toBe('signed in as Marta Soler');
  });

  it('refuses a request from another origin even with a valid token', async () => {
    const user = await app.createUser();
    const sessions = await count('sessions');
    const response = await app.agent().post('/ca/sign-in', { email: user.email ?? '', password: user.password }, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(await count('sessions')).toBe(sessions);
  });
});

function cookieOf(browser: Agent): string {
  return [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('server errors', () => {
  it('show no stack trace, SQL or error text, only a reference to quote', async () => {
    for (const [path, type] of [
      ['/ca/test/throws', 'text/html'],
      ['/es/test/bad-query', 'text/html'],
      ['/api/v1/test/throws', 'application/problem+json'],
    ] as const) {
      const response = await withTraps.app.request(path);
      expect(response.status, path).toBe(500);
      expect(response.headers.get('content-type'), path).toContain(type);
      const body = await response.text();
      expect(body, path).not.toMatch(/SELECT|secret|no_such_table|password_hash|api_tokens|relation|\bat \S+ \(|\.tsx?:\d+|node_modules|Error:/);
      expect(body, path).toContain(response.headers.get('x-request-id') ?? 'no request id');
    }
  });
});

describe('bad requests', () => {
  it('answer an unknown language in the path with a 404 page in the reader language', async () => {
    const response = await app.agent().get('/fr/privacy', { headers: { 'accept-language': 'es-ES,es;q=0.9' } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="es"');
    expect(headingOf(html)).toBe(translate('es', 'errors.titles.not_found'));
  });

  it('answer a body over the limit with 413, and change nothing', async () => {
    const user = await app.createUser();
    const sessions = await count('sessions');
    const response = await app.agent().post('/en/sign-in', { email: user.email ?? '', password: user.password, padding: 'x'.repeat(app.services.config.bodyLimit) });
    expect(response.status).toBe(413);
    expect(headingOf(await response.text())).toBe(translate('en', 'errors.titles.payload_too_large'));
    expect(await count('sessions')).toBe(sessions);
  });
});

describe('ending access', () => {
  it("stops a disabled account's open session and token at once", async () => {
    const admin = await app.createUser({ roles: ['admin'] });
    const adminBrowser = app.agent();
    await adminBrowser.signIn(admin);
    const participant = await createPersona(app, 'participant');
    const browser = app.agent();
    await browser.signIn({ ...participant.user!, password: 'correct horse battery staple' });
    expect((await browser.get('/ca/account')).status).toBe(200);
    const bearer = { authorization: `Bearer ${participant.token ?? ''}` };
    expect((await app.built.app.request('/api/v1/me', { headers: bearer })).status).toBe(200);

    const disabled = await adminBrowser.post(`/ca/admin/people/${participant.user!.id}/disable`, {});
    expect(disabled.status).toBe(303);

    const next = await browser.get('/ca/account');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toMatch(/^\/ca\/sign-in/);
    expect((await app.built.app.request('/api/v1/me', { headers: bearer })).status).toBe(401);
  });

  it('refuses a revoked token with 401', async () => {
    const user = await app.createUser();
    const token = 'tx_revokedrevokedrevokedrevoked0123';
    const row = await insertApiToken(db(), { user_id: user.id, name: 'script', token_hash: sha256(token) });
    expect((await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await revokeApiToken(db(), row.id, user.id);
    const response = await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, title: translate('en', 'errors.titles.invalid_token') });
  });
});

describe('signing in', () => {
  it('answers a wrong password and an unknown e-mail with the same status and page', async () => {
    const user = await app.createUser();
    const browser = app.agent();
    const wrong = await browser.post('/ca/sign-in', { email: user.email ?? '', password: 'not the password at all' });
    const unknown = await browser.post('/ca/sign-in', { email: 'nobody-here@example.org', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongPage = (await wrong.text()).replaceAll(user.email ?? '', 'EMAIL');
    const unknownPage = (await unknown.text()).replaceAll('nobody-here@example.org', 'EMAIL');
    expect(wrongPage).toBe(unknownPage);
    expect(wrongPage).toContain(translate('ca', 'identity.sign_in.bad_credentials').replaceAll("'", '&#39;'));
  });

  it('limits attempts on one account: 429 with Retry-After, even with the right password then', async () => {
    const user = await app.createUser();
    const browser = app.agent();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push((await browser.post('/es/sign-in', { email: user.email ?? '', password: `wrong guess ${attempt}` })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await browser.post('/es/sign-in', { email: user.email ?? '', password: user.password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain(translate('es', 'errors.titles.rate_limited'));
    expect(browser.cookies.has('teixit_session')).toBe(false);
  });
});
