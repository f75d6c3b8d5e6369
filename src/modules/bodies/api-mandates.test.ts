/**
 * Mandates through the JSON API: the public list (filters, cursor pages), adding one (201 with
 * Location; 409 naming the rule and the seat holders; 422 per field; 401/403) and ending one.
 * A refused write changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { freshToken, type Persona } from '../../../test/support/personas.js';
import { makeOrganisation, makeWorkingGroup, PLENARY, seat } from './mandates.fixtures.js';

let app: TestApp;
let adminToken: string;
let participantToken: string;

type User = Awaited<ReturnType<TestApp['createUser']>>;
const tokenOf = async (user: User) => (await freshToken(app, { name: 'participant', user, token: null } satisfies Persona)) ?? '';

beforeAll(async () => {
  app = await createTestApp();
  adminToken = await tokenOf(await app.createUser({ name: 'Admin API', roles: ['admin'] }));
  participantToken = await tokenOf(await app.createUser({ name: 'Participant API' }));
});
afterAll(async () => {
  await app?.close();
});

async function call(method: string, path: string, options: { token?: string; body?: unknown; language?: string } = {}) {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': options.language ?? 'ca' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.built.app.request(`/api/v1${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

describe('GET /bodies/{id}/mandates', () => {
  it("lists a working group's mandates by id or slug, with public names only", async () => {
    const group = await makeWorkingGroup(app);
    const coop = await makeOrganisation(app, { short_name: 'COOP-api', level: 1 });
    const ana = await app.createUser({ name: 'Ana Llista', email: 'ana.hidden@example.org' });
    const id = await seat(app, { body_id: group.id, person_id: ana.id, organisation_id: coop.id, starts_on: '2024-02-01' });
    for (const ref of [String(group.id), group.slug]) {
      const { status, body } = await call('GET', `/bodies/${ref}/mandates`);
      expect(status).toBe(200);
      expect(body).toEqual({
        items: [{
          id: String(id), body_id: String(group.id), person_id: String(ana.id), person_name: 'Ana Llista',
          organisation_id: String(coop.id), organisation_short_name: 'COOP-api', organisation_name: 'Organització COOP-api',
          college: 'entity', role: 'member', starts_on: '2024-02-01', ends_on: null, end_reason: null, active: true,
        }],
        next_cursor: null,
      });
      expect(JSON.stringify(body)).not.toContain('ana.hidden');
    }
  });

  it('filters held and not-held mandates and pages with a cursor', async () => {
    const group = await makeWorkingGroup(app);
    const people = [];
    for (let i = 0; i < 3; i += 1) people.push(await app.createUser({ name: `Pàgina ${i}` }));
    await seat(app, { body_id: group.id, person_id: people[0]!.id });
    await seat(app, { body_id: group.id, person_id: people[1]!.id, starts_on: '2020-01-01', ends_on: '2021-01-01' });
    await seat(app, { body_id: group.id, person_id: people[2]!.id, starts_on: '2099-01-01' });
    const active = await call('GET', `/bodies/${group.slug}/mandates?active=true`);
    expect((active.body.items as Array<{ person_name: string }>).map((m) => m.person_name)).toEqual(['Pàgina 0']);
    const inactive = await call('GET', `/bodies/${group.slug}/mandates?active=false`);
    expect((inactive.body.items as Array<{ person_name: string }>).map((m) => m.person_name)).toEqual(['Pàgina 1', 'Pàgina 2']);
    const first = await call('GET', `/bodies/${group.slug}/mandates?limit=2`);
    expect((first.body.items as unknown[]).length).toBe(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await call('GET', `/bodies/${group.slug}/mandates?limit=2&cursor=${String(first.body.next_cursor)}`);
    expect((second.body.items as Array<{ person_name: string }>).map((m) => m.person_name)).toEqual(['Pàgina 2']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('answers 404 for an unknown body and 422 for a bad filter, limit or cursor', async () => {
    expect((await call('GET', '/bodies/no-existeix/mandates')).status).toBe(404);
    const bad = await call('GET', '/bodies/ambit-participat/mandates?active=maybe&limit=500');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toMatchObject({ active: expect.stringContaining('true') as string, limit: 'El límit ha de ser un nombre enter entre 1 i 100.' });
    expect((await call('GET', '/bodies/ambit-participat/mandates?cursor=nonsense')).status).toBe(422);
  });
});

describe('POST /bodies/{id}/mandates', () => {
  it('adds a mandate: 201, its address in Location, the mandate in the body', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-api' });
    const person = await app.createUser({ name: 'Bernat Nou' });
    const response = await call('POST', '/bodies/ambit-participat/mandates', {
      token: adminToken,
      body: { person_id: String(person.id), organisation_id: String(fed.id), college: 'entity', role: 'member', starts_on: '2025-01-01' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/mandates/${String(response.body.id)}`);
    expect(response.body).toMatchObject({ body_id: String(PLENARY.id), person_id: String(person.id), organisation_short_name: 'FED-api', college: 'entity', role: 'member', ends_on: null, active: true });
    // Location names a readable address, public like every mandate.
    const read = await call('GET', (response.headers.get('location') ?? '').replace(/^\/api\/v1/, ''));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it('reads one mandate by id (public), 404 for an unknown one, 422 for one that is not a number', async () => {
    const ended = await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Marta Llegida' })).id, starts_on: '2020-01-01', ends_on: '2021-01-01' });
    const read = await call('GET', `/mandates/${ended}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: String(ended), person_name: 'Marta Llegida', ends_on: '2021-01-01', active: false });
    expect((await call('GET', '/mandates/99999999')).status).toBe(404);
    expect((await call('GET', '/mandates/abc')).status).toBe(422);
  });

  it('refuses a third delegate with 409 naming the rule and the seat holders, and changes nothing', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-409' });
    await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Carme Una' })).id, organisation_id: fed.id });
    await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'David Dos' })).id, organisation_id: fed.id });
    const third = await app.createUser({ name: 'Elena Tres' });
    const input = { person_id: String(third.id), organisation_id: String(fed.id), college: 'entity', role: 'member', starts_on: '2025-01-01' };
    const response = await call('POST', `/bodies/${PLENARY.id}/mandates`, { token: adminToken, body: input, language: 'en' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toBe(
      'Participatory space (plenary) admits 2 delegates per representative entity, and FED-409 already has them: Carme Una and David Dos. End one of those mandates first, or add the person as an alternate (alternates do not take a seat).',
    );
    const held = await app.services.database.db.selectFrom('mandates').select('id').where('organisation_id', '=', fed.id).execute();
    expect(held).toHaveLength(2);
    // As an alternate the same person fits: alternates take no seat.
    expect((await call('POST', `/bodies/${PLENARY.id}/mandates`, { token: adminToken, body: { ...input, role: 'alternate' } })).status).toBe(201);
  });

  it('answers 422 with a message per invalid field', async () => {
    const response = await call('POST', '/bodies/ambit-participat/mandates', { token: adminToken, body: { person_id: 7, college: 'friends', role: 'member', starts_on: 'yesterday' } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toMatchObject({
      person_id: 'Tria la persona que tindrà el mandat.',
      college: 'Tria el col·legi en què seu la persona.',
      starts_on: 'Escriu una data vàlida, com 2026-03-15.',
    });
    const disabled = await app.createUser({ name: 'Fèlix Desactivat' });
    await app.services.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const refused = await call('POST', '/bodies/ambit-participat/mandates', { token: adminToken, body: { person_id: String(disabled.id), college: 'trajectory', role: 'member', starts_on: '2025-01-01' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual({ person_id: 'El compte de Fèlix Desactivat està desactivat: no pot tenir mandats nous.' });
  });

  it('asks for a token (401), refuses a participant (403), and answers 404 for an unknown body', async () => {
    const person = await app.createUser({ name: 'Gina Sense Permís' });
    const input = { person_id: String(person.id), college: 'trajectory', role: 'member', starts_on: '2025-01-01' };
    expect((await call('POST', '/bodies/ambit-participat/mandates', { body: input })).status).toBe(401);
    expect((await call('POST', '/bodies/ambit-participat/mandates', { token: participantToken, body: input })).status).toBe(403);
    expect((await call('POST', '/bodies/no-existeix/mandates', { token: adminToken, body: input })).status).toBe(404);
  });

  it("lets a coordinator add members to their own group", async () => {
    const group = await makeWorkingGroup(app);
    const coordinator = await app.createUser({ name: 'Hug Coordina' });
    await seat(app, { body_id: group.id, person_id: coordinator.id, role: 'coordinator' });
    const person = await app.createUser({ name: 'Irene Nova' });
    const response = await call('POST', `/bodies/${group.slug}/mandates`, { token: await tokenOf(coordinator), body: { person_id: String(person.id), college: 'trajectory', role: 'member', starts_on: '2025-01-01' } });
    expect(response.status).toBe(201);
  });
});

describe('PATCH /mandates/{id}', () => {
  it('ends a mandate: 200 with the mandate as it now is', async () => {
    const id = await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Joan Acaba' })).id, starts_on: '2023-01-01' });
    const response = await call('PATCH', `/mandates/${id}`, { token: adminToken, body: { ends_on: '2024-01-01', end_reason: 'Renúncia' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: String(id), ends_on: '2024-01-01', end_reason: 'Renúncia', active: false });
  });

  it('answers 409 for a mandate already ended, 422 for an end before the start, 404 for an unknown one, 403 for a participant', async () => {
    const ended = await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Kilian Fet' })).id, starts_on: '2020-01-01', ends_on: '2021-01-01' });
    expect((await call('PATCH', `/mandates/${ended}`, { token: adminToken, body: { ends_on: '2022-01-01' } })).status).toBe(409);
    const open = await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Lola Oberta' })).id, starts_on: '2024-05-01' });
    const early = await call('PATCH', `/mandates/${open}`, { token: adminToken, body: { ends_on: '2024-04-01' } });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual({ ends_on: "La data de final ha de ser posterior a la d'inici." });
    expect((await call('PATCH', '/mandates/99999999', { token: adminToken, body: { ends_on: '2025-01-01' } })).status).toBe(404);
    expect((await call('PATCH', `/mandates/${open}`, { token: participantToken, body: { ends_on: '2025-01-01' } })).status).toBe(403);
    const row = await app.services.database.db.selectFrom('mandates').select('ends_on').where('id', '=', open).executeTakeFirstOrThrow();
    expect(row.ends_on).toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('describes the mandates and people operations under Bodies', async () => {
    const response = await app.built.app.request('/api/openapi.json');
    const document = (await response.json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(document.paths['/bodies/{id}/mandates']?.get?.tags).toEqual(['Bodies']);
    expect(document.paths['/bodies/{id}/mandates']?.post?.tags).toEqual(['Bodies']);
    expect(document.paths['/mandates/{id}']?.patch?.tags).toEqual(['Bodies']);
    expect(document.paths['/mandates/{id}']?.get?.tags).toEqual(['Bodies']);
    expect(document.paths['/people/{id}']?.get?.tags).toEqual(['Bodies']);
  });
});
