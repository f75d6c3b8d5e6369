import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { searchAudit } from '../../kernel/audit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { findUserById } from '../identity/store.js';
import { makeDeleteAccount } from './delete-account.js';
import { makeDownloadMyData } from './download-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Agent = ReturnType<TestApp['agent']>;

async function signedIn(options: Parameters<TestApp['createUser']>[0] = {}) {
  const user = await t.createUser(options);
  const agent = t.agent();
  await agent.signIn(user);
  return { user, agent };
}

async function createToken(agent: Agent, name: string): Promise<string> {
  const token = /tx_[A-Za-z0-9_-]{20,100}/.exec(await (await agent.post('/ca/account/tokens', { name })).text())?.[0];
  if (!token) throw new Error('no token on the page');
  return token;
}

async function stillSignedIn(agent: Agent): Promise<boolean> {
  return (await agent.get('/ca/account')).status === 200;
}

describe('downloading my data', () => {
  it('gives a JSON file with the account, sessions, tokens, actions and mail — and no secret or hash', async () => {
    const { user, agent } = await signedIn({ name: 'Helena Costa', roles: ['official'] });
    await agent.post('/ca/account/name', { name: 'Helena Costa i Vila' });
    await agent.post('/ca/account/gender', { gender: 'woman' });
    await createToken(agent, 'Calendari');
    await agent.post('/ca/account/password', { current_password: user.password, new_password: 'copper meadow whistle tide', new_password_confirmation: 'copper meadow whistle tide' });

    const response = await agent.post('/ca/account/data');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="teixit-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await response.text();
    const data = JSON.parse(text) as Record<string, unknown> & {
      account: Record<string, unknown>;
      sessions: unknown[];
      api_tokens: Array<Record<string, unknown>>;
      audit_entries: Array<{ action: string }>;
      mail: Array<{ subject: string }>;
    };
    expect(data.format).toBe('teixit-personal-data/1');
    expect(data.account).toMatchObject({ id: String(user.id), name: 'Helena Costa i Vila', email: user.email, gender: 'woman', roles: ['official'] });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.api_tokens).toEqual([expect.objectContaining({ name: 'Calendari' })]);
    expect(data.audit_entries.map((e) => e.action)).toEqual(expect.arrayContaining(['identity.signed_in', 'account.update_name', 'account.create_api_token']));
    expect(data.mail.map((m) => m.subject)).toContain('Has canviat la contrasenya de Teixit');

    const stored = await findUserById(t.services.database.db, user.id);
    const sessionHashes = await t.services.database.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    const tokenHashes = await t.services.database.db.selectFrom('api_tokens').select('token_hash').where('user_id', '=', user.id).execute();
    const secrets = [stored?.password_hash, stored?.totp_secret, ...sessionHashes.map((r) => r.token_hash), ...tokenHashes.map((r) => r.token_hash)];
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 0)).toBe(true);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/password_hash|totp_secret|token_hash|argon2/);

    expect((await searchAudit(t.services.database.db, { actorId: user.id, action: 'account.download_data' }, 5)).length).toBe(1);
  });

  it("adds each module's part from its personalData hook", async () => {
    const user = await t.createUser({ name: 'Oriol Camps' });
    const download = makeDownloadMyData(() => [
      { name: 'site', routes: [] },
      { name: 'meetings', routes: [], personalData: async (_db, userId) => ({ answered: [`meeting for ${userId}`] }) },
    ]);
    const scope: RequestScope = { services: t.services, actor: { id: user.id, name: user.name, roles: [] }, locale: 'ca', requestId: null, ip: null };
    const data = await download(scope, {});
    expect(data.modules).toEqual({ meetings: { answered: [`meeting for ${user.id}`] } });
  });

  it('refuses a visitor', async () => {
    const response = await t.agent().post('/ca/account/data');
    expect(response.status).toBe(401);
  });
});

describe('deleting my account', () => {
  it('shows what will happen before asking for the password', async () => {
    const { agent } = await signedIn();
    const html = await (await agent.get('/ca/account/delete')).text();
    expect(html).toContain('Què s&#39;esborra');
    expect(html).toContain('Persona eliminada');
    expect(html).toContain('name="password"');
  });

  it('refuses a wrong password and changes nothing', async () => {
    const { user, agent } = await signedIn({ name: 'Quim Soler' });
    const response = await agent.post('/ca/account/delete', { password: 'this is not the password' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('La contrasenya no és correcta.');
    const after = await findUserById(t.services.database.db, user.id);
    expect(after).toMatchObject({ status: 'active', name: 'Quim Soler', email: user.email });
    expect(await stillSignedIn(agent)).toBe(true);
  });

  it('refuses without the CSRF token, with 403, and changes nothing', async () => {
    const { user, agent } = await signedIn();
    const response = await agent.post('/ca/account/delete', { password: user.password }, { noCsrf: true });
    expect(response.status).toBe(403);
    expect((await findUserById(t.services.database.db, user.id))?.status).toBe('active');
  });

  it('pseudonymises the account, ends every session and token, records it and signs the person out', async () => {
    const { user, agent } = await signedIn({ name: 'Berta Font', roles: ['official'] });
    await agent.post('/ca/account/gender', { gender: 'woman' });
    const token = await createToken(agent, 'Script');
    const elsewhere = t.agent();
    await elsewhere.signIn(user);
    await agent.post('/ca/account/password', { current_password: user.password, new_password: 'amber river compass gale', new_password_confirmation: 'amber river compass gale' });
    await elsewhere.signIn({ ...user, password: 'amber river compass gale' });

    const response = await agent.post('/ca/account/delete', { password: 'amber river compass gale' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca');
    expect(agent.cookies.has('teixit_session')).toBe(false);
    expect(await (await agent.get('/ca')).text()).toContain("S&#39;ha eliminat el teu compte.");

    const after = await findUserById(t.services.database.db, user.id);
    expect(after?.name).toMatch(/^Persona eliminada [0-9A-F]{4}$/);
    expect(after).toMatchObject({ email: null, password_hash: null, totp_secret: null, totp_enabled_at: null, roles: [], status: 'deleted', gender: null });
    const live = await t.services.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect(live).toHaveLength(0);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    expect((await t.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const mail = await t.services.database.db.selectFrom('outbox').select('id').where('to_address', '=', user.email ?? '').execute();
    expect(mail).toHaveLength(0);

    const [entry] = await searchAudit(t.services.database.db, { actorId: user.id, action: 'account.delete' }, 5);
    expect(entry?.after).toMatchObject({ status: 'deleted', name: after?.name });
    expect(JSON.stringify(entry?.after)).not.toContain(user.email ?? 'missing');

    const again = await t.agent().post('/ca/sign-in', { email: user.email ?? '', password: 'amber river compass gale' });
    expect(again.status).toBe(401);
  });
});

describe("modules' part of deleting an account", () => {
  it("calls each module's onAccountDeleted inside the deletion, and a hook that fails undoes it all", async () => {
    const { user } = await signedIn({ name: 'Rita Mòdul' });
    const scope: RequestScope = { services: t.services, actor: { id: user.id, name: user.name, roles: [] }, locale: 'ca', requestId: null, ip: null };
    const seen: Array<{ userId: number; status: string | undefined }> = [];
    const failing = makeDeleteAccount(() => [
      { name: 'site', routes: [] },
      {
        name: 'meetings',
        routes: [],
        onAccountDeleted: async (tx, userId) => {
          // The hook sees the account already changed, in the same transaction.
          seen.push({ userId, status: (await findUserById(tx.trx, userId))?.status });
          throw new Error('the meetings module could not forget');
        },
      },
    ]);
    await expect(failing(scope, { password: user.password })).rejects.toThrow('could not forget');
    expect(seen).toEqual([{ userId: user.id, status: 'deleted' }]);
    expect(await findUserById(t.services.database.db, user.id)).toMatchObject({ status: 'active', name: 'Rita Mòdul', email: user.email });

    const working = makeDeleteAccount(() => [{ name: 'meetings', routes: [], onAccountDeleted: async (_tx, userId) => void seen.push({ userId, status: 'called' }) }]);
    await working(scope, { password: user.password });
    expect(seen.at(-1)).toEqual({ userId: user.id, status: 'called' });
    expect((await findUserById(t.services.database.db, user.id))?.status).toBe('deleted');
  });
});

describe('the last administrator', () => {
  it('cannot delete their account while nobody else administers the space', async () => {
    // No earlier test in this file makes an administrator: this one is the only one.
    const everyone = await t.services.database.db.selectFrom('users').select(['roles', 'status']).execute();
    expect(everyone.filter((u) => u.status === 'active' && u.roles.includes('admin'))).toHaveLength(0);
    const { user, agent } = await signedIn({ roles: ['admin'] });

    const page = await (await agent.get('/ca/account/delete')).text();
    expect(page).toContain("Ets l&#39;única persona que administra l&#39;espai.");
    expect(page).not.toContain('name="password"');

    const response = await agent.post('/ca/account/delete', { password: user.password });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Ets l&#39;única persona que administra l&#39;espai.");
    expect((await findUserById(t.services.database.db, user.id))?.status).toBe('active');
    expect(await stillSignedIn(agent)).toBe(true);
  });

  it('can once another administrator is active', async () => {
    const { user, agent } = await signedIn({ roles: ['admin'] });
    const response = await agent.post('/ca/account/delete', { password: user.password });
    expect(response.status).toBe(303);
    expect((await findUserById(t.services.database.db, user.id))?.status).toBe('deleted');
  });
});
