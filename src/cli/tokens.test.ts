/** `teixit token create`: a personal API token, printed alone on the last line, stored hashed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { sha256 } from '../kernel/crypto.js';
import type { CliOutput } from './io.js';
import { createTokenFromCli } from './tokens.js';

function buffer(): CliOutput & { lines(): string[]; errors(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), lines: () => out.join('\n').split('\n'), errors: () => err.join('\n') };
}

describe('teixit token create', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prints a token alone on the last line that acts as its person on the API', async () => {
    const person = await app.createUser({ email: 'script@example.org', name: 'Pere Script' });
    const io = buffer();
    expect(await createTokenFromCli(app.services, { email: 'script@example.org', name: 'Portal de transparència' }, io)).toBe(0);
    const token = io.lines().at(-1) ?? '';
    expect(token).toMatch(/^tx_[A-Za-z0-9_-]{43}$/);
    const me = await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: String(person.id), name: 'Pere Script' });
  });

  it('stores only the hash of the token, and audits its creation with "cli" as actor', async () => {
    await app.createUser({ email: 'hash@example.org', name: 'Hash Persona' });
    const io = buffer();
    expect(await createTokenFromCli(app.services, { email: 'hash@example.org' }, io)).toBe(0);
    const token = io.lines().at(-1) ?? '';
    const row = await app.services.database.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow();
    expect(row.name).toMatch(/^Created with the CLI on \d{4}-\d{2}-\d{2}$/);
    const entry = await app.services.database.db
      .selectFrom('audit_log').selectAll().where('subject_type', '=', 'api_token').where('subject_id', '=', String(row.id)).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'account.create_api_token', actor_name: 'cli' });
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it('refuses an e-mail without an account and a disabled account, creating no token', async () => {
    const disabled = await app.createUser({ email: 'off@example.org' });
    await app.services.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const before = await app.services.database.db.selectFrom('api_tokens').select('id').execute();
    const unknown = buffer();
    expect(await createTokenFromCli(app.services, { email: 'nobody@example.org' }, unknown)).toBe(1);
    expect(unknown.errors()).toContain('No account has the e-mail nobody@example.org');
    const off = buffer();
    expect(await createTokenFromCli(app.services, { email: 'off@example.org' }, off)).toBe(1);
    expect(off.errors()).toContain('is disabled');
    expect(await app.services.database.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(before.length);
  });
});
