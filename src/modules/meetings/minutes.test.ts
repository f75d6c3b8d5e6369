/**
 * The minutes (acta) through the pages and the API: a draft only once the meeting is held,
 * circulated to the members by e-mail in their language, objections until the set date, approved
 * at this or a later session of the body (and refused otherwise), frozen with a hash anyone can
 * recompute and that is in the audit chain, corrected by new linked minutes, and printable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, freshToken } from '../../../test/support/personas.js';
import { verifyAuditChain } from '../../kernel/audit/index.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { insertGroup, insertMandate, insertOrganisation } from '../bodies/bodies-test-support.js';
import { minutesHash } from './minutes-content.js';
import { addDays } from './time.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

const PLENARY = 1;
const DAY = 24 * 3600_000;

let app: TestApp;
interface Who {
  id: number;
  email: string;
  browser: Agent;
  token: string;
}
let secretary: Who;
let memberEs: Who;
let memberEn: Who;
let stranger: Who;

let held: number; // the meeting whose minutes are written
let items: number[];
let convened: number; // a meeting not yet held
let later: number; // a later session of the plenary, held
let future: number; // a later session not started
let earlier: number; // an earlier held session
let otherBody: number; // a held meeting of another body
let orgId: number;

async function who(name: string, locale: 'ca' | 'es' | 'en'): Promise<Who> {
  const user = await app.createUser({ name, locale });
  const persona = { name: 'participant' as const, user, token: null };
  return { id: user.id, email: user.email ?? '', browser: await browserFor(app, persona), token: (await freshToken(app, persona)) ?? '' };
}

async function api(method: string, path: string, as: Who | null, body?: unknown) {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(as ? { authorization: `Bearer ${as.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function text(response: Response): Promise<string> {
  return (await response.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const db = () => app.services.database.db;
const minutesRows = (meetingId: number) => db().selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
const meetingRow = (id: number) => db().selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mailsTo = (address: string) => db().selectFrom('outbox').selectAll().where('to_address', '=', address.toLowerCase()).orderBy('id').execute();

function draftForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    place: 'Can Batlló, sala gran',
    date: addDays(todayInSpace(), -3),
    start_time: '18:05',
    end_time: '20:10',
    summary: 'La presidenta obre la sessió.',
    [`deliberation_${items[0]}`]: 'Es debat el pressupost **participat**.',
    [`deliberation_${items[1]}`]: '',
    ...overrides,
  };
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  secretary = await who('Sara Secretària', 'ca');
  memberEs = await who('Marta Miembro', 'es');
  memberEn = await who('Ellen Member', 'en');
  stranger = await who('Pere Extern', 'ca');
  const org = await insertOrganisation(db(), { name: 'Coop Teixidora', short_name: 'TEIX' });
  orgId = org.id;
  await insertMandate(db(), { body_id: PLENARY, person_id: secretary.id, role: 'secretary', college: 'trajectory', starts_on: '2020-01-01' });
  await insertMandate(db(), { body_id: PLENARY, person_id: memberEs.id, organisation_id: orgId, college: 'entity', starts_on: '2020-01-01' });
  await insertMandate(db(), { body_id: PLENARY, person_id: memberEn.id, college: 'expert', starts_on: '2020-01-01' });

  const now = Date.now();
  earlier = await insertMeeting(db(), { state: 'held', starts_at: new Date(now - 40 * DAY), title: 'Sessió de gener' });
  held = await insertMeeting(db(), { state: 'held', starts_at: new Date(now - 3 * DAY), title: 'Sessió plenària de març' });
  later = await insertMeeting(db(), { state: 'held', starts_at: new Date(now - DAY), title: 'Sessió extraordinària' });
  future = await insertMeeting(db(), { state: 'convened', starts_at: new Date(now + 5 * DAY), title: 'Sessió futura' });
  convened = await insertMeeting(db(), { state: 'convened', starts_at: new Date(now + 10 * DAY), title: 'Sessió convocada' });
  const group = await insertGroup(db());
  otherBody = await insertMeeting(db(), { body_id: group.id, state: 'held', starts_at: new Date(now - DAY), title: 'Sessió del grup' });
  items = [await insertAgendaItem(db(), held, { title: 'Pressupost' }), await insertAgendaItem(db(), held, { title: 'Precs i preguntes', kind: 'information' })];

  // Attendance and an agreement with an action item, as the other parts record them.
  await db()
    .insertInto('meeting_attendance')
    .values([
      { meeting_id: held, person_id: memberEs.id, organisation_id: orgId, college: 'entity' },
      { meeting_id: held, person_id: secretary.id, organisation_id: null, college: 'trajectory' },
    ])
    .execute();
  const agreement = await db()
    .insertInto('agreements')
    .values({ body_id: PLENARY, meeting_id: held, agenda_item_id: items[0] as number, year: 2026, number: 7, text: JSON.stringify({ ca: 'Aprovar el pressupost participat' }), method: 'consensus', adopted_on: addDays(todayInSpace(), -3) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('action_items')
    .values({ agreement_id: agreement.id, body_id: PLENARY, title: 'Publicar el pressupost', owner_organisation_id: orgId, due_on: addDays(todayInSpace(), 20) })
    .execute();
});
afterAll(() => app?.close());

describe('writing the draft', () => {
  it('is refused while the meeting is not held, with a clear answer, and nothing is written', async () => {
    const page = await secretary.browser.get(`/ca/meetings/${convened}/minutes`);
    expect(page.status).toBe(200);
    expect(await text(page)).toContain('encara no consta com a celebrada');

    const response = await secretary.browser.post(`/ca/meetings/${convened}/minutes`, draftForm({ [`deliberation_${items[0]}`]: '' }));
    expect(response.status).toBe(409);
    expect(await text(response)).toContain("Aquesta sessió encara no consta com a celebrada: l'acta es redacta i s'aprova quan la sessió s'ha celebrat.");

    const viaApi = await api('PUT', `/meetings/${convened}/minutes`, secretary, { place: 'Sala', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T20:00:00+01:00' });
    expect(viaApi.status).toBe(409);
    const approveNotHeld = await api('POST', `/meetings/${convened}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(convened) });
    expect(approveNotHeld.status).toBe(409);
    expect(await minutesRows(convened)).toHaveLength(0);
    expect((await meetingRow(convened)).minutes_state).toBe('none');
  });

  it('offers the form to whoever runs the meetings, filled from the meeting, and nobody else', async () => {
    const page = await text(await secretary.browser.get(`/ca/meetings/${held}/minutes`));
    expect(page).toContain("Encara no s'ha redactat l'acta");
    expect(page).toContain('name="place"');
    expect(page).toContain('value="Can Batlló, Barcelona"');
    const memberPage = await text(await memberEs.browser.get(`/es/meetings/${held}/minutes`));
    expect(memberPage).not.toContain('name="place"');
    expect((await secretary.browser.post(`/ca/meetings/${held}/minutes`, draftForm())).status).toBe(303);
    const refused = await memberEs.browser.post(`/ca/meetings/${held}/minutes`, draftForm({ summary: 'Intrusa' }));
    expect(refused.status).toBe(403);
  });

  it('refuses an end before the start and an unknown agenda item, keeping what was typed and changing nothing', async () => {
    const before = await minutesRows(held);
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes`, draftForm({ start_time: '20:00', end_time: '19:00', summary: 'Text que no es perd' }));
    expect(response.status).toBe(422);
    const page = await text(response);
    expect(page).toContain("L'hora de final ha de ser posterior a la d'inici.");
    expect(page).toContain('Text que no es perd');
    expect(page).toContain('value="19:00"');

    const badTime = await secretary.browser.post(`/ca/meetings/${held}/minutes`, draftForm({ start_time: '25:00', place: '' }));
    expect(badTime.status).toBe(422);
    const badPage = await text(badTime);
    expect(badPage).toContain("Escriu l'hora d'inici com a 18:00.");
    expect(badPage).toContain('Escriu el lloc on es va fer la sessió.');

    const otherItem = await insertAgendaItem(db(), convened);
    const viaApi = await api('PUT', `/meetings/${held}/minutes`, secretary, {
      place: 'Sala',
      started_at: '2026-03-12T18:00:00+01:00',
      ended_at: '2026-03-12T20:00:00+01:00',
      items: [{ agenda_item_id: String(otherItem), deliberation: 'No és d’aquí' }],
    });
    expect(viaApi.status).toBe(422);
    expect(Object.keys(viaApi.json.errors as object)).toContain('items');
    expect(await minutesRows(held)).toEqual(before);
  });

  it('saves the draft on Barcelona time: the meeting shows its minutes as a draft', async () => {
    const [row] = await minutesRows(held);
    expect(row).toMatchObject({ state: 'draft', place: 'Can Batlló, sala gran', summary: 'La presidenta obre la sessió.', corrects_id: null });
    expect(row?.deliberations).toEqual({ [String(items[0])]: 'Es debat el pressupost **participat**.' });
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' });
    expect(clock.format(new Date(row?.started_at ?? 0))).toBe('18:05');
    expect(clock.format(new Date(row?.ended_at ?? 0))).toBe('20:10');
    expect((await meetingRow(held)).minutes_state).toBe('draft');

    const page = await text(await memberEn.browser.get(`/en/meetings/${held}/minutes`));
    expect(page).toContain('Draft');
    expect(page).toContain('Coop Teixidora (TEIX)');
    expect(page).toContain('Aprovar el pressupost participat');
    expect(page).toContain('Publicar el pressupost');
    expect(page).toContain('<strong>participat</strong>');
  });
});

describe('the API', () => {
  it('is described in the OpenAPI document', async () => {
    const doc = (await (await app.built.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/meetings/{id}/minutes'] ?? doc.paths['/meetings/{id}/minutes'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
    expect(doc.paths['/api/v1/meetings/{id}/minutes/transitions'] ?? doc.paths['/meetings/{id}/minutes/transitions']).toHaveProperty('post');
  });

  it('answers 404 when a meeting has no minutes, and the minutes otherwise', async () => {
    expect((await api('GET', `/meetings/${later}/minutes`, null)).status).toBe(404);
    const read = await api('GET', `/meetings/${held}/minutes`, memberEn);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ state: 'draft', place: 'Can Batlló, sala gran', items: [{ agenda_item_id: String(items[0]), deliberation: 'Es debat el pressupost **participat**.' }], content_hash: null, approved_in: null });
  });

  it('hides the minutes of a body whose meetings are private from outsiders', async () => {
    const hidden = await insertGroup(db());
    const meeting = await insertMeeting(db(), { body_id: hidden.id, state: 'held', starts_at: new Date(Date.now() - DAY) });
    await db().insertInto('minutes').values({ meeting_id: meeting, place: 'Sala', summary: 'Privat' }).execute();
    expect((await api('GET', `/meetings/${meeting}/minutes`, null)).status).toBe(404);
    expect((await api('GET', `/meetings/${meeting}/minutes`, stranger)).status).toBe(404);
    expect((await stranger.browser.get(`/ca/meetings/${meeting}/minutes`)).status).toBe(404);
  });

  it('writes the draft with PUT (422 on bad input, 401 without a token)', async () => {
    const bad = await api('PUT', `/meetings/${later}/minutes`, secretary, { place: '', started_at: '2026-03-12T20:00:00+01:00', ended_at: '2026-03-12T18:00:00+01:00' });
    expect(bad.status).toBe(422);
    const backwards = await api('PUT', `/meetings/${later}/minutes`, secretary, { place: 'Sala', started_at: '2026-03-12T20:00:00+01:00', ended_at: '2026-03-12T18:00:00+01:00' });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors).toHaveProperty('ended_at');
    expect((await api('PUT', `/meetings/${later}/minutes`, null, { place: 'Sala', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T20:00:00+01:00' })).status).toBe(401);
    expect(await minutesRows(later)).toHaveLength(0);
  });
});

describe('circulating and objections', () => {
  it('refuses a deadline before today', async () => {
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes/circulate`, { objections_until: addDays(todayInSpace(), -1) });
    expect(response.status).toBe(422);
    expect(await text(response)).toContain('La data límit no pot ser anterior a avui.');
    expect((await minutesRows(held))[0]?.state).toBe('draft');
  });

  it('refuses approval at a later session while still a draft', async () => {
    const response = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(later) });
    expect(response.status).toBe(409);
  });

  it('e-mails every member in their language, with the link and the date', async () => {
    const until = addDays(todayInSpace(), 5);
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes/circulate`, { objections_until: until });
    expect(response.status).toBe(303);
    const [row] = await minutesRows(held);
    expect(row).toMatchObject({ state: 'circulated' });
    expect((await api('GET', `/meetings/${held}/minutes`, memberEs)).json.objections_until).toBe(until);
    expect((await meetingRow(held)).minutes_state).toBe('circulated');

    const es = await mailsTo(memberEs.email);
    expect(es).toHaveLength(1);
    expect(es[0]).toMatchObject({ locale: 'es', subject: 'Acta para revisar: Sessió plenària de març' });
    expect(es[0]?.text_body).toContain(`http://localhost/es/meetings/${held}/minutes`);
    const en = await mailsTo(memberEn.email);
    expect(en[0]?.subject).toBe('Minutes for review: Sessió plenària de març');
    expect(en[0]?.text_body).toContain(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Madrid' }).format(new Date(`${until}T12:00:00Z`)));
    expect(await mailsTo(secretary.email)).toHaveLength(1);
    expect(await mailsTo(stranger.email)).toHaveLength(0);

    const again = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'circulated' });
    expect(again.status).toBe(409);
  });

  it('lets a member object before the date; the secretary sees it; outsiders may not', async () => {
    const page = await text(await memberEs.browser.get(`/es/meetings/${held}/minutes`));
    expect(page).toContain('Presenta una objeción');
    const empty = await memberEs.browser.post(`/es/meetings/${held}/minutes/objections`, { text: '  ' });
    expect(empty.status).toBe(422);
    expect(await text(empty)).toContain('Escribe tu objeción.');
    const response = await memberEs.browser.post(`/es/meetings/${held}/minutes/objections`, { text: 'Falta recoger mi intervención sobre el punto 1.' });
    expect(response.status).toBe(303);
    expect((await stranger.browser.post(`/ca/meetings/${held}/minutes/objections`, { text: 'Jo també' })).status).toBe(403);

    const secretaryPage = await text(await secretary.browser.get(`/ca/meetings/${held}/minutes`));
    expect(secretaryPage).toContain('Objeccions rebudes');
    expect(secretaryPage).toContain('Falta recoger mi intervención sobre el punto 1.');
    expect(secretaryPage).toContain('Marta Miembro');
    // Readers who do not run the meetings do not see the objections.
    expect(await text(await memberEn.browser.get(`/en/meetings/${held}/minutes`))).not.toContain('Falta recoger');
  });

  it('refuses an objection after the date (409) and writes nothing', async () => {
    const [row] = await minutesRows(held);
    const count = async () => (await db().selectFrom('minutes_objections').select('id').execute()).length;
    const before = await count();
    await db().updateTable('minutes').set({ objections_until: addDays(todayInSpace(), -1) }).where('id', '=', row?.id as number).execute();
    const response = await memberEn.browser.post(`/en/meetings/${held}/minutes/objections`, { text: 'Too late?' });
    expect(response.status).toBe(409);
    expect(await text(response)).toContain('The period for objections ended on');
    expect(await count()).toBe(before);
    expect(await text(await memberEn.browser.get(`/en/meetings/${held}/minutes`))).not.toContain('Send the objection');
  });
});

describe('approval', () => {
  it('refuses an approving meeting of another body, an earlier one or one not yet started, changing nothing', async () => {
    const before = await minutesRows(held);
    const other = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(otherBody) });
    expect(other.status).toBe(422);
    expect(other.json.errors).toHaveProperty('approved_in');
    const older = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(earlier) });
    expect(older.status).toBe(422);
    const notYet = await secretary.browser.post(`/ca/meetings/${held}/minutes/approve`, { approved_in: String(future) });
    expect(notYet.status).toBe(409);
    expect(await text(notYet)).toContain("La sessió que aprova l'acta encara no s'ha celebrat ni ha començat.");
    const missing = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved' });
    expect(missing.status).toBe(422);
    expect(await minutesRows(held)).toEqual(before);
  });

  it('offers the held later sessions of the body as approving meetings', async () => {
    const page = await text(await secretary.browser.get(`/ca/meetings/${held}/minutes`));
    expect(page).toContain(`<option value="${later}"`);
    expect(page).not.toContain(`<option value="${future}"`);
    expect(page).not.toContain(`<option value="${earlier}"`);
  });

  let hash = '';
  it('freezes the minutes at a later session: content and its hash, shown and in the audit chain', async () => {
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes/approve`, { approved_in: String(later) });
    expect(response.status).toBe(303);
    const [row] = await minutesRows(held);
    expect(row).toMatchObject({ state: 'approved', approved_in: later });
    expect(row?.approved_at).not.toBeNull();
    hash = row?.content_hash ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Anyone can recompute the hash from the stored content.
    expect(minutesHash(row?.content)).toBe(hash);
    const content = row?.content as Record<string, unknown>;
    expect(content).toMatchObject({
      place: 'Can Batlló, sala gran',
      body: { id: PLENARY },
      meeting: { id: held, title: { ca: 'Sessió plenària de març' } },
      attendance: [
        { organisation: { id: orgId, name: 'Coop Teixidora', short_name: 'TEIX' }, people: [{ id: memberEs.id, name: 'Marta Miembro', college: 'entity' }] },
        { organisation: null, people: [{ id: secretary.id }] },
      ],
    });
    const agenda = content.agenda as Array<Record<string, unknown>>;
    expect(agenda[0]).toMatchObject({ id: items[0], deliberation: 'Es debat el pressupost **participat**.', agreements: [{ number: '2026/7', method: 'consensus', text: { ca: 'Aprovar el pressupost participat' }, action_items: [{ title: 'Publicar el pressupost', owner_organisation: 'Coop Teixidora' }] }] });
    expect(agenda[1]).toMatchObject({ id: items[1], deliberation: '', agreements: [] });
    expect((await meetingRow(held)).minutes_state).toBe('approved');

    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'meetings.minutes.approve').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ content_hash: hash, approved_in: later });
    expect(audit[0]?.visibility).toBe('public');
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const page = await text(await app.agent().get(`/ca/meetings/${held}/minutes`));
    expect(page).toContain(`SHA-256: ${hash}`);
    expect(page).toContain('Sessió extraordinària');
    const viaApi = await api('GET', `/meetings/${held}/minutes`, null);
    expect(viaApi.json).toMatchObject({ state: 'approved', content_hash: hash, approved_in: String(later) });
  });

  it('shows the frozen content even when the tables change afterwards', async () => {
    await db().updateTable('agenda_items').set({ title: JSON.stringify({ ca: 'Títol canviat després' }) }).where('id', '=', items[0] as number).execute();
    const page = await text(await app.agent().get(`/ca/meetings/${held}/minutes`));
    expect(page).not.toContain('Títol canviat després');
    expect(page).toContain('Pressupost');
    await db().updateTable('agenda_items').set({ title: JSON.stringify({ ca: 'Pressupost' }) }).where('id', '=', items[0] as number).execute();
  });

  it('refuses any later edit (409, localized) and nothing changes', async () => {
    const before = await minutesRows(held);
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes`, draftForm({ summary: 'Canvi furtiu' }));
    expect(response.status).toBe(409);
    expect(await text(response)).toContain("L'acta ja està aprovada i no es pot modificar.");
    const viaApi = await app.built.app.request(`/api/v1/meetings/${held}/minutes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'accept-language': 'en', authorization: `Bearer ${secretary.token}` },
      body: JSON.stringify({ place: 'Altre lloc', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T20:00:00+01:00' }),
    });
    expect(viaApi.status).toBe(409);
    expect(((await viaApi.json()) as { detail: string }).detail).toContain('cannot be changed');
    const again = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(held) });
    expect(again.status).toBe(409);
    const after = await minutesRows(held);
    expect(after).toEqual(before);
    expect(minutesHash(after[0]?.content)).toBe(hash);
  });

  it('approves draft minutes at the same session directly', async () => {
    const put = await api('PUT', `/meetings/${later}/minutes`, secretary, { place: 'Sala petita', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T19:00:00+01:00', summary: 'Breu' });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ state: 'draft', place: 'Sala petita', started_at: '2026-03-12T17:00:00.000Z' });
    const approved = await api('POST', `/meetings/${later}/minutes/transitions`, secretary, { to: 'approved', approved_in: later });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ state: 'approved', approved_in: String(later) });
    expect(approved.json.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await text(await app.agent().get(`/ca/meetings/${later}/minutes`))).toContain('a la mateixa sessió.');
  });
});

describe('a correction', () => {
  it('is new draft minutes linked to the approved ones, which stay as they were', async () => {
    const [approved] = await minutesRows(held);
    const response = await secretary.browser.post(`/ca/meetings/${held}/minutes/correct`, {});
    expect(response.status).toBe(303);
    const rows = await minutesRows(held);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(approved);
    expect(rows[1]).toMatchObject({ state: 'draft', corrects_id: approved?.id, place: approved?.place, summary: approved?.summary, deliberations: approved?.deliberations });
    expect((await meetingRow(held)).minutes_state).toBe('draft');

    const page = await text(await memberEs.browser.get(`/ca/meetings/${held}/minutes`));
    expect(page).toContain('Aquesta acta corregeix una acta aprovada anteriorment.');
    expect(page).toContain(`?version=${approved?.id}`);
    const old = await text(await memberEs.browser.get(`/ca/meetings/${held}/minutes?version=${approved?.id}`));
    expect(old).toContain(`SHA-256: ${approved?.content_hash}`);
    expect(old).toContain("Estàs consultant una versió anterior de l'acta.");
    expect((await memberEs.browser.get(`/ca/meetings/${held}/minutes?version=999999`)).status).toBe(404);
    // A visitor keeps reading the approved minutes until the correction is approved.
    const publicPage = await text(await app.agent().get(`/ca/meetings/${held}/minutes`));
    expect(publicPage).toContain(`SHA-256: ${approved?.content_hash}`);
    expect(publicPage).not.toContain('Aquesta acta corregeix');
    expect((await app.agent().get(`/ca/meetings/${held}/minutes?version=${rows[1]?.id}`)).status).toBe(404);

    // The correction goes through the same states.
    const edited = await secretary.browser.post(`/ca/meetings/${held}/minutes`, draftForm({ summary: 'Resum corregit' }));
    expect(edited.status).toBe(303);
    const fixed = await api('POST', `/meetings/${held}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(held) });
    expect(fixed.status).toBe(200);
    expect(fixed.json.content_hash).not.toBe(approved?.content_hash);
    const final = await minutesRows(held);
    expect(final[0]).toEqual(approved);
    expect((final[1]?.content as { corrects: number }).corrects).toBe(approved?.id);
  });
});

describe('the printable page', () => {
  it('links the print stylesheet, carries no script, and shows the hash', async () => {
    const response = await app.agent().get(`/ca/meetings/${held}/minutes/print`);
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(html).toContain('<link rel="stylesheet" href="/static/css/minutes-print.css"/>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).toContain('SHA-256: ');
    expect(html).toContain('Coop Teixidora');
    const css = await app.agent().get('/static/css/minutes-print.css');
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('@media print');
    expect((await app.agent().get(`/ca/meetings/${convened}/minutes/print`)).status).toBe(404);
  });
});
