/**
 * The minutes' block on the meeting page (state, link, deadline, hash), and what the minutes
 * pages and API cost: the same number of queries for a meeting with 2 agenda items, 3 attendees
 * and 1 agreement as for one with 40 items, 200 attendees and 30 agreements with action items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { translator, todayInSpace } from '../../kernel/i18n/index.js';
import type { Actor } from '../../kernel/policy.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, freshToken } from '../../../test/support/personas.js';
import { standingOf } from '../bodies/index.js';
import { insertMandate, insertOrganisation, insertPerson } from '../bodies/bodies-test-support.js';
import { addDays } from './time.js';
import { minutesSection } from './section-minutes.js';
import { findMeeting, meetingResource, type MeetingAccess } from './store.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

const PLENARY = 1;
const DAY = 24 * 3600_000;

let app: TestApp;
let secretaryId = 0;
let secretaryBrowser: Agent;
let secretaryToken = '';
const db = () => app.services.database.db;

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const user = await app.createUser({ name: 'Sílvia Secretària' });
  secretaryId = user.id;
  await insertMandate(db(), { body_id: PLENARY, person_id: user.id, role: 'secretary', college: 'trajectory', starts_on: '2020-01-01' });
  const persona = { name: 'participant' as const, user, token: null };
  secretaryBrowser = await browserFor(app, persona);
  secretaryToken = (await freshToken(app, persona)) ?? '';
});
afterAll(() => app?.close());

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

async function block(meetingId: number, actor: Actor | null): Promise<string> {
  const access = await accessTo(meetingId, actor?.id ?? null);
  const data = await minutesSection.load(db(), access, actor);
  return String(await minutesSection.render({ ctx: fakeContext(), access, data })).replace(/&#39;/g, "'");
}

async function transition(meetingId: number, body: unknown): Promise<number> {
  const response = await app.built.app.request(`/api/v1/meetings/${meetingId}/minutes/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secretaryToken}` },
    body: JSON.stringify(body),
  });
  return response.status;
}

describe("the meeting page's block", () => {
  it('says nothing for a meeting not held; offers the writing to the secretary once held', async () => {
    const convened = await insertMeeting(db(), { state: 'convened' });
    expect(await block(convened, null)).toBe('null');
    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - DAY) });
    const secretary = { id: secretaryId, name: 'Sílvia', roles: [] };
    const forVisitor = await block(held, null);
    expect(forVisitor).toContain("L'acta d'aquesta sessió s'està redactant.");
    expect(forVisitor).not.toContain('Redacta');
    const forSecretary = await block(held, secretary);
    expect(forSecretary).toContain("Encara no s'ha redactat l'acta");
    expect(forSecretary).toContain(`href="/ca/meetings/${held}/minutes"`);
  });

  it('shows the state with its link, the deadline while circulated, the hash once approved', async () => {
    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - DAY) });
    const form = { place: 'Sala', date: addDays(todayInSpace(), -1), start_time: '10:00', end_time: '11:00', summary: '' };
    expect((await secretaryBrowser.post(`/ca/meetings/${held}/minutes`, form)).status).toBe(303);
    const secretary = { id: secretaryId, name: 'Sílvia', roles: [] };
    expect(await block(held, secretary)).toContain('Esborrany');
    const until = addDays(todayInSpace(), 3);
    expect(await transition(held, { to: 'circulated', objections_until: until })).toBe(200);
    const circulated = await block(held, secretary);
    expect(circulated).toContain('En revisió pels membres');
    expect(circulated).toContain(`fins al ${until}`);
    expect(await transition(held, { to: 'approved', approved_in: String(held) })).toBe(200);
    const row = await db().selectFrom('minutes').select('content_hash').where('meeting_id', '=', held).executeTakeFirstOrThrow();
    const approved = await block(held, null);
    expect(approved).toContain('Aprovada');
    expect(approved).toContain(`SHA-256: ${row.content_hash}`);
    expect(approved).toContain(`href="/ca/meetings/${held}/minutes"`);
  });
});

describe('who reads minutes before their approval', () => {
  it("draft and circulated minutes: the body's members and the secretary; visitors and outsiders see only approved minutes", async () => {
    const member = await app.createUser({ name: 'Marc Membre' });
    await insertMandate(db(), { body_id: PLENARY, person_id: member.id, college: 'trajectory', starts_on: '2020-01-01' });
    const outsider = await app.createUser({ name: 'Olga Externa' });
    const memberPersona = { name: 'participant' as const, user: member, token: null };
    const outsiderPersona = { name: 'participant' as const, user: outsider, token: null };
    const memberBrowser = await browserFor(app, memberPersona);
    const outsiderBrowser = await browserFor(app, outsiderPersona);
    const memberToken = (await freshToken(app, memberPersona)) ?? '';
    const outsiderToken = (await freshToken(app, outsiderPersona)) ?? '';
    const visitor = app.agent();
    const readApi = async (meetingId: number, token: string | null) => {
      const response = await app.built.app.request(`/api/v1/meetings/${meetingId}/minutes`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const html = async (agent: Agent, path: string) => {
      const response = await agent.get(path);
      return { status: response.status, text: (await response.text()).replace(/&#39;/g, "'") };
    };

    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - DAY), title: 'Sessió amb acta privada' });
    const form = { place: 'Sala', date: addDays(todayInSpace(), -1), start_time: '10:00', end_time: '11:00', summary: 'Text intern encara no aprovat' };
    expect((await secretaryBrowser.post(`/ca/meetings/${held}/minutes`, form)).status).toBe(303);
    const [draft] = await db().selectFrom('minutes').select('id').where('meeting_id', '=', held).execute();

    for (const state of ['draft', 'circulated'] as const) {
      if (state === 'circulated') expect(await transition(held, { to: 'circulated' })).toBe(200);
      // The body's members and the secretary read them, on the page, printable and in the API.
      for (const reader of [memberBrowser, secretaryBrowser]) {
        expect((await html(reader, `/ca/meetings/${held}/minutes`)).text).toContain('Text intern encara no aprovat');
        expect((await html(reader, `/ca/meetings/${held}/minutes/print`)).status).toBe(200);
      }
      expect(await readApi(held, memberToken)).toMatchObject({ status: 200, json: { state, summary: 'Text intern encara no aprovat' } });
      expect(await block(held, { id: member.id, name: 'Marc', roles: [] })).toContain(`href="/ca/meetings/${held}/minutes"`);
      // Visitors and signed-in people outside the body: the minutes are being written.
      for (const reader of [visitor, outsiderBrowser]) {
        const page = await html(reader, `/ca/meetings/${held}/minutes`);
        expect(page.status).toBe(200);
        expect(page.text).toContain("L'acta d'aquesta sessió s'està redactant.");
        expect(page.text).not.toContain('Text intern encara no aprovat');
        expect((await html(reader, `/ca/meetings/${held}/minutes/print`)).status).toBe(404);
        expect((await html(reader, `/ca/meetings/${held}/minutes?version=${draft?.id}`)).status).toBe(404);
        const meetingPage = await html(reader, `/ca/meetings/${held}`);
        expect(meetingPage.text).toContain("L'acta d'aquesta sessió s'està redactant.");
        expect(meetingPage.text).not.toContain('Text intern encara no aprovat');
      }
      for (const who of [null, { id: outsider.id, name: 'Olga', roles: [] }]) {
        const shown = await block(held, who);
        expect(shown).toContain("L'acta d'aquesta sessió s'està redactant.");
        expect(shown).not.toContain('Esborrany');
        expect(shown).not.toContain('En revisió');
      }
      expect((await readApi(held, null)).status).toBe(404);
      expect((await readApi(held, outsiderToken)).status).toBe(404);
      // ...in English too.
      expect((await html(visitor, `/en/meetings/${held}/minutes`)).text).toContain('The minutes of this meeting are being written.');
    }

    // Approved: the public record, for everyone.
    expect(await transition(held, { to: 'approved', approved_in: String(held) })).toBe(200);
    for (const reader of [visitor, outsiderBrowser]) {
      expect((await html(reader, `/ca/meetings/${held}/minutes`)).text).toContain('Text intern encara no aprovat');
      expect((await html(reader, `/ca/meetings/${held}/minutes/print`)).status).toBe(200);
    }
    expect(await readApi(held, null)).toMatchObject({ status: 200, json: { state: 'approved' } });

    // A correction in progress stays with the body: outsiders keep reading the approved minutes.
    expect((await secretaryBrowser.post(`/ca/meetings/${held}/minutes/correct`, {})).status).toBe(303);
    expect((await secretaryBrowser.post(`/ca/meetings/${held}/minutes`, { ...form, summary: 'Correcció en curs' })).status).toBe(303);
    const rows = await db().selectFrom('minutes').select(['id', 'state']).where('meeting_id', '=', held).orderBy('id').execute();
    expect(rows.map((r) => r.state)).toEqual(['approved', 'draft']);
    const publicPage = await html(visitor, `/ca/meetings/${held}/minutes`);
    expect(publicPage.text).toContain('Text intern encara no aprovat');
    expect(publicPage.text).not.toContain('Correcció en curs');
    expect((await html(visitor, `/ca/meetings/${held}/minutes?version=${rows[1]?.id}`)).status).toBe(404);
    expect(await readApi(held, null)).toMatchObject({ status: 200, json: { id: String(rows[0]?.id), state: 'approved' } });
    expect(await block(held, null)).toContain('Aprovada');
    expect((await html(memberBrowser, `/ca/meetings/${held}/minutes`)).text).toContain('Correcció en curs');
    expect(await readApi(held, memberToken)).toMatchObject({ status: 200, json: { id: String(rows[1]?.id), state: 'draft' } });
  });
});

/** A held plenary meeting with `items` agenda items, `people` attendees and `agreements` agreements (two action items each), and its minutes. */
async function populate(items: number, people: number, agreements: number, tag: string): Promise<number> {
  const meeting = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - 2 * DAY), title: `Sessió ${tag}` });
  const itemIds: number[] = [];
  for (let i = 0; i < items; i += 1) itemIds.push(await insertAgendaItem(db(), meeting, { title: `Punt ${tag} ${i}` }));
  const organisations: number[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(people / 10)); i += 1) organisations.push((await insertOrganisation(db(), { name: `Entitat ${tag} ${i}` })).id);
  const attendance = [];
  for (let i = 0; i < people; i += 1) {
    const person = await insertPerson(db(), `Persona ${tag} ${i}`);
    const organisation = i % 2 === 0 ? (organisations[i % organisations.length] ?? null) : null;
    attendance.push({ meeting_id: meeting, person_id: person, organisation_id: organisation, college: organisation ? ('entity' as const) : ('trajectory' as const) });
  }
  await db().insertInto('meeting_attendance').values(attendance).execute();
  for (let i = 0; i < agreements; i += 1) {
    const agreement = await db()
      .insertInto('agreements')
      .values({ body_id: PLENARY, meeting_id: meeting, agenda_item_id: itemIds[i % itemIds.length] as number, year: 2026, number: 1000 + Number(meeting) * 100 + i, text: JSON.stringify({ ca: `Acord ${tag} ${i}` }), method: 'consensus', adopted_on: todayInSpace() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('action_items')
      .values([
        { agreement_id: agreement.id, body_id: PLENARY, title: `Acció ${tag} ${i}a`, owner_person_id: secretaryId, due_on: todayInSpace() },
        { agreement_id: agreement.id, body_id: PLENARY, title: `Acció ${tag} ${i}b`, owner_organisation_id: organisations[0] as number, due_on: todayInSpace() },
      ])
      .execute();
  }
  const deliberations = Object.fromEntries(itemIds.map((id) => [String(id), `Deliberació ${id}`]));
  await db().insertInto('minutes').values({ meeting_id: meeting, place: 'Sala', started_at: new Date(), ended_at: new Date(Date.now() + 3600_000), deliberations: JSON.stringify(deliberations) }).execute();
  return meeting;
}

async function queries(agent: Agent, path: string): Promise<number> {
  await agent.get(path);
  const { result, queries: count } = await countQueries(app.services.database, () => agent.get(path));
  expect(result.status, path).toBe(200);
  return count;
}

describe('query counts', () => {
  it('the minutes page, its printable form and the API cost the same for a small and a large meeting', async () => {
    const small = await populate(2, 3, 1, 'petita');
    const large = await populate(40, 200, 30, 'gran');
    const visitor = app.agent();
    for (const suffix of ['', '/print']) {
      const secretarySmall = await queries(secretaryBrowser, `/ca/meetings/${small}/minutes${suffix}`);
      expect(await queries(secretaryBrowser, `/ca/meetings/${large}/minutes${suffix}`)).toBe(secretarySmall);
    }
    const page = await (await secretaryBrowser.get(`/ca/meetings/${large}/minutes`)).text();
    expect(page).toContain('Persona gran 199');
    expect(page).toContain('Acord gran 29');
    expect(page).toContain('Acció gran 29b');

    // Approved: the page reads the frozen content, still a fixed count.
    expect(await transition(large, { to: 'approved', approved_in: String(large) })).toBe(200);
    expect(await transition(small, { to: 'approved', approved_in: String(small) })).toBe(200);
    for (const suffix of ['', '/print']) {
      expect(await queries(visitor, `/ca/meetings/${large}/minutes${suffix}`)).toBe(await queries(visitor, `/ca/meetings/${small}/minutes${suffix}`));
    }

    const api = async (id: number) => (await countQueries(app.services.database, () => Promise.resolve(app.built.app.request(`/api/v1/meetings/${id}/minutes`)))).queries;
    expect(await api(large)).toBe(await api(small));
  });
});
