/**
 * Calendars: the iCalendar feeds (public meetings only, stable UIDs, SEQUENCE, cancellations,
 * Madrid time), one meeting's .ics, and the month and list pages — who sees what, days on
 * Barcelona's clock, and a fixed number of queries whatever the number of meetings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertGroup, insertMandate } from '../bodies/bodies-test-support.js';
import { currentMonth, monthGrid, monthKey, parseMonth, shiftMonth } from './calendar.js';
import { insertMeeting } from './test-support.js';

let app: TestApp;
/** A working group whose meetings are private (the default for working groups). */
let group: { id: number; slug: string };
let member: Agent;
let admin: Agent;
let visitor: Agent;

const PLENARY = 1;
const STEERING = 2;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off', TEIXIT_PUBLIC_URL: 'https://teixit.example' });
  group = await insertGroup(db(), { slug: 'grup-calendari', name: { ca: 'Grup del calendari', es: 'Grupo del calendario', en: 'Calendar group' } });
  const person = await app.createUser({ name: 'Membre Calendari' });
  await insertMandate(db(), { body_id: group.id, person_id: person.id });
  member = app.agent();
  await member.signIn(person);
  const adminUser = await app.createUser({ roles: ['admin'] });
  admin = app.agent();
  await admin.signIn(adminUser);
  visitor = app.agent();
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

/** A day `days` from now, at 16:00 UTC (18:00 or 17:00 in Barcelona). */
function inDays(days: number): Date {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(16, 0, 0, 0);
  return date;
}

/** The VEVENT blocks of a calendar, as text. */
function events(ics: string): string[] {
  return ics.split('BEGIN:VEVENT').slice(1).map((part) => part.split('END:VEVENT')[0] ?? '');
}

/** The event with this meeting's UID, unfolded. */
function eventOf(ics: string, meetingId: number): string | undefined {
  return events(ics.replace(/\r\n /g, '')).find((event) => event.includes(`UID:meeting-${meetingId}@teixit.example\r\n`));
}

/** The structure every calendar must have: CRLF lines, one VCALENDAR, the Madrid zone, matched BEGIN/END. */
function expectValidCalendar(ics: string): void {
  expect(ics.startsWith('BEGIN:VCALENDAR\r\nPRODID:')).toBe(true);
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(ics).toContain('VERSION:2.0\r\n');
  expect(ics).toContain('METHOD:PUBLISH\r\n');
  expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\n');
  const stack: string[] = [];
  for (const line of ics.split('\r\n')) {
    if (line.startsWith('BEGIN:')) stack.push(line.slice(6));
    if (line.startsWith('END:')) expect(stack.pop()).toBe(line.slice(4));
  }
  expect(stack).toEqual([]);
  for (const event of events(ics)) {
    expect(event).toMatch(/\r\nUID:[^\r]+\r\n/);
    expect(event).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(event).toMatch(/\r\nDTSTART(;TZID=Europe\/Madrid:\d{8}T\d{6}|:\d{8}T\d{6}Z)\r\n/);
    expect(event).toMatch(/\r\nSEQUENCE:\d+\r\n/);
  }
  for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
}

async function ics(agent: Agent, path: string): Promise<{ status: number; text: string; response: Response }> {
  const response = await agent.get(path);
  return { status: response.status, text: await response.text(), response };
}

describe('feeds', () => {
  it("/calendar.ics holds public bodies' called meetings — not drafts, not a private body's — as valid iCalendar", async () => {
    const convened = await insertMeeting(db(), { body_id: PLENARY, title: 'Trobada pública', starts_at: inDays(20) });
    const held = await insertMeeting(db(), { body_id: STEERING, state: 'held', starts_at: inDays(-30) });
    const cancelled = await insertMeeting(db(), { body_id: PLENARY, state: 'cancelled', starts_at: inDays(25) });
    const draft = await insertMeeting(db(), { body_id: PLENARY, state: 'draft', starts_at: inDays(21) });
    const secret = await insertMeeting(db(), { body_id: group.id, title: 'Reunió privada', starts_at: inDays(22) });
    const ancient = await insertMeeting(db(), { body_id: PLENARY, state: 'held', starts_at: inDays(-800) });

    const { status, text, response } = await ics(visitor, '/calendar.ics');
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="teixit.ics"');
    expectValidCalendar(text);
    expect(text).toContain('X-WR-CALNAME:Teixit: reunions\r\n');
    expect(eventOf(text, convened)).toContain('SUMMARY:Àmbit Participat: Trobada pública\r\n');
    expect(eventOf(text, convened)).toContain('STATUS:CONFIRMED\r\n');
    expect(eventOf(text, convened)).toContain(`URL:https://teixit.example/ca/meetings/${convened}\r\n`);
    expect(eventOf(text, held)).toBeDefined();
    expect(eventOf(text, cancelled)).toContain('STATUS:CANCELLED\r\n');
    expect(eventOf(text, draft)).toBeUndefined();
    expect(eventOf(text, secret)).toBeUndefined();
    expect(text).not.toContain('Reunió privada');
    expect(eventOf(text, ancient)).toBeUndefined();
  });

  it('speaks Spanish or English with ?lang=, Catalan otherwise', async () => {
    const id = await insertMeeting(db(), { body_id: STEERING, starts_at: inDays(30) });
    expect(eventOf((await ics(visitor, '/calendar.ics?lang=en')).text, id)).toContain('SUMMARY:Steering group: ');
    expect(eventOf((await ics(visitor, '/calendar.ics?lang=en')).text, id)).toContain(`URL:https://teixit.example/en/meetings/${id}\r\n`);
    expect(eventOf((await ics(visitor, '/calendar.ics?lang=es')).text, id)).toContain('SUMMARY:Grupo motor: ');
    expect(eventOf((await ics(visitor, '/calendar.ics?lang=fr')).text, id)).toContain('SUMMARY:Grup motor: ');
  });

  it('keeps the UID across an edit, raises SEQUENCE when the meeting changes, and cancels with STATUS:CANCELLED', async () => {
    const id = await insertMeeting(db(), { body_id: PLENARY, starts_at: new Date('2027-03-10T17:00:00Z') });
    const before = eventOf((await ics(visitor, '/calendar.ics')).text, id);
    expect(before).toContain('SEQUENCE:0\r\n');
    expect(before).toContain('DTSTART;TZID=Europe/Madrid:20270310T180000\r\n');

    await db().updateTable('meetings').set((eb) => ({ starts_at: new Date('2027-04-10T16:00:00Z'), ends_at: new Date('2027-04-10T18:00:00Z'), sequence: eb('sequence', '+', 1) })).where('id', '=', id).execute();
    const after = eventOf((await ics(visitor, '/calendar.ics')).text, id);
    expect(after).toContain(`UID:meeting-${id}@teixit.example\r\n`);
    expect(after).toContain('SEQUENCE:1\r\n');
    // Summer time by April: 16:00 UTC is 18:00 in Barcelona.
    expect(after).toContain('DTSTART;TZID=Europe/Madrid:20270410T180000\r\n');

    await db().updateTable('meetings').set((eb) => ({ state: 'cancelled', cancel_reason: 'Motiu', cancelled_at: new Date(), sequence: eb('sequence', '+', 1) })).where('id', '=', id).execute();
    const cancelled = eventOf((await ics(visitor, '/calendar.ics')).text, id);
    expect(cancelled).toContain(`UID:meeting-${id}@teixit.example\r\n`);
    expect(cancelled).toContain('SEQUENCE:2\r\n');
    expect(cancelled).toContain('STATUS:CANCELLED\r\n');
  });

  it("a public body's feed by slug or id; a private body's and an unknown one's are 404", async () => {
    const id = await insertMeeting(db(), { body_id: STEERING, starts_at: inDays(40) });
    const other = await insertMeeting(db(), { body_id: PLENARY, starts_at: inDays(40) });
    for (const path of ['/bodies/grup-motor/calendar.ics', `/bodies/${STEERING}/calendar.ics`]) {
      const { status, text, response } = await ics(visitor, path);
      expect(status, path).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="teixit-grup-motor.ics"');
      expectValidCalendar(text);
      expect(text).toContain('X-WR-CALNAME:Teixit · Grup motor\r\n');
      expect(eventOf(text, id)).toBeDefined();
      expect(eventOf(text, other)).toBeUndefined();
    }
    await insertMeeting(db(), { body_id: group.id, starts_at: inDays(40) });
    expect((await visitor.get(`/bodies/${group.slug}/calendar.ics`)).status).toBe(404);
    expect((await visitor.get(`/bodies/${group.id}/calendar.ics`)).status).toBe(404);
    // Feeds are public only, signed in or not.
    expect((await member.get(`/bodies/${group.slug}/calendar.ics`)).status).toBe(404);
    expect((await visitor.get('/bodies/no-such-body/calendar.ics')).status).toBe(404);
    expect((await visitor.get('/bodies/99999/calendar.ics')).status).toBe(404);
  });

  it('a body that made its meetings public has a feed; an empty one is still a valid calendar', async () => {
    const open = await insertGroup(db());
    await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', open.id).execute();
    const { status, text } = await ics(visitor, `/bodies/${open.slug}/calendar.ics`);
    expect(status).toBe(200);
    expectValidCalendar(text);
    expect(events(text)).toEqual([]);
    // And a plenary that made them private has none.
    const closed = await insertGroup(db(), { kind: 'steering' });
    await db().updateTable('bodies').set({ meetings_public: false }).where('id', '=', closed.id).execute();
    expect((await visitor.get(`/bodies/${closed.slug}/calendar.ics`)).status).toBe(404);
  });

  it("one meeting's .ics: public ones to anyone; a private one to its members only; drafts to nobody", async () => {
    const open = await insertMeeting(db(), { body_id: PLENARY, starts_at: inDays(12), place: 'Can Batlló; sala 2, Barcelona' });
    const { status, text, response } = await ics(visitor, `/meetings/${open}.ics?lang=es`);
    expect(status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="teixit-meeting-${open}.ics"`);
    expectValidCalendar(text);
    expect(events(text)).toHaveLength(1);
    expect(eventOf(text, open)).toContain('SUMMARY:Ámbito Participado: ');
    expect(eventOf(text, open)).toContain('LOCATION:Can Batlló\\; sala 2\\, Barcelona\r\n');

    const secret = await insertMeeting(db(), { body_id: group.id, starts_at: inDays(12) });
    expect((await visitor.get(`/meetings/${secret}.ics`)).status).toBe(404);
    const mine = await member.get(`/meetings/${secret}.ics`);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect(eventOf(await mine.text(), secret)).toBeDefined();

    const draft = await insertMeeting(db(), { body_id: PLENARY, state: 'draft', starts_at: inDays(12) });
    expect((await admin.get(`/meetings/${draft}.ics`)).status).toBe(404);
    expect((await visitor.get('/meetings/999999.ics')).status).toBe(404);
    expect((await visitor.get('/meetings/0.ics')).status).toBe(404);
  });
});

describe('months', () => {
  it('reads ?month=YYYY-MM and refuses anything else', () => {
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    for (const bad of ['2026-13', '2026-3', '26-03', '2026-03-01', '1999-12', '2101-01', '', 'abc']) expect(parseMonth(bad), bad).toBeNull();
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2100, month: 12 }, 1)).toBeNull();
  });

  it('lays a month out in weeks from Monday to Sunday', () => {
    // March 2026 starts on a Sunday: six rows, the first with six days of February.
    const weeks = monthGrid({ year: 2026, month: 3 }, [], '2026-03-15');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]?.map((d) => d.date)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(weeks[0]?.filter((d) => d.inMonth)).toHaveLength(1);
    expect(weeks[5]?.[1]?.date).toBe('2026-03-31');
    expect(weeks.flat().filter((d) => d.today).map((d) => d.date)).toEqual(['2026-03-15']);
    // February 2027 starts on a Monday and has exactly four weeks.
    expect(monthGrid({ year: 2027, month: 2 }, [])).toHaveLength(4);
  });
});

/** The HTML of the month grid's cell for `date`. */
function cellOf(html: string, date: string): string {
  const at = html.indexOf(`<time datetime="${date}">`);
  if (at < 0) return '';
  const start = html.lastIndexOf('<td', at);
  return html.slice(start, html.indexOf('</td>', at));
}

describe('calendar pages', () => {
  it('shows a meeting on its day in Barcelona: 23:30 UTC on the 31st is 00:30 on the 1st', async () => {
    const id = await insertMeeting(db(), { body_id: PLENARY, title: 'Sessió de mitjanit', starts_at: '2026-01-31T23:30:00Z', ends_at: '2026-02-01T01:30:00Z' });
    const february = await (await visitor.get('/ca/calendar?month=2026-02')).text();
    expect(cellOf(february, '2026-02-01')).toContain(`href="/ca/meetings/${id}"`);
    expect(cellOf(february, '2026-02-01')).toContain('00:30');
    expect(cellOf(february, '2026-02-01')).toContain('Àmbit Participat');
    expect(february).toContain('<h2 id="calendar-month">Febrer del 2026</h2>');
    expect(february).toContain('href="/ca/calendar?month=2026-01"');
    expect(february).toContain('href="/ca/calendar?month=2026-03"');
    const january = await (await visitor.get('/ca/calendar?month=2026-01')).text();
    expect(cellOf(january, '2026-01-31')).not.toContain(`/meetings/${id}"`);
    expect(january).not.toContain('Sessió de mitjanit');
  });

  it('marks today, strikes cancelled meetings through with their tag, and offers the feed', async () => {
    const month = currentMonth();
    const today = new Date().toISOString().slice(0, 10);
    const cancelled = await insertMeeting(db(), { body_id: STEERING, title: 'Anul·lada', state: 'cancelled', starts_at: new Date() });
    const html = await (await visitor.get('/ca/calendar')).text();
    expect(html).toContain(`<h2 id="calendar-month">`);
    expect(html).toMatch(/<td class="[^"]*calendar-month__day--today[^"]*" aria-current="date">/);
    expect(html).toContain('Avui');
    expect(html).toContain(`href="/ca/calendar?month=${monthKey(shiftMonth(month, 1) ?? month)}"`);
    // Today in Barcelona may already be tomorrow in UTC: the meeting is in today's cell either way.
    const cell = html.slice(html.indexOf('aria-current="date"'));
    expect(cell.slice(0, cell.indexOf('</td>'))).toContain(`/meetings/${cancelled}"`);
    expect(html).toContain('<s><span>Anul·lada</span></s>');
    expect(html).toContain('Cancel·lada');
    expect(html).toContain('value="https://teixit.example/calendar.ics"');
    expect(html).toContain('href="webcal://teixit.example/calendar.ics"');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const english = await (await visitor.get('/en/calendar')).text();
    expect(english).toContain('value="https://teixit.example/calendar.ics?lang=en"');
  });

  it('answers a month it cannot read with 400, says why, and shows this month', async () => {
    const response = await visitor.get('/ca/calendar?month=2026-13');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('«2026-13» no és un mes vàlid');
    expect(html).toContain('aria-current="date"');
  });

  it("shows a private body's meetings to its members and the administrators, not to visitors; drafts only to who runs them", async () => {
    const secret = await insertMeeting(db(), { body_id: group.id, title: 'Privada del grup', starts_at: inDays(3) });
    const draft = await insertMeeting(db(), { body_id: PLENARY, title: 'Esborrany del plenari', state: 'draft', starts_at: inDays(3) });
    const month = monthKey(currentMonth(inDays(3)));
    const seen = async (agent: Agent) => (await agent.get(`/ca/calendar?month=${month}`)).text();
    const forVisitor = await seen(visitor);
    expect(forVisitor).not.toContain(`/meetings/${secret}"`);
    expect(forVisitor).not.toContain(`/meetings/${draft}"`);
    const forMember = await seen(member);
    expect(forMember).toContain(`/meetings/${secret}"`);
    expect(forMember).not.toContain(`/meetings/${draft}"`);
    expect(forMember).toContain('les dels òrgans privats que veus aquí no hi surten');
    const forAdmin = await seen(admin);
    expect(forAdmin).toContain(`/meetings/${secret}"`);
    expect(forAdmin).toContain(`/meetings/${draft}"`);
    expect(forAdmin).toContain('Esborrany');

    // The private body's own calendar page: 404 to visitors, shown to members, with no feed.
    expect((await visitor.get(`/ca/bodies/${group.slug}/calendar`)).status).toBe(404);
    const page = await member.get(`/ca/bodies/${group.slug}/calendar?month=${month}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`/meetings/${secret}"`);
    expect(html).toContain('no té un calendari per subscriure-s');
    expect(html).not.toContain('calendar.ics');
  });

  it("a public body's page shows only its meetings, with its own feed", async () => {
    const own = await insertMeeting(db(), { body_id: STEERING, starts_at: inDays(4) });
    const other = await insertMeeting(db(), { body_id: PLENARY, starts_at: inDays(4) });
    const month = monthKey(currentMonth(inDays(4)));
    const html = await (await visitor.get(`/es/bodies/grup-motor/calendar?month=${month}`)).text();
    expect(html).toContain('Calendario de reuniones: Grupo motor');
    expect(html).toContain(`/meetings/${own}"`);
    expect(html).not.toContain(`/meetings/${other}"`);
    expect(html).toContain('value="https://teixit.example/bodies/grup-motor/calendar.ics?lang=es"');
    expect((await visitor.get('/ca/bodies/no-such-body/calendar')).status).toBe(404);
  });

  it('lists upcoming meetings by month, a page at a time, without past ones', async () => {
    const fresh = await insertGroup(db());
    await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', fresh.id).execute();
    const past = await insertMeeting(db(), { body_id: fresh.id, starts_at: inDays(-2) });
    const ids: number[] = [];
    for (let i = 0; i < 32; i += 1) ids.push(await insertMeeting(db(), { body_id: fresh.id, title: `Llista ${i}`, starts_at: inDays(1 + i * 3), state: i === 0 ? 'cancelled' : 'convened' }));
    const first = await visitor.get(`/ca/bodies/${fresh.slug}/calendar?view=list`);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('32 reunions previstes.');
    expect(html).not.toContain(`/meetings/${past}"`);
    expect(html).toContain(`/meetings/${ids[0]}"`);
    expect(html).toContain('<s><span>Llista 0</span></s>');
    expect(html).not.toContain(`/meetings/${ids[31]}"`);
    const firstMonth = monthKey(currentMonth(inDays(1)));
    expect(html).toContain(`id="calendar-${firstMonth}"`);
    expect(html).toContain(`href="/ca/bodies/${fresh.slug}/calendar?view=list&amp;page=2"`);
    const second = await (await visitor.get(`/ca/bodies/${fresh.slug}/calendar?view=list&page=2`)).text();
    expect(second).toContain(`/meetings/${ids[31]}"`);
    expect(second).not.toContain(`/meetings/${ids[0]}"`);
    expect((await visitor.get(`/ca/bodies/${fresh.slug}/calendar?view=list&page=9`)).status).toBe(404);
  });

  it('says so when there is nothing to show', async () => {
    const empty = await insertGroup(db());
    await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', empty.id).execute();
    const list = await (await visitor.get(`/ca/bodies/${empty.slug}/calendar?view=list`)).text();
    expect(list).toContain('No hi ha reunions previstes');
    const month = await (await visitor.get(`/ca/bodies/${empty.slug}/calendar?month=2030-05`)).text();
    expect(month).toContain('No hi ha cap reunió el mes de maig del 2030.');
  });
});

describe('query counts', () => {
  async function queriesFor(agent: Agent, path: string): Promise<number> {
    await agent.get(path);
    const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
    expect(result.status, path).toBe(200);
    return queries;
  }

  it('feeds and pages cost the same with 1 meeting as with 40', async () => {
    const body = await insertGroup(db());
    await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', body.id).execute();
    await insertMeeting(db(), { body_id: body.id, starts_at: inDays(2) });
    const month = monthKey(currentMonth(inDays(2)));
    const paths = [
      '/calendar.ics',
      `/bodies/${body.slug}/calendar.ics`,
      `/ca/calendar?month=${month}`,
      '/ca/calendar?view=list',
      `/ca/bodies/${body.slug}/calendar?month=${month}`,
      `/ca/bodies/${body.slug}/calendar?view=list`,
    ];
    const before = new Map<string, number>();
    for (const agent of [visitor, member, admin]) for (const path of paths) before.set(`${path}|${agent === visitor ? 'v' : agent === member ? 'm' : 'a'}`, await queriesFor(agent, path));
    // The feeds are one query each.
    expect(before.get('/calendar.ics|v')).toBe(1);
    expect(before.get(`/bodies/${body.slug}/calendar.ics|v`)).toBe(1);

    for (let i = 0; i < 39; i += 1) await insertMeeting(db(), { body_id: i % 3 === 0 ? group.id : body.id, starts_at: new Date(inDays(2).getTime() + i * 60_000), state: i % 5 === 0 ? 'cancelled' : 'convened' });
    for (const agent of [visitor, member, admin]) {
      for (const path of paths) {
        const key = `${path}|${agent === visitor ? 'v' : agent === member ? 'm' : 'a'}`;
        expect(await queriesFor(agent, path), key).toBe(before.get(key));
      }
    }
  });
});

describe('with the render cache on', () => {
  let cached: TestApp;
  let stop: (() => void) | undefined;
  beforeAll(async () => {
    cached = await createTestApp({ TEIXIT_PUBLIC_URL: 'https://teixit.example' });
    stop = cached.built.renderCache.start();
  });
  afterAll(async () => {
    stop?.();
    await cached?.close();
  });

  it('keeps a feed for visitors with its headers, drops it when meetings change, and never shows a member the visitors’ copy', async () => {
    const cdb = cached.services.database.db;
    const first = await insertMeeting(cdb, { body_id: PLENARY, starts_at: inDays(9) });
    const someone = cached.agent();
    expect((await someone.get('/calendar.ics')).status).toBe(200);
    const hit = await someone.get('/calendar.ics');
    expect(hit.headers.get('x-render-cache')).toBe('hit');
    expect(hit.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(hit.headers.get('content-disposition')).toBe('attachment; filename="teixit.ics"');
    expect(eventOf(await hit.text(), first)).toBeDefined();

    const second = await insertMeeting(cdb, { body_id: PLENARY, starts_at: inDays(10) });
    await cached.services.events.publish([{ type: 'meetings.updated', tags: ['meetings'] }], (error) => {
      throw error;
    });
    const fresh = await someone.get('/calendar.ics');
    expect(fresh.headers.get('x-render-cache')).toBeNull();
    expect(eventOf(await fresh.text(), second)).toBeDefined();

    const privateGroup = await insertGroup(cdb);
    const secret = await insertMeeting(cdb, { body_id: privateGroup.id, starts_at: inDays(9) });
    const month = monthKey(currentMonth(inDays(9)));
    await someone.get(`/ca/calendar?month=${month}`);
    expect((await someone.get(`/ca/calendar?month=${month}`)).headers.get('x-render-cache')).toBe('hit');
    const person = await cached.createUser();
    await insertMandate(cdb, { body_id: privateGroup.id, person_id: person.id });
    const inside = cached.agent();
    await inside.signIn(person);
    const page = await inside.get(`/ca/calendar?month=${month}`);
    expect(page.headers.get('x-render-cache')).toBeNull();
    expect(await page.text()).toContain(`/meetings/${secret}"`);
  });
});
