/**
 * A body's page shows its meetings and agreements (the meetings module's section): the next
 * convened meetings and the last held ones, drafts only to those who run them, a working group's
 * meetings only to its members, and on the steering group's page each working group's overdue
 * action items to those who follow the groups up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { insertGroup, insertMandate } from '../bodies/bodies-test-support.js';
import { person, seatInSteering, type Person } from '../workgroups/test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let secretary: Person;
let steering: Person;
let groupMember: Person;
let group: { id: number; slug: string };

const db = () => app.services.database.db;
const DAY = 24 * 3600_000;

/** The `<section>` of the page labelled by the heading with this id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  if (start === -1) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  secretary = await person(app, { name: 'Sara Secretària' });
  steering = await person(app, { name: 'Sergi Motor' });
  groupMember = await person(app, { name: 'Gina Grup' });
  await insertMandate(db(), { body_id: 1, person_id: secretary.user.id, role: 'secretary', college: 'council' });
  await seatInSteering(app, steering.user.id);
  group = await insertGroup(db(), { state: 'active' });
  await insertMandate(db(), { body_id: group.id, person_id: groupMember.user.id });

  await insertMeeting(db(), { title: 'Trobada de primavera', starts_at: new Date(Date.now() + 20 * DAY) });
  await insertMeeting(db(), { title: 'Esborrany de tardor', state: 'draft', starts_at: new Date(Date.now() + 60 * DAY) });
  const held = await insertMeeting(db(), { title: 'Trobada d’hivern', state: 'held', minutes_state: 'approved', starts_at: new Date(Date.now() - 30 * DAY) });
  const item = await insertAgendaItem(db(), held);
  await db()
    .insertInto('agreements')
    .values({ body_id: 1, meeting_id: held, agenda_item_id: item, year: 2026, number: 4, text: JSON.stringify({ ca: 'Aprovar el calendari de contrast' }), method: 'consensus', adopted_on: '2026-10-27' })
    .execute();

  const groupMeeting = await insertMeeting(db(), { body_id: group.id, title: 'Sessió del grup', state: 'held', starts_at: new Date(Date.now() - 10 * DAY) });
  const groupItem = await insertAgendaItem(db(), groupMeeting);
  const agreement = await db()
    .insertInto('agreements')
    .values({ body_id: group.id, meeting_id: groupMeeting, agenda_item_id: groupItem, year: 2026, number: 1, text: JSON.stringify({ ca: 'Redactar la guia' }), method: 'consensus', adopted_on: '2026-11-16' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('action_items')
    .values({ agreement_id: agreement.id, body_id: group.id, title: 'Enviar l’esborrany de la guia', owner_person_id: groupMember.user.id, due_on: '2026-01-10' })
    .execute();
});
afterAll(() => app?.close());

describe('a body’s meetings on its page', () => {
  it('shows a visitor the coming convened meeting, the last one held with its minutes, and the latest agreement', async () => {
    const html = await (await app.agent().get('/ca/bodies/ambit-participat')).text();
    const meetings = section(html, 'meetings');
    expect(meetings).toContain('Trobada de primavera');
    expect(meetings).toContain('Trobada d’hivern');
    expect(meetings).toContain('Acta aprovada');
    expect(meetings).not.toContain('Esborrany de tardor');
    expect(meetings).not.toContain('Nova reunió');
    expect(meetings).toContain('href="/bodies/1/calendar.ics"');
    expect(section(html, 'agreements')).toContain('Aprovar el calendari de contrast');
    expect(html).not.toContain('aria-labelledby="overdue-actions"');
  });

  it('shows the secretariat the draft too, and the way to convene a new one', async () => {
    const html = await (await secretary.browser.get('/ca/bodies/ambit-participat')).text();
    const meetings = section(html, 'meetings');
    expect(meetings).toContain('Esborrany de tardor');
    expect(meetings).toContain('href="/ca/bodies/ambit-participat/meetings/new"');
  });

  it('keeps a working group’s meetings for its members', async () => {
    const visitor = await (await app.agent().get(`/ca/bodies/${group.slug}`)).text();
    expect(section(visitor, 'meetings')).toContain('només les veuen els seus membres');
    expect(visitor).not.toContain('Sessió del grup');
    const member = await (await groupMember.browser.get(`/ca/bodies/${group.slug}`)).text();
    expect(section(member, 'meetings')).toContain('Sessió del grup');
    expect(section(member, 'agreements')).toContain('Redactar la guia');
  });

  it('shows the steering group each working group’s overdue action items, and nobody else', async () => {
    const forSteering = await (await steering.browser.get('/ca/bodies/grup-motor')).text();
    expect(section(forSteering, 'overdue-actions')).toContain('Enviar l’esborrany de la guia');
    const forVisitor = await (await app.agent().get('/ca/bodies/grup-motor')).text();
    expect(forVisitor).not.toContain('Enviar l’esborrany de la guia');
    const forMember = await (await groupMember.browser.get('/ca/bodies/grup-motor')).text();
    expect(forMember).not.toContain('Enviar l’esborrany de la guia');
  });
});
