/**
 * Meetings through the browser's entry points: creating one (and what a bad form does), the
 * agenda, convening (an agenda needed; short notice only with a stated urgency), held and
 * cancelled, moves refused from the wrong state, reordering without JavaScript, links, and who
 * sees a meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertGroup, insertMandate, insertOrganisation } from '../bodies/bodies-test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';
import { wallDateAndTime } from './time.js';

let app: TestApp;
let secretary: Agent;
const db = () => app.services.database.db;
const DAY = 24 * 3600_000;

/** A date and times on Barcelona's clock `days` from now. */
function formWhen(days: number, start = '18:00', end = '20:00') {
  return { date: wallDateAndTime(new Date(Date.now() + days * DAY)).date, start_time: start, end_time: end };
}

const meetingForm = (title: string, when = formWhen(30)) => ({ title_ca: title, title_es: '', title_en: '', kind: 'ordinary', format: 'in_person', place: 'Can Batlló', online_url: '', description: 'Sessió **ordinària**.', ...when });

async function meetingCount(): Promise<number> {
  const row = await db().selectFrom('meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function meetingRow(id: number) {
  return db().selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function idFrom(location: string | null): number {
  const match = /\/meetings\/(\d+)/.exec(location ?? '');
  if (!match) throw new Error(`no meeting in ${location}`);
  return Number(match[1]);
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const user = await app.createUser({ name: 'Secretària Plenari' });
  // The plenary's secretary: the space's secretariat, who runs every body's meetings.
  await insertMandate(db(), { body_id: 1, person_id: user.id, role: 'secretary' });
  secretary = app.agent();
  await secretary.signIn(user);
});
afterAll(() => app?.close());

describe('creating a meeting', () => {
  it('refuses an end before the start with a localized message, keeps what was typed and writes nothing', async () => {
    const before = await meetingCount();
    const response = await secretary.post('/ca/bodies/ambit-participat/meetings/new', meetingForm('Trobada errònia', formWhen(30, '20:00', '18:00')));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('L&#39;hora d&#39;acabament ha de ser posterior a la d&#39;inici.');
    expect(html).toContain('value="Trobada errònia"');
    expect(await meetingCount()).toBe(before);
  });

  it('asks for the place an in-person meeting needs and the link an online one needs', async () => {
    const response = await secretary.post('/es/bodies/ambit-participat/meetings/new', { ...meetingForm('Sin lugar'), place: '', format: 'hybrid' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Escribe el lugar de la reunión.');
    expect(html).toContain('Escribe el enlace para conectarse a la reunión.');
  });

  it('creates a draft and shows it on its page, with the time on Barcelona’s clock', async () => {
    const response = await secretary.post('/ca/bodies/ambit-participat/meetings/new', meetingForm('Trobada general de tardor', { date: '2099-10-15', start_time: '18:00', end_time: '20:30' }));
    expect(response.status).toBe(303);
    const id = idFrom(response.headers.get('location'));
    const row = await meetingRow(id);
    expect(row.state).toBe('draft');
    expect(new Date(row.starts_at).toISOString()).toBe('2099-10-15T16:00:00.000Z');
    const html = await (await secretary.get(`/ca/meetings/${id}`)).text();
    expect(html).toContain('Trobada general de tardor');
    expect(html).toContain('Esborrany');
    expect(html).toContain('de 18:00 a 20:30');
    expect(html).toContain('<strong>ordinària</strong>');
    // A draft is not announced to visitors.
    expect((await app.agent().get(`/ca/meetings/${id}`)).status).toBe(404);
  });

  it('is refused for who does not run the body’s meetings', async () => {
    const user = await app.createUser();
    const agent = app.agent();
    await agent.signIn(user);
    expect((await agent.get('/ca/bodies/ambit-participat/meetings/new')).status).toBe(403);
    expect((await agent.post('/ca/bodies/ambit-participat/meetings/new', meetingForm('No'))).status).toBe(403);
  });
});

describe('convening', () => {
  it('refuses a meeting with no agenda, and it stays a draft', async () => {
    const id = await insertMeeting(db(), { state: 'draft', starts_at: new Date(Date.now() + 30 * DAY) });
    const page = await secretary.get(`/ca/meetings/${id}/convene`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No es pot convocar una reunió sense ordre del dia');
    const response = await secretary.post(`/ca/meetings/${id}/convene`, {});
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('No es pot convocar una reunió sense ordre del dia');
    expect((await meetingRow(id)).state).toBe('draft');
  });

  it('with less notice than the body asks, refuses without an urgency and shows it once given', async () => {
    const id = await insertMeeting(db(), { state: 'draft', starts_at: new Date(Date.now() + 2 * DAY) });
    await insertAgendaItem(db(), id, { title: 'Aprovació del pressupost' });
    const form = await secretary.get(`/ca/meetings/${id}/convene`);
    expect(await form.text()).toContain('Motiu de la urgència');
    const refused = await secretary.post(`/ca/meetings/${id}/convene`, { urgency_reason: '' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Aquest òrgan demana 10 dies d&#39;antelació');
    expect((await meetingRow(id)).state).toBe('draft');

    const done = await secretary.post(`/ca/meetings/${id}/convene`, { urgency_reason: 'Termini de la subvenció municipal' });
    expect(done.status).toBe(303);
    const row = await meetingRow(id);
    expect(row.state).toBe('convened');
    expect(row.convened_at).not.toBeNull();
    expect(row.urgency_reason).toBe('Termini de la subvenció municipal');
    // The plenary's meetings are public: a visitor reads the urgency on the page.
    const html = await (await app.agent().get(`/ca/meetings/${id}`)).text();
    expect(html).toContain('Convocada amb caràcter d&#39;urgència');
    expect(html).toContain('Termini de la subvenció municipal');
  });

  it('with enough notice needs no reason and keeps none', async () => {
    const id = await insertMeeting(db(), { state: 'draft', starts_at: new Date(Date.now() + 20 * DAY) });
    await insertAgendaItem(db(), id);
    expect((await secretary.post(`/ca/meetings/${id}/convene`, { urgency_reason: 'no cal' })).status).toBe(303);
    const row = await meetingRow(id);
    expect(row.state).toBe('convened');
    expect(row.urgency_reason).toBeNull();
  });
});

describe('moves from the wrong state', () => {
  it('are refused with 409 and change nothing', async () => {
    const draft = await insertMeeting(db(), { state: 'draft' });
    expect((await secretary.post(`/ca/meetings/${draft}/held`, {})).status).toBe(409);
    const cancelled = await insertMeeting(db(), { state: 'cancelled' });
    expect((await secretary.post(`/ca/meetings/${cancelled}/cancel`, { cancel_reason: 'Un altre cop' })).status).toBe(409);
    expect((await secretary.post(`/ca/meetings/${cancelled}/convene`, {})).status).toBe(409);
    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - 3 * DAY) });
    expect((await secretary.post(`/ca/meetings/${held}/edit`, meetingForm('Canvi'))).status).toBe(409);
    expect((await secretary.post(`/ca/meetings/${held}/agenda/new`, { title_ca: 'Nou punt', kind: 'information' })).status).toBe(409);
    expect((await meetingRow(held)).state).toBe('held');
  });

  it('a meeting is held only once it has started', async () => {
    const future = await insertMeeting(db(), { state: 'convened', starts_at: new Date(Date.now() + DAY) });
    const early = await secretary.post(`/ca/meetings/${future}/held`, {});
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('encara no ha començat');
    const started = await insertMeeting(db(), { state: 'convened', starts_at: new Date(Date.now() - 3600_000) });
    expect((await secretary.post(`/ca/meetings/${started}/held`, {})).status).toBe(303);
    expect((await meetingRow(started)).state).toBe('held');
  });

  it('cancelling needs a reason, raises the sequence and shows the reason', async () => {
    const id = await insertMeeting(db(), { state: 'convened' });
    const refused = await secretary.post(`/ca/meetings/${id}/cancel`, { cancel_reason: '  ' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Explica per què s&#39;anul·la la reunió.');
    expect((await secretary.post(`/ca/meetings/${id}/cancel`, { cancel_reason: 'Vaga de transport' })).status).toBe(303);
    const row = await meetingRow(id);
    expect(row).toMatchObject({ state: 'cancelled', cancel_reason: 'Vaga de transport', sequence: 1 });
    expect(await (await app.agent().get(`/ca/meetings/${id}`)).text()).toContain('Vaga de transport');
  });

  it('editing a convened meeting’s time raises its sequence; its title alone does not', async () => {
    const starts = new Date(Math.floor((Date.now() + 15 * DAY) / 60_000) * 60_000);
    const id = await insertMeeting(db(), { state: 'convened', starts_at: starts, title: 'Sessió a moure' });
    const when = wallDateAndTime(starts);
    const end = wallDateAndTime(new Date(starts.getTime() + 2 * 3600_000));
    const base = { ...meetingForm('Sessió a moure'), place: 'Can Batlló, Barcelona', description: '', date: when.date, start_time: when.time, end_time: end.time };
    expect((await secretary.post(`/ca/meetings/${id}/edit`, { ...base, title_ca: 'Sessió reanomenada' })).status).toBe(303);
    expect((await meetingRow(id)).sequence).toBe(0);
    expect((await secretary.post(`/ca/meetings/${id}/edit`, { ...base, place: 'Casa Orlandai' })).status).toBe(303);
    expect((await meetingRow(id)).sequence).toBe(1);
  });
});

describe('the agenda', () => {
  it('adds items, keeps a bad one’s input, and reorders with plain buttons', async () => {
    const id = await insertMeeting(db(), { state: 'draft' });
    for (const title of ['Benvinguda', 'Pressupost', 'Precs i preguntes']) {
      expect((await secretary.post(`/ca/meetings/${id}/agenda/new`, { title_ca: title, kind: 'information', duration_minutes: '20' })).status).toBe(303);
    }
    const bad = await secretary.post(`/ca/meetings/${id}/agenda/new`, { title_ca: 'Massa llarg', kind: 'decision', duration_minutes: '9000' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('value="Massa llarg"');
    const items = async () => (await db().selectFrom('agenda_items').select(['id', 'position', 'title']).where('meeting_id', '=', id).orderBy('position').execute()).map((r) => r.title.ca);
    expect(await items()).toEqual(['Benvinguda', 'Pressupost', 'Precs i preguntes']);
    const last = await db().selectFrom('agenda_items').select('id').where('meeting_id', '=', id).where('position', '=', 3).executeTakeFirstOrThrow();
    expect((await secretary.post(`/ca/agenda-items/${last.id}/move`, { direction: 'up' })).status).toBe(303);
    expect(await items()).toEqual(['Benvinguda', 'Precs i preguntes', 'Pressupost']);
    expect((await secretary.post(`/ca/agenda-items/${last.id}/move`, { direction: 'up' })).status).toBe(303);
    expect((await secretary.post(`/ca/agenda-items/${last.id}/move`, { direction: 'up' })).status).toBe(303);
    expect(await items()).toEqual(['Precs i preguntes', 'Benvinguda', 'Pressupost']);
    const html = await (await secretary.get(`/ca/meetings/${id}`)).text();
    expect(html).toContain('durada prevista: 1 h');
    expect(html.indexOf('Precs i preguntes')).toBeLessThan(html.indexOf('Benvinguda'));
    // Deleting closes the gap.
    const first = await db().selectFrom('agenda_items').select('id').where('meeting_id', '=', id).where('position', '=', 1).executeTakeFirstOrThrow();
    expect((await secretary.post(`/ca/agenda-items/${first.id}/delete`, {})).status).toBe(303);
    const positions = await db().selectFrom('agenda_items').select('position').where('meeting_id', '=', id).orderBy('position').execute();
    expect(positions.map((p) => p.position)).toEqual([1, 2]);
  });

  it('links an item to an organisation typed by name, and to a body by id, without JavaScript', async () => {
    const id = await insertMeeting(db(), { state: 'convened' });
    const itemId = await insertAgendaItem(db(), id, { title: 'Conveni' });
    await insertOrganisation(db(), { name: 'Coop Teixidora Única', short_name: 'CTU' });
    await insertOrganisation(db(), { name: 'Xarxa Ateneus', short_name: 'XA1' });
    await insertOrganisation(db(), { name: 'Xarxa Ateneus Sud', short_name: 'XA2' });
    expect((await secretary.post(`/ca/agenda-items/${itemId}/links`, { link_type: 'organisation', link_query: 'teixidora unica' })).status).toBe(303);
    // Two matches: the form asks which.
    const several = await secretary.post(`/ca/agenda-items/${itemId}/links`, { link_type: 'organisation', link_query: 'Xarxa Ateneus' });
    expect(several.status).toBe(200);
    expect(await several.text()).toContain('Xarxa Ateneus Sud');
    const none = await secretary.post(`/ca/agenda-items/${itemId}/links`, { link_type: 'organisation', link_query: 'Inexistent' });
    expect(none.status).toBe(422);
    expect((await secretary.post(`/ca/agenda-items/${itemId}/links`, { link_type: 'body', link_query: '2' })).status).toBe(303);
    const html = await (await app.agent().get(`/ca/meetings/${id}`)).text();
    expect(html).toContain('Coop Teixidora Única (CTU)');
    expect(html).toContain('href="/ca/bodies/grup-motor"');
  });
});

describe('who sees a meeting', () => {
  it("a working group's meetings are its members' only: 404 for visitors and others, shown to members", async () => {
    const group = await insertGroup(db());
    const id = await insertMeeting(db(), { body_id: group.id, title: 'Sessió del grup' });
    expect((await app.agent().get(`/ca/meetings/${id}`)).status).toBe(404);
    const outsider = app.agent();
    await outsider.signIn(await app.createUser());
    expect((await outsider.get(`/ca/meetings/${id}`)).status).toBe(404);
    const memberUser = await app.createUser();
    await insertMandate(db(), { body_id: group.id, person_id: memberUser.id });
    const member = app.agent();
    await member.signIn(memberUser);
    const response = await member.get(`/ca/meetings/${id}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sessió del grup');
    // Its list says so to visitors, without the meetings.
    const list = await (await app.agent().get(`/ca/bodies/${group.slug}/meetings`)).text();
    expect(list).toContain('només les poden veure els seus membres');
    expect(list).not.toContain('Sessió del grup');
    expect(await (await member.get(`/ca/bodies/${group.slug}/meetings`)).text()).toContain('Sessió del grup');
    expect(await (await member.get('/ca/meetings')).text()).toContain('Sessió del grup');
    expect(await (await app.agent().get('/ca/meetings')).text()).not.toContain('Sessió del grup');
  });

  it('lists a body’s meetings upcoming first, then past', async () => {
    const group = await insertGroup(db(), { kind: 'working_group' });
    await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', group.id).execute();
    await insertMeeting(db(), { body_id: group.id, title: 'Passada', state: 'held', starts_at: new Date(Date.now() - 10 * DAY) });
    await insertMeeting(db(), { body_id: group.id, title: 'Propera', starts_at: new Date(Date.now() + 10 * DAY) });
    const html = await (await app.agent().get(`/ca/bodies/${group.slug}/meetings`)).text();
    expect(html.indexOf('Propera')).toBeGreaterThan(0);
    expect(html.indexOf('Propera')).toBeLessThan(html.indexOf('Passada'));
  });
});
