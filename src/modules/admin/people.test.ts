/**
 * The people pages through HTTP, as an administrator: who may see them, the list's search and
 * filters, changing roles, disabling and enabling accounts, and the last-administrator rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../../kernel/audit/index.js';
import { sha256 } from '../../kernel/crypto.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { findUserById, insertApiToken } from '../identity/index.js';
import { disableAccount } from './account-status.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function signedInAdmin() {
  const admin = await app.createUser({ roles: ['admin'], name: `Admin ${Math.random().toString(36).slice(2, 7)}` });
  const agent = app.agent();
  await agent.signIn(admin);
  return { admin, agent };
}

/** The page's text with the entities hono/jsx writes for quotes and ampersands turned back. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

async function auditFor(action: string, subjectId: number) {
  return searchAudit(app.services.database.db, { action, subjectType: 'user', subjectId: String(subjectId) }, 10);
}

describe('who may administer', () => {
  const pages = ['/ca/admin', '/ca/admin/people', '/ca/admin/people/1', '/ca/admin/invitations', '/ca/admin/audit', '/ca/admin/audit/verify', '/ca/admin/outbox'];

  it('sends visitors to sign in, and brings them back afterwards', async () => {
    const visitor = app.agent();
    for (const page of pages) {
      const response = await visitor.get(page);
      expect(response.status, page).toBe(303);
      expect(response.headers.get('location'), page).toBe(`/ca/sign-in?next=${encodeURIComponent(page)}`);
    }
  });

  it('refuses people without the administrator role, officials included', async () => {
    for (const roles of [[], ['official']] as const) {
      const person = await app.createUser({ roles: [...roles] });
      const agent = app.agent();
      await agent.signIn(person);
      for (const page of pages) expect((await agent.get(page)).status, `${page} as ${roles.join() || 'participant'}`).toBe(403);
      const post = await agent.post(`/ca/admin/people/${person.id}/roles`, { roles: 'admin' });
      expect(post.status).toBe(403);
      expect((await findUserById(app.services.database.db, person.id))?.roles).toEqual(roles);
    }
  });

  it('shows the administration in the navigation to administrators only', async () => {
    const { agent } = await signedInAdmin();
    expect(await (await agent.get('/ca')).text()).toContain('href="/ca/admin"');
    const person = await app.createUser();
    const other = app.agent();
    await other.signIn(person);
    expect(await (await other.get('/ca')).text()).not.toContain('href="/ca/admin"');
  });
});

describe('the people list', () => {
  it('finds people by name or e-mail, ignoring accents and capitals', async () => {
    const { agent } = await signedInAdmin();
    await app.createUser({ name: 'Núria Puigdollers', email: 'nuria.p@example.org' });
    await app.createUser({ name: 'Pere Ferrer', email: 'pere.ferrer@cooperativa.cat' });
    const byName = await (await agent.get('/ca/admin/people?q=NURIA')).text();
    expect(byName).toContain('Núria Puigdollers');
    expect(byName).toContain('nuria.p@example.org');
    expect(byName).not.toContain('Pere Ferrer');
    const byEmail = await (await agent.get('/ca/admin/people?q=cooperativa.cat')).text();
    expect(byEmail).toContain('Pere Ferrer');
    expect(byEmail).not.toContain('Núria Puigdollers');
  });

  it('filters by role and by status, and says when nobody matches', async () => {
    const { agent } = await signedInAdmin();
    const official = await app.createUser({ roles: ['official'], name: 'Oriol Tècnic' });
    const page = await (await agent.get('/ca/admin/people?role=official')).text();
    expect(page).toContain(official.name);
    expect(page).toContain('Personal municipal');
    expect(page).not.toContain('Núria Puigdollers');
    const disabled = await (await agent.get('/ca/admin/people?status=disabled&q=oriol')).text();
    expect(disabled).toContain('Cap persona coincideix amb la cerca');
  });

  it('sends back a filter it does not know, keeping what was typed', async () => {
    const { agent } = await signedInAdmin();
    const response = await agent.get('/ca/admin/people?q=pere&role=mayor');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Tria un rol de la llista.');
    expect(html).toContain('value="pere"');
  });

  it('shows 25 people a page, with a link to the next', async () => {
    const { agent } = await signedInAdmin();
    for (let i = 0; i < 27; i += 1) await app.createUser({ name: `Paginada ${String(i).padStart(2, '0')}` });
    const first = await pageText(await agent.get('/ca/admin/people?q=paginada'));
    expect(first).toContain('27 persones');
    expect(first).toContain('Paginada 24');
    expect(first).not.toContain('Paginada 25');
    expect(first).toContain('href="/ca/admin/people?q=paginada&page=2"');
    const second = await (await agent.get('/ca/admin/people?q=paginada&page=2')).text();
    expect(second).toContain('Paginada 26');
    expect(second).not.toContain('Paginada 24');
  });
});

describe('changing roles', () => {
  it('gives a role, records the roles before and after, and says the person must set up 2FA', async () => {
    const { agent } = await signedInAdmin();
    const person = await app.createUser({ name: 'Laia Sense Dos Passos' });
    const response = await agent.post(`/ca/admin/people/${person.id}/roles`, { roles: 'official' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/ca/admin/people/${person.id}`);
    const page = await (await agent.get(`/ca/admin/people/${person.id}`)).text();
    expect(page).toContain('la pròxima pàgina que obri li demanarà que la configuri');
    expect((await findUserById(app.services.database.db, person.id))?.roles).toEqual(['official']);
    const [entry] = await auditFor('admin.people.change_roles', person.id);
    expect(entry?.before).toEqual({ roles: [] });
    expect(entry?.after).toEqual({ roles: ['official'] });
    expect(JSON.stringify(entry)).not.toContain(person.email);

    // Their next page asks them to set up two-step verification.
    const theirs = app.agent();
    await theirs.signIn(person);
    const next = await theirs.get('/ca/admin/people');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/ca/account/two-factor?required=1');
  });

  it('takes every role away when no box is ticked', async () => {
    const { agent } = await signedInAdmin();
    const person = await app.createUser({ roles: ['official'] });
    expect((await agent.post(`/ca/admin/people/${person.id}/roles`, {})).status).toBe(303);
    expect((await findUserById(app.services.database.db, person.id))?.roles).toEqual([]);
  });

  it('refuses a role that does not exist', async () => {
    const { agent } = await signedInAdmin();
    const person = await app.createUser();
    const response = await agent.post(`/ca/admin/people/${person.id}/roles`, { roles: ['official', 'mayor'] });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Tria només rols de la llista.');
    expect((await findUserById(app.services.database.db, person.id))?.roles).toEqual([]);
  });
});

describe('disabling an account', () => {
  it('asks first, then ends the person’s sessions at once and stops their API tokens', async () => {
    const { agent } = await signedInAdmin();
    const person = await app.createUser({ name: 'Jordi Desactivat' });
    const theirs = app.agent();
    await theirs.signIn(person);
    expect(await (await theirs.get('/ca')).text()).toContain('Tanca la sessió');
    const token = 'tx_disabletestdisabletestdisabletest';
    await insertApiToken(app.services.database.db, { user_id: person.id, name: 'script', token_hash: sha256(token) });
    expect((await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const confirm = await agent.get(`/ca/admin/people/${person.id}/disable`);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('Vols desactivar el compte de Jordi Desactivat?');
    expect(confirmHtml).toContain('La seva sessió oberta es tancarà ara mateix');

    const response = await agent.post(`/ca/admin/people/${person.id}/disable`);
    expect(response.status).toBe(303);
    expect(await (await agent.get(`/ca/admin/people/${person.id}`)).text()).toContain('Desactivat');

    const after = await theirs.get('/ca');
    expect(await after.text()).not.toContain('Tanca la sessió');
    expect((await theirs.get('/ca/account')).status).toBe(303);
    expect((await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const [entry] = await auditFor('admin.people.disable', person.id);
    expect(entry?.before).toEqual({ status: 'active' });
    expect(entry?.after).toEqual({ status: 'disabled', sessions_ended: 1 });

    // Enabled again: the token works again and the person can sign in anew.
    expect((await agent.get(`/ca/admin/people/${person.id}/enable`)).status).toBe(200);
    expect((await agent.post(`/ca/admin/people/${person.id}/enable`)).status).toBe(303);
    expect((await app.built.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const again = app.agent();
    await again.signIn(person);
    expect(await (await again.get('/ca')).text()).toContain('Tanca la sessió');
    const [enabled] = await auditFor('admin.people.enable', person.id);
    expect(enabled?.after).toEqual({ status: 'active' });
  });

  it('refuses to disable your own account', async () => {
    const { admin, agent } = await signedInAdmin();
    const confirm = await agent.get(`/ca/admin/people/${admin.id}/disable`);
    expect(confirm.status).toBe(409);
    expect(await confirm.text()).not.toContain('Sí, desactiva el compte');
    const response = await agent.post(`/ca/admin/people/${admin.id}/disable`);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('No pots desactivar el teu propi compte.');
    expect((await findUserById(app.services.database.db, admin.id))?.status).toBe('active');
  });
});

describe('the last administrator', () => {
  it('cannot lose the administrator role, and can once another administrator exists', async () => {
    const solo = await createTestApp();
    try {
      const admin = await solo.createUser({ roles: ['admin'] });
      const agent = solo.agent();
      await agent.signIn(admin);
      const refused = await agent.post(`/ca/admin/people/${admin.id}/roles`, { roles: 'official' });
      expect(refused.status).toBe(409);
      expect(await pageText(refused)).toContain("No pots treure el rol d'administració a l'única persona administradora activa");
      expect((await findUserById(solo.services.database.db, admin.id))?.roles).toEqual(['admin']);

      const second = await solo.createUser({ roles: ['admin'] });
      const stepDown = await agent.post(`/ca/admin/people/${admin.id}/roles`, { roles: 'official' });
      expect(stepDown.status).toBe(303);
      expect(stepDown.headers.get('location')).toBe('/ca');
      expect((await findUserById(solo.services.database.db, admin.id))?.roles).toEqual(['official']);

      // Whoever asks, the only active administrator cannot be disabled.
      const scope = { services: solo.services, actor: { id: admin.id, name: admin.name, roles: ['admin' as const] }, locale: 'ca' as const, requestId: null, ip: null };
      await expect(disableAccount(scope, { userId: second.id })).rejects.toMatchObject({ code: 'conflict', messageKey: 'admin.person.disable.last_admin' });
      expect((await findUserById(solo.services.database.db, second.id))?.status).toBe('active');
    } finally {
      await solo.close();
    }
  });
});
