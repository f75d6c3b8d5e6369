/**
 * Agreements and action items through the JSON API: recording (201 + Location, 409 from the
 * wrong state, 422 for an owner outside the body with nothing written, 403, 401), reading
 * (visibility, filters, cursor), the action items list (`owner=me`, `overdue`) and PATCH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { insertGroup } from '../bodies/bodies-test-support.js';
import { agreementCounts, api, meetingWithItem, person, PLENARY_ID, seat, type Person } from './agreements-test-support.js';

let app: TestApp;
let secretary: Person;
let member: Person;
let outsider: Person;
const db = () => app.services.database.db;
const today = todayInSpace();
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const vote = () => ({
  text: { ca: 'Aprovem el calendari', es: 'Aprobamos el calendario' },
  method: 'vote',
  result: { options: [{ label: 'A favor', count: 10, by_college: { entity: 6, expert: 4 } }, { label: 'En contra', count: 1 }] },
  action_items: [{ title: 'Publicar el calendari', owner_person_id: String(member.user.id), due_on: addDays(today, 14) }],
});

beforeAll(async () => {
  app = await createTestApp();
  secretary = await person(app, { name: 'Sara Secretària' });
  member = await person(app, { name: 'Marc Membre', locale: 'es' });
  outsider = await person(app, { name: 'Ona Externa' });
  await seat(db(), PLENARY_ID, secretary.user.id, { role: 'secretary' });
  await seat(db(), PLENARY_ID, member.user.id);
});
afterAll(() => app?.close());

describe('POST /agenda-items/{id}/agreements', () => {
  let agreementId = '';
  it('records an agreement with its action items: 201, Location, the agreement as GET shows it', async () => {
    const { itemId, meetingId } = await meetingWithItem(db());
    const response = await api(app, 'POST', `/agenda-items/${itemId}/agreements`, secretary.token, vote());
    expect(response.status).toBe(201);
    agreementId = String(response.json.id);
    expect(response.headers.get('location')).toBe(`/api/v1/agreements/${agreementId}`);
    expect(response.json).toMatchObject({
      method: 'vote',
      meeting_id: String(meetingId),
      agenda_item_id: String(itemId),
      text: { ca: 'Aprovem el calendari', es: 'Aprobamos el calendario' },
      result: { options: [{ label: 'A favor', count: 10, by_college: { entity: 6, expert: 4 } }, { label: 'En contra', count: 1 }] },
      body: { id: String(PLENARY_ID), slug: 'ambit-participat' },
    });
    expect(response.json.reference).toMatch(/^\d{4}\/1$/);
    const items = response.json.action_items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Publicar el calendari', owner: { type: 'person', id: String(member.user.id), name: 'Marc Membre' }, state: 'open', overdue: false });
    const read = await api(app, 'GET', `/agreements/${agreementId}`, null);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(response.json);
  });

  it('refuses an owner outside the body (422, localized per Accept-Language) and writes nothing', async () => {
    const { itemId } = await meetingWithItem(db());
    const before = await agreementCounts(db());
    const body = { ...vote(), action_items: [{ title: 'X', owner_person_id: outsider.user.id, due_on: addDays(today, 3) }] };
    const response = await api(app, 'POST', `/agenda-items/${itemId}/agreements`, secretary.token, body);
    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual({ 'action_items.0.owner': "La persona o l'organització responsable ha de formar part de l'òrgan (amb un mandat vigent)." });
    expect(await agreementCounts(db())).toEqual(before);
  });

  it('answers 409 before the meeting, 403 to a member, 401 without a token, 404 for no item, 422 for a vote without result', async () => {
    const future = await meetingWithItem(db(), { state: 'convened', starts_at: new Date(Date.now() + 3 * 24 * 3600_000) });
    const early = await api(app, 'POST', `/agenda-items/${future.itemId}/agreements`, secretary.token, vote());
    expect(early.status).toBe(409);
    expect(early.json.detail).toContain('encara no ha començat');
    const { itemId } = await meetingWithItem(db());
    expect((await api(app, 'POST', `/agenda-items/${itemId}/agreements`, member.token, vote())).status).toBe(403);
    expect((await api(app, 'POST', `/agenda-items/${itemId}/agreements`, null, vote())).status).toBe(401);
    expect((await api(app, 'POST', '/agenda-items/99999999/agreements', secretary.token, vote())).status).toBe(404);
    const bare = await api(app, 'POST', `/agenda-items/${itemId}/agreements`, secretary.token, { text: { ca: 'Sense resultat' }, method: 'vote' });
    expect(bare.status).toBe(422);
    expect(Object.keys(bare.json.errors as object)).toEqual(['result']);
  });
});

describe('GET /agreements', () => {
  it('filters by body and meeting, pages with a cursor, and hides private bodies from visitors', async () => {
    const group = await insertGroup(db());
    await seat(db(), group.id, secretary.user.id, { role: 'coordinator' });
    const groupMeeting = await meetingWithItem(db(), { body_id: group.id });
    const hidden = await api(app, 'POST', `/agenda-items/${groupMeeting.itemId}/agreements`, secretary.token, { text: { ca: 'Intern' }, method: 'consensus' });
    expect(hidden.status).toBe(201);
    const plenary = await meetingWithItem(db());
    for (let i = 0; i < 3; i += 1) {
      expect((await api(app, 'POST', `/agenda-items/${plenary.itemId}/agreements`, secretary.token, { text: { ca: `Paginat ${i}` }, method: 'consensus' })).status).toBe(201);
    }
    const visitorList = await api(app, 'GET', `/agreements?body=${group.slug}`, null);
    expect(visitorList.json.items).toEqual([]);
    expect((await api(app, 'GET', `/agreements/${String(hidden.json.id)}`, null)).status).toBe(404);
    const memberList = await api(app, 'GET', `/agreements?body=${group.id}`, secretary.token);
    expect((memberList.json.items as unknown[]).length).toBe(1);

    const first = await api(app, 'GET', `/agreements?meeting=${plenary.meetingId}&limit=2`, null);
    expect(first.status).toBe(200);
    expect((first.json.items as unknown[]).length).toBe(2);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    const second = await api(app, 'GET', `/agreements?meeting=${plenary.meetingId}&limit=2&cursor=${String(first.json.next_cursor)}`, null);
    expect((second.json.items as unknown[]).length).toBe(1);
    expect(second.json.next_cursor).toBeNull();
    expect((await api(app, 'GET', '/agreements?cursor=nonsense', null)).status).toBe(422);
    const from = await api(app, 'GET', `/agreements?from=${addDays(today, 1)}`, null);
    expect(from.json.items).toEqual([]);
  });
});

describe('action items', () => {
  it('lists the caller\'s own (`owner=me`), overdue ones, and lets the owner move one along but not change it', async () => {
    const { itemId } = await meetingWithItem(db(), { starts_at: new Date(Date.now() - 20 * 24 * 3600_000) });
    const created = await api(app, 'POST', `/agenda-items/${itemId}/agreements`, secretary.token, {
      text: { ca: 'Amb tasques' },
      method: 'consensus',
      action_items: [
        { title: 'Tard', owner_person_id: member.user.id, due_on: addDays(today, -2) },
        { title: 'A temps', owner_person_id: member.user.id, due_on: addDays(today, 9) },
      ],
    });
    expect(created.status).toBe(201);
    expect((await api(app, 'GET', '/action-items?owner=me', null)).status).toBe(401);
    const mine = await api(app, 'GET', '/action-items?owner=me&state=open', member.token);
    const titles = (mine.json.items as Array<{ title: string }>).map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['Tard', 'A temps', 'Publicar el calendari']));
    const overdue = await api(app, 'GET', `/action-items?owner=${member.user.id}&overdue=true`, null);
    expect((overdue.json.items as Array<{ title: string; overdue: boolean }>).map((i) => [i.title, i.overdue])).toEqual([['Tard', true]]);

    const late = (overdue.json.items as Array<{ id: string }>)[0]?.id ?? '';
    const done = await api(app, 'PATCH', `/action-items/${late}`, member.token, { state: 'done' });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ state: 'done', done_on: today, overdue: false });
    expect((await api(app, 'PATCH', `/action-items/${late}`, member.token, { due_on: addDays(today, 30) })).status).toBe(403);
    expect((await api(app, 'PATCH', `/action-items/${late}`, outsider.token, { state: 'open' })).status).toBe(403);
    const moved = await api(app, 'PATCH', `/action-items/${late}`, secretary.token, { owner_person_id: outsider.user.id });
    expect(moved.status).toBe(422);
    const retitled = await api(app, 'PATCH', `/action-items/${late}`, secretary.token, { title: 'Tard (revisat)', due_on: addDays(today, 30), state: 'open' });
    expect(retitled.status).toBe(200);
    expect(retitled.json).toMatchObject({ title: 'Tard (revisat)', state: 'open', done_on: null });
    expect((await api(app, 'PATCH', '/action-items/99999999', secretary.token, { state: 'done' })).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const response = await app.built.app.request('/api/openapi.json');
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/agreements', '/api/v1/agreements/{id}', '/api/v1/agenda-items/{id}/agreements', '/api/v1/action-items', '/api/v1/action-items/{id}']) {
      expect(Object.keys(doc.paths).some((p) => p === path || p === path.replace('/api/v1', '')), path).toBe(true);
    }
  });
});
