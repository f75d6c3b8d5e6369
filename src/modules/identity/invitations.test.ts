import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { AppError } from '../../kernel/errors.js';
import type { RequestScope } from '../../kernel/services.js';
import { inviteByEmail } from './invitations.js';
import { findUserByEmail, findUserById, type UserRow } from './store.js';
import { auditActionsFor, lastMailTo, linkPathIn, pageText, snapshot } from './test-support.js';

let t: TestApp;
let admin: UserRow;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ roles: ['admin'], name: 'Marta Admin' });
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = 'orchard lantern pebble ninety';
let counter = 0;
const newAddress = () => `invited${(counter += 1)}-${Date.now()}@example.org`;

function as(actor: UserRow): RequestScope {
  return { services: t.services, actor: { id: actor.id, name: actor.name, roles: actor.roles }, locale: 'ca', requestId: null, ip: null };
}

async function invite(email: string, options: { roles?: string[]; locale?: 'ca' | 'es' | 'en'; name?: string } = {}) {
  await inviteByEmail(as(admin), { email, name: options.name ?? 'Jordi Convidat', roles: options.roles ?? [], locale: options.locale ?? 'ca' });
  return linkPathIn(await lastMailTo(t.services.database.db, email));
}

describe('inviting someone', () => {
  it('creates an account without a password and mails a seven-day link in the chosen language', async () => {
    const email = newAddress();
    await inviteByEmail(as(admin), { email: email.toUpperCase(), name: 'Laia Puig', roles: ['official'], locale: 'en' });
    const user = await findUserByEmail(t.services.database.db, email);
    expect(user).toMatchObject({ name: 'Laia Puig', roles: ['official'], locale: 'en', status: 'active', password_hash: null, email_verified_at: null });
    const mail = await lastMailTo(t.services.database.db, email);
    expect(mail.subject).toBe('Marta Admin has invited you to Teixit');
    expect(mail.text_body).toContain('Hello Laia Puig,');
    expect(mail.text_body).toContain('expires in seven days');
    expect(linkPathIn(mail)).toMatch(/^\/en\/invitation\//);
    const link = await t.services.database.db.selectFrom('one_time_tokens').selectAll().where('user_id', '=', user?.id ?? 0).executeTakeFirstOrThrow();
    const days = (link.expires_at.getTime() - link.created_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
    expect(link.created_by).toBe(admin.id);
    expect(await auditActionsFor(t.services.database.db, user?.id ?? 0)).toEqual(['identity.invited']);
  });

  it('is for administrators only', async () => {
    const official = await t.createUser({ roles: ['official'] });
    await expect(inviteByEmail(as(official), { email: newAddress(), name: 'X', roles: [], locale: 'ca' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses an address that already has an account, on the e-mail field', async () => {
    const existing = await t.createUser();
    const before = await snapshot(t.services.database.db);
    const error = await inviteByEmail(as(admin), { email: existing.email, name: 'X', roles: [], locale: 'ca' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields.email).toBe('Aquesta adreça ja té un compte a Teixit.');
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('refuses a role that does not exist', async () => {
    const error = await inviteByEmail(as(admin), { email: newAddress(), name: 'X', roles: ['superuser'], locale: 'ca' }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('validation_failed');
    expect(Object.keys((error as AppError).fields)[0]).toMatch(/^roles/);
  });

  it('voids the old link when a pending address is invited again, and keeps one account', async () => {
    const email = newAddress();
    const first = await invite(email, { name: 'Primer Nom' });
    const second = await invite(email, { name: 'Segon Nom', locale: 'es' });
    expect(second).toMatch(/^\/es\/invitation\//);
    const rows = await t.services.database.db.selectFrom('users').select(['id', 'name', 'locale']).where('email', '=', email).execute();
    expect(rows).toEqual([expect.objectContaining({ name: 'Segon Nom', locale: 'es' })]);
    expect((await t.agent().get(first)).status).toBe(410);
    expect((await t.agent().get(second)).status).toBe(200);
    expect(await auditActionsFor(t.services.database.db, rows[0]?.id ?? 0)).toEqual(['identity.invited', 'identity.reinvited']);
  });
});

describe('accepting an invitation', () => {
  it('shows the invited name to confirm, sets the password, verifies the address and signs the person in', async () => {
    const email = newAddress();
    const path = await invite(email, { name: 'Pau Serra' });
    const agent = t.agent();
    const form = await agent.get(path);
    expect(form.status).toBe(200);
    const html = await pageText(form);
    expect(html).toContain('value="Pau Serra"');
    expect(html).toContain(email);

    const accepted = await agent.post(path, { name: 'Pau Serra i Vila', password: PASSWORD, password_confirm: PASSWORD });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/ca/me');
    const user = await findUserByEmail(t.services.database.db, email);
    expect(user?.name).toBe('Pau Serra i Vila');
    expect(user?.email_verified_at).toBeInstanceOf(Date);
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    // Signed in: a page for signed-in people opens instead of sending them to sign in.
    expect((await agent.get('/ca/account/two-factor')).status).toBe(200);
    const audit = await t.services.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'identity.invitation_accepted').where('subject_id', '=', String(user?.id)).execute();
    expect(audit).toEqual([{ action: 'identity.invitation_accepted', actor_id: user?.id }]);

    const fresh = t.agent();
    await fresh.signIn({ email, password: PASSWORD, totp_secret: null, totp_enabled_at: null });
  });

  it('sends a person whose role requires two-factor straight to enrolment', async () => {
    const email = newAddress();
    const path = await invite(email, { roles: ['official'] });
    const agent = t.agent();
    const accepted = await agent.post(path, { name: 'Oficial Nou', password: PASSWORD, password_confirm: PASSWORD });
    expect(accepted.headers.get('location')).toBe('/ca/account/two-factor?required=1');
    const elsewhere = await agent.get('/ca/me');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/ca/account/two-factor?required=1');
    const enrolment = await pageText(await agent.get('/ca/account/two-factor?required=1'));
    expect(enrolment).toContain('Cal que activis la verificació en dos passos');
  });

  it('re-renders the form with what was typed when the password is refused, keeping the link usable', async () => {
    const email = newAddress();
    const path = await invite(email);
    const before = await snapshot(t.services.database.db);
    const response = await t.agent().post(path, { name: 'Nom Escrit', password: 'short', password_confirm: 'short' });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('value="Nom Escrit"');
    expect(html).toContain('La contrasenya ha de tenir com a mínim 12 caràcters.');
    expect(await snapshot(t.services.database.db)).toEqual(before);
    expect((await t.agent().get(path)).status).toBe(200);
  });

  it('refuses a reused invitation link with a clear page, and changes nothing', async () => {
    const email = newAddress();
    const path = await invite(email);
    expect((await t.agent().post(path, { name: 'Ja Acceptat', password: PASSWORD, password_confirm: PASSWORD })).status).toBe(303);
    const before = await snapshot(t.services.database.db);
    const again = await t.agent().post(path, { name: 'Algú Altre', password: 'a different good password', password_confirm: 'a different good password' });
    expect(again.status).toBe(410);
    const html = await pageText(again);
    expect(html).toContain("Aquest enllaç ja s'ha fet servir");
    expect(html).toContain('Si ja has acceptat la invitació, inicia la sessió');
    expect(again.headers.getSetCookie().some((c) => c.startsWith('teixit_session='))).toBe(false);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('refuses an expired invitation link in the page language, and changes nothing', async () => {
    const email = newAddress();
    const path = await invite(email, { locale: 'es' });
    const user = await findUserByEmail(t.services.database.db, email);
    await t.services.database.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 60_000) }).where('user_id', '=', user?.id ?? 0).execute();
    const before = await snapshot(t.services.database.db);
    const shown = await t.agent().get(path);
    expect(shown.status).toBe(410);
    expect(await pageText(shown)).toContain('Este enlace ha caducado');
    const posted = await t.agent().post(path, { name: 'X', password: PASSWORD, password_confirm: PASSWORD });
    expect(posted.status).toBe(410);
    expect(await snapshot(t.services.database.db)).toEqual(before);
    expect((await findUserById(t.services.database.db, user?.id ?? 0))?.password_hash).toBeNull();
  });
});
