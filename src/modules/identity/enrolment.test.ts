import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { findUserById } from './store.js';
import { auditActionsFor, pageText, snapshot } from './test-support.js';
import { currentTotpCode, matchTotp } from './two-factor.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The secret and its signature from the enrolment form. */
async function enrolmentForm(agent: Agent, path = '/ca/account/two-factor') {
  const response = await agent.get(path);
  expect(response.status).toBe(200);
  const html = await pageText(response);
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(html)?.[1] ?? '';
  const signature = /name="signature" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { html, secret, signature };
}

function codesIn(html: string): string[] {
  return [...html.matchAll(/<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/code>/g)].map((m) => m[1] ?? '');
}

describe('enrolling in two-factor authentication', () => {
  it('takes an official without it to enrolment, shows a QR code and the key, and turns it on with a code', async () => {
    const official = await t.createUser({ roles: ['official'], totp: false });
    const agent = t.agent();
    await agent.signIn(official);
    const elsewhere = await agent.get('/ca/me');
    expect(elsewhere.headers.get('location')).toBe('/ca/account/two-factor?required=1');

    const { html, secret, signature } = await enrolmentForm(agent, '/ca/account/two-factor?required=1');
    expect(html).toContain('Cal que activis la verificació en dos passos');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(html).toContain(secret.slice(0, 4));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrongCode = ['000000', '111111', '222222', '333333'].find((c) => matchTotp(secret, c) === null) ?? '';
    const wrong = await agent.post('/ca/account/two-factor', { secret, signature, code: wrongCode });
    expect(wrong.status).toBe(422);
    const wrongHtml = await pageText(wrong);
    expect(wrongHtml).toContain('El codi no és correcte.');
    // The same secret stays, so the person need not scan again.
    expect(wrongHtml).toContain(`name="secret" value="${secret}"`);

    const done = await agent.post('/ca/account/two-factor', { secret, signature, code: currentTotpCode(secret) });
    expect(done.status).toBe(200);
    const codes = codesIn(await pageText(done));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const user = await findUserById(t.services.database.db, official.id);
    expect(user?.totp_secret).toBe(secret);
    expect(user?.totp_enabled_at).toBeInstanceOf(Date);
    const stored = await t.services.database.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', official.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.some((row) => codes.includes(row.code_hash))).toBe(false);
    expect(await auditActionsFor(t.services.database.db, official.id)).toContain('identity.two_factor_enabled');

    // This session proved the second factor: it is not asked again, nor sent back to enrol.
    const after = await agent.get('/ca/account/two-factor');
    expect(after.status).toBe(200);
    expect(await pageText(after)).toContain('Activada');
  });

  it('refuses a secret the server did not offer, and changes nothing', async () => {
    const person = await t.createUser({ totp: false });
    const agent = t.agent();
    await agent.signIn(person);
    const { signature } = await enrolmentForm(agent);
    const chosen = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const before = await snapshot(t.services.database.db);
    const response = await agent.post('/ca/account/two-factor', { secret: chosen, signature, code: currentTotpCode(chosen) });
    expect(response.status).toBe(400);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });

  it('does not let the code used to enrol sign in again', async () => {
    const person = await t.createUser({ totp: false });
    const agent = t.agent();
    await agent.signIn(person);
    const { secret, signature } = await enrolmentForm(agent);
    const code = currentTotpCode(secret);
    expect((await agent.post('/ca/account/two-factor', { secret, signature, code })).status).toBe(200);

    const other = t.agent();
    expect((await other.post('/ca/sign-in', { email: person.email ?? '', password: person.password })).status).toBe(303);
    const reused = await other.post('/ca/sign-in/two-factor', { code });
    expect(reused.status).toBe(422);
    expect(await pageText(reused)).toContain("Aquest codi ja s'ha fet servir.");
  });
});

describe('the second factor at sign-in', () => {
  it('accepts a TOTP code once: the same code a second time is refused and changes nothing', async () => {
    const person = await t.createUser({ totp: true });
    const secret = person.totp_secret ?? '';
    const code = currentTotpCode(secret);
    const first = t.agent();
    await first.post('/ca/sign-in', { email: person.email ?? '', password: person.password });
    expect((await first.post('/ca/sign-in/two-factor', { code })).status).toBe(303);

    const second = t.agent();
    await second.post('/ca/sign-in', { email: person.email ?? '', password: person.password });
    const before = await snapshot(t.services.database.db);
    const reused = await second.post('/ca/sign-in/two-factor', { code });
    expect(reused.status).toBe(422);
    expect(await pageText(reused)).toContain("Aquest codi ja s'ha fet servir.");
    expect(await snapshot(t.services.database.db)).toEqual(before);
    // Still owing the code: pages send this browser back to the second step.
    expect((await second.get('/ca/me')).headers.get('location')).toBe('/ca/sign-in/two-factor');
  });

  it('accepts a recovery code once', async () => {
    const person = await t.createUser({ totp: false });
    const agent = t.agent();
    await agent.signIn(person);
    const { secret, signature } = await enrolmentForm(agent);
    const codes = codesIn(await pageText(await agent.post('/ca/account/two-factor', { secret, signature, code: currentTotpCode(secret) })));
    const recovery = codes[3] ?? '';

    const first = t.agent();
    await first.post('/ca/sign-in', { email: person.email ?? '', password: person.password });
    expect((await first.post('/ca/sign-in/two-factor', { code: recovery.toUpperCase() })).status).toBe(303);
    expect((await first.get('/ca/account/two-factor')).status).toBe(200);

    const second = t.agent();
    await second.post('/ca/sign-in', { email: person.email ?? '', password: person.password });
    const before = await snapshot(t.services.database.db);
    const again = await second.post('/ca/sign-in/two-factor', { code: recovery });
    expect(again.status).toBe(422);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });
});

describe('managing two-factor once it is on', () => {
  async function enrolled(roles: Array<'admin' | 'official'> = []) {
    const person = await t.createUser({ roles, totp: false });
    const agent = t.agent();
    await agent.signIn(person);
    const { secret, signature } = await enrolmentForm(agent);
    const codes = codesIn(await pageText(await agent.post('/ca/account/two-factor', { secret, signature, code: currentTotpCode(secret) })));
    return { person, agent, secret, codes };
  }

  it('makes new recovery codes after the password; the old ones stop working', async () => {
    const { person, agent, codes } = await enrolled();
    const wrong = await agent.post('/ca/account/two-factor/recovery-codes', { codes_password: 'not my password at all' });
    expect(wrong.status).toBe(422);
    expect(await pageText(wrong)).toContain('La contrasenya no és correcta.');

    const fresh = await agent.post('/ca/account/two-factor/recovery-codes', { codes_password: person.password });
    expect(fresh.status).toBe(200);
    const newCodes = codesIn(await pageText(fresh));
    expect(newCodes).toHaveLength(10);
    expect(newCodes.some((c) => codes.includes(c))).toBe(false);

    const other = t.agent();
    await other.post('/ca/sign-in', { email: person.email ?? '', password: person.password });
    expect((await other.post('/ca/sign-in/two-factor', { code: codes[0] ?? '' })).status).toBe(422);
    expect((await other.post('/ca/sign-in/two-factor', { code: newCodes[0] ?? '' })).status).toBe(303);
    expect(await auditActionsFor(t.services.database.db, person.id)).toContain('identity.recovery_codes_regenerated');
  });

  it('turns it off after the password, for a person whose role does not require it', async () => {
    const { person, agent } = await enrolled();
    const wrong = await agent.post('/ca/account/two-factor/disable', { off_password: 'not my password at all' });
    expect(wrong.status).toBe(422);
    const off = await agent.post('/ca/account/two-factor/disable', { off_password: person.password });
    expect(off.status).toBe(303);
    const user = await findUserById(t.services.database.db, person.id);
    expect(user?.totp_enabled_at).toBeNull();
    expect(user?.totp_secret).toBeNull();
    expect(await t.services.database.db.selectFrom('recovery_codes').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    expect(await auditActionsFor(t.services.database.db, person.id)).toContain('identity.two_factor_disabled');
  });

  it('refuses to turn it off for an administrator, and changes nothing', async () => {
    const { person, agent } = await enrolled(['admin']);
    const page = await pageText(await agent.get('/ca/account/two-factor'));
    expect(page).toContain("El teu rol (administració o personal municipal) l'exigeix");
    const before = await snapshot(t.services.database.db);
    const refused = await agent.post('/ca/account/two-factor/disable', { off_password: person.password });
    expect(refused.status).toBe(403);
    expect(await snapshot(t.services.database.db)).toEqual(before);
  });
});
