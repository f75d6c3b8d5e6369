import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { searchAudit } from '../../kernel/audit/index.js';
import { sha256 } from '../../kernel/crypto.js';
import { isAppError } from '../../kernel/errors.js';
import { authenticator } from '../identity/index.js';
import { findUserById } from '../identity/store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const NEW_PASSWORD = 'plum orchard velvet lantern';

async function signedIn(options: Parameters<TestApp['createUser']>[0] = {}) {
  const user = await t.createUser(options);
  const agent = t.agent();
  await agent.signIn(user);
  return { user, agent };
}

async function auditOf(userId: number, action: string) {
  return searchAudit(t.services.database.db, { actorId: userId, action }, 10);
}

/** A signed-in page answers 200; a dead session is sent to sign in. */
async function stillSignedIn(agent: ReturnType<TestApp['agent']>): Promise<boolean> {
  const response = await agent.get('/ca/account');
  if (response.status === 200) return true;
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toMatch(/^\/ca\/sign-in/);
  return false;
}

function passwordForm(current: string, next = NEW_PASSWORD, confirmation = next) {
  return { current_password: current, new_password: next, new_password_confirmation: confirmation };
}

describe('changing the password', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const { user, agent } = await signedIn();
    const other = t.agent();
    await other.signIn(user);
    const response = await agent.post('/ca/account/password', passwordForm('not my password at all'));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("La contrasenya actual no és correcta.");
    expect((await findUserById(t.services.database.db, user.id))?.password_hash).toBe(user.password_hash);
    expect(await auditOf(user.id, 'account.change_password')).toHaveLength(0);
    expect(await stillSignedIn(other)).toBe(true);
  });

  it('applies the password rules and asks for the same new password twice', async () => {
    const { user, agent } = await signedIn({ name: 'Carme Soler' });
    const common = await agent.post('/ca/account/password', passwordForm(user.password, 'password1234'));
    expect(common.status).toBe(422);
    expect(await common.text()).toContain('massa comuna');
    const short = await agent.post('/ca/account/password', passwordForm(user.password, 'curta'));
    expect(await short.text()).toContain('com a mínim 12 caràcters');
    const personal = await agent.post('/ca/account/password', passwordForm(user.password, 'carmesoler and more words'));
    expect(await personal.text()).toContain('no pot contenir el teu nom');
    const mismatch = await agent.post('/ca/account/password', passwordForm(user.password, NEW_PASSWORD, 'plum orchard velvet lanterns'));
    expect(mismatch.status).toBe(422);
    const html = await mismatch.text();
    expect(html).toContain('no coincideixen');
    expect(html).not.toContain(NEW_PASSWORD);
    expect((await findUserById(t.services.database.db, user.id))?.password_hash).toBe(user.password_hash);
  });

  it('changes it, ends the other sessions, keeps this one, records it and tells the person by e-mail', async () => {
    const { user, agent } = await signedIn();
    const other = t.agent();
    await other.signIn(user);
    const response = await agent.post('/ca/account/password', passwordForm(user.password));
    expect(response.status).toBe(303);
    expect(await (await agent.get('/ca/account')).text()).toContain("S&#39;ha canviat la contrasenya.");
    expect(await stillSignedIn(other)).toBe(false);
    const [entry] = await auditOf(user.id, 'account.change_password');
    expect(entry?.after).toEqual({ other_sessions_ended: 1 });
    expect(JSON.stringify(entry)).not.toContain('argon2');
    const mail = await t.services.database.db.selectFrom('outbox').selectAll().where('to_user_id', '=', user.id).execute();
    expect(mail.map((m) => m.subject)).toContain('Has canviat la contrasenya de Teixit');

    const again = t.agent();
    await expect(again.signIn(user)).rejects.toThrow(/401/);
    await again.signIn({ ...user, password: NEW_PASSWORD });
    expect(await stillSignedIn(again)).toBe(true);
  });
});

describe('open sessions', () => {
  it('lists each browser with this one marked, and ends another at once', async () => {
    const { user, agent } = await signedIn();
    const phone = t.agent();
    const response = await phone.post('/ca/sign-in', { email: user.email ?? '', password: user.password }, {
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36' },
    });
    expect(response.status).toBe(303);
    const html = await (await agent.get('/ca/account')).text();
    expect(html).toContain('Aquest dispositiu');
    expect(html).toContain('Chrome a Android');
    const phoneSession = await t.services.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .where('user_agent', 'like', '%Android%')
      .executeTakeFirstOrThrow();

    const revoked = await agent.post(`/ca/account/sessions/${phoneSession.id}/revoke`);
    expect(revoked.status).toBe(303);
    expect(await stillSignedIn(phone)).toBe(false);
    expect(await stillSignedIn(agent)).toBe(true);
    expect((await auditOf(user.id, 'account.revoke_session'))[0]?.subject_id).toBe(String(phoneSession.id));
  });

  it("cannot end someone else's session", async () => {
    const { agent } = await signedIn();
    const { user: victim, agent: victimAgent } = await signedIn();
    const session = await t.services.database.db.selectFrom('sessions').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow();
    const response = await agent.post(`/ca/account/sessions/${session.id}/revoke`);
    expect(response.status).toBe(404);
    expect(await stillSignedIn(victimAgent)).toBe(true);
  });

  it('signs out everywhere else, saying how many', async () => {
    const { user, agent } = await signedIn();
    const second = t.agent();
    await second.signIn(user);
    const third = t.agent();
    await third.signIn(user);
    const response = await agent.post('/ca/account/sessions/sign-out-others');
    expect(response.status).toBe(303);
    expect(await (await agent.get('/ca/account')).text()).toContain("S&#39;ha tancat la sessió a 2 dispositius més.");
    expect(await stillSignedIn(second)).toBe(false);
    expect(await stillSignedIn(third)).toBe(false);
    expect((await auditOf(user.id, 'account.sign_out_other_sessions'))[0]?.after).toEqual({ sessions_ended: 2 });
  });

  it('refuses to end a session without the CSRF token', async () => {
    const { user, agent } = await signedIn();
    const other = t.agent();
    await other.signIn(user);
    const response = await agent.post('/ca/account/sessions/sign-out-others', {}, { noCsrf: true });
    expect(response.status).toBe(403);
    expect(await stillSignedIn(other)).toBe(true);
  });
});

describe('API tokens', () => {
  async function createToken(agent: ReturnType<TestApp['agent']>, name: string): Promise<string> {
    const response = await agent.post('/ca/account/tokens', { name });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = /tx_[A-Za-z0-9_-]{20,100}/.exec(await response.text())?.[0];
    if (!token) throw new Error('the token is not on the page');
    return token;
  }

  it('shows a new token once in full and stores only its hash', async () => {
    const { user, agent } = await signedIn();
    const token = await createToken(agent, 'Portal de transparència');
    const rows = await t.services.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const page = await (await agent.get('/ca/account')).text();
    expect(page).toContain('Portal de transparència');
    expect(page).not.toContain(token);
    expect((await auditOf(user.id, 'account.create_api_token'))[0]?.after).toEqual({ name: 'Portal de transparència', user: user.id });
  });

  it('acts as its person on the API until revoked, then gets 401', async () => {
    const { user, agent } = await signedIn({ name: 'Arnau Riera' });
    const token = await createToken(agent, 'Agenda');
    const before = await t.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(before.status).toBe(200);
    expect(((await before.json()) as { name: string }).name).toBe('Arnau Riera');

    const row = await t.services.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const revoked = await agent.post(`/ca/account/tokens/${row.id}/revoke`);
    expect(revoked.status).toBe(303);
    const after = await t.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    await expect(authenticator.token(t.services, token)).rejects.toSatisfy((error) => isAppError(error, 'invalid_token'));
    expect(await (await agent.get('/ca/account')).text()).not.toContain('Agenda');
    expect(await auditOf(user.id, 'account.revoke_api_token')).toHaveLength(1);
  });

  it("cannot revoke someone else's token", async () => {
    const { agent: owner, user } = await signedIn();
    const token = await createToken(owner, 'Script');
    const { agent } = await signedIn();
    const row = await t.services.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect((await agent.post(`/ca/account/tokens/${row.id}/revoke`)).status).toBe(404);
    expect((await authenticator.token(t.services, token)).id).toBe(user.id);
  });

  it('asks for a name, keeping what was typed', async () => {
    const { user, agent } = await signedIn();
    const empty = await agent.post('/ca/account/tokens', { name: '  ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Escriu per a què faràs servir la clau.');
    const long = 'x'.repeat(101);
    const tooLong = await agent.post('/ca/account/tokens', { name: long });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain(`value="${long}"`);
    expect(await t.services.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).execute()).toHaveLength(0);
  });
});
