/**
 * The agreements register: accent- and case-insensitive search in any language, filters, keyset
 * pages newest first, private bodies seen only by their members, the same number of queries with
 * 10 agreements as with 10,000 — and the meeting page's agreements section with 1 or 30.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { standingOf } from '../bodies/index.js';
import { insertGroup } from '../bodies/bodies-test-support.js';
import { meetingWithItem, person, PLENARY_ID, seat, type Person } from './agreements-test-support.js';
import { agreementsSection } from './section-agreements.js';
import { findMeeting, meetingResource } from './store.js';
import { insertAgendaItem } from './test-support.js';

let app: TestApp;
let member: Person;
let group: { id: number; slug: string };
let plenaryMeeting: { meetingId: number; itemId: number };
let groupMeeting: { meetingId: number; itemId: number };
const db = () => app.services.database.db;
let numbers = 0;

/** An agreement straight in the table, its search text folded by the database as the commands do. */
async function agreement(options: { body_id?: number; meeting?: { meetingId: number; itemId: number }; text: { ca: string; es?: string }; adopted_on: string; method?: 'consensus' | 'vote'; itemId?: number }): Promise<number> {
  numbers += 1;
  const meeting = options.meeting ?? plenaryMeeting;
  const text = options.text;
  const row = await db()
    .insertInto('agreements')
    .values({
      body_id: options.body_id ?? PLENARY_ID,
      meeting_id: meeting.meetingId,
      agenda_item_id: options.itemId ?? meeting.itemId,
      year: Number(options.adopted_on.slice(0, 4)),
      number: numbers,
      text: JSON.stringify(text),
      search_text: sql<string>`teixit_fold(${[text.ca, text.es ?? ''].join('\n')})`,
      method: options.method ?? 'consensus',
      result: options.method === 'vote' ? JSON.stringify({ options: [{ label: 'A favor', count: 9 }] }) : null,
      adopted_on: options.adopted_on,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const text = async (response: Response) => (await response.text()).replace(/&#39;/g, "'");

/** The agreement ids a register page lists, in order. */
async function listed(agent: Agent, path: string): Promise<number[]> {
  const response = await agent.get(path);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  return [...html.matchAll(/<h2 class="register__title" id="agreement-(\d+)"/g)].map((m) => Number(m[1]));
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  member = await person(app, { name: 'Marta Membre' });
  group = await insertGroup(db(), { slug: 'grup-privat' });
  await seat(db(), group.id, member.user.id);
  plenaryMeeting = await meetingWithItem(db());
  groupMeeting = await meetingWithItem(db(), { body_id: group.id });
});
afterAll(() => app?.close());

describe('searching and filtering the register', () => {
  let economic = 0;
  let housing = 0;
  let voted = 0;
  let hidden = 0;
  beforeAll(async () => {
    economic = await agreement({ text: { ca: "Pla d'acció econòmica per a la col·laboració", es: 'Plan de acción económica' }, adopted_on: '2024-03-10' });
    housing = await agreement({ text: { ca: 'Suport a les cooperatives d’habitatge', es: 'Apoyo a las cooperativas de vivienda' }, adopted_on: '2025-05-20', method: 'vote' });
    voted = await agreement({ text: { ca: 'Calendari de sessions' }, adopted_on: '2025-09-01', method: 'vote' });
    hidden = await agreement({ body_id: group.id, meeting: groupMeeting, text: { ca: 'Acord intern del grup econòmic' }, adopted_on: '2025-06-01' });
  });

  it('finds words without accents or capitals, in any language', async () => {
    const visitor = app.agent();
    expect(await listed(visitor, '/ca/agreements?q=economica')).toEqual([economic]);
    expect(await listed(visitor, '/ca/agreements?q=ECONÒMICA')).toEqual([economic]);
    expect(await listed(visitor, '/ca/agreements?q=collaboracio')).toEqual([economic]);
    expect(await listed(visitor, '/ca/agreements?q=vivienda')).toEqual([housing]);
    expect(await listed(visitor, '/ca/agreements?q=pla%20accio')).toEqual([economic]);
    expect(await listed(visitor, '/ca/agreements?q=100%25')).toEqual([]);
    const none = await text(await visitor.get('/ca/agreements?q=inexistent'));
    expect(none).toContain('Cap acord no coincideix amb la cerca');
  });

  it('filters by body, year, dates and method; newest first', async () => {
    const visitor = app.agent();
    expect(await listed(visitor, '/ca/agreements?body=ambit-participat')).toEqual([voted, housing, economic]);
    expect(await listed(visitor, '/ca/agreements?year=2025')).toEqual([voted, housing]);
    expect(await listed(visitor, '/ca/agreements?from=2025-01-01&to=2025-06-30')).toEqual([housing]);
    expect(await listed(visitor, '/ca/agreements?method=vote')).toEqual([voted, housing]);
    expect(await listed(visitor, '/ca/bodies/ambit-participat/agreements?year=2024')).toEqual([economic]);
  });

  it("shows a private body's agreements to its members only", async () => {
    const visitor = app.agent();
    expect(await listed(visitor, '/ca/agreements?q=intern')).toEqual([]);
    expect(await listed(member.browser, '/ca/agreements?q=intern')).toEqual([hidden]);
    expect((await visitor.get(`/ca/bodies/${group.slug}/agreements`)).status).toBe(404);
    expect(await listed(member.browser, `/ca/bodies/${group.slug}/agreements`)).toEqual([hidden]);
    expect((await visitor.get(`/ca/agreements/${hidden}`)).status).toBe(404);
    expect((await member.browser.get(`/ca/agreements/${hidden}`)).status).toBe(200);
  });

  it('exports what it shows as CSV', async () => {
    const response = await app.agent().get('/ca/agreements.csv?year=2025');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toBe('number,body,adopted_on,method,result,text,open_actions,overdue_actions,url');
    expect(csv).toContain('Suport a les cooperatives');
    expect(csv).not.toContain("Pla d'acció");
  });
});

describe('pages of the register', () => {
  it('goes page by page, newest first, without repeating or skipping an agreement', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await agreement({ text: { ca: `Paginat ${i}` }, adopted_on: `2023-0${1 + (i % 9)}-1${i % 10}` }));
    const visitor = app.agent();
    const first = await visitor.get('/ca/agreements?q=paginat');
    const html = await first.text();
    const page1 = [...html.matchAll(/id="agreement-(\d+)"/g)].map((m) => Number(m[1]));
    expect(page1).toHaveLength(25);
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const page2 = await listed(visitor, next?.replace(/^\/ca/, '/ca') ?? '');
    expect(page2).toHaveLength(5);
    expect(new Set([...page1, ...page2])).toEqual(new Set(ids));
    const dates = new Map((await db().selectFrom('agreements').select(['id', 'adopted_on']).where('id', 'in', ids).execute()).map((r) => [Number(r.id), r.adopted_on]));
    const order = [...page1, ...page2].map((id) => dates.get(id) ?? '');
    expect(order).toEqual([...order].sort().reverse());
  });
});

describe('query counts', () => {
  async function queriesFor(agent: Agent, path: string): Promise<number> {
    await agent.get(path);
    const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
    expect(result.status, path).toBe(200);
    return queries;
  }

  it('the register costs the same with 10,000 agreements as with a few, for a visitor and a member, searched or not', async () => {
    const visitor = app.agent();
    const paths = ['/ca/agreements', '/ca/agreements?q=acord&method=consensus', '/ca/bodies/ambit-participat/agreements', '/ca/agreements?body=ambit-participat&year=2019'];
    const before = new Map<string, number>();
    for (const path of paths) {
      before.set(`v${path}`, await queriesFor(visitor, path));
      before.set(`m${path}`, await queriesFor(member.browser, path));
    }
    await sql`
      INSERT INTO agreements (body_id, meeting_id, agenda_item_id, year, number, text, search_text, method, adopted_on)
      SELECT ${PLENARY_ID}, ${plenaryMeeting.meetingId}, ${plenaryMeeting.itemId}, 2019, g,
             jsonb_build_object('ca', 'Acord massiu número ' || g), 'acord massiu numero ' || g, 'consensus', date '2019-01-01' + (g % 365)
      FROM generate_series(1, 10000) AS g`.execute(db());
    await sql`
      INSERT INTO action_items (agreement_id, body_id, title, owner_person_id, due_on)
      SELECT a.id, a.body_id, 'Tasca massiva', ${member.user.id}, a.adopted_on + 30 FROM agreements a WHERE a.year = 2019 AND a.number % 3 = 0`.execute(db());
    const count = await db().selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(10_000);
    for (const path of paths) {
      expect(await queriesFor(visitor, path), path).toBe(before.get(`v${path}`));
      expect(await queriesFor(member.browser, path), path).toBe(before.get(`m${path}`));
    }
    const html = await text(await visitor.get('/ca/agreements?body=ambit-participat&year=2019'));
    expect(html).toContain('Acord massiu número');
    expect(html).toContain('1 endarrerida');
  });

  it("the meeting page's agreements section costs the same with 1 agreement as with 30", async () => {
    const small = await meetingWithItem(db());
    const large = await meetingWithItem(db());
    await agreement({ meeting: small, text: { ca: 'Un sol acord' }, adopted_on: '2022-01-01' });
    for (let i = 0; i < 30; i += 1) {
      const itemId = await insertAgendaItem(db(), large.meetingId);
      const id = await agreement({ meeting: large, itemId, text: { ca: `Acord ${i}` }, adopted_on: '2022-02-01' });
      await db().insertInto('action_items').values({ agreement_id: id, body_id: PLENARY_ID, title: `Tasca ${i}`, owner_person_id: member.user.id, due_on: '2022-03-01' }).execute();
    }
    const actor = { id: member.user.id, name: member.user.name, roles: [] };
    const standing = await standingOf(db(), actor.id);
    const load = async (meetingId: number) => {
      const found = await findMeeting(db(), meetingId);
      if (!found) throw new Error('no meeting');
      const access = { ...found, standing, resource: meetingResource(standing, found.body) };
      return countQueries(app.services.database, () => agreementsSection.load(db(), access, actor));
    };
    const one = await load(small.meetingId);
    const thirty = await load(large.meetingId);
    expect(one.result.agreements).toHaveLength(1);
    expect(thirty.result.agreements).toHaveLength(30);
    expect(thirty.result.items).toHaveLength(30);
    expect(thirty.queries).toBe(one.queries);
  });
});
