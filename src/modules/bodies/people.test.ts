/**
 * People's public record: the profile page and `GET /people/{id}` show a name and public
 * mandates, never an e-mail, phone or gender; `/me` and My space list the person's own active
 * mandates; "download my data" includes every mandate they held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { browserFor, freshToken, type Persona } from '../../../test/support/personas.js';
import { addMandate } from './mandates.js';
import { spaceToday } from './membership.js';
import { makeOrganisation, makeWorkingGroup, PLENARY, scopeAs, seat, STEERING } from './mandates.fixtures.js';

let app: TestApp;
type User = Awaited<ReturnType<TestApp['createUser']>>;
let laia: User;
let fctc: { id: number; short_name: string; name: string };

const persona = (user: User | null): Persona => ({ name: user ? 'participant' : 'visitor', user, token: null });

beforeAll(async () => {
  app = await createTestApp();
  laia = await app.createUser({ name: 'Laia Ferrer i Soler', email: 'laia.private@example.org' });
  await app.services.database.db.updateTable('users').set({ gender: 'woman' }).where('id', '=', laia.id).execute();
  fctc = await makeOrganisation(app, { short_name: 'FCTC-p', name: 'Federació de Cooperatives de Treball' });
  await seat(app, { body_id: PLENARY.id, person_id: laia.id, organisation_id: fctc.id, starts_on: '2023-02-01', ends_on: '2025-01-01' });
  await seat(app, { body_id: STEERING.id, person_id: laia.id, organisation_id: fctc.id, role: 'secretary', starts_on: '2024-05-01' });
});
afterAll(async () => {
  await app?.close();
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

async function api(path: string, token?: string | null) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return app.built.app.request(`/api/v1${path}`, { headers });
}

describe('the public profile page', () => {
  it('shows the name, current and past mandates and the organisations represented, to a visitor', async () => {
    const response = await (await browserFor(app, persona(null))).get(`/ca/people/${laia.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain('Laia Ferrer i Soler');
    expect(text).toMatch(/Mandats actuals .*Des de 2024 Secretaria de FCTC-p Grup motor/);
    expect(text).toMatch(/Mandats anteriors .*2023–2024 Persona delegada de FCTC-p Àmbit Participat/);
    expect(text).toContain('Entitats que ha representat');
    expect(html).toContain(`href="/ca/organisations/${fctc.id}"`);
    expect(html).not.toContain('laia.private@example.org');
    expect(text).not.toMatch(/dona|woman/i);
  });

  it('still shows the public record of a disabled person, and not a deleted or unknown one', async () => {
    const disabled = await app.createUser({ name: 'Marc Desactivat' });
    await seat(app, { body_id: PLENARY.id, person_id: disabled.id, college: 'trajectory' });
    await app.services.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const visitor = await browserFor(app, persona(null));
    expect(textOf(await (await visitor.get(`/ca/people/${disabled.id}`)).text())).toContain('Marc Desactivat');
    const deleted = await app.createUser({ name: 'Persona eliminada 7F3A' });
    await app.services.database.db.updateTable('users').set({ status: 'deleted', email: null }).where('id', '=', deleted.id).execute();
    expect((await visitor.get(`/ca/people/${deleted.id}`)).status).toBe(404);
    expect((await visitor.get('/ca/people/99999999')).status).toBe(404);
    // Someone who never sat anywhere has no public profile: accounts are not a public list.
    const account = await app.createUser({ name: 'Compte Sense Mandats' });
    expect((await visitor.get(`/ca/people/${account.id}`)).status).toBe(404);
    expect((await api(`/people/${account.id}`)).status).toBe(404);
    expect((await visitor.get('/ca/people/99999999999999999999')).status).toBe(404);
  });

  it('shows a new mandate to visitors at once, though their pages are cached', async () => {
    // As the server does: the render cache listens to the commands' events.
    const stop = app.built.renderCache.start();
    try {
      const admin = await app.createUser({ name: 'Admin Cache', roles: ['admin'] });
      const jordi = await app.createUser({ name: 'Jordi Casals' });
      const visitor = await browserFor(app, persona(null));
      await seat(app, { body_id: STEERING.id, person_id: jordi.id, college: 'trajectory', starts_on: '2020-01-01', ends_on: '2021-01-01' });
      expect(textOf(await (await visitor.get(`/ca/people/${jordi.id}`)).text())).toContain('Ara no té cap mandat.');
      await addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: jordi.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2024-01-01' });
      expect(textOf(await (await visitor.get(`/ca/people/${jordi.id}`)).text())).toContain('Des de 2024 Membre Àmbit Participat');
    } finally {
      stop();
    }
  });
});

describe('GET /api/v1/people/{id}', () => {
  it('answers the public profile, with no e-mail, phone or gender', async () => {
    const response = await api(`/people/${laia.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: String(laia.id),
      name: 'Laia Ferrer i Soler',
      mandates: [{ body: { id: String(STEERING.id), slug: 'grup-motor', kind: 'steering' }, organisation: { id: String(fctc.id), short_name: 'FCTC-p' }, college: 'entity', role: 'secretary', starts_on: '2024-05-01', ends_on: null }],
      past_mandates: [{ body: { slug: 'ambit-participat' }, role: 'member', starts_on: '2023-02-01', ends_on: '2025-01-01' }],
      organisations: [{ id: String(fctc.id), short_name: 'FCTC-p' }],
    });
    const raw = JSON.stringify(body);
    expect(raw).not.toContain('laia.private');
    expect(raw).not.toMatch(/"(email|phone|gender)"/);
  });

  it('answers 404 for an unknown id and 422 for one that is not a number', async () => {
    expect((await api('/people/99999999')).status).toBe(404);
    expect((await api('/people/abc')).status).toBe(422);
  });
});

describe('deleting an account', () => {
  it("ends the person's mandates today, frees their seat, drops those not started, and keeps the past as record", async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-baixa' });
    const leaving = await app.createUser({ name: 'Rut Marxa' });
    const stays = await app.createUser({ name: 'Sergi Queda' });
    const past = await seat(app, { body_id: PLENARY.id, person_id: leaving.id, organisation_id: fed.id, starts_on: '2019-01-01', ends_on: '2021-01-01' });
    const held = await seat(app, { body_id: PLENARY.id, person_id: leaving.id, organisation_id: fed.id, starts_on: '2023-01-01' });
    const planned = await seat(app, { body_id: STEERING.id, person_id: leaving.id, college: 'trajectory', starts_on: '2099-01-01' });
    await seat(app, { body_id: PLENARY.id, person_id: stays.id, organisation_id: fed.id, starts_on: '2023-01-01' });
    const agent = app.agent();
    await agent.signIn(leaving);
    expect((await agent.post('/ca/account/delete', { password: leaving.password })).status).toBe(303);

    const rows = await app.services.database.db.selectFrom('mandates').select(['id', 'ends_on', 'end_reason']).where('person_id', '=', leaving.id).orderBy('id').execute();
    expect(rows).toEqual([
      { id: past, ends_on: '2021-01-01', end_reason: null },
      { id: held, ends_on: spaceToday(), end_reason: 'Compte esborrat' },
    ]);
    expect(rows.map((r) => r.id)).not.toContain(planned);
    // Their past stays under their pseudonym, with no link to a profile they no longer have.
    const pseudonym = (await app.services.database.db.selectFrom('users').select('name').where('id', '=', leaving.id).executeTakeFirstOrThrow()).name;
    const plenary = await (await app.agent().get('/ca/bodies/ambit-participat')).text();
    expect(plenary).toContain(pseudonym);
    expect(plenary).not.toContain(`/ca/people/${leaving.id}"`);
    expect((await app.agent().get(`/ca/people/${leaving.id}`)).status).toBe(404);
    // The seat is free: FED-baixa may send a second delegate again.
    const admin = await app.createUser({ name: 'Admin Baixa', roles: ['admin'] });
    const next = await app.createUser({ name: 'Txell Relleu' });
    await addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: next.id, organisation_id: fed.id, college: 'entity', role: 'member', starts_on: spaceToday() });
    // Someone who sat nowhere is deleted with nothing to end.
    const nobody = await app.createUser({ name: 'Ningú Marxa' });
    const other = app.agent();
    await other.signIn(nobody);
    expect((await other.post('/ca/account/delete', { password: nobody.password })).status).toBe(303);
  });
});

describe("the person's own mandates", () => {
  it('lists the active ones in GET /api/v1/me', async () => {
    const token = await freshToken(app, persona(laia));
    const response = await api('/me', token);
    expect(response.status).toBe(200);
    const me = (await response.json()) as { mandates: unknown[] };
    expect(me.mandates).toEqual([
      {
        id: expect.any(String) as string,
        body_id: String(STEERING.id),
        body_slug: 'grup-motor',
        body_name: { ca: 'Grup motor', es: 'Grupo motor', en: 'Steering group' },
        organisation_id: String(fctc.id),
        organisation_short_name: 'FCTC-p',
        organisation_name: 'Federació de Cooperatives de Treball',
        college: 'entity',
        role: 'secretary',
        starts_on: '2024-05-01',
        ends_on: null,
      },
    ]);
  });

  it('shows "My bodies" in My space to someone who sits somewhere, and nothing to someone who does not', async () => {
    const mine = await (await browserFor(app, persona(laia))).get('/ca/me');
    const text = textOf(await mine.text());
    expect(text).toContain('Els meus òrgans');
    expect(text).toMatch(/Grup motor Secretaria de FCTC-p Des de 2024/);
    const nobody = await app.createUser({ name: 'Ningú Enlloc' });
    expect(textOf(await (await (await browserFor(app, persona(nobody))).get('/ca/me')).text())).not.toContain('Els meus òrgans');
  });

  it('lists the bodies with composition warnings in My space for who manages their mandates, linked to their mandates pages', async () => {
    const empty = await makeWorkingGroup(app, { allowed_colleges: ['entity', 'trajectory'] });
    const other = await makeWorkingGroup(app, { allowed_colleges: ['entity', 'trajectory'] });
    const coordinator = await app.createUser({ name: 'Quima Coordina' });
    await seat(app, { body_id: empty.id, person_id: coordinator.id, role: 'coordinator' });
    const admin = await app.createUser({ name: 'Admin Avisos', roles: ['admin'] });
    const member = await app.createUser({ name: 'Membre Sense Gestió' });
    await seat(app, { body_id: other.id, person_id: member.id });
    const link = (group: { slug: string }) => `href="/ca/bodies/${group.slug}/mandates"`;
    // The secretariat (Laia is the steering group's secretary): every running body with warnings.
    const secretariat = await (await (await browserFor(app, persona(laia))).get('/ca/me')).text();
    expect(textOf(secretariat)).toMatch(/Els meus òrgans .*Avisos de composició .*Grup \S+ ?: 1 avís/);
    expect(secretariat).toContain(link(empty));
    expect(secretariat).toContain(link(other));
    // An administrator with no mandate gets the warnings on their own.
    const adminPage = await (await (await browserFor(app, persona(admin))).get('/ca/me')).text();
    expect(adminPage).toContain('<h2>Avisos de composició</h2>');
    expect(adminPage).toContain(link(other));
    // A coordinator: their own group only. The group's only member is its coordinator, so the
    // entities' college is empty.
    const coordinated = await (await (await browserFor(app, persona(coordinator))).get('/ca/me')).text();
    expect(coordinated).toContain(link(empty));
    expect(coordinated).not.toContain(link(other));
    // Someone who manages no mandates sees no warnings.
    const plain = await (await (await browserFor(app, persona(member))).get('/ca/me')).text();
    expect(textOf(plain)).toContain('Els meus òrgans');
    expect(plain).not.toContain('Avisos de composició');
  });

  it('puts every mandate held in "download my data"', async () => {
    const group = await makeWorkingGroup(app);
    const person = await app.createUser({ name: 'Pere Dades' });
    await seat(app, { body_id: group.id, person_id: person.id, role: 'coordinator', starts_on: '2024-01-01', ends_on: '2024-06-01' });
    const browser = await browserFor(app, persona(person));
    const response = await browser.post('/ca/account/data', {});
    expect(response.status).toBe(200);
    const data = (await response.json()) as { modules: { bodies: { mandates: unknown[] } } };
    expect(data.modules.bodies.mandates).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ id: group.id, slug: group.slug }) as unknown, role: 'coordinator', starts_on: '2024-01-01', ends_on: '2024-06-01' }),
    ]);
  });
});
