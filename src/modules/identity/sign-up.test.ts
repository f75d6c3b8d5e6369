import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { findUserByEmail } from './store.js';
import { lastMailTo, linkPathIn, pageText } from './test-support.js';

const PASSWORD = 'meadow copper violin ninety';

describe('open sign-up when it is off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 to the page and to the form, and creates nothing', async () => {
    expect((await t.agent().get('/ca/sign-up')).status).toBe(404);
    const posted = await t.agent().post('/ca/sign-up', { name: 'Anna', email: 'anna-off@example.org', password: PASSWORD });
    expect(posted.status).toBe(404);
    expect(await findUserByEmail(t.services.database.db, 'anna-off@example.org')).toBeUndefined();
    expect(await pageText(await t.agent().get('/ca/sign-in'))).not.toContain('/ca/sign-up');
  });
});

describe('open sign-up when it is on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TEIXIT_OPEN_SIGNUP: 'on' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an unverified account in the page language and mails a verification link', async () => {
    const response = await t.agent().post('/es/sign-up', { name: 'Núria Vidal', email: 'Nuria@Example.org', password: PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/es/sign-up?sent=1');
    const user = await findUserByEmail(t.services.database.db, 'nuria@example.org');
    expect(user).toMatchObject({ name: 'Núria Vidal', locale: 'es', roles: [], email_verified_at: null, status: 'active' });

    const mail = await lastMailTo(t.services.database.db, 'nuria@example.org');
    expect(mail.subject).toBe('Confirma tu dirección de correo electrónico');
    const verified = await t.agent().get(linkPathIn(mail));
    expect(verified.status).toBe(200);
    expect((await findUserByEmail(t.services.database.db, 'nuria@example.org'))?.email_verified_at).toBeInstanceOf(Date);
  });

  it('answers an address that has an account exactly as a new one, and mails its owner a notice instead', async () => {
    const owner = await t.createUser({ locale: 'en' });
    const before = await t.services.database.db.selectFrom('users').select('id').execute();
    const response = await t.agent().post('/ca/sign-up', { name: 'Impostor', email: owner.email ?? '', password: PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/sign-up?sent=1');
    expect(await t.services.database.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);

    const notice = await lastMailTo(t.services.database.db, owner.email ?? '');
    expect(notice.subject).toBe('You already have a Teixit account');
    expect(notice.text_body).toContain('http://localhost/en/password-reset');
    // The owner's password still works.
    await t.agent().signIn(owner);
    expect((await findUserByEmail(t.services.database.db, owner.email ?? ''))?.name).toBe(owner.name);
  });

  it('shows the same page after both', async () => {
    const page = await t.agent().get('/ca/sign-up?sent=1');
    expect(page.status).toBe(200);
    expect(await pageText(page)).toContain("T'hem enviat un correu a l'adreça que has escrit.");
  });

  it('re-renders the form with the name and e-mail typed (never the password) when a field is wrong', async () => {
    const response = await t.agent().post('/ca/sign-up', { name: 'Berta', email: 'berta@example.org', password: 'password1234' });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('value="Berta"');
    expect(html).toContain('value="berta@example.org"');
    expect(html).not.toContain('password1234');
    expect(html).toContain('massa comuna');
    expect(await findUserByEmail(t.services.database.db, 'berta@example.org')).toBeUndefined();
  });

  it('limits sign-ups per address with 429', async () => {
    const agent = t.agent();
    for (let i = 0; i < 3; i += 1) {
      expect((await agent.post('/ca/sign-up', { name: 'Carles', email: 'carles@example.org', password: PASSWORD })).status).toBe(303);
    }
    const refused = await agent.post('/ca/sign-up', { name: 'Carles', email: 'carles@example.org', password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });
});
