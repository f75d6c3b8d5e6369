/**
 * Inviting people from the administration, and reading the invitation in the outbox when there
 * is no mail server: the link can be passed on by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail, listOutbox } from '../../kernel/mail/index.js';
import { searchAudit } from '../../kernel/audit/index.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { findUserByEmail, listPendingInvitations } from '../identity/index.js';
import { formatDate } from '../../kernel/i18n/index.js';

let app: TestApp;
let agent: Agent;

async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.createUser({ roles: ['admin'], name: 'Marta Administradora' });
  agent = app.agent();
  await agent.signIn(admin);
});
afterAll(async () => {
  await app?.close();
});

describe('inviting a person', () => {
  it('creates the account, mails the link, and lists the invitation as pending with its expiry', async () => {
    const response = await agent.post('/ca/admin/invitations', { email: 'Ona.Serra@Example.org', name: 'Ona Serra', roles: 'official', locale: 'es' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/admin/invitations');
    const page = await pageText(await agent.get('/ca/admin/invitations'));
    expect(page).toContain("S'ha enviat la invitació a Ona Serra (ona.serra@example.org).");
    expect(page).toContain('Invitacions pendents');
    expect(page).toContain('ona.serra@example.org');
    expect(page).toContain('Marta Administradora');
    expect(page).toContain('Personal municipal');
    const [link] = await listPendingInvitations(app.services.database.db, 1);
    expect(link!.expires_at.getTime() - link!.created_at.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(page).toContain(formatDate('ca', link!.expires_at, 'shortTime'));
    const invitee = await findUserByEmail(app.services.database.db, 'ona.serra@example.org');
    expect(invitee).toMatchObject({ name: 'Ona Serra', roles: ['official'], locale: 'es', password_hash: null });
    const [mail] = await listOutbox(app.services.database.db, { to: 'ona.serra@example.org' }, 1);
    expect(mail?.status).toBe('held');
    expect(mail?.text_body).toMatch(/http:\/\/localhost\/es\/invitation\/\S+/);
  });

  it('sends the form back with what was typed when the address is wrong', async () => {
    const response = await agent.post('/ca/admin/invitations', { email: 'not-an-address', name: 'Pau Vidal', roles: ['admin', 'official'], locale: 'ca' });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('href="#field-email"');
    expect(html).toContain('value="Pau Vidal"');
    expect(html).toMatch(/value="admin" checked=""/);
    expect(html).toMatch(/value="official" checked=""/);
  });

  it('refuses an address that already has an account', async () => {
    const existing = await app.createUser({ name: 'Ja Hi Sóc' });
    const response = await agent.post('/ca/admin/invitations', { email: existing.email ?? '', name: 'Algú', locale: 'ca' });
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain('Aquesta adreça ja té un compte a Teixit.');
    expect((await findUserByEmail(app.services.database.db, existing.email ?? ''))?.name).toBe('Ja Hi Sóc');
  });
});

describe('the outbox', () => {
  it('says that without SMTP messages are held and not sent, and lists them newest first', async () => {
    const html = await pageText(await agent.get('/ca/admin/outbox'));
    expect(html).toContain('No hi ha cap servidor de correu configurat');
    expect(html).toContain('Retingut');
    expect(html).toContain('ona.serra@example.org');
  });

  it('shows a held message’s whole text, so its link can be passed on, and records who opened it', async () => {
    const [mail] = await listOutbox(app.services.database.db, { to: 'ona.serra@example.org' }, 1);
    const response = await agent.get(`/ca/admin/outbox/${mail!.id}`);
    expect(response.status).toBe(200);
    const html = await pageText(response);
    const link = /http:\/\/localhost\/es\/invitation\/\S+/.exec(mail!.text_body)?.[0];
    expect(html).toContain(link);
    expect(html).toContain('Aquest correu no s\'ha enviat');
    const [read] = await searchAudit(app.services.database.db, { action: 'admin.outbox.read' }, 1);
    expect(read).toMatchObject({ subject_type: 'outbox_message', subject_id: String(mail!.id) });
    expect(JSON.stringify(read)).not.toContain('ona.serra');
  });

  it('shows a message’s HTML only as source, never as markup', async () => {
    const id = await app.services.database.db.transaction().execute((trx) =>
      enqueueMail(trx, app.services, { to: 'lector@example.org', locale: 'ca', subject: 'Prova HTML', text: 'Hola', html: '<p onclick="x()">Hola</p><script>alert(1)</script>' }),
    );
    const html = await (await agent.get(`/ca/admin/outbox/${id}`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<p onclick');
  });

  it('filters by status, and answers 404 for a message that does not exist', async () => {
    const sent = await pageText(await agent.get('/ca/admin/outbox?status=sent'));
    expect(sent).toContain('No hi ha cap correu');
    expect((await agent.get('/ca/admin/outbox/999999')).status).toBe(404);
    expect((await agent.get('/ca/admin/outbox/abc')).status).toBe(404);
  });

  it('says so when a mail server is configured', async () => {
    const withSmtp = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const admin = await withSmtp.createUser({ roles: ['admin'] });
      const theirs = withSmtp.agent();
      await theirs.signIn(admin);
      const html = await pageText(await theirs.get('/ca/admin/outbox'));
      expect(html).toContain("El correu s'envia");
      expect(html).not.toContain('No hi ha cap servidor de correu configurat');
    } finally {
      await withSmtp.close();
    }
  });
});
