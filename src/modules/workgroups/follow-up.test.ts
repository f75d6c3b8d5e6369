/**
 * The steering group's follow-up page: every working group with its state, members, sunset,
 * last report, overdue report and pending requests; sortable by plain links; the same rows as
 * CSV; a fixed number of queries however many groups; for the steering group, the secretariat,
 * admins and officials only; and a "My space" block saying how many groups need attention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { pageText, person, seatInSteering, STEERING_ID, type Person } from './test-support.js';

let app: TestApp;
let steering: Person;
let participant: Person;
let official: Person;
let secretary: Person;
const today = spaceToday();
let counter = 0;

interface GroupSpec {
  name: string;
  state: 'proposed' | 'active' | 'closing' | 'closed' | 'declined';
  starts_on?: string | null;
  sunset_on: string;
  report_interval_days?: number;
}

/** A working group straight in the database (the lifecycle is tested elsewhere). */
async function insertGroup(spec: GroupSpec): Promise<number> {
  counter += 1;
  const row = await app.services.database.db
    .insertInto('bodies')
    .values({
      slug: `grup-seguiment-${counter}`,
      kind: 'working_group',
      parent_id: 1,
      name: JSON.stringify({ ca: spec.name, en: `${spec.name} (en)` }),
      state: spec.state,
      starts_on: spec.starts_on === undefined ? (spec.state === 'proposed' || spec.state === 'declined' ? null : addDays(today, -200)) : spec.starts_on,
      sunset_on: spec.sunset_on,
      open: spec.state === 'active',
      report_interval_days: spec.report_interval_days ?? 90,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function addMember(bodyId: number, personId: number, role: 'member' | 'coordinator' | 'alternate' = 'member'): Promise<void> {
  await app.services.database.db.insertInto('mandates').values({ body_id: bodyId, person_id: personId, college: 'trajectory', role, starts_on: addDays(today, -100) }).execute();
}

async function addReport(bodyId: number, daysAgo: number, kind: 'periodic' | 'final' = 'periodic'): Promise<void> {
  const at = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
  await app.services.database.db
    .insertInto('body_reports')
    .values({ body_id: bodyId, kind, period_start: addDays(today, -daysAgo - 30), period_end: addDays(today, -daysAgo), progress: 'Fet', created_at: at })
    .execute();
}

let overdue: number;
let fresh: number;
let closing: number;

beforeAll(async () => {
  app = await createTestApp();
  steering = await person(app, { name: 'Sílvia Motor' });
  participant = await person(app, { name: 'Pere Participa' });
  official = await person(app, { name: 'Olga Tècnica', roles: ['official'] });
  secretary = await person(app, { name: 'Sara Secretària' });
  await seatInSteering(app, steering.user.id);
  // The secretariat: a `secretary` of the plenary.
  await app.services.database.db.insertInto('mandates').values({ body_id: 1, person_id: secretary.user.id, college: 'trajectory', role: 'secretary', starts_on: '2020-01-01' }).execute();

  // Last reported 120 days ago, every 90 days: 30 days late. Two members and an alternate (not counted).
  overdue = await insertGroup({ name: 'Comunicació', state: 'active', sunset_on: addDays(today, 300) });
  await addReport(overdue, 120);
  await addMember(overdue, participant.user.id, 'coordinator');
  await addMember(overdue, steering.user.id);
  await addMember(overdue, official.user.id, 'alternate');
  // Reported 10 days ago; ends in 20 days; two pending requests.
  fresh = await insertGroup({ name: 'Contractació pública', state: 'active', sunset_on: addDays(today, 20) });
  await addReport(fresh, 10);
  for (const who of [official, secretary]) {
    await app.services.database.db.insertInto('join_requests').values({ body_id: fresh, person_id: who.user.id, statement: 'Hola' }).execute();
  }
  closing = await insertGroup({ name: 'Habitatge cooperatiu', state: 'closing', sunset_on: addDays(today, 5) });
  await addReport(closing, 5);
  await insertGroup({ name: 'Aprenentatge', state: 'proposed', sunset_on: addDays(today, 400) });
  await insertGroup({ name: '=HYPERLINK("http://example.org")', state: 'declined', sunset_on: addDays(today, 100) });
});
afterAll(() => app?.close());

/** The group names of the table, in the order shown. */
function namesInOrder(html: string): string[] {
  const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...tbody.matchAll(/<th scope="row"[^>]*><a[^>]*>([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}

describe('the follow-up page', () => {
  it('shows every working group with what the steering group follows', async () => {
    const response = await steering.browser.get('/ca/follow-up');
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain('Seguiment dels grups de treball');
    expect(namesInOrder(html)).toHaveLength(5);
    const row = (name: string) => {
      const tbody = html.slice(html.indexOf('<tbody>'));
      const start = tbody.indexOf(`>${name}</a>`);
      return tbody.slice(start, tbody.indexOf('</tr>', start));
    };
    // Two seated people (the alternate does not count), a report 30 days late.
    expect(row('Comunicació')).toContain('Actiu');
    expect(row('Comunicació')).toMatch(/<td class="table__cell table__cell--numeric">2<\/td>/);
    expect(row('Comunicació')).toContain('Endarrerit 30 dies');
    // Ends in 20 days (flagged), two pending requests linked to the coordinators' page.
    expect(row('Contractació pública')).toContain("d'aquí a 20 dies");
    expect(row('Contractació pública')).toContain('/join-requests">2</a>');
    expect(row('Contractació pública')).toContain("S'acaba aviat");
    expect(row('Habitatge cooperatiu')).toContain("Falta l'informe final");
    expect(row('Aprenentatge')).toContain('Espera la decisió del grup motor');
    expect(html).toContain('4 necessiten atenció.');
  });

  it('sorts by each column with plain links, both ways', async () => {
    const byName = await pageText(await steering.browser.get('/ca/follow-up?sort=name&dir=asc'));
    expect(namesInOrder(byName)).toEqual(['=HYPERLINK("http://example.org")', 'Aprenentatge', 'Comunicació', 'Contractació pública', 'Habitatge cooperatiu']);
    expect(byName).toContain('href="/ca/follow-up?sort=name&dir=desc"');
    const byNameDesc = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=name&dir=desc')));
    expect(byNameDesc).toEqual([...namesInOrder(byName)].reverse());

    const bySunset = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=sunset&dir=asc')));
    expect(bySunset).toEqual(['Habitatge cooperatiu', 'Contractació pública', '=HYPERLINK("http://example.org")', 'Comunicació', 'Aprenentatge']);
    const byOverdue = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=overdue&dir=desc')));
    expect(byOverdue[0]).toBe('Comunicació');
    const byPending = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=pending&dir=desc')));
    expect(byPending[0]).toBe('Contractació pública');
    const byMembers = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=members&dir=desc')));
    expect(byMembers[0]).toBe('Comunicació');
    const byState = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=state&dir=asc')));
    expect(byState[0]).toBe('Aprenentatge');
    expect(byState.at(-1)).toBe('=HYPERLINK("http://example.org")');
    const byLastReport = namesInOrder(await pageText(await steering.browser.get('/ca/follow-up?sort=last_report&dir=desc')));
    expect(byLastReport.slice(0, 3)).toEqual(['Habitatge cooperatiu', 'Contractació pública', 'Comunicació']);

    // Anything else falls back to the default order (sunset, soonest first).
    const unknown = await steering.browser.get('/ca/follow-up?sort=password&dir=sideways');
    expect(unknown.status).toBe(200);
    expect(namesInOrder(await pageText(unknown))).toEqual(bySunset);
  });

  it('downloads the same rows as CSV: UTF-8 with a byte-order mark, safe to open in a spreadsheet', async () => {
    const response = await steering.browser.get('/ca/follow-up.csv?sort=name&dir=asc');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="working-groups-${today}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Grup,Identificador,Estat,Persones,Inici,Finalització,Dies fins a la finalització,Últim informe,Proper informe,Dies de retard de l\'informe,Informe final presentat,Peticions pendents,Cal atenció,Pàgina');
    expect(lines).toHaveLength(6);
    // The name that looks like a formula is written as text.
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/example.org""\)",/);
    expect(lines[4]).toContain('Contractació pública,');
    expect(lines[4]).toContain(`,${addDays(today, 20)},20,`);
    expect(lines[4]).toContain(",2,S'acaba aviat: cal allargar-lo o començar-ne el tancament; Peticions per entrar pendents,");

    const english = await steering.browser.get('/en/follow-up.csv');
    expect(new TextDecoder().decode(new Uint8Array(await english.arrayBuffer())).split('\r\n')[0]).toContain('Group,Identifier,State,People');
  });

  it('is for the steering group, the secretariat, admins and officials', async () => {
    expect((await participant.browser.get('/ca/follow-up')).status).toBe(403);
    expect((await participant.browser.get('/ca/follow-up.csv')).status).toBe(403);
    expect((await official.browser.get('/ca/follow-up')).status).toBe(200);
    expect((await secretary.browser.get('/ca/follow-up')).status).toBe(200);
    const visitor = await app.agent().get('/ca/follow-up');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toContain('/ca/sign-in');
  });

  it('adds a block to the steering group\'s "My space" saying how many groups need attention', async () => {
    const mine = await pageText(await steering.browser.get('/ca/me'));
    expect(mine).toContain('4 grups de treball necessiten atenció.');
    expect(mine).toContain('href="/ca/follow-up"');
    const theirs = await pageText(await participant.browser.get('/ca/me'));
    expect(theirs).not.toContain('Seguiment dels grups de treball');
  });
});

describe('the follow-up page’s cost', () => {
  it('runs the same number of queries for 2 groups as for 30', async () => {
    const fresh = await createTestApp();
    try {
      const { user, browser: reader } = await person(fresh, { name: 'Comptadora' });
      await fresh.services.database.db.insertInto('mandates').values({ body_id: STEERING_ID, person_id: user.id, college: 'trajectory', role: 'member', starts_on: '2020-01-01' }).execute();
      let n = 0;
      const addGroups = async (count: number) => {
        for (let i = 0; i < count; i += 1) {
          n += 1;
          const row = await fresh.services.database.db
            .insertInto('bodies')
            .values({ slug: `grup-compte-${n}`, kind: 'working_group', parent_id: 1, name: JSON.stringify({ ca: `Grup ${n}` }), state: 'active', starts_on: addDays(today, -50), sunset_on: addDays(today, n), open: true, report_interval_days: 30 })
            .returning('id')
            .executeTakeFirstOrThrow();
          await fresh.services.database.db.insertInto('mandates').values({ body_id: Number(row.id), person_id: user.id, college: 'trajectory', role: 'coordinator', starts_on: addDays(today, -50) }).execute();
          await fresh.services.database.db.insertInto('body_reports').values({ body_id: Number(row.id), period_start: addDays(today, -40), period_end: addDays(today, -10), progress: 'Fet' }).execute();
        }
      };
      const measure = async (path: string) => {
        await reader.get(path);
        const { result, queries } = await countQueries(fresh.services.database, () => reader.get(path));
        expect(result.status).toBe(200);
        return queries;
      };
      await addGroups(2);
      const two = await measure('/ca/follow-up');
      const twoCsv = await measure('/ca/follow-up.csv');
      await addGroups(28);
      expect(await measure('/ca/follow-up')).toBe(two);
      expect(await measure('/ca/follow-up.csv')).toBe(twoCsv);
      expect(await measure('/ca/follow-up?sort=name&dir=desc')).toBe(two);
    } finally {
      await fresh.close();
    }
  });
});
