import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countQueries } from '../../db/connect.js';
import { searchAudit } from '../../kernel/audit/index.js';
import { findUserById, updateUser } from '../identity/store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(options: Parameters<TestApp['createUser']>[0] = {}) {
  const user = await t.createUser(options);
  const agent = t.agent();
  await agent.signIn(user);
  return { user, agent };
}

async function auditOf(userId: number, action: string) {
  return searchAudit(t.services.database.db, { actorId: userId, action }, 10);
}

describe('My space', () => {
  it('greets the person and shows what to fix in their account, with links', async () => {
    const { user, agent } = await signedIn({ name: 'Núria Vidal' });
    await updateUser(t.services.database.db, user.id, { email_verified_at: null });
    const response = await agent.get('/ca/me');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Hola, Núria Vidal');
    expect(html).toContain('Confirma la teva adreça electrònica');
    expect(html).toContain('Pendent');
    expect(html).toContain('href="/ca/account/two-factor"');
    expect(html).toContain('Recomanada');
    expect(html).toContain('Persona participant');
    expect(html).toContain('href="/ca/account"');
  });

  it('shows an administrator their role and their second factor as on', async () => {
    const { agent } = await signedIn({ roles: ['admin'] });
    const html = await (await agent.get('/en/me')).text();
    expect(html).toContain('Administrator');
    expect(html).toContain('You manage people');
    expect(html).toMatch(/Two-step verification[\s\S]*On/);
  });

  it('shows the person as this request read them, with no second read of their account', async () => {
    const { user, agent } = await signedIn({ name: 'Jana Soler' });
    await updateUser(t.services.database.db, user.id, { name: 'Jana Soler i Puig' });
    const { result, queries } = await countQueries(t.services.database, () => agent.get('/ca/me'));
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('Hola, Jana Soler i Puig');
    // The session lookup, then one query each for the blocks the bodies and the working groups
    // add to My space (the person's mandates; their groups' to-dos), and three for the meetings'
    // (coming meetings, action items, the standing that decides on late dossiers): none reads
    // the account again.
    expect(queries).toBe(6);
  });

  it('sends a visitor to sign in first', async () => {
    const response = await t.agent().get('/ca/me');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/sign-in?next=%2Fca%2Fme');
  });
});

describe('the account page', () => {
  it('lists name, e-mail, language, gender, password and second factor with Change links', async () => {
    const { user, agent } = await signedIn({ name: 'Pau Roca' });
    const html = await (await agent.get('/ca/account')).text();
    expect(html).toContain('Pau Roca');
    expect(html).toContain(user.email ?? 'missing e-mail');
    expect(html).toContain('Confirmada');
    expect(html).toContain('Català');
    expect(html).toContain('No ho has indicat');
    for (const path of ['/ca/account/name', '/ca/account/language', '/ca/account/gender', '/ca/account/password', '/ca/account/two-factor']) {
      expect(html).toContain(`href="${path}"`);
    }
    expect(html).toContain('Desactivada');
  });
});

describe('changing the name', () => {
  it('saves it, records before and after, and says so after the redirect', async () => {
    const { user, agent } = await signedIn({ name: 'Marta Puig' });
    const response = await agent.post('/ca/account/name', { name: '  Marta Puig i Serra ' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/account');
    const page = await (await agent.get('/ca/account')).text();
    expect(page).toContain("S&#39;ha desat el nom.");
    expect((await findUserById(t.services.database.db, user.id))?.name).toBe('Marta Puig i Serra');
    const [entry] = await auditOf(user.id, 'account.update_name');
    expect(entry?.before).toEqual({ name: 'Marta Puig' });
    expect(entry?.after).toEqual({ name: 'Marta Puig i Serra' });
  });

  it('sends an empty or too long name back with the error and what was typed', async () => {
    const { user, agent } = await signedIn({ name: 'Jordi Mas' });
    const empty = await agent.post('/ca/account/name', { name: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Escriu el teu nom.');
    const long = 'Jordi '.repeat(40);
    const tooLong = await agent.post('/ca/account/name', { name: long });
    expect(tooLong.status).toBe(422);
    const html = await tooLong.text();
    expect(html).toContain('com a màxim 200 caràcters');
    expect(html).toContain(`value="${long}"`);
    expect((await findUserById(t.services.database.db, user.id))?.name).toBe('Jordi Mas');
    expect(await auditOf(user.id, 'account.update_name')).toHaveLength(0);
  });
});

describe('changing the language', () => {
  it('switches the interface: the account page opens in the new language, saying so there', async () => {
    const { user, agent } = await signedIn();
    const response = await agent.post('/ca/account/language', { locale: 'es' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/es/account');
    const page = await agent.get('/es/account');
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Se ha cambiado el idioma.');
    expect((await findUserById(t.services.database.db, user.id))?.locale).toBe('es');
    const [entry] = await auditOf(user.id, 'account.change_language');
    expect(entry?.before).toEqual({ locale: 'ca' });
    expect(entry?.after).toEqual({ locale: 'es' });
  });

  it('refuses a language Teixit does not speak', async () => {
    const { user, agent } = await signedIn();
    const response = await agent.post('/ca/account/language', { locale: 'fr' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Tria un idioma.');
    expect((await findUserById(t.services.database.db, user.id))?.locale).toBe('ca');
  });
});

describe('recording gender', () => {
  it('keeps the answer private: the audit trail only says that one was given', async () => {
    const { user, agent } = await signedIn();
    const form = await (await agent.get('/ca/account/gender')).text();
    expect(form).toContain('no es publica mai');
    const response = await agent.post('/ca/account/gender', { gender: 'non_binary' });
    expect(response.status).toBe(303);
    expect((await findUserById(t.services.database.db, user.id))?.gender).toBe('non_binary');
    const [entry] = await auditOf(user.id, 'account.record_gender');
    expect(entry?.after).toEqual({ gender_given: true });
    expect(JSON.stringify(entry)).not.toContain('non_binary');
    expect(await (await agent.get('/ca/account')).text()).toContain('No binari');
  });

  it('sends an answer that is not offered back with the error', async () => {
    const { user, agent } = await signedIn();
    const response = await agent.post('/ca/account/gender', { gender: 'robot' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Tria una de les respostes.');
    expect((await findUserById(t.services.database.db, user.id))?.gender).toBeNull();
  });
});

describe('confirming the e-mail address', () => {
  it('mails a new confirmation link from the account page', async () => {
    const { user, agent } = await signedIn();
    await updateUser(t.services.database.db, user.id, { email_verified_at: null });
    expect(await (await agent.get('/ca/account')).text()).toContain('Sense confirmar');
    const response = await agent.post('/ca/account/verification-email');
    expect(response.status).toBe(303);
    const mail = await t.services.database.db.selectFrom('outbox').selectAll().where('to_user_id', '=', user.id).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toMatch(/\/ca\/verify-email\/[A-Za-z0-9_-]{20,}/);
  });
});

describe('forms without their CSRF token', () => {
  it('are refused with 403 and change nothing', async () => {
    const { user, agent } = await signedIn({ name: 'Laia Font' });
    const name = await agent.post('/ca/account/name', { name: 'Someone Else' }, { noCsrf: true });
    expect(name.status).toBe(403);
    const language = await agent.post('/ca/account/language', { locale: 'en' }, { noCsrf: true });
    expect(language.status).toBe(403);
    const after = await findUserById(t.services.database.db, user.id);
    expect(after?.name).toBe('Laia Font');
    expect(after?.locale).toBe('ca');
  });
});
