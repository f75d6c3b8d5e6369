import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { findUserById } from './store.js';
import { auditActionsFor, lastMailTo, linkPathIn, pageText, snapshot } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const NEW_PASSWORD = 'lilac kettle harbour seventeen';

async function askForLink(email: string, agent = t.agent()) {
  const response = await agent.post('/ca/password-reset', { email });
  expect(response.status).toBe(303);
  return response;
}

describe('asking for a password reset link', () => {
  it('answers the same whether the address has an account or not, and mails only the account', async () => {
    const user = await t.createUser({ locale: 'es' });
    const known = await askForLink(user.email ?? '');
    const unknown = await askForLink('nobody-here@example.org');
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
    const page = await t.agent().get(known.headers.get('location') ?? '');
    expect(await pageText(page)).toContain('Si hi ha un compte amb aquesta adreça');

    const mail = await lastMailTo(t.services.database.db, user.email ?? '');
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Restablece la contraseña de Teixit');
    expect(mail.text_body).toContain('caduca dentro de una hora');
    expect(linkPathIn(mail)).toMatch(/^\/es\/password-reset\/[A-Za-z0-9_-]{40,}$/);
    await expect(lastMailTo(t.services.database.db, 'nobody-here@example.org')).rejects.toThrow();
    expect(await auditActionsFor(t.services.database.db, user.id)).toContain('identity.password_reset_requested');
  });

  it('stores only the hash of the link, and a new link voids the older one', async () => {
    const user = await t.createUser();
    await askForLink(user.email ?? '');
    const first = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    await askForLink(user.email ?? '');
    const second = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    const stored = await t.services.database.db.selectFrom('one_time_tokens').selectAll().where('user_id', '=', user.id).execute();
    const token = first.split('/').pop() ?? '';
    expect(stored.some((row) => row.token_hash === token)).toBe(false);
    expect(stored.every((row) => row.token_hash.length === 64)).toBe(true);

    expect((await t.agent().get(first)).status).toBe(410);
    expect((await t.agent().get(second)).status).toBe(200);
  });

  it('re-renders the form with what was typed when the address is malformed', async () => {
    const response = await t.agent().post('/ca/password-reset', { email: 'not an address' });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('Escriu una adreça electrònica com nom@exemple.cat.');
    expect(html).toContain('value="not an address"');
  });

  it('limits requests per address with 429 and Retry-After', async () => {
    const agent = t.agent();
    for (let i = 0; i < 5; i += 1) await askForLink('limited@example.org', agent);
    const refused = await agent.post('/ca/password-reset', { email: 'limited@example.org' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits requests per network address across different e-mails', async () => {
    const app = await createTestApp({ TEIXIT_TRUST_PROXY: 'on' });
    try {
      const agent = app.agent();
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      for (let i = 0; i < 20; i += 1) {
        expect((await agent.post('/ca/password-reset', { email: `someone${i}@example.org` }, { headers })).status).toBe(303);
      }
      const refused = await agent.post('/ca/password-reset', { email: 'another@example.org' }, { headers });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});

describe('choosing a new password through the link', () => {
  it('sets the password, ends every session, and sends the person to sign in', async () => {
    const user = await t.createUser();
    const elsewhere = t.agent();
    await elsewhere.signIn(user);
    await askForLink(user.email ?? '');
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));

    const form = await t.agent().get(path);
    expect(form.status).toBe(200);
    expect(await pageText(form)).toContain('Tria una contrasenya nova');

    const agent = t.agent();
    const done = await agent.post(path, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/ca/sign-in');
    const signInPage = await agent.get('/ca/sign-in');
    expect(await pageText(signInPage)).toContain("S'ha canviat la contrasenya.");

    // The other browser's session is over.
    const old = await elsewhere.get('/ca/account/two-factor');
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toContain('/ca/sign-in');

    const fresh = t.agent();
    await fresh.signIn({ ...user, password: NEW_PASSWORD });
    const audit = await auditActionsFor(t.services.database.db, user.id);
    expect(audit).toContain('identity.password_reset');
  });

  it('refuses a mismatched repetition or a common password, keeping the link usable', async () => {
    const user = await t.createUser();
    await askForLink(user.email ?? '');
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    const mismatch = await t.agent().post(path, { password: NEW_PASSWORD, password_confirm: 'something else entirely' });
    expect(mismatch.status).toBe(422);
    expect(await pageText(mismatch)).toContain('Les dues contrasenyes no coincideixen.');
    const common = await t.agent().post(path, { password: 'password12345', password_confirm: 'password12345' });
    expect(common.status).toBe(422);
    expect(await pageText(common)).toContain('massa comuna');
    expect((await t.agent().get(path)).status).toBe(200);
  });

  it('refuses a reused link with a clear page, and changes nothing', async () => {
    const user = await t.createUser();
    await askForLink(user.email ?? '');
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    expect((await t.agent().post(path, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(303);
    const hashAfterFirstUse = (await findUserById(t.services.database.db, user.id))?.password_hash;

    const before = await snapshot(t.services.database.db);
    const again = await t.agent().post(path, { password: 'another fine password here', password_confirm: 'another fine password here' });
    expect(again.status).toBe(410);
    const html = await pageText(again);
    expect(html).toContain("Aquest enllaç ja s'ha fet servir");
    expect(html).toContain('href="/ca/password-reset"');
    expect(await snapshot(t.services.database.db)).toEqual(before);
    expect((await findUserById(t.services.database.db, user.id))?.password_hash).toBe(hashAfterFirstUse);
  });

  it('refuses an expired link with a clear page in the page language, and changes nothing', async () => {
    const user = await t.createUser();
    await askForLink(user.email ?? '');
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    await t.services.database.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();

    const shown = await t.agent().get(path.replace('/ca/', '/en/'));
    expect(shown.status).toBe(410);
    expect(await pageText(shown)).toContain('This link has expired');

    const before = await snapshot(t.services.database.db);
    const posted = await t.agent().post(path, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(posted.status).toBe(410);
    expect(await pageText(posted)).toContain('Aquest enllaç ha caducat');
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('answers an unknown link with 404 and a way to ask again', async () => {
    const before = await snapshot(t.services.database.db);
    const response = await t.agent().post('/es/password-reset/this-token-was-never-issued-0000000000', { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(response.status).toBe(404);
    const html = await pageText(response);
    expect(html).toContain('Este enlace no es válido');
    expect(html).toContain('Pide un enlace nuevo');
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });
});
