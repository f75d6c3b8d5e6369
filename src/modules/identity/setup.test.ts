import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createFirstAdminLink } from './first-admin.js';
import { findUserByEmail } from './store.js';
import { auditActionsFor, pageText, snapshot } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = 'granite willow teapot eleven';

async function setupPath(): Promise<string> {
  return new URL(await createFirstAdminLink(t.services)).pathname;
}

describe('creating the first administrator', () => {
  it('creates an admin account from the printed link, signs them in and sends them to enrol in two-factor', async () => {
    const path = await setupPath();
    expect(path).toMatch(/^\/ca\/setup\//);
    const agent = t.agent();
    const form = await agent.get(path);
    expect(form.status).toBe(200);
    expect(await pageText(form)).toContain("Crea el primer compte d'administració");

    const created = await agent.post(path, { name: 'Rosa Admin', email: 'rosa@example.org', password: PASSWORD, password_confirm: PASSWORD });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/ca/account/two-factor?required=1');
    const user = await findUserByEmail(t.services.database.db, 'rosa@example.org');
    expect(user).toMatchObject({ name: 'Rosa Admin', roles: ['admin'], status: 'active' });
    expect(await auditActionsFor(t.services.database.db, user?.id ?? 0)).toEqual(['identity.first_admin_created']);

    // Signed in, and every other page waits until two-factor is on.
    expect((await agent.get('/ca/me')).headers.get('location')).toBe('/ca/account/two-factor?required=1');
    expect((await agent.get('/ca/account/two-factor?required=1')).status).toBe(200);
  });

  it('refuses the link once used, with a clear page, and changes nothing', async () => {
    const path = await setupPath();
    expect((await t.agent().post(path, { name: 'Primera', email: 'primera@example.org', password: PASSWORD, password_confirm: PASSWORD })).status).toBe(303);
    const before = await snapshot(t.services.database.db);
    const again = await t.agent().post(path, { name: 'Segona', email: 'segona@example.org', password: PASSWORD, password_confirm: PASSWORD });
    expect(again.status).toBe(410);
    expect(await pageText(again)).toContain("Si el primer compte d'administració ja existeix, inicia la sessió.");
    expect(await snapshot(t.services.database.db)).toEqual(before);
    expect(await findUserByEmail(t.services.database.db, 'segona@example.org')).toBeUndefined();
  });

  it('refuses an expired link, and changes nothing', async () => {
    const path = await setupPath();
    await t.services.database.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('purpose', '=', 'first_admin').execute();
    const before = await snapshot(t.services.database.db);
    expect((await t.agent().get(path)).status).toBe(410);
    expect((await t.agent().post(path, { name: 'Tard', email: 'tard@example.org', password: PASSWORD, password_confirm: PASSWORD })).status).toBe(410);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('keeps the link usable and what was typed when the e-mail already has an account', async () => {
    const existing = await t.createUser();
    const path = await setupPath();
    const before = await snapshot(t.services.database.db);
    const response = await t.agent().post(path, { name: 'Repetida', email: existing.email ?? '', password: PASSWORD, password_confirm: PASSWORD });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('Aquesta adreça ja té un compte a Teixit.');
    expect(html).toContain('value="Repetida"');
    expect(await snapshot(t.services.database.db)).toEqual(before);
    expect((await t.agent().get(path)).status).toBe(200);
  });
});
