/**
 * Recording a meeting's attendance: the form (save, replace, refusals, what the person typed
 * kept), the API (`GET`/`PUT /meetings/{id}/attendance`, 422 per row, 409 by state), the meeting
 * page's block, and the same number of queries with 3 members as with 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { translator } from '../../kernel/i18n/index.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { freshToken } from '../../../test/support/personas.js';
import { insertGroup, insertMandate, insertOrganisation, insertPerson } from '../bodies/bodies-test-support.js';
import { attendanceSection } from './section-attendance.js';
import { findMeeting, meetingResource, type MeetingAccess } from './store.js';
import { standingOf } from '../bodies/index.js';
import { insertMeeting } from './test-support.js';

let app: TestApp;
let secretary: Agent;
let secretaryToken = '';
let memberToken = '';
let groupId = 0;
const people: Record<'ana' | 'bernat' | 'carla' | 'dani' | 'alternate' | 'outsider' | 'chair', number> = { ana: 0, bernat: 0, carla: 0, dani: 0, alternate: 0, outsider: 0, chair: 0 };
let orgA = 0;
let orgB = 0;

const db = () => app.services.database.db;
const hourAgo = () => new Date(Date.now() - 3600_000);

async function api(method: string, path: string, token: string | null, body?: unknown, locale = 'ca') {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: { accept: 'application/json', 'accept-language': locale, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function attendanceRows(meetingId: number) {
  const rows = await db().selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).orderBy('person_id').execute();
  return rows.map((row) => ({ person_id: Number(row.person_id), organisation_id: row.organisation_id === null ? null : Number(row.organisation_id), college: row.college, on_behalf_of: row.on_behalf_of === null ? null : Number(row.on_behalf_of), guest: row.guest }));
}

/** The page's text with runs of white space as one space and apostrophes as typed. */
const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ').replace(/&#39;/g, "'");

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const group = await insertGroup(db(), { name: { ca: 'Grup de Finances' } });
  groupId = group.id;
  orgA = (await insertOrganisation(db(), { name: 'Coop Alfa' })).id;
  orgB = (await insertOrganisation(db(), { name: 'Coop Beta' })).id;
  const chair = await app.createUser({ name: 'Xènia Presidenta' });
  people.chair = chair.id;
  await insertMandate(db(), { body_id: groupId, person_id: chair.id, role: 'chair', college: 'expert' });
  secretary = app.agent();
  await secretary.signIn(chair);
  secretaryToken = (await freshToken(app, { name: 'participant', user: chair, token: null })) ?? '';
  people.ana = await insertPerson(db(), 'Ana Alfa');
  people.bernat = await insertPerson(db(), 'Bernat Alfa');
  people.carla = await insertPerson(db(), 'Carla Beta');
  people.dani = await insertPerson(db(), 'Dani Trajectòria');
  people.alternate = await insertPerson(db(), 'Eva Suplent');
  people.outsider = await insertPerson(db(), 'Ferran Convidat', null, 'ferran@example.org');
  await insertMandate(db(), { body_id: groupId, person_id: people.ana, organisation_id: orgA });
  await insertMandate(db(), { body_id: groupId, person_id: people.bernat, organisation_id: orgA });
  await insertMandate(db(), { body_id: groupId, person_id: people.carla, organisation_id: orgB });
  await insertMandate(db(), { body_id: groupId, person_id: people.dani, college: 'trajectory' });
  await insertMandate(db(), { body_id: groupId, person_id: people.alternate, organisation_id: orgA, role: 'alternate' });
  // A seat that ended before the meeting: not a member on the day.
  const gone = await insertPerson(db(), 'Gerard Antic');
  await insertMandate(db(), { body_id: groupId, person_id: gone, starts_on: '2020-01-01', ends_on: '2021-01-01' });
  const member = await app.createUser({ name: 'Membre amb token' });
  await insertMandate(db(), { body_id: groupId, person_id: member.id, role: 'observer' });
  memberToken = (await freshToken(app, { name: 'participant', user: member, token: null })) ?? '';
});
afterAll(async () => {
  await app?.close();
});

describe('the attendance form', () => {
  it("lists the body's members on the day with organisation, college and answer; records present members, an alternate and a guest", async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    await db().insertInto('meeting_answers').values({ meeting_id: meetingId, person_id: people.bernat, answer: 'alternate', alternate_id: people.alternate }).execute();
    const page = await secretary.get(`/ca/meetings/${meetingId}/attendance`);
    expect(page.status).toBe(200);
    const html = await text(page);
    for (const name of ['Ana Alfa', 'Bernat Alfa', 'Carla Beta', 'Dani Trajectòria', 'Xènia Presidenta', 'Coop Alfa', 'Persones amb trajectòria', 'Hi envia suplent: Eva Suplent']) expect(html).toContain(name);
    expect(html).not.toContain('Gerard Antic');

    const saved = await secretary.post(`/ca/meetings/${meetingId}/attendance`, {
      present: [String(people.ana), String(people.carla), String(people.chair)],
      [`for_${people.bernat}`]: String(people.alternate),
      guest_new: 'FERRAN@example.org',
    });
    expect(saved.status).toBe(303);
    expect(await attendanceRows(meetingId)).toEqual(
      [
        { person_id: people.chair, organisation_id: null, college: 'expert', on_behalf_of: null, guest: false },
        { person_id: people.ana, organisation_id: orgA, college: 'entity', on_behalf_of: null, guest: false },
        { person_id: people.carla, organisation_id: orgB, college: 'entity', on_behalf_of: null, guest: false },
        { person_id: people.alternate, organisation_id: orgA, college: 'entity', on_behalf_of: people.bernat, guest: false },
        { person_id: people.outsider, organisation_id: null, college: 'trajectory', on_behalf_of: null, guest: true },
      ].sort((a, b) => a.person_id - b.person_id),
    );
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'meetings.attendance.record').where('subject_id', '=', String(meetingId)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toEqual([]);
    expect((audit[0]?.after as unknown[]).length).toBe(5);

    // 4 of 5 members (Dani missing): the guest does not count.
    const after = await text(await secretary.get(`/ca/meetings/${meetingId}/attendance`));
    expect(after).toContain("S'ha desat l'assistència.");
    expect(after).toContain('Quòrum assolit: 4 de 5 membres (80 %); cal un 50 %.');
    expect(after).toMatch(/value="\d+" checked=""/);

    // Saving again replaces the set.
    const again = await secretary.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(people.dani)] });
    expect(again.status).toBe(303);
    expect(await attendanceRows(meetingId)).toEqual([{ person_id: people.dani, organisation_id: null, college: 'trajectory', on_behalf_of: null, guest: false }]);
    const english = await text(await secretary.get(`/en/meetings/${meetingId}/attendance`));
    expect(english).toContain('Quorum not reached: 1 of 5 members (20 %); 50 % needed.');
  });

  it('keeps what was typed and changes nothing when a name matches no account, or a member came and was also stood in for', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo(), state: 'held' });
    const unknown = await secretary.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(people.ana)], guest_new: 'ningu@example.org' });
    expect(unknown.status).toBe(422);
    const html = await text(unknown);
    expect(html).toContain('No hi ha cap compte amb aquesta adreça o aquest nom.');
    expect(html).toContain('value="ningu@example.org"');
    expect(html).toContain(`id="field-present_${people.ana}" name="present" value="${people.ana}" checked=""`);
    const both = await secretary.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(people.bernat)], [`for_${people.bernat}`]: String(people.alternate) });
    expect(both.status).toBe(422);
    expect(await text(both)).toContain('El membre hi ha assistit en persona');
    const outsider = await secretary.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(people.outsider)] });
    expect(outsider.status).toBe(422);
    expect(await text(outsider)).toContain('Aquesta persona no forma part de l');
    expect(await attendanceRows(meetingId)).toEqual([]);
  });

  it('lets someone outside the body stand in for a member, found by name', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo(), state: 'held' });
    const saved = await secretary.post(`/ca/meetings/${meetingId}/attendance`, { standin_member: String(people.carla), standin_person: 'ferran convidat' });
    expect(saved.status).toBe(303);
    expect(await attendanceRows(meetingId)).toEqual([{ person_id: people.outsider, organisation_id: orgB, college: 'entity', on_behalf_of: people.carla, guest: false }]);
  });

  it('refuses (409, localized) a future, draft or cancelled meeting and one whose minutes are approved; nothing changes', async () => {
    const future = await insertMeeting(db(), { body_id: groupId });
    const draft = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo(), state: 'draft' });
    const cancelled = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo(), state: 'cancelled' });
    const approved = await insertMeeting(db(), { body_id: groupId, starts_at: new Date(Date.now() - 30 * 24 * 3600_000), state: 'held', minutes_state: 'approved' });
    const expected: Array<[number, string]> = [
      [future, 'La sessió encara no ha començat'],
      [draft, 'La sessió encara és un esborrany'],
      [cancelled, 'La sessió es va anul·lar'],
      [approved, "L'acta d'aquesta sessió ja està aprovada"],
    ];
    for (const [id, message] of expected) {
      const page = await secretary.get(`/ca/meetings/${id}/attendance`);
      expect(page.status).toBe(409);
      expect(await text(page)).toContain(message);
      const post = await secretary.post(`/ca/meetings/${id}/attendance`, { present: [String(people.ana)] });
      expect(post.status).toBe(409);
      const put = await api('PUT', `/meetings/${id}/attendance`, secretaryToken, { items: [{ person_id: people.ana }] });
      expect(put.status).toBe(409);
      expect(await attendanceRows(id)).toEqual([]);
    }
  });

  it('is for those who run the meetings: a member gets 403, a visitor is sent to sign in, a stranger gets 404 for a private body', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    const member = await api('PUT', `/meetings/${meetingId}/attendance`, memberToken, { items: [] });
    expect(member.status).toBe(403);
    const visitor = await app.agent().get(`/ca/meetings/${meetingId}/attendance`);
    expect([302, 303, 401]).toContain(visitor.status);
    const stranger = await app.createUser({ name: 'Desconeguda' });
    const strangerToken = (await freshToken(app, { name: 'participant', user: stranger, token: null })) ?? '';
    expect((await api('GET', `/meetings/${meetingId}/attendance`, strangerToken)).status).toBe(404);
    expect((await api('GET', `/meetings/${meetingId}/attendance`, memberToken)).status).toBe(200);
  });
});

describe('the API', () => {
  it('PUT replaces the set and answers with the quorum; GET reads it back', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    const put = await api('PUT', `/meetings/${meetingId}/attendance`, secretaryToken, {
      items: [{ person_id: String(people.ana) }, { person_id: people.alternate, on_behalf_of: String(people.carla) }, { person_id: people.outsider, guest: true, organisation_id: orgB }],
    });
    expect(put.status).toBe(200);
    expect(put.json.quorum).toEqual({
      basis: 'members',
      percent: 50,
      present: 2,
      total: 5,
      share: 40,
      reached: false,
      by_college: { council: { present: 0, total: 0 }, entity: { present: 2, total: 3 }, trajectory: { present: 0, total: 1 }, non_articulated: { present: 0, total: 0 }, expert: { present: 0, total: 1 } },
    });
    const read = await api('GET', `/meetings/${meetingId}/attendance`, secretaryToken);
    expect(read.status).toBe(200);
    expect(read.json.items).toContainEqual({ person_id: String(people.alternate), name: 'Eva Suplent', organisation_id: String(orgB), organisation: 'Coop Beta', college: 'entity', on_behalf_of: String(people.carla), guest: false });
    expect(read.json.items).toContainEqual({ person_id: String(people.outsider), name: 'Ferran Convidat', organisation_id: String(orgB), organisation: 'Coop Beta', college: 'entity', on_behalf_of: null, guest: true });
    // Organisations basis: Alfa (Ana), Beta (Eva for Carla) of Alfa, Beta, Dani, Xènia.
    await db().updateTable('bodies').set({ quorum_basis: 'organisations' }).where('id', '=', groupId).execute();
    try {
      const byOrganisation = await api('GET', `/meetings/${meetingId}/attendance`, secretaryToken);
      expect(byOrganisation.json.quorum).toMatchObject({ basis: 'organisations', present: 2, total: 4, share: 50, reached: true });
    } finally {
      await db().updateTable('bodies').set({ quorum_basis: 'members' }).where('id', '=', groupId).execute();
    }
  });

  it('422 names each bad row (someone outside the body, a stand-in for a non-member, twice the same person), localized; nothing changes', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    await api('PUT', `/meetings/${meetingId}/attendance`, secretaryToken, { items: [{ person_id: people.ana }] });
    const bad = await api(
      'PUT',
      `/meetings/${meetingId}/attendance`,
      secretaryToken,
      { items: [{ person_id: people.carla }, { person_id: people.outsider }, { person_id: people.alternate, on_behalf_of: people.outsider }, { person_id: people.carla }, { person_id: 99999999 }] },
      'en',
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual({
      'items.1.person_id': 'This person is not part of the body: record them as a guest or as coming instead of a member.',
      'items.2.on_behalf_of': 'This person was not a member of the body on the day of the meeting.',
      'items.3.person_id': 'This person is already on the list.',
      'items.4.person_id': 'There is no account with this id.',
    });
    expect(await attendanceRows(meetingId)).toEqual([{ person_id: people.ana, organisation_id: orgA, college: 'entity', on_behalf_of: null, guest: false }]);
    const wrongOrganisation = await api('PUT', `/meetings/${meetingId}/attendance`, secretaryToken, { items: [{ person_id: people.ana, organisation_id: orgB }] });
    expect(wrongOrganisation.status).toBe(422);
    expect(Object.keys(wrongOrganisation.json.errors as object)).toEqual(['items.0.organisation_id']);
  });
});

/** A view context good enough to render a section on its own. */
function fakeContext(): ViewContext {
  const t = translator('ca');
  return { locale: 'ca', t, path: '/', search: '', user: null, csrfToken: '', flash: null, nav: [], href: (p) => `/ca${p}`, formatDate: (v) => String(v), formatNumber: (v) => String(v) };
}

async function accessTo(meetingId: number, personId: number | null): Promise<MeetingAccess> {
  const found = await findMeeting(db(), meetingId);
  if (!found) throw new Error('no meeting');
  const standing = await standingOf(db(), personId);
  return { ...found, standing, resource: meetingResource(standing, found.body) };
}

describe("the meeting page's block", () => {
  it('shows attendees by organisation, the quorum line and the table per college; guests named only to those who run the meetings', async () => {
    const meetingId = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    await api('PUT', `/meetings/${meetingId}/attendance`, secretaryToken, { items: [{ person_id: people.ana }, { person_id: people.alternate, on_behalf_of: people.bernat }, { person_id: people.outsider, guest: true }] });
    const ctx = fakeContext();
    const forMember = await accessTo(meetingId, null);
    const data = await attendanceSection.load(db(), forMember, null);
    const html = String(await attendanceSection.render({ ctx, access: forMember, data })).replace(/\s+/g, ' ');
    expect(html).toContain('Assistència i quòrum');
    expect(html).toContain('Quòrum no assolit: 2 de 5 membres (40 %); cal un 50 %.');
    expect(html).toMatch(/Coop Alfa<\/h3> <ul> <li>Ana Alfa<\/li> <li>Eva Suplent \(en lloc de Bernat Alfa\)<\/li>|Coop Alfa<\/h3><ul><li>Ana Alfa<\/li><li>Eva Suplent \(en lloc de Bernat Alfa\)<\/li>/);
    expect(html).toContain('I 1 persona convidada.');
    expect(html).not.toContain('Ferran');
    expect(html).not.toContain('@example.org');
    expect(html).not.toContain('/attendance"');
    const forChair = await accessTo(meetingId, people.chair);
    const chairData = await attendanceSection.load(db(), forChair, { id: people.chair, name: 'Xènia', roles: [] } as never);
    const chairHtml = String(await attendanceSection.render({ ctx, access: forChair, data: chairData }));
    expect(chairHtml).toContain('Ferran Convidat');
    expect(chairHtml).toContain(`/ca/meetings/${meetingId}/attendance`);
  });
});

describe('query counts', () => {
  it('the form, its save, the API and the block cost the same with 3 members as with 200', async () => {
    const big = await insertGroup(db(), { name: { ca: 'Grup gran' } });
    await insertMandate(db(), { body_id: big.id, person_id: people.chair, role: 'chair', college: 'expert' });
    const organisations = [];
    for (let i = 0; i < 20; i += 1) organisations.push((await insertOrganisation(db(), { name: `Entitat gran ${i}` })).id);
    const bigMembers: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const person = await insertPerson(db(), `Gran Persona ${i}`);
      bigMembers.push(person);
      await insertMandate(db(), { body_id: big.id, person_id: person, organisation_id: i % 3 === 0 ? null : organisations[i % 20], college: i % 3 === 0 ? 'trajectory' : 'entity' });
    }
    for (let i = 0; i < 10; i += 1) await insertMandate(db(), { body_id: big.id, person_id: await insertPerson(db(), `Gran Suplent ${i}`), organisation_id: organisations[i], role: 'alternate' });
    const small = await insertMeeting(db(), { body_id: groupId, starts_at: hourAgo() });
    const large = await insertMeeting(db(), { body_id: big.id, starts_at: hourAgo() });
    await db().insertInto('meeting_answers').values(bigMembers.slice(0, 150).map((person_id) => ({ meeting_id: large, person_id, answer: 'attending' as const }))).execute();

    const put = async (meetingId: number, ids: number[]) => {
      const { result, queries } = await countQueries(app.services.database, () => api('PUT', `/meetings/${meetingId}/attendance`, secretaryToken, { items: ids.map((person_id) => ({ person_id })) }));
      expect(result.status).toBe(200);
      return queries;
    };
    expect(await put(large, bigMembers.slice(0, 180))).toBe(await put(small, [people.ana, people.carla]));

    const get = async (path: string) => {
      await secretary.get(path);
      const { result, queries } = await countQueries(app.services.database, () => secretary.get(path));
      expect(result.status).toBe(200);
      return queries;
    };
    expect(await get(`/ca/meetings/${large}/attendance`)).toBe(await get(`/ca/meetings/${small}/attendance`));
    const largeHtml = await text(await secretary.get(`/ca/meetings/${large}/attendance`));
    expect(largeHtml).toContain('Gran Persona 199');
    expect(largeHtml).toContain('Quòrum assolit: 180 de 201 membres (89 %)');

    const apiGet = async (meetingId: number) => (await countQueries(app.services.database, () => api('GET', `/meetings/${meetingId}/attendance`, secretaryToken))).queries;
    expect(await apiGet(large)).toBe(await apiGet(small));

    const blockQueries = async (meetingId: number) => {
      const access = await accessTo(meetingId, people.chair);
      return (await countQueries(app.services.database, () => attendanceSection.load(db(), access, null))).queries;
    };
    expect(await blockQueries(large)).toBe(await blockQueries(small));

    const post = async (meetingId: number, ids: number[]) => {
      const { result, queries } = await countQueries(app.services.database, () => secretary.post(`/ca/meetings/${meetingId}/attendance`, { present: ids.map(String) }));
      expect(result.status).toBe(303);
      return queries;
    };
    expect(await post(large, bigMembers.slice(0, 190))).toBe(await post(small, [people.ana]));
  });
});
