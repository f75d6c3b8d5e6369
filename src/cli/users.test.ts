/** `teixit user create`: accounts made at the server's console, with a password or an invitation link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import type { CliOutput } from './io.js';
import { createUserFromCli } from './users.js';

function buffer(): CliOutput & { text(): string; errors(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), text: () => out.join('\n'), errors: () => err.join('\n') };
}

const PASSWORD = 'a long and unusual passphrase';

describe('teixit user create', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const auditOf = (userId: number) =>
    app.services.database.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'user').where('subject_id', '=', String(userId)).execute();

  it('creates an account that signs in at once with the given password, audited with "cli" as actor', async () => {
    const io = buffer();
    const code = await createUserFromCli(app.services, { email: 'Marta.Vives@Example.org', name: 'Marta Vives', role: [], password: PASSWORD }, io);
    expect(code).toBe(0);
    expect(io.text()).toContain('Created the account of Marta Vives <marta.vives@example.org>');
    const user = await app.services.database.db.selectFrom('users').selectAll().where('email', '=', 'marta.vives@example.org').executeTakeFirstOrThrow();
    const signIn = await app.agent().post('/ca/sign-in', { email: 'marta.vives@example.org', password: PASSWORD });
    expect(signIn.status).toBe(303);
    const [entry] = await auditOf(user.id);
    expect(entry).toMatchObject({ action: 'identity.create_user', actor_id: null, actor_name: 'cli' });
    expect(JSON.stringify(entry?.after)).not.toContain('example.org');
  });

  it('gives an administrator its role and says two-factor enrolment comes first', async () => {
    const io = buffer();
    expect(await createUserFromCli(app.services, { email: 'admin2@example.org', name: 'Jan Admin', role: ['admin', 'admin'], password: PASSWORD }, io)).toBe(0);
    expect(io.text()).toContain('global roles: admin)');
    expect(io.text()).toContain('asked to enrol in two-factor authentication');
    const user = await app.services.database.db.selectFrom('users').select('roles').where('email', '=', 'admin2@example.org').executeTakeFirstOrThrow();
    expect(user.roles).toEqual(['admin']);
  });

  it('without a password prints an invitation link with which the person sets one', async () => {
    const io = buffer();
    expect(await createUserFromCli(app.services, { email: 'convidada@example.org', name: 'Rosa Convidada', role: ['official'] }, io)).toBe(0);
    const link = /http:\/\/localhost(\/ca\/invitation\/[\w-]+)/.exec(io.text());
    expect(io.text()).toContain('It works once, for 7 days');
    expect(link?.[1]).toBeDefined();
    const path = link?.[1] ?? '';
    const agent = app.agent();
    expect((await agent.get(path)).status).toBe(200);
    const accepted = await agent.post(path, { name: 'Rosa Convidada', password: PASSWORD, password_confirm: PASSWORD });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/ca/account/two-factor?required=1');
  });

  it('refuses a common password, a bad e-mail and an unknown role, creating nothing', async () => {
    const io = buffer();
    const code = await createUserFromCli(app.services, { email: 'weak@example.org', name: 'Feble', role: [], password: 'password1234' }, io);
    expect(code).toBe(1);
    expect(io.errors()).toMatch(/^--password: This password is too common/);
    const io2 = buffer();
    expect(await createUserFromCli(app.services, { email: 'not-an-email', name: 'X', role: ['boss'] }, io2)).toBe(1);
    expect(io2.errors()).toContain('--email: ');
    expect(io2.errors()).toContain('--role: ');
    const found = await app.services.database.db.selectFrom('users').select('id').where('email', 'in', ['weak@example.org', 'not-an-email']).execute();
    expect(found).toHaveLength(0);
  });

  it('refuses an e-mail that already has an account, changing nothing', async () => {
    const existing = await app.createUser({ email: 'ja@example.org', name: 'Ja Hi Sóc' });
    const io = buffer();
    expect(await createUserFromCli(app.services, { email: 'JA@example.org', name: 'Una Altra', role: ['admin'], password: PASSWORD }, io)).toBe(1);
    expect(io.errors()).toBe('An account with the e-mail ja@example.org already exists. Nothing was changed.');
    const user = await app.services.database.db.selectFrom('users').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: 'Ja Hi Sóc', roles: [] });
  });
});
