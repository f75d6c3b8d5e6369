/**
 * A whole Teixit app on a fresh database for one test file: real migrations, real SQL, real
 * middleware, called through `app.request()` (no network). `agent()` is a browser-like client
 * with a cookie jar that sends the CSRF token the way a form does.
 */
import { loadConfig, type Config } from '../../src/config.js';
import { createTestDatabase } from '../../src/db/test-database.js';
import { sign } from '../../src/kernel/crypto.js';
import { drainJobs } from '../../src/kernel/jobs/index.js';
import type { Services } from '../../src/kernel/services.js';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { insertUser, updateUser, type UserRow } from '../../src/modules/identity/store.js';
import { currentTotpCode, newTotpSecret } from '../../src/modules/identity/two-factor.js';
import { buildTeixit } from '../../src/server.js';
import { servicesFor } from '../../src/services.js';
import type { BuiltApp } from '../../src/app.js';
import type { GlobalRole } from '../../src/modules/identity/tables.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  built: BuiltApp;
  services: Services;
  /** Runs every due background job now (mail delivery, reminders). */
  runJobs(): Promise<number>;
  agent(): Agent;
  /** An account straight in the database; with admin/official roles it gets TOTP enabled. */
  createUser(options?: { email?: string; name?: string; roles?: GlobalRole[]; password?: string; totp?: boolean; locale?: 'ca' | 'es' | 'en' }): Promise<UserRow & { password: string }>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A code is accepted once per 30-second step (the server also accepts the steps either side of
 * its own). Each sign-in of one person uses a step after the last one used: the current step
 * first, then the next; a third within one step waits for the clock rather than reuse a code.
 * The code is made for the middle of its step, so it stays valid if the server's clock crosses
 * into the next step meanwhile.
 */
const lastStepUsed = new Map<string, number>();
export async function nextTotpCode(secret: string): Promise<string> {
  const stepOf = (ms: number) => Math.floor(ms / 30_000);
  const step = Math.max(stepOf(Date.now()), (lastStepUsed.get(secret) ?? -1) + 1);
  while (step > stepOf(Date.now()) + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  lastStepUsed.set(secret, step);
  return currentTotpCode(secret, step * 30_000 + 15_000);
}

/** Starts an app on a fresh database. Call `close()` in afterAll. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = loadConfig({
    TEIXIT_SECRET: 'test-secret-that-is-long-enough-for-hmac-0123456789',
    TEIXIT_JOBS: 'off',
    LOG_LEVEL: 'silent',
    TEIXIT_DATA_DIR: '/nonexistent-test-data-dir',
    TEIXIT_PUBLIC_URL: 'http://localhost',
    ...env,
  });
  const services = await servicesFor(database, config);
  const built = buildTeixit(services);
  const app: TestApp = {
    built,
    services,
    runJobs: () => drainJobs(services),
    agent: () => new Agent(built, services),
    async createUser(options = {}) {
      counter += 1;
      const roles = options.roles ?? [];
      const password = options.password ?? TEST_PASSWORD;
      const wantsTotp = options.totp ?? roles.length > 0;
      let user = await insertUser(database.db, {
        email: options.email ?? `person${counter}-${Date.now()}@example.org`,
        name: options.name ?? `Persona ${counter}`,
        locale: options.locale ?? 'ca',
        password_hash: await hashPassword(password),
        roles,
        email_verified_at: new Date(),
      });
      if (wantsTotp) user = await updateUser(database.db, user.id, { totp_secret: newTotpSecret(), totp_enabled_at: new Date() });
      return { ...user, password };
    },
    close: () => database.drop(),
  };
  return app;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** Leave out the CSRF token (to prove it is required). */
  noCsrf?: boolean;
}

/** A browser-like client: keeps cookies, sends forms with the CSRF token, never follows redirects. */
export class Agent {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly built: BuiltApp,
    private readonly services: Services,
  ) {
    this.cookies.set('teixit_visitor', `visitor${Math.random().toString(36).slice(2)}abcdefghijkl`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The CSRF token a form rendered now would carry. */
  csrfToken(): string {
    const session = this.cookies.get('teixit_session');
    const binding = session ? `s:${session}` : `v:${this.cookies.get('teixit_visitor') ?? ''}`;
    return sign(this.services.secret, `csrf|${binding}`);
  }

  async request(method: string, path: string, init: { body?: string | FormData | Blob; headers?: Record<string, string> } = {}): Promise<Response> {
    const response = await this.built.app.request(path, {
      method,
      headers: { cookie: this.cookieHeader(), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    this.remember(response);
    return response;
  }

  get(path: string, options: SendOptions = {}): Promise<Response> {
    return this.request('GET', path, { headers: options.headers ?? {} });
  }

  /** Posts an HTML form (urlencoded), with `_csrf` unless told not to. */
  post(path: string, fields: Record<string, string | string[]> = {}, options: SendOptions = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (!options.noCsrf) body.append('_csrf', this.csrfToken());
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.request('POST', path, {
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    });
  }

  /** Signs in through the real form (and the TOTP step when the person has one). */
  async signIn(user: Pick<UserRow, 'email' | 'totp_secret' | 'totp_enabled_at'> & { password: string }): Promise<void> {
    const response = await this.post('/ca/sign-in', { email: user.email ?? '', password: user.password });
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
    if (user.totp_enabled_at && user.totp_secret) {
      const second = await this.post('/ca/sign-in/two-factor', { code: await nextTotpCode(user.totp_secret) });
      if (second.status !== 303) throw new Error(`second factor failed with ${second.status}: ${await second.text()}`);
    }
  }
}
