/**
 * Action items as their owners live them: "my actions" (their own and their organisation's,
 * overdue ones said in words), the reminders a week before and on the due date (once each, in
 * the recipient's language, to an organisation's people in the body), and each working group's
 * overdue items for the steering group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countQueries } from '../../db/connect.js';
import { todayInSpace, translator } from '../../kernel/i18n/index.js';
import { insertGroup, insertOrganisation } from '../bodies/bodies-test-support.js';
import { sendActionReminders } from './action-reminders.js';
import { overdueActionsByGroup } from './agreements-store.js';
import { mailsTo, meetingWithItem, person, PLENARY_ID, seat, type Person } from './agreements-test-support.js';
import { OverdueActionsByGroup } from './views/action-overdue.js';

let app: TestApp;
let owner: Person; // Spanish
let representative: Person; // English, represents the organisation in the plenary
let stranger: Person;
let orgId: number;
const db = () => app.services.database.db;
const today = todayInSpace();

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let agreementCounter = 0;
async function agreementIn(bodyId: number, meeting: { meetingId: number; itemId: number }): Promise<number> {
  agreementCounter += 1;
  const row = await db()
    .insertInto('agreements')
    .values({ body_id: bodyId, meeting_id: meeting.meetingId, agenda_item_id: meeting.itemId, year: 2024, number: agreementCounter, text: JSON.stringify({ ca: `Acord de prova ${agreementCounter}` }), method: 'consensus', adopted_on: '2024-01-10' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function actionItem(agreementId: number, bodyId: number, title: string, due_on: string, owner: { person?: number; organisation?: number }, state: 'open' | 'in_progress' | 'done' | 'dropped' = 'open'): Promise<number> {
  const row = await db()
    .insertInto('action_items')
    .values({ agreement_id: agreementId, body_id: bodyId, title, owner_person_id: owner.person ?? null, owner_organisation_id: owner.organisation ?? null, due_on, state })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

let plenaryAgreement = 0;

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  owner = await person(app, { name: 'Olga Responsable', locale: 'es' });
  representative = await person(app, { name: 'Rita Representant', locale: 'en' });
  stranger = await person(app, { name: 'Sense Tasques' });
  orgId = (await insertOrganisation(db(), { name: 'Xarxa Cooperativa', short_name: 'XC' })).id;
  await seat(db(), PLENARY_ID, owner.user.id);
  await seat(db(), PLENARY_ID, representative.user.id, { organisation_id: orgId, college: 'entity' });
  plenaryAgreement = await agreementIn(PLENARY_ID, await meetingWithItem(db()));
});
afterAll(() => app?.close());

describe('my actions', () => {
  it("lists a person's open items and their organisation's, by due date, overdue ones said in words", async () => {
    await actionItem(plenaryAgreement, PLENARY_ID, 'Tasca endarrerida', addDays(today, -3), { person: owner.user.id });
    await actionItem(plenaryAgreement, PLENARY_ID, 'Tasca futura', addDays(today, 20), { person: owner.user.id });
    await actionItem(plenaryAgreement, PLENARY_ID, 'Tasca feta', addDays(today, -30), { person: owner.user.id }, 'done');
    await actionItem(plenaryAgreement, PLENARY_ID, "Tasca de l'entitat", addDays(today, 5), { organisation: orgId });

    const mine = await owner.browser.get('/es/actions');
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html.indexOf('Tasca endarrerida')).toBeLessThan(html.indexOf('Tasca futura'));
    expect(html).not.toContain('Tasca feta');
    expect(html).not.toContain('Tasca de l');
    expect(html).toContain('action-card--overdue');
    expect(html).toMatch(/<strong class="tag tag--danger">Atrasada<\/strong>/);
    expect(html).toContain('1 está atrasada.');

    const all = await (await owner.browser.get('/es/actions?state=all')).text();
    expect(all).toContain('Tasca feta');
    const done = await (await owner.browser.get('/es/actions?state=done')).text();
    expect(done).toContain('Tasca feta');
    expect(done).not.toContain('Tasca futura');

    const theirs = await (await representative.browser.get('/en/actions')).text();
    expect(theirs).toContain('Tasca de l&#39;entitat');
    expect(theirs).not.toContain('Tasca futura');
  });

  it('says so when there is nothing, and asks a visitor to sign in', async () => {
    const empty = await (await stranger.browser.get('/ca/actions')).text();
    expect(empty).toContain('No tens cap tasca');
    const visitor = await app.agent().get('/ca/actions');
    expect([302, 303, 401]).toContain(visitor.status);
  });

  it('lets the representative move their organisation\'s item along from the list', async () => {
    const item = await db().selectFrom('action_items').select('id').where('title', '=', "Tasca de l'entitat").executeTakeFirstOrThrow();
    const response = await representative.browser.post(`/en/action-items/${item.id}/state`, { state: 'in_progress' });
    expect(response.status).toBe(303);
    expect((await db().selectFrom('action_items').select('state').where('id', '=', item.id).executeTakeFirstOrThrow()).state).toBe('in_progress');
    expect((await stranger.browser.post(`/ca/action-items/${item.id}/state`, { state: 'done' })).status).toBe(403);
  });
});

describe('reminders', () => {
  it('go a week before and on the due date, once each, to the owner or the organisation\'s people in the body, in their language', async () => {
    await db().deleteFrom('action_items').execute();
    const weekItem = await actionItem(plenaryAgreement, PLENARY_ID, 'Preparar el pressupost', addDays(today, 7), { person: owner.user.id });
    const dueItem = await actionItem(plenaryAgreement, PLENARY_ID, 'Enviar les actes', today, { organisation: orgId });
    await actionItem(plenaryAgreement, PLENARY_ID, 'Massa lluny', addDays(today, 20), { person: owner.user.id });
    await actionItem(plenaryAgreement, PLENARY_ID, 'Ja feta', today, { person: owner.user.id }, 'done');

    expect(await sendActionReminders(app.services)).toBe(2);
    const toOwner = await mailsTo(db(), owner.user.email);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]).toMatchObject({ locale: 'es', subject: 'Queda una semana: Preparar el pressupost' });
    expect(toOwner[0]?.text_body).toContain('http://localhost/es/agreements/');
    const toRepresentative = await mailsTo(db(), representative.user.email);
    expect(toRepresentative).toHaveLength(1);
    expect(toRepresentative[0]).toMatchObject({ locale: 'en', subject: 'Due today: Enviar les actes' });

    // Again, and again the next hour: nothing more.
    expect(await sendActionReminders(app.services)).toBe(0);
    expect(await sendActionReminders(app.services, new Date(Date.now() + 3600_000))).toBe(0);
    expect(await mailsTo(db(), owner.user.email)).toHaveLength(1);
    const rows = await db().selectFrom('action_items').select(['id', 'reminded']).where('id', 'in', [weekItem, dueItem]).orderBy('id').execute();
    expect(rows.map((r) => r.reminded)).toEqual([['week'], ['week', 'due']]);

    // A week later the first item is due: its due-date reminder goes, once.
    const weekLater = new Date(Date.now() + 7 * 24 * 3600_000);
    expect(await sendActionReminders(app.services, weekLater)).toBe(1);
    expect(await sendActionReminders(app.services, weekLater)).toBe(0);
    const later = await mailsTo(db(), owner.user.email);
    expect(later).toHaveLength(2);
    expect(later[1]?.subject).toBe('Hoy es la fecha límite: Preparar el pressupost');
  });
});

describe("working groups' overdue actions", () => {
  it('lists each group with its overdue items in one query, leaving out other bodies and items on time or done', async () => {
    const groupA = await insertGroup(db(), { name: { ca: 'Grup Alfa' } });
    const groupB = await insertGroup(db(), { name: { ca: 'Grup Beta' } });
    await seat(db(), groupA.id, owner.user.id);
    const a = await agreementIn(groupA.id, await meetingWithItem(db(), { body_id: groupA.id }));
    const b = await agreementIn(groupB.id, await meetingWithItem(db(), { body_id: groupB.id }));
    await actionItem(a, groupA.id, 'Alfa tard 1', addDays(today, -10), { person: owner.user.id });
    await actionItem(a, groupA.id, 'Alfa tard 2', addDays(today, -2), { person: owner.user.id }, 'in_progress');
    await actionItem(a, groupA.id, 'Alfa a temps', addDays(today, 2), { person: owner.user.id });
    await actionItem(b, groupB.id, 'Beta feta', addDays(today, -5), { person: owner.user.id }, 'done');
    await actionItem(plenaryAgreement, PLENARY_ID, 'Plenari tard', addDays(today, -5), { person: owner.user.id });

    const { result: groups, queries } = await countQueries(app.services.database, () => overdueActionsByGroup(db(), today));
    expect(queries).toBe(1);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ body_id: groupA.id, slug: groupA.slug });
    expect(groups[0]?.items.map((i) => i.title)).toEqual(['Alfa tard 1', 'Alfa tard 2']);
    expect(groups[0]?.items[0]?.owner_name).toBe('Olga Responsable');

    const ctx = { locale: 'ca' as const, t: translator('ca'), path: '/', search: '', user: null, csrfToken: '', flash: null, nav: [], href: (p: string) => `/ca${p}`, formatDate: (v: Date | string) => String(v), formatNumber: (n: number) => String(n) };
    const html = String(OverdueActionsByGroup({ ctx, groups }));
    expect(html).toContain('Grup Alfa');
    expect(html).toContain('2 endarrerides');
    expect(String(OverdueActionsByGroup({ ctx, groups: [] }))).toContain('Cap tasca endarrerida');
  });
});
