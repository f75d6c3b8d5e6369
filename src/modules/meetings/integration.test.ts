/**
 * A meeting's whole life through the real pages and API, across every part of the module: the
 * secretary creates a plenary meeting and its agenda, adds the dossier, convenes it; the notice
 * reaches each member in their language with the agenda, the dossier and an .ics; a member
 * answers from the e-mail's signed link; a new time sends an update with a higher SEQUENCE; the
 * meeting is held, its attendance recorded, an agreement with an action item adopted, the minutes
 * written, circulated and approved — freezing the attendance and agreements — after which neither
 * the agreement nor the minutes can change; the meeting page shows every section. Cancelling
 * another convened meeting mails METHOD:CANCEL. And the bad input, each answered clearly
 * with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, freshToken } from '../../../test/support/personas.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { insertMandate, insertOrganisation } from '../bodies/bodies-test-support.js';
import { minutesHash } from './minutes-content.js';
import { answerLinks, attachmentText, outboxTo, pathOf, type OutboxMail } from './notices-test-support.js';
import { addDays, wallDateAndTime } from './time.js';

const PLENARY = 1;
const DAY = 24 * 3600_000;
const HOUR = 3600_000;

let app: TestApp;
let stopCache: (() => void) | undefined;
interface Who {
  id: number;
  name: string;
  email: string;
  browser: Agent;
  token: string;
}
let secretary: Who;
let memberCa: Who; // represents Coop Teixidora
let memberEs: Who;
let alternateEn: Who; // Coop Teixidora's alternate
let outsider: Who;
let orgId = 0;

const db = () => app.services.database.db;

async function who(name: string, locale: 'ca' | 'es' | 'en'): Promise<Who> {
  const user = await app.createUser({ name, locale });
  const persona = { name: 'participant' as const, user, token: null };
  return { id: user.id, name, email: user.email ?? '', browser: await browserFor(app, persona), token: (await freshToken(app, persona)) ?? '' };
}

async function api(method: string, path: string, as: Who | null, body?: unknown, language = 'ca') {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'accept-language': language,
      ...(as ? { authorization: `Bearer ${as.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** A page's text with the entities the views escape put back. */
async function html(response: Response): Promise<string> {
  return (await response.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const latestTo = async (person: Who): Promise<OutboxMail | undefined> => (await outboxTo(app, person.email)).at(-1);

/** A day and times on Barcelona's clock `days` from now. */
function when(days: number, start: string, end: string) {
  return { date: wallDateAndTime(new Date(Date.now() + days * DAY)).date, start_time: start, end_time: end };
}

const meetingForm = (title: string, at: ReturnType<typeof when>) => ({
  title_ca: title,
  title_es: '',
  title_en: '',
  kind: 'ordinary',
  format: 'hybrid',
  place: 'Can Batlló, sala gran',
  online_url: 'https://meet.example.org/trobada',
  description: 'Trobada **ordinària** de tardor.',
  ...at,
});

beforeAll(async () => {
  // The render cache on, as in production: every visitor page below must follow the commands' events.
  app = await createTestApp({ TEIXIT_WRITE_LIMIT: '100000' });
  stopCache = app.built.renderCache.start();
  secretary = await who('Sara Secretària', 'ca');
  memberCa = await who('Martí Membre', 'ca');
  memberEs = await who('Marta Miembro', 'es');
  alternateEn = await who('Alex Alternate', 'en');
  outsider = await who('Olga Externa', 'ca');
  orgId = (await insertOrganisation(db(), { name: 'Coop Teixidora', short_name: 'TEIX' })).id;
  await insertMandate(db(), { body_id: PLENARY, person_id: secretary.id, role: 'secretary', college: 'trajectory', starts_on: '2020-01-01' });
  await insertMandate(db(), { body_id: PLENARY, person_id: memberCa.id, organisation_id: orgId, college: 'entity', starts_on: '2020-01-01' });
  await insertMandate(db(), { body_id: PLENARY, person_id: memberEs.id, college: 'expert', starts_on: '2020-01-01' });
  await insertMandate(db(), { body_id: PLENARY, person_id: alternateEn.id, organisation_id: orgId, college: 'entity', role: 'alternate', starts_on: '2020-01-01' });
});
afterAll(async () => {
  stopCache?.();
  await app?.close();
});

describe("a general meeting's life, across every part", () => {
  let meetingId = 0;
  const items: number[] = [];
  let agreementId = 0;
  let actionId = 0;
  let hash = '';

  it('is created as a draft with its agenda and dossier, hidden from visitors', async () => {
    const created = await secretary.browser.post('/ca/bodies/ambit-participat/meetings/new', meetingForm('Trobada general de tardor', when(20, '18:00', '20:00')));
    expect(created.status).toBe(303);
    meetingId = Number(/\/meetings\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
    expect(meetingId).toBeGreaterThan(0);
    for (const [title, kind] of [
      ['Aprovació del pressupost participat', 'decision'],
      ['Informe dels grups de treball', 'information'],
    ] as const) {
      const added = await secretary.browser.post(`/ca/meetings/${meetingId}/agenda/new`, { title_ca: title, title_es: '', title_en: '', kind, presenter: 'Núria Puig', duration_minutes: '30', description: '' });
      expect(added.status).toBe(303);
    }
    const rows = await db().selectFrom('agenda_items').select(['id']).where('meeting_id', '=', meetingId).orderBy('position').execute();
    items.push(...rows.map((r) => Number(r.id)));
    expect(items).toHaveLength(2);

    const link = await secretary.browser.post(`/ca/meetings/${meetingId}/dossier/links`, { link_title: 'Proposta de pressupost', link_url: 'https://docs.example.org/pressupost', link_item: String(items[0]) });
    expect(link.status).toBe(303);
    const form = new FormData();
    form.append('_csrf', secretary.browser.csrfToken());
    form.append('file_title', 'Acta anterior');
    form.append('file_item', '');
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')], { type: 'application/pdf' }), 'acta-juliol.pdf');
    expect((await secretary.browser.request('POST', `/ca/meetings/${meetingId}/dossier/files`, { body: form })).status).toBe(303);

    expect((await app.agent().get(`/ca/meetings/${meetingId}`)).status).toBe(404);
    expect(await outboxTo(app, memberCa.email)).toHaveLength(0);
  });

  it('is convened through its page: every member gets the notice in their language with the agenda, the dossier and an .ics', async () => {
    const convened = await secretary.browser.post(`/ca/meetings/${meetingId}/convene`, {});
    expect(convened.status).toBe(303);
    expect((await db().selectFrom('meetings').select(['state', 'sequence']).where('id', '=', meetingId).executeTakeFirstOrThrow())).toMatchObject({ state: 'convened', sequence: 0 });

    for (const person of [secretary, memberCa, memberEs, alternateEn]) expect(await outboxTo(app, person.email), person.name).toHaveLength(1);
    expect(await outboxTo(app, outsider.email)).toHaveLength(0);
    // Nothing is sent inside the request: the mails wait in the outbox (held here: the test app has no SMTP).
    const queued = await db().selectFrom('outbox').select(['status', 'sent_at']).where('to_address', '=', memberCa.email.toLowerCase()).execute();
    expect(queued).toEqual([{ status: 'held', sent_at: null }]);
    const ca = await latestTo(memberCa);
    expect(ca?.locale).toBe('ca');
    expect(ca?.subject).toMatch(/^Convocatòria: Àmbit Participat — Trobada general de tardor/);
    expect(ca?.text_body).toMatch(/1\. Aprovació del pressupost participat \(decisió\)/);
    expect(ca?.text_body).toContain('2. Informe dels grups de treball (informació)');
    expect(ca?.text_body).toContain('Proposta de pressupost: https://docs.example.org/pressupost');
    expect(ca?.text_body).toContain(`Acta anterior: http://localhost/ca/meetings/${meetingId}#dossier`);
    expect(Object.keys(answerLinks(ca?.text_body ?? '')).sort()).toEqual(['alternate', 'attending', 'excused']);
    const ics = attachmentText(ca?.attachments[0]);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain(`UID:meeting-${meetingId}@localhost\r\n`);
    expect(ics).toContain('SEQUENCE:0\r\n');
    expect(ics).toContain('DTSTART;TZID=Europe/Madrid:');
    expect((await latestTo(memberEs))?.subject).toMatch(/^Convocatoria: /);
    expect((await latestTo(alternateEn))?.subject).toMatch(/^Notice of meeting: /);

    // The public page and the calendar feed now show it.
    const page = await html(await app.agent().get(`/ca/meetings/${meetingId}`));
    expect(page).toContain('Trobada general de tardor');
    expect(page).toContain('Proposta de pressupost');
    const feed = await app.agent().get(`/meetings/${meetingId}.ics`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain(`UID:meeting-${meetingId}@localhost`);
  });

  it('takes the answer from the signed link without signing in, and shows it to the secretary', async () => {
    const link = answerLinks((await latestTo(memberEs))?.text_body ?? '').excused ?? '';
    expect(link).toMatch(/\/es\/answer\//);
    const visitor = app.agent();
    const opened = await visitor.get(pathOf(link));
    expect(opened.status).toBe(200);
    const answered = await visitor.post(new URL(link).pathname, { answer: 'excused' });
    expect(answered.status).toBe(303);
    const row = await db().selectFrom('meeting_answers').selectAll().where('meeting_id', '=', meetingId).where('person_id', '=', memberEs.id).executeTakeFirstOrThrow();
    expect(row.answer).toBe('excused');
    // Another by the API, one on the site.
    expect((await api('PUT', `/meetings/${meetingId}/rsvp`, memberCa, { answer: 'attending' })).status).toBe(200);
    const page = await html(await secretary.browser.get(`/ca/meetings/${meetingId}`));
    const answers = page.slice(page.indexOf('id="answers"'));
    expect(answers).toContain('Marta Miembro');
    expect(answers).toContain('Martí Membre');
  });

  it('sends an update with a higher SEQUENCE when its time changes', async () => {
    const edited = await secretary.browser.post(`/ca/meetings/${meetingId}/edit`, meetingForm('Trobada general de tardor', when(21, '17:30', '19:30')));
    expect(edited.status).toBe(303);
    expect((await db().selectFrom('meetings').select('sequence').where('id', '=', meetingId).executeTakeFirstOrThrow()).sequence).toBe(1);
    for (const person of [memberCa, memberEs, alternateEn]) expect(await outboxTo(app, person.email), person.name).toHaveLength(2);
    const update = await latestTo(memberCa);
    expect(update?.subject).toMatch(/^Canvis a la convocatòria: /);
    const ics = attachmentText(update?.attachments[0]);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('SEQUENCE:1\r\n');
    expect(ics).toContain('T173000\r\n');
    const feed = await (await app.agent().get(`/meetings/${meetingId}.ics`)).text();
    expect(feed).toContain('SEQUENCE:1');
  });

  it('once started, refuses answers (409, localized) and is marked held', async () => {
    // The meeting's day comes: it started two hours ago.
    await db()
      .updateTable('meetings')
      .set({ starts_at: new Date(Date.now() - 2 * HOUR), ends_at: new Date(Date.now() - HOUR) })
      .where('id', '=', meetingId)
      .execute();
    const before = await db().selectFrom('meeting_answers').selectAll().where('meeting_id', '=', meetingId).orderBy('person_id').execute();
    const link = answerLinks((await latestTo(memberCa))?.text_body ?? '').excused ?? '';
    const late = await app.agent().post(new URL(link).pathname, { answer: 'excused' });
    expect(late.status).toBe(409);
    expect(await html(late)).toContain('La sessió ja ha començat');
    const lateApi = await api('PUT', `/meetings/${meetingId}/rsvp`, memberEs, { answer: 'attending' }, 'en');
    expect(lateApi.status).toBe(409);
    expect(String(lateApi.json.detail)).not.toBe('');
    expect(await db().selectFrom('meeting_answers').selectAll().where('meeting_id', '=', meetingId).orderBy('person_id').execute()).toEqual(before);

    const held = await secretary.browser.post(`/ca/meetings/${meetingId}/held`, {});
    expect(held.status).toBe(303);
    expect((await db().selectFrom('meetings').select('state').where('id', '=', meetingId).executeTakeFirstOrThrow()).state).toBe('held');
    // A visitor reads the register and the minutes now: the render cache keeps these copies,
    // which the events of what follows must drop.
    expect(await html(await app.agent().get('/ca/agreements'))).not.toContain('Aprovar el pressupost participat de 2027');
    expect(await html(await app.agent().get(`/ca/meetings/${meetingId}/minutes`))).toContain("L'acta d'aquesta sessió s'està redactant.");
    expect(await html(await app.agent().get(`/ca/meetings/${meetingId}`))).toContain("L'acta d'aquesta sessió s'està redactant.");
  });

  it('records the attendance (the alternate for their organisation) with the quorum', async () => {
    const saved = await secretary.browser.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(secretary.id)], [`for_${memberCa.id}`]: String(alternateEn.id) });
    expect(saved.status).toBe(303);
    const rows = await db().selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).orderBy('person_id').execute();
    const recorded = new Map(rows.map((r) => [Number(r.person_id), r.on_behalf_of === null ? null : Number(r.on_behalf_of)]));
    expect(recorded).toEqual(
      new Map([
        [secretary.id, null],
        [alternateEn.id, memberCa.id],
      ]),
    );
    const read = await api('GET', `/meetings/${meetingId}/attendance`, secretary);
    expect(read.status).toBe(200);
    expect(read.json).toHaveProperty('quorum');
  });

  it('adopts an agreement with an action item owned by a member, shown in the register and in the owner’s actions', async () => {
    const due = addDays(todayInSpace(), 30);
    const recorded = await api('POST', `/agenda-items/${items[0]}/agreements`, secretary, {
      text: { ca: 'Aprovar el pressupost participat de 2027', es: 'Aprobar el presupuesto participativo de 2027' },
      method: 'vote',
      result: { options: [{ label: 'A favor', count: 2 }, { label: 'En contra', count: 0 }] },
      action_items: [{ title: 'Publicar el pressupost al web', owner_person_id: String(memberCa.id), due_on: due }],
    });
    expect(recorded.status).toBe(201);
    agreementId = Number(recorded.json.id);
    actionId = Number((recorded.json.action_items as Array<{ id: string }>)[0]?.id);
    expect(recorded.headers.get('location')).toBe(`/api/v1/agreements/${agreementId}`);

    const register = await html(await app.agent().get('/ca/agreements'));
    expect(register).toContain('Aprovar el pressupost participat de 2027');
    const mine = await html(await memberCa.browser.get('/ca/actions'));
    expect(mine).toContain('Publicar el pressupost al web');
  });

  it('writes, circulates and approves the minutes, freezing the attendance and the agreements', async () => {
    const draft = await secretary.browser.post(`/ca/meetings/${meetingId}/minutes`, {
      place: 'Can Batlló, sala gran',
      date: wallDateAndTime(new Date(Date.now() - 2 * HOUR)).date,
      start_time: wallDateAndTime(new Date(Date.now() - 2 * HOUR)).time,
      end_time: wallDateAndTime(new Date(Date.now() - HOUR)).time,
      summary: 'La secretària obre la sessió.',
      [`deliberation_${items[0]}`]: 'Es debat el pressupost.',
    });
    expect(draft.status).toBe(303);
    // The draft is the body's: a visitor is told it is being written.
    expect(await html(await app.agent().get(`/ca/meetings/${meetingId}`))).toContain("L'acta d'aquesta sessió s'està redactant.");

    const circulated = await secretary.browser.post(`/ca/meetings/${meetingId}/minutes/circulate`, { objections_until: addDays(todayInSpace(), 3) });
    expect(circulated.status).toBe(303);
    const review = await latestTo(memberEs);
    expect(review?.subject).toBe('Acta para revisar: Trobada general de tardor');
    expect(await outboxTo(app, outsider.email)).toHaveLength(0);

    const approved = await api('POST', `/meetings/${meetingId}/minutes/transitions`, secretary, { to: 'approved', approved_in: String(meetingId) });
    expect(approved.status).toBe(200);
    hash = String(approved.json.content_hash);
    const row = await db().selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(minutesHash(row.content)).toBe(hash);
    const content = row.content as { attendance: Array<{ organisation: { name: string } | null; people: Array<{ id: number; name: string }> }>; agenda: Array<{ id: number; agreements: Array<{ text: { ca: string }; action_items: Array<{ title: string }> }> }> };
    const attendees = content.attendance.flatMap((group) => group.people.map((p) => p.id)).sort((a, b) => a - b);
    expect(attendees).toEqual([secretary.id, alternateEn.id].sort((a, b) => a - b));
    expect(content.attendance.some((group) => group.organisation?.name === 'Coop Teixidora')).toBe(true);
    const first = content.agenda.find((item) => item.id === items[0]);
    expect(first?.agreements[0]?.text.ca).toBe('Aprovar el pressupost participat de 2027');
    expect(first?.agreements[0]?.action_items[0]?.title).toBe('Publicar el pressupost al web');
  });

  it('then keeps the agreement and the minutes as they are (409, localized), changing nothing', async () => {
    const agreementBefore = await db().selectFrom('agreements').selectAll().where('id', '=', agreementId).executeTakeFirstOrThrow();
    const minutesBefore = await db().selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).execute();
    const editAgreement = await secretary.browser.post(`/ca/agreements/${agreementId}/edit`, { text_ca: 'Text canviat', text_es: '', text_en: '', method: 'consensus' });
    expect(editAgreement.status).toBe(409);
    const minutesPut = await api('PUT', `/meetings/${meetingId}/minutes`, secretary, { place: 'Altre lloc', started_at: '2026-03-12T18:00:00+01:00', ended_at: '2026-03-12T20:00:00+01:00' }, 'en');
    expect(minutesPut.status).toBe(409);
    expect(String(minutesPut.json.detail)).toContain('cannot be changed');
    const minutesPage = await secretary.browser.post(`/ca/meetings/${meetingId}/minutes`, { place: 'Altre lloc', date: todayInSpace(), start_time: '10:00', end_time: '11:00', summary: '' });
    expect(minutesPage.status).toBe(409);
    expect(await html(minutesPage)).toContain("L'acta ja està aprovada i no es pot modificar.");
    const newAgreement = await api('POST', `/agenda-items/${items[1]}/agreements`, secretary, { text: { ca: 'Un altre acord' }, method: 'consensus' });
    expect(newAgreement.status).toBe(409);
    const attendance = await secretary.browser.post(`/ca/meetings/${meetingId}/attendance`, { present: [String(secretary.id)] });
    expect(attendance.status).toBe(409);
    expect(await db().selectFrom('agreements').selectAll().where('id', '=', agreementId).executeTakeFirstOrThrow()).toEqual(agreementBefore);
    expect(await db().selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).execute()).toEqual(minutesBefore);
    expect(await db().selectFrom('agreements').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(1);
    expect(await db().selectFrom('meeting_attendance').select('person_id').where('meeting_id', '=', meetingId).execute()).toHaveLength(2);
  });

  it('shows every section on the meeting page: answers, dossier, attendance, minutes, and the agreement under its item', async () => {
    const page = await html(await secretary.browser.get(`/ca/meetings/${meetingId}`));
    for (const id of ['answers', 'dossier', 'attendance', 'minutes']) expect(page, id).toContain(`id="${id}"`);
    expect(page).toContain(`SHA-256: ${hash}`);
    expect(page).toContain('Proposta de pressupost');
    expect(page).toContain('Alex Alternate');
    // The agreement sits under its agenda item (after the item's heading, before the next one's).
    const itemAt = page.indexOf('Aprovació del pressupost participat');
    const agreementAt = page.indexOf('Aprovar el pressupost participat de 2027');
    const nextItemAt = page.indexOf('Informe dels grups de treball');
    expect(itemAt).toBeGreaterThan(-1);
    expect(agreementAt).toBeGreaterThan(itemAt);
    expect(agreementAt).toBeLessThan(nextItemAt);

    // A visitor reads the public record: the approved minutes and the agreement.
    // (Visitors' copies are kept: what they read here came through the cache, fresh.)
    expect(app.built.renderCache.size()).toBeGreaterThan(0);
    const publicPage = await html(await app.agent().get(`/ca/meetings/${meetingId}`));
    expect(publicPage).toContain(`SHA-256: ${hash}`);
    expect(publicPage).toContain('Aprovar el pressupost participat de 2027');
    expect(publicPage).not.toContain('Marta Miembro'); // answers are the body's
    const minutes = await html(await app.agent().get(`/ca/meetings/${meetingId}/minutes`));
    expect(minutes).toContain('Es debat el pressupost.');
    expect(minutes).toContain('Coop Teixidora');
    expect((await app.agent().get(`/ca/meetings/${meetingId}/minutes/print`)).status).toBe(200);
    expect((await api('GET', `/meetings/${meetingId}/minutes`, null)).json).toMatchObject({ state: 'approved', content_hash: hash });
    expect((await api('GET', `/meetings/${meetingId}`, null)).json).toMatchObject({ state: 'held', minutes_state: 'approved' });
    // The action item is still followed: its owner moves it along.
    expect((await api('PATCH', `/action-items/${actionId}`, memberCa, { state: 'done' })).status).toBe(200);
  });

  it('cancelling another convened meeting tells every member with METHOD:CANCEL', async () => {
    const created = await api('POST', '/meetings', secretary, {
      body_id: String(PLENARY),
      title: { ca: 'Trobada extraordinària' },
      format: 'in_person',
      place: 'Can Batlló',
      starts_at: new Date(Date.now() + 30 * DAY).toISOString(),
      ends_at: new Date(Date.now() + 30 * DAY + 2 * HOUR).toISOString(),
    });
    expect(created.status).toBe(201);
    const other = String(created.json.id);
    expect((await api('POST', `/meetings/${other}/agenda-items`, secretary, { title: { ca: 'Punt únic' }, kind: 'decision' })).status).toBe(201);
    expect((await api('POST', `/meetings/${other}/transitions`, secretary, { to: 'convened' })).status).toBe(200);
    const before = (await outboxTo(app, memberEs.email)).length;
    const missingReason = await api('POST', `/meetings/${other}/transitions`, secretary, { to: 'cancelled' });
    expect(missingReason.status).toBe(422);
    expect((await outboxTo(app, memberEs.email)).length).toBe(before);

    const cancelled = await secretary.browser.post(`/ca/meetings/${other}/cancel`, { cancel_reason: 'La sala no està disponible' });
    expect(cancelled.status).toBe(303);
    for (const person of [memberCa, memberEs, alternateEn, secretary]) {
      const mail = await latestTo(person);
      const ics = attachmentText(mail?.attachments[0]);
      expect(ics, person.name).toContain('METHOD:CANCEL\r\n');
      expect(ics).toContain('STATUS:CANCELLED\r\n');
      expect(ics).toContain(`UID:meeting-${other}@localhost\r\n`);
      expect(ics).toContain('SEQUENCE:1\r\n');
      expect(mail?.text_body).toContain('La sala no està disponible');
    }
    expect(await outboxTo(app, outsider.email)).toHaveLength(0);
    const feed = await (await app.agent().get(`/meetings/${other}.ics`)).text();
    expect(feed).toContain('STATUS:CANCELLED');
  });
});

describe("the issue's bad input, not covered elsewhere", () => {
  it('approving the minutes of a meeting not yet held: 409 with a localized reason, nothing written', async () => {
    const created = await api('POST', '/meetings', secretary, {
      body_id: String(PLENARY),
      title: { ca: 'Trobada encara no feta' },
      format: 'online',
      online_url: 'https://meet.example.org/x',
      starts_at: new Date(Date.now() + 15 * DAY).toISOString(),
      ends_at: new Date(Date.now() + 15 * DAY + HOUR).toISOString(),
    });
    const id = String(created.json.id);
    const en = await api('POST', `/meetings/${id}/minutes/transitions`, secretary, { to: 'approved', approved_in: id }, 'en');
    expect(en.status).toBe(409);
    expect(String(en.json.detail)).toContain('minutes are written and approved once the meeting has been held');
    const page = await secretary.browser.post(`/ca/meetings/${id}/minutes/approve`, { approved_in: id });
    expect(page.status).toBe(409);
    expect(await html(page)).toContain("l'acta es redacta i s'aprova quan la sessió s'ha celebrat");
    expect(await db().selectFrom('minutes').select('id').where('meeting_id', '=', Number(id)).execute()).toHaveLength(0);
    expect((await db().selectFrom('meetings').select('minutes_state').where('id', '=', Number(id)).executeTakeFirstOrThrow()).minutes_state).toBe('none');
  });
});
