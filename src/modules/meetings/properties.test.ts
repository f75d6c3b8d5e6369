/**
 * Generated input against every write endpoint of the meetings module — forms and API — on real
 * meetings in every state (draft, convened, started, held with draft, circulated and approved
 * minutes, cancelled, a private body's), with agenda items, dossier entries, attendance,
 * agreements and action items, as the space's secretary (who runs every body's meetings and sits
 * in the plenary), so that the input reaches the commands: the route × persona samples of
 * `test/properties*.test.ts` name no meeting. No answer may be a server error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { insertGroup, insertOrganisation } from '../bodies/bodies-test-support.js';
import { person, seat, type Person } from './agreements-test-support.js';
import { answerToken } from './answers.js';
import { addDays } from './time.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

/** 50 runs per endpoint by default (40 endpoints: about 20 s on PGlite); `PROPERTY_RUNS` scales it. */
const RUNS = Math.max(10, Math.round(Number(process.env.PROPERTY_RUNS ?? 1000) / 20));
const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const today = todayInSpace();

let app: TestApp;
let secretary: Person;
let member: Person;
let alternate: Person;
let orgId = 0;
let groupId = 0;
let groupSlug = '';
const db = () => app.services.database.db;

/** Records in every state, made anew for each endpoint so that earlier runs do not use them up. */
interface Fixture {
  meetings: number[];
  items: number[];
  entries: number[];
  agreements: number[];
  actions: number[];
  /** Per meeting, its first agenda item. */
  itemOf: Map<number, number>;
}

async function fixture(): Promise<Fixture> {
  const now = Date.now();
  const f: Fixture = { meetings: [], items: [], entries: [], agreements: [], actions: [], itemOf: new Map() };
  const specs: Array<Parameters<typeof insertMeeting>[1] & { minutes?: 'draft' | 'circulated' | 'approved'; late?: boolean }> = [
    { state: 'draft', starts_at: new Date(now + 20 * DAY) },
    { state: 'draft', starts_at: new Date(now + 2 * DAY) },
    { state: 'convened', starts_at: new Date(now + 20 * DAY) },
    { state: 'convened', starts_at: new Date(now - HOUR), ends_at: new Date(now + HOUR) },
    { state: 'held', starts_at: new Date(now - 2 * DAY) },
    { state: 'held', starts_at: new Date(now - 3 * DAY), minutes: 'draft', minutes_state: 'draft' },
    { state: 'held', starts_at: new Date(now - 4 * DAY), minutes: 'circulated', minutes_state: 'circulated' },
    { state: 'held', starts_at: new Date(now - 5 * DAY), minutes: 'approved', minutes_state: 'approved' },
    { state: 'cancelled', starts_at: new Date(now + 10 * DAY) },
    { state: 'held', starts_at: new Date(now - DAY), body_id: groupId },
  ];
  for (const spec of specs) {
    const { minutes, late: _late, ...options } = spec;
    const meetingId = await insertMeeting(db(), options);
    f.meetings.push(meetingId);
    const first = await insertAgendaItem(db(), meetingId, { kind: 'decision' });
    const second = await insertAgendaItem(db(), meetingId, { kind: 'information' });
    f.items.push(first, second);
    f.itemOf.set(meetingId, first);
    const entry = await db()
      .insertInto('dossier_entries')
      .values({ meeting_id: meetingId, agenda_item_id: first, title: 'Document', url: 'https://docs.example.org/document', file_id: null, file_name: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    f.entries.push(Number(entry.id));
    if (spec.state === 'held' || (spec.state === 'convened' && new Date(spec.starts_at ?? 0).getTime() < now)) {
      await db()
        .insertInto('meeting_attendance')
        .values([
          { meeting_id: meetingId, person_id: secretary.user.id, organisation_id: null, college: 'trajectory' },
          { meeting_id: meetingId, person_id: alternate.user.id, organisation_id: orgId, college: 'entity', on_behalf_of: member.user.id },
        ])
        .execute();
      const agreement = await db()
        .insertInto('agreements')
        .values({ body_id: options.body_id ?? 1, meeting_id: meetingId, agenda_item_id: first, year: 2001, number: meetingId, text: JSON.stringify({ ca: 'Acord' }), method: 'consensus', adopted_on: addDays(today, -1) })
        .returning('id')
        .executeTakeFirstOrThrow();
      f.agreements.push(Number(agreement.id));
      const action = await db()
        .insertInto('action_items')
        .values({ agreement_id: agreement.id, body_id: options.body_id ?? 1, title: 'Acció', owner_person_id: member.user.id, due_on: addDays(today, 10) })
        .returning('id')
        .executeTakeFirstOrThrow();
      f.actions.push(Number(action.id));
    }
    if (minutes) {
      await db()
        .insertInto('minutes')
        .values({
          meeting_id: meetingId,
          // Approved minutes are frozen by the app itself (below), from circulated ones.
          state: minutes === 'approved' ? 'circulated' : minutes,
          place: 'Sala',
          started_at: new Date(options.starts_at ?? now),
          ended_at: new Date(new Date(options.starts_at ?? now).getTime() + HOUR),
          deliberations: JSON.stringify({ [String(first)]: 'Deliberació' }),
          objections_until: minutes === 'draft' ? null : addDays(today, 3),
        })
        .execute();
      if (minutes === 'approved') {
        const approved = await sendJson(secretary, 'POST', `/meetings/${meetingId}/minutes/transitions`, { to: 'approved', approved_in: String(meetingId) });
        expect(approved.status).toBe(200);
      }
    }
  }
  return f;
}

// ---- generated values -----------------------------------------------------------------------

/** Values the forms and API take, kind ones and unkind ones, with the records' ids among them. */
function valuesFor(f: Fixture): fc.Arbitrary<string> {
  const ids = [...f.meetings, ...f.items, ...f.entries, ...f.agreements, ...f.actions, secretary.user.id, member.user.id, alternate.user.id, orgId].map(String);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        '', ' ', '0', '-1', '1', '99999999999999999999', '1e309', 'NaN', 'null', 'true', '[]', '{}', '<script>alert(1)</script>', "' OR 1=1 --", '\u0000', '\uD800', '😀', 'ÀÉÏÕÜ·l·l',
        today, addDays(today, -1), addDays(today, 1), addDays(today, 30), addDays(today, 400), '0000-01-01', '0999-12-31', '9999-12-31', '2026-02-30', '2026-13-01',
        '00:00', '18:00', '23:59', '24:00', '25:61', '7:5', '18:00:00', '2026-03-12T18:00:00+01:00', '2026-03-12T18:00:00Z', '10000-01-01T00:00:00Z', '2026-03-12T18:00',
        'ordinary', 'extraordinary', 'in_person', 'online', 'hybrid', 'information', 'deliberation', 'decision', 'up', 'down', 'first', 'last',
        'attending', 'excused', 'alternate', 'consensus', 'vote', 'open', 'in_progress', 'done', 'dropped', 'members', 'organisations', 'on', 'off', 'yes', '50', '101',
        `person:${member.user.id}`, `person:${secretary.user.id}`, `organisation:${orgId}`, 'person:999999', 'organisation:x', 'person:', 'body', 'body_report', 'organisation',
        'https://example.org/doc', 'http://example.org', 'javascript:alert(1)', 'data:text/html,x', '//example.org', 'ftp://example.org/x', 'Martí Membre', 'Alex', 'Coop',
        'draft', 'convened', 'held', 'cancelled', 'circulated', 'approved',
      ),
    },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).map((s) => s.repeat(8000)) },
  );
}

type Entries = Array<[string, string[]]>;

/** A form: half the time a valid one with up to three fields changed, else any mix of the form's fields. */
function formOf(f: Fixture, fields: string[], valid: Record<string, string | string[]>): fc.Arbitrary<Entries> {
  const value = valuesFor(f);
  const anyValue = fc.oneof({ weight: 4, arbitrary: value.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(value, { minLength: 0, maxLength: 3 }) });
  const base = Object.entries(valid).map(([name, v]): [string, string[]] => [name, Array.isArray(v) ? v : [v]]);
  const names = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor[prototype][polluted]', 'deliberation_abc', 'for_x', 'a[b]') });
  return fc.oneof(
    fc.array(fc.tuple(names, anyValue), { maxLength: 10 }),
    fc.array(fc.tuple(names, anyValue), { maxLength: 3 }).map((edits) => {
      const form = new Map(base);
      for (const [name, v] of edits) form.set(name, v);
      return [...form.entries()];
    }),
  );
}

function jsonValueOf(f: Fixture): fc.Arbitrary<unknown> {
  const value = valuesFor(f);
  return fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      value,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('any'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('ca', 'es', 'en', 'x', 'person_id', 'on_behalf_of', 'guest', 'organisation_id', 'label', 'count', 'by_college', 'options', 'title', 'owner_person_id', 'owner_organisation_id', 'due_on', 'agenda_item_id', 'deliberation', 'type', 'id', '__proto__'), tie('any'), { maxKeys: 4 }),
    ),
  })).any;
}

/** A JSON body: half the time a valid one with up to three fields changed, else any mix of the fields. */
function jsonOf(f: Fixture, fields: string[], valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const value = jsonValueOf(f);
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length }),
    fc.array(fc.tuple(fc.constantFrom(...fields), value), { maxLength: 3 }).map((edits) => {
      const body: Record<string, unknown> = { ...valid };
      for (const [name, v] of edits) body[name] = v;
      return body;
    }),
    fc.constantFrom<unknown>(null, [], 'text', 12, { __proto__: { polluted: true } }),
  );
}

// ---- sending --------------------------------------------------------------------------------

async function postForm(as: Person, path: string, entries: Entries): Promise<Response> {
  const body = new URLSearchParams([['_csrf', as.browser.csrfToken()]]);
  for (const [name, values] of entries) for (const v of values) body.append(name, v);
  return as.browser.request('POST', path, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

async function sendJson(as: Person, method: string, path: string, body: unknown): Promise<Response> {
  return app.built.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

async function noServerError(response: Response, what: string, input: unknown): Promise<void> {
  const text = await response.text();
  if (response.status >= 500) throw new Error(`${what} answered ${response.status} to ${JSON.stringify(input).slice(0, 400)}: ${text.slice(0, 300)}`);
}

beforeAll(async () => {
  // A server error's stack is logged, to say where it came from.
  app = await createTestApp({ TEIXIT_WRITE_LIMIT: '100000000', TEIXIT_RENDER_CACHE: 'off', LOG_LEVEL: 'error' });
  secretary = await person(app, { name: 'Sara Secretària' });
  member = await person(app, { name: 'Martí Membre' });
  alternate = await person(app, { name: 'Alex Alternate' });
  orgId = (await insertOrganisation(db(), { name: 'Coop Teixidora', short_name: 'TEIX' })).id;
  ({ id: groupId, slug: groupSlug } = await insertGroup(db()));
  await seat(db(), 1, secretary.user.id, { role: 'secretary' });
  await seat(db(), groupId, secretary.user.id);
  await seat(db(), 1, member.user.id, { organisation_id: orgId, college: 'entity' });
  await seat(db(), 1, alternate.user.id, { organisation_id: orgId, college: 'entity', role: 'alternate' });
});
afterAll(() => app?.close());

// ---- the endpoints --------------------------------------------------------------------------

const MEETING_FIELDS = ['title_ca', 'title_es', 'title_en', 'kind', 'format', 'place', 'online_url', 'description', 'date', 'start_time', 'end_time'];
const meetingValid = () => ({ title_ca: 'Trobada', kind: 'ordinary', format: 'hybrid', place: 'Sala', online_url: 'https://meet.example.org/x', description: 'Text', date: addDays(today, 20), start_time: '18:00', end_time: '20:00' });
const ITEM_FIELDS = ['title_ca', 'title_es', 'title_en', 'kind', 'presenter', 'duration_minutes', 'description'];
const itemValid = { title_ca: 'Punt', kind: 'decision', presenter: 'Anna', duration_minutes: '20', description: '' };

interface FormTarget {
  name: string;
  /** The path for a run, from the fixture and a generated pick. */
  path: (f: Fixture, pick: number) => string;
  fields: (f: Fixture) => string[];
  valid: (f: Fixture, pick: number) => Record<string, string | string[]>;
  as?: () => Person;
}

const pickOf = <T,>(list: T[], pick: number): T => list[pick % list.length] as T;
const meetingPath = (suffix: string) => (f: Fixture, pick: number) => `/ca/meetings/${pickOf(f.meetings, pick)}${suffix}`;
const itemPath = (suffix: string) => (f: Fixture, pick: number) => `/ca/agenda-items/${pickOf(f.items, pick)}${suffix}`;
const agreementFields = ['text_ca', 'text_es', 'text_en', 'method', 'result_options_0_label', 'result_options_0_count', 'result_options_0_by_college_entity', 'result_options_1_label', 'result_options_1_count', 'action_items_0_title', 'action_items_0_owner', 'action_items_0_due_on'];
const agreementValid = () => ({
  text_ca: 'Acord',
  method: 'vote',
  result_options_0_label: 'A favor',
  result_options_0_count: '3',
  result_options_0_by_college_entity: '3',
  result_options_1_label: 'En contra',
  result_options_1_count: '0',
  action_items_0_title: 'Fer-ho',
  action_items_0_owner: `person:${member.user.id}`,
  action_items_0_due_on: addDays(today, 10),
});

const FORMS: FormTarget[] = [
  { name: 'new meeting', path: () => '/ca/bodies/ambit-participat/meetings/new', fields: () => MEETING_FIELDS, valid: meetingValid },
  { name: 'edit meeting', path: meetingPath('/edit'), fields: () => MEETING_FIELDS, valid: meetingValid },
  { name: 'convene', path: meetingPath('/convene'), fields: () => ['urgency_reason'], valid: () => ({ urgency_reason: 'Urgència' }) },
  { name: 'cancel', path: meetingPath('/cancel'), fields: () => ['cancel_reason'], valid: () => ({ cancel_reason: 'Motiu' }) },
  { name: 'held', path: meetingPath('/held'), fields: () => ['x'], valid: () => ({}) },
  { name: 'new agenda item', path: meetingPath('/agenda/new'), fields: () => ITEM_FIELDS, valid: () => itemValid },
  { name: 'edit agenda item', path: itemPath('/edit'), fields: () => ITEM_FIELDS, valid: () => itemValid },
  { name: 'move agenda item', path: itemPath('/move'), fields: () => ['direction'], valid: () => ({ direction: 'up' }) },
  { name: 'delete agenda item', path: itemPath('/delete'), fields: () => ['x'], valid: () => ({}) },
  { name: 'link agenda item', path: itemPath('/links'), fields: () => ['link_type', 'link_query', 'link_id'], valid: () => ({ link_type: 'organisation', link_query: 'Coop', link_id: String(orgId) }) },
  { name: 'unlink agenda item', path: itemPath('/links/remove'), fields: () => ['type', 'target_id'], valid: () => ({ type: 'organisation', target_id: String(orgId) }) },
  { name: 'answer on the site', path: meetingPath('/answer'), fields: () => ['answer', 'alternate_id'], valid: () => ({ answer: 'alternate', alternate_id: String(alternate.user.id) }), as: () => member },
  {
    name: 'answer by link',
    path: (f, pick) => `/ca/answer/${answerToken(app.services.secret, pickOf(f.meetings, pick), member.user.id, new Date(Date.now() + (pick % 5 === 0 ? -HOUR : 30 * DAY)))}`,
    fields: () => ['answer', 'alternate_id'],
    valid: () => ({ answer: 'attending' }),
  },
  { name: 'dossier link', path: meetingPath('/dossier/links'), fields: () => ['link_title', 'link_url', 'link_item'], valid: (f, pick) => ({ link_title: 'Doc', link_url: 'https://example.org/doc', link_item: String(f.itemOf.get(pickOf(f.meetings, pick)) ?? '') }) },
  {
    name: 'dossier removal',
    path: (f, pick) => `/ca/meetings/${pickOf(f.meetings, pick)}/dossier/${pickOf(f.entries, Math.floor(pick / 3))}/remove`,
    fields: () => ['x'],
    valid: () => ({}),
  },
  {
    name: 'attendance',
    path: meetingPath('/attendance'),
    fields: () => ['present', `for_${member.user.id}`, 'for_1', 'guest', 'guest_new', 'standin_member', 'standin_person'],
    valid: () => ({ present: [String(secretary.user.id)], [`for_${member.user.id}`]: String(alternate.user.id), guest_new: '', standin_member: '', standin_person: '' }),
  },
  {
    name: 'meeting rules',
    path: (_f, pick) => (pick % 2 === 0 ? '/ca/bodies/ambit-participat/meeting-rules' : `/ca/bodies/${groupSlug}/meeting-rules`),
    fields: () => ['notice_days', 'dossier_days', 'quorum_basis', 'quorum_percent', 'meetings_public', 'named_votes'],
    valid: () => ({ notice_days: '10', dossier_days: '5', quorum_basis: 'members', quorum_percent: '50', meetings_public: 'yes', named_votes: 'no' }),
  },
  {
    name: 'minutes draft',
    path: meetingPath('/minutes'),
    fields: (f) => ['place', 'date', 'start_time', 'end_time', 'summary', ...f.items.slice(0, 6).map((id) => `deliberation_${id}`)],
    valid: (f, pick) => ({ place: 'Sala', date: addDays(today, -2), start_time: '10:00', end_time: '11:00', summary: 'Resum', [`deliberation_${f.itemOf.get(pickOf(f.meetings, pick)) ?? 0}`]: 'Text' }),
  },
  { name: 'minutes circulation', path: meetingPath('/minutes/circulate'), fields: () => ['objections_until'], valid: () => ({ objections_until: addDays(today, 5) }) },
  { name: 'minutes approval', path: meetingPath('/minutes/approve'), fields: () => ['approved_in'], valid: (f, pick) => ({ approved_in: String(pickOf(f.meetings, pick)) }) },
  { name: 'minutes correction', path: meetingPath('/minutes/correct'), fields: () => ['x'], valid: () => ({}) },
  { name: 'minutes objection', path: meetingPath('/minutes/objections'), fields: () => ['text'], valid: () => ({ text: 'Objecció' }), as: () => member },
  { name: 'new agreement', path: itemPath('/agreements/new'), fields: () => agreementFields, valid: agreementValid },
  { name: 'edit agreement', path: (f, pick) => `/ca/agreements/${pickOf(f.agreements, pick)}/edit`, fields: () => agreementFields, valid: agreementValid },
  {
    name: 'new action item',
    path: (f, pick) => `/ca/agreements/${pickOf(f.agreements, pick)}/actions/new`,
    fields: () => ['title', 'owner', 'due_on'],
    valid: () => ({ title: 'Acció', owner: `organisation:${orgId}`, due_on: addDays(today, 20) }),
  },
  {
    name: 'edit action item',
    path: (f, pick) => `/ca/action-items/${pickOf(f.actions, pick)}/edit`,
    fields: () => ['title', 'owner', 'due_on', 'state'],
    valid: () => ({ title: 'Acció', owner: `person:${member.user.id}`, due_on: addDays(today, 20), state: 'in_progress' }),
  },
  { name: 'action item state (owner)', path: (f, pick) => `/ca/action-items/${pickOf(f.actions, pick)}/state`, fields: () => ['state'], valid: () => ({ state: 'done' }), as: () => member },
];

interface JsonTarget {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: (f: Fixture, pick: number) => string;
  fields: string[];
  valid: (f: Fixture, pick: number) => Record<string, unknown>;
  as?: () => Person;
}

const apiMeeting = () => ({
  body_id: '1',
  title: { ca: 'Trobada' },
  kind: 'ordinary',
  format: 'hybrid',
  place: 'Sala',
  online_url: 'https://meet.example.org/x',
  starts_at: new Date(Date.now() + 20 * DAY).toISOString(),
  ends_at: new Date(Date.now() + 20 * DAY + 2 * HOUR).toISOString(),
});
const apiItem = { title: { ca: 'Punt' }, kind: 'decision', presenter: 'Anna', duration_minutes: 20, description: { ca: 'Text' }, links: [] };

const APIS: JsonTarget[] = [
  { name: 'POST /meetings', method: 'POST', path: () => '/meetings', fields: ['body_id', 'title', 'kind', 'format', 'place', 'online_url', 'starts_at', 'ends_at', 'description'], valid: apiMeeting },
  {
    name: 'PATCH /meetings/{id}',
    method: 'PATCH',
    path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}`,
    fields: ['title', 'kind', 'format', 'place', 'online_url', 'starts_at', 'ends_at', 'description'],
    valid: () => {
      const { body_id: _body, ...rest } = apiMeeting();
      return rest;
    },
  },
  { name: 'POST /meetings/{id}/transitions', method: 'POST', path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/transitions`, fields: ['to', 'reason'], valid: (_f, pick) => ({ to: pickOf(['convened', 'held', 'cancelled'], pick), reason: 'Motiu' }) },
  { name: 'POST /meetings/{id}/agenda-items', method: 'POST', path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/agenda-items`, fields: ['title', 'kind', 'presenter', 'duration_minutes', 'description', 'links', 'position'], valid: () => apiItem },
  {
    name: 'PATCH /agenda-items/{id}',
    method: 'PATCH',
    path: (f, pick) => `/agenda-items/${pickOf(f.items, pick)}`,
    fields: ['title', 'kind', 'presenter', 'duration_minutes', 'description', 'links', 'position'],
    valid: () => ({ ...apiItem, position: 1, links: [{ type: 'organisation', id: String(orgId) }] }),
  },
  { name: 'PUT /meetings/{id}/rsvp', method: 'PUT', path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/rsvp`, fields: ['answer', 'alternate_id'], valid: () => ({ answer: 'alternate', alternate_id: String(alternate.user.id) }), as: () => member },
  {
    name: 'PUT /meetings/{id}/attendance',
    method: 'PUT',
    path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/attendance`,
    fields: ['items'],
    valid: () => ({ items: [{ person_id: String(secretary.user.id) }, { person_id: String(alternate.user.id), on_behalf_of: String(member.user.id) }, { person_id: String(member.user.id), guest: true, organisation_id: String(orgId) }] }),
  },
  {
    name: 'PUT /meetings/{id}/minutes',
    method: 'PUT',
    path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/minutes`,
    fields: ['place', 'started_at', 'ended_at', 'summary', 'items'],
    valid: (f, pick) => ({ place: 'Sala', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T20:00:00+01:00', summary: 'Resum', items: [{ agenda_item_id: String(f.itemOf.get(pickOf(f.meetings, pick)) ?? 0), deliberation: 'Text' }] }),
  },
  {
    name: 'POST /meetings/{id}/minutes/transitions',
    method: 'POST',
    path: (f, pick) => `/meetings/${pickOf(f.meetings, pick)}/minutes/transitions`,
    fields: ['to', 'objections_until', 'approved_in'],
    valid: (f, pick) => ({ to: pick % 2 === 0 ? 'circulated' : 'approved', objections_until: addDays(today, 4), approved_in: String(pickOf(f.meetings, pick)) }),
  },
  {
    name: 'POST /agenda-items/{id}/agreements',
    method: 'POST',
    path: (f, pick) => `/agenda-items/${pickOf(f.items, pick)}/agreements`,
    fields: ['text', 'method', 'result', 'action_items'],
    valid: () => ({
      text: { ca: 'Acord', es: 'Acuerdo' },
      method: 'vote',
      result: { options: [{ label: 'A favor', count: 3, by_college: { entity: 3 } }, { label: 'En contra', count: 0 }] },
      action_items: [{ title: 'Fer-ho', owner_person_id: String(member.user.id), due_on: addDays(today, 10) }],
    }),
  },
  { name: 'PATCH /action-items/{id}', method: 'PATCH', path: (f, pick) => `/action-items/${pickOf(f.actions, pick)}`, fields: ['state', 'title', 'due_on', 'owner_person_id', 'owner_organisation_id'], valid: () => ({ state: 'done' }) },
];

describe('generated input on real meetings never causes a server error', () => {
  for (const target of FORMS) {
    it(`form: ${target.name}`, { timeout: 600_000 }, async () => {
      const f = await fixture();
      const as = target.as?.() ?? secretary;
      await fc.assert(
        fc.asyncProperty(fc.nat().chain((pick) => formOf(f, target.fields(f), target.valid(f, pick)).map((entries) => ({ pick, entries }))), async ({ pick, entries }) => {
          const path = target.path(f, pick);
          await noServerError(await postForm(as, path, entries), `POST ${path}`, entries);
        }),
        { numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('form: dossier upload (multipart, any bytes and names)', { timeout: 600_000 }, async () => {
    const f = await fixture();
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(
        new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
        new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
        new TextEncoder().encode('MZ\x90\x00This program cannot be run in DOS mode.'),
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
        new Uint8Array(0),
      ),
    );
    const name = fc.oneof(fc.constantFrom('acta.pdf', 'acta.PDF', '.pdf', 'a/../../b.pdf', '', 'x'.repeat(500), 'imatge.png', 'doc.docx', 'C:\\fakepath\\a.pdf', '\u202Egnp.exe', 'a\u0000b.pdf'), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(fc.nat(), bytes, name, valuesFor(f), valuesFor(f), fc.boolean(), async (pick, content, fileName, title, item, withFile) => {
        const form = new FormData();
        form.append('_csrf', secretary.browser.csrfToken());
        form.append('file_title', title);
        form.append('file_item', item);
        if (withFile) form.append('file', new Blob([content], { type: 'application/octet-stream' }), fileName);
        else form.append('file', title);
        const path = `/ca/meetings/${pickOf(f.meetings, pick)}/dossier/files`;
        await noServerError(await secretary.browser.request('POST', path, { body: form }), `POST ${path}`, { fileName, title, item, size: content.length });
      }),
      { numRuns: RUNS },
    );
  });

  for (const target of APIS) {
    it(`API: ${target.name}`, { timeout: 600_000 }, async () => {
      const f = await fixture();
      const as = target.as?.() ?? secretary;
      await fc.assert(
        fc.asyncProperty(fc.nat().chain((pick) => jsonOf(f, target.fields, target.valid(f, pick)).map((body) => ({ pick, body }))), async ({ pick, body }) => {
          const path = target.path(f, pick);
          await noServerError(await sendJson(as, target.method, path, body), `${target.method} ${path}`, body);
        }),
        { numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
