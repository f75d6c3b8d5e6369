import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import type { RequestScope } from '../../kernel/services.js';
import { findUserById, updateUser, type UserRow } from './store.js';
import { auditActionsFor, lastMailTo, linkPathIn, pageText, snapshot } from './test-support.js';
import { sendVerificationEmail } from './verification.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function as(actor: UserRow): RequestScope {
  return { services: t.services, actor: { id: actor.id, name: actor.name, roles: actor.roles }, locale: 'ca', requestId: null, ip: null };
}

async function unverified(locale: 'ca' | 'es' | 'en' = 'ca') {
  const user = await t.createUser({ locale });
  return updateUser(t.services.database.db, user.id, { email_verified_at: null });
}

describe('confirming an e-mail address', () => {
  it('mails a link in the person’s language that confirms the address once', async () => {
    const user = await unverified('en');
    await sendVerificationEmail(as(user));
    const mail = await lastMailTo(t.services.database.db, user.email ?? '');
    expect(mail.subject).toBe('Confirm your e-mail address');
    expect(mail.text_body).toContain('expires in three days');
    const path = linkPathIn(mail);
    expect(path).toMatch(/^\/en\/verify-email\//);

    const opened = await t.agent().get(path);
    expect(opened.status).toBe(200);
    expect(await pageText(opened)).toContain('Address confirmed');
    expect((await findUserById(t.services.database.db, user.id))?.email_verified_at).toBeInstanceOf(Date);
    expect(await auditActionsFor(t.services.database.db, user.id)).toEqual(['identity.verification_sent', 'identity.email_verified']);

    const before = await snapshot(t.services.database.db);
    const again = await t.agent().get(path);
    expect(again.status).toBe(410);
    expect(await pageText(again)).toContain('If you had already opened this link, your address is confirmed.');
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('answers 409 when the address is already confirmed', async () => {
    const user = await t.createUser();
    await expect(sendVerificationEmail(as(user))).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  it('refuses an expired link, and changes nothing', async () => {
    const user = await unverified();
    await sendVerificationEmail(as(user));
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    await t.services.database.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const before = await snapshot(t.services.database.db);
    const response = await t.agent().get(path);
    expect(response.status).toBe(410);
    expect(await pageText(response)).toContain('Aquest enllaç ha caducat');
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('does not confirm an address the account no longer has', async () => {
    const user = await unverified();
    await sendVerificationEmail(as(user));
    const path = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    await updateUser(t.services.database.db, user.id, { email: `changed-${user.email}` });
    const before = await snapshot(t.services.database.db);
    const response = await t.agent().get(path);
    expect(response.status).toBe(404);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('sends a new link that voids the older one, at most five times an hour', async () => {
    const user = await unverified();
    await sendVerificationEmail(as(user));
    const first = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    await sendVerificationEmail(as(user));
    const second = linkPathIn(await lastMailTo(t.services.database.db, user.email ?? ''));
    expect((await t.agent().get(first)).status).toBe(410);
    expect((await t.agent().get(second)).status).toBe(200);
    await updateUser(t.services.database.db, user.id, { email_verified_at: null });
    for (let i = 0; i < 3; i += 1) await sendVerificationEmail(as(user));
    await expect(sendVerificationEmail(as(user))).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
