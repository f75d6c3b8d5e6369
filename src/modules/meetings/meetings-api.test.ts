/**
 * Meetings through the JSON API: create (201 + Location), read, change, transitions (200, 409
 * from the wrong state, 422 on bad input), the agenda (add, move, links), the filtered,
 * cursor-paged list, and who sees what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { freshToken } from '../../../test/support/personas.js';
import { insertGroup, insertMandate, insertOrganisation } from '../bodies/bodies-test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
const tokens = { secretary: '', member: '', stranger: '' };
const db = () => app.services.database.db;
const DAY = 24 * 3600_000;
let groupId = 0;

async function call(method: string, path: string, who: keyof typeof tokens | null, body?: unknown, headers: Record<string, string> = {}) {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: { accept: 'application/json', ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const newMeeting = (overrides: Record<string, unknown> = {}) => ({
  body_id: '1',
  title: { ca: 'Trobada general de primavera', en: 'Spring general meeting' },
  format: 'hybrid',
  place: 'Can Batlló',
  online_url: 'https://meet.example.org/trobada',
  starts_at: '2099-04-16T18:00:00+02:00',
  ends_at: '2099-04-16T20:00:00+02:00',
  ...overrides,
});

beforeAll(async () => {
  app = await createTestApp();
  const group = await insertGroup(db());
  groupId = group.id;
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>) {
    const user = await app.createUser({ name: `Persona ${who}` });
    tokens[who] = (await freshToken(app, { name: 'participant', user, token: null })) ?? '';
    if (who === 'secretary') await insertMandate(db(), { body_id: 1, person_id: user.id, role: 'secretary' });
    if (who === 'member') await insertMandate(db(), { body_id: groupId, person_id: user.id });
  }
});
afterAll(() => app?.close());

describe('POST /meetings and PATCH /meetings/{id}', () => {
  it('creates a draft: 201, its Location, times with Barcelona’s offset', async () => {
    const response = await call('POST', '/meetings', 'secretary', newMeeting());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/meetings/${response.json.id}`);
    expect(response.json).toMatchObject({
      body_id: '1',
      state: 'draft',
      minutes_state: 'none',
      kind: 'ordinary',
      format: 'hybrid',
      starts_at: '2099-04-16T18:00:00+02:00',
      ends_at: '2099-04-16T20:00:00+02:00',
      sequence: 0,
      urgency_reason: null,
    });
  });

  it('refuses an end before the start with 422 naming the field, and writes nothing', async () => {
    const before = await db().selectFrom('meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await call('POST', '/meetings', 'secretary', newMeeting({ ends_at: '2099-04-16T17:00:00+02:00' }), { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    expect((response.json.errors as Record<string, string>).ends_at).toBe('The end time must be after the start time.');
    const after = await db().selectFrom('meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers 401 without a token, 403 to who does not run the body’s meetings, 422 for an unknown body', async () => {
    expect((await call('POST', '/meetings', null, newMeeting())).status).toBe(401);
    expect((await call('POST', '/meetings', 'stranger', newMeeting())).status).toBe(403);
    expect((await call('POST', '/meetings', 'secretary', newMeeting({ body_id: '999999' }))).status).toBe(422);
    expect((await call('POST', '/meetings', 'secretary', newMeeting({ starts_at: '0000-01-01T10:00:00Z' }))).status).toBe(422);
    // A public body's draft is not announced: 404, not 403, to who does not run its meetings.
    const draft = await insertMeeting(db(), { state: 'draft' });
    expect((await call('PATCH', `/meetings/${draft}`, 'stranger', { title: { ca: 'No' } })).status).toBe(404);
    expect((await call('POST', `/meetings/${draft}/transitions`, 'stranger', { to: 'cancelled', reason: 'No' })).status).toBe(404);
    const convened = await insertMeeting(db(), { state: 'convened' });
    expect((await call('POST', `/meetings/${convened}/transitions`, 'stranger', { to: 'cancelled', reason: 'No' })).status).toBe(403);
  });

  it('changes a meeting; on a convened one a new time raises the sequence', async () => {
    const id = await insertMeeting(db(), { state: 'convened', starts_at: '2099-05-01T16:00:00Z' });
    const title = await call('PATCH', `/meetings/${id}`, 'secretary', { title: { ca: 'Nou títol' } });
    expect(title.status).toBe(200);
    expect(title.json).toMatchObject({ title: { ca: 'Nou títol' }, sequence: 0 });
    const moved = await call('PATCH', `/meetings/${id}`, 'secretary', { starts_at: '2099-05-02T18:00:00+02:00', ends_at: '2099-05-02T19:00:00+02:00' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ starts_at: '2099-05-02T18:00:00+02:00', sequence: 1 });
    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - DAY) });
    expect((await call('PATCH', `/meetings/${held}`, 'secretary', { title: { ca: 'No' } })).status).toBe(409);
  });
});

describe('POST /meetings/{id}/transitions', () => {
  it('convenes with an agenda (200), refuses an empty agenda (409), a short notice without a reason (422) and moves from the wrong state (409)', async () => {
    const empty = await insertMeeting(db(), { state: 'draft', starts_at: new Date(Date.now() + 30 * DAY) });
    expect((await call('POST', `/meetings/${empty}/transitions`, 'secretary', { to: 'convened' })).status).toBe(409);

    const soon = await insertMeeting(db(), { state: 'draft', starts_at: new Date(Date.now() + 3 * DAY) });
    await insertAgendaItem(db(), soon);
    const refused = await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'convened' });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toHaveProperty('reason');
    const convened = await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'convened', reason: 'Urgència pressupostària' });
    expect(convened.status).toBe(200);
    expect(convened.json).toMatchObject({ state: 'convened', urgency_reason: 'Urgència pressupostària' });
    expect((await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'convened' })).status).toBe(409);
    expect((await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'held' })).status).toBe(409);
    const cancelled = await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'cancelled', reason: 'Ajornada' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ state: 'cancelled', cancel_reason: 'Ajornada', sequence: 1 });
    expect((await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'cancelled', reason: 'Un altre cop' })).status).toBe(409);
    expect((await call('POST', `/meetings/${soon}/transitions`, 'secretary', { to: 'archived' })).status).toBe(422);
  });
});

describe('the agenda through the API', () => {
  it('adds items with links, moves one, replaces its links', async () => {
    const id = await insertMeeting(db(), { state: 'draft' });
    const organisation = await insertOrganisation(db(), { name: 'Coop API', short_name: 'CAPI' });
    const first = await call('POST', `/meetings/${id}/agenda-items`, 'secretary', { title: { ca: 'Informe' }, kind: 'information', duration_minutes: 15, links: [{ type: 'organisation', id: String(organisation.id) }] });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/agenda-items/${first.json.id}`);
    expect(first.json).toMatchObject({ position: 1, duration_minutes: 15, links: [{ type: 'organisation', id: String(organisation.id), label: 'Coop API (CAPI)' }] });
    const second = await call('POST', `/meetings/${id}/agenda-items`, 'secretary', { title: { ca: 'Acord' }, kind: 'decision' });
    expect(second.json.position).toBe(2);
    const badLink = await call('POST', `/meetings/${id}/agenda-items`, 'secretary', { title: { ca: 'X' }, kind: 'decision', links: [{ type: 'nothing', id: '1' }] });
    expect(badLink.status).toBe(422);

    const moved = await call('PATCH', `/agenda-items/${second.json.id}`, 'secretary', { position: 1, links: [{ type: 'body', id: '2' }] });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ position: 1, title: { ca: 'Acord' }, links: [{ type: 'body', id: '2' }] });
    const list = await call('GET', `/meetings/${id}/agenda-items`, 'secretary');
    expect((list.json.items as Array<{ title: { ca: string }; position: number }>).map((i) => [i.position, i.title.ca])).toEqual([
      [1, 'Acord'],
      [2, 'Informe'],
    ]);
  });
});

describe('GET /meetings', () => {
  it('pages with a cursor, filters, and leaves out what the caller may not see', async () => {
    const hidden = await insertMeeting(db(), { body_id: groupId, title: 'Privada del grup', starts_at: '2098-01-10T10:00:00Z' });
    const draft = await insertMeeting(db(), { state: 'draft', title: 'Esborrany', starts_at: '2098-01-11T10:00:00Z' });
    for (let i = 0; i < 3; i += 1) await insertMeeting(db(), { title: `Pública ${i}`, starts_at: `2098-01-1${2 + i}T10:00:00Z` });
    const visitorIds = async (query: string, who: keyof typeof tokens | null = null) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await call('GET', `/meetings?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, who);
        expect(response.status).toBe(200);
        ids.push(...(response.json.items as Array<{ id: string }>).map((m) => m.id));
        cursor = response.json.next_cursor as string | null;
      } while (cursor);
      return ids;
    };
    const visitor = await visitorIds('from=2098-01-01&to=2098-01-31');
    expect(visitor).toHaveLength(3);
    expect(visitor).not.toContain(String(hidden));
    expect(visitor).not.toContain(String(draft));
    const member = await visitorIds('from=2098-01-01&to=2098-01-31', 'member');
    expect(member).toContain(String(hidden));
    const secretary = await visitorIds('from=2098-01-01&to=2098-01-31&state=draft', 'secretary');
    expect(secretary).toEqual([String(draft)]);
    expect((await call('GET', `/meetings?body=${groupId}&from=2098-01-01`, null)).json.items).toEqual([]);
    expect((await call('GET', '/meetings?from=yesterday', null)).status).toBe(422);
    expect((await call('GET', '/meetings?cursor=nonsense', null)).status).toBe(422);
  });

  it('GET /meetings/{id}: 404 for a private body’s meeting to a visitor, 200 to a member', async () => {
    const id = await insertMeeting(db(), { body_id: groupId });
    expect((await call('GET', `/meetings/${id}`, null)).status).toBe(404);
    expect((await call('GET', `/meetings/${id}`, 'stranger')).status).toBe(404);
    expect((await call('GET', `/meetings/${id}`, 'member')).status).toBe(200);
    expect((await call('GET', `/meetings/${id}/agenda-items`, null)).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const response = await app.built.app.request('/api/openapi.json');
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/meetings'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(document.paths['/meetings/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(document.paths['/meetings/{id}/transitions']).toHaveProperty('post');
    expect(Object.keys(document.paths['/meetings/{id}/agenda-items'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(document.paths['/agenda-items/{id}']).toHaveProperty('patch');
  });
});
