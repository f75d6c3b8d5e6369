/**
 * The notice reaches every person with an active mandate in the body — once each, in their own
 * language — with the agenda, the dossier, the answer links and the meeting as an `.ics`; an
 * update carries the raised SEQUENCE; a cancellation says why and strikes the event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countQueries } from '../../db/connect.js';
import { insertGroup, insertOrganisation } from '../bodies/bodies-test-support.js';
import { answerLinks, attachmentText, outboxTo, seat, sendNoticesCommand, systemScope, type OutboxMail } from './notices-test-support.js';
import { touchMeeting } from './store.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let bodyId: number;
let meetingId: number;
const people: Record<string, { id: number; email: string | null }> = {};
const db = () => app.services.database.db;

const send = (occasion: 'convened' | 'updated' | 'cancelled', id = meetingId) => sendNoticesCommand(systemScope(app), { meeting_id: id, occasion });
const latest = async (who: string): Promise<OutboxMail | undefined> => (await outboxTo(app, people[who]?.email ?? null)).at(-1);

beforeAll(async () => {
  app = await createTestApp();
  bodyId = (await insertGroup(db(), { name: { ca: 'Grup de Comerç', es: 'Grupo de Comercio', en: 'Retail Group' } })).id;
  const organisation = await insertOrganisation(db(), { short_name: 'COOP' });
  const make = async (key: string, locale: 'ca' | 'es' | 'en') => {
    const user = await app.createUser({ name: `Persona ${key}`, locale });
    people[key] = { id: user.id, email: user.email };
    return user.id;
  };
  await seat(app, bodyId, await make('member', 'ca'), { organisation_id: organisation.id });
  const chair = await make('chair', 'en');
  await seat(app, bodyId, chair, { role: 'chair' });
  await seat(app, bodyId, chair, { role: 'member' }); // two seats, one e-mail
  await seat(app, bodyId, await make('alternate', 'es'), { role: 'alternate', organisation_id: organisation.id });
  await seat(app, bodyId, await make('observer', 'en'), { role: 'observer' });
  await seat(app, bodyId, await make('former', 'ca'), { ends_on: '2021-01-01' });
  await make('outsider', 'ca');
  const disabled = await make('disabled', 'ca');
  await seat(app, bodyId, disabled);
  await db().updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled).execute();

  meetingId = await insertMeeting(db(), { body_id: bodyId, title: 'Sessió de tardor', starts_at: '2031-10-14T16:00:00Z', format: 'hybrid', place: 'Can Batlló' });
  await db().updateTable('meetings').set({ urgency_reason: 'Cal aprovar el pressupost abans de final de mes' }).where('id', '=', meetingId).execute();
  await insertAgendaItem(db(), meetingId, { title: 'Aprovació de l’acta anterior', kind: 'decision' });
  const second = await insertAgendaItem(db(), meetingId, { title: 'Informe de la coordinació', kind: 'information' });
  await db().updateTable('agenda_items').set({ presenter: 'Núria Puig' }).where('id', '=', second).execute();
  const file = await db()
    .insertInto('stored_files')
    .values({ sha256: 'a'.repeat(64), media_type: 'application/pdf', byte_size: 4, content: new Uint8Array([37, 80, 68, 70]) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('dossier_entries')
    .values([
      { meeting_id: meetingId, title: 'Pressupost 2032', url: 'https://docs.example.org/pressupost', file_id: null, file_name: null },
      { meeting_id: meetingId, title: 'Acta de juliol', url: null, file_id: Number(file.id), file_name: 'acta.pdf' },
    ])
    .execute();
});
afterAll(() => app?.close());

describe('the notice', () => {
  it('reaches every person with an active mandate once, in their language, with an .ics', async () => {
    await send('convened');
    for (const who of ['member', 'chair', 'alternate', 'observer']) expect(await outboxTo(app, people[who]?.email ?? null), who).toHaveLength(1);
    for (const who of ['former', 'outsider', 'disabled']) expect(await outboxTo(app, people[who]?.email ?? null), who).toHaveLength(0);

    const ca = await latest('member');
    const es = await latest('alternate');
    const en = await latest('chair');
    expect(ca).toMatchObject({ locale: 'ca' });
    expect(ca?.subject).toMatch(/^Convocatòria: Grup de Comerç — Sessió de tardor, dimarts, 14 d’octubre .*2031.*18:00$/);
    expect(es?.subject).toMatch(/^Convocatoria: Grupo de Comercio — Sessió de tardor, martes, 14 de octubre .*2031.*18:00$/);
    expect(en?.subject).toMatch(/^Notice of meeting: Retail Group — Sessió de tardor, Tuesday,? 14 October 2031.*18:00$/);
    expect(en?.text_body).toContain('Hello Persona chair,');
    expect(es?.text_body).toContain('Hola, Persona alternate:');
  });

  it('says where, why so soon, the agenda and the dossier, and links the page and the answers', async () => {
    const text = (await latest('member'))?.text_body ?? '';
    expect(text).toContain('On: Can Batlló');
    expect(text).toContain('En línia: https://meet.example.org/sessio');
    expect(text).toContain('per urgència: Cal aprovar el pressupost abans de final de mes');
    expect(text).toMatch(/Ordre del dia:\n1\. Aprovació de l’acta anterior \(decisió\)\n2\. Informe de la coordinació \(informació\) — presenta: Núria Puig/);
    expect(text).toContain('- Pressupost 2032: https://docs.example.org/pressupost');
    expect(text).toContain(`- Acta de juliol: http://localhost/ca/meetings/${meetingId}#dossier`);
    expect(text).toContain(`http://localhost/ca/meetings/${meetingId}`);
    expect(Object.keys(answerLinks(text)).sort()).toEqual(['alternate', 'attending', 'excused']);
    expect(answerLinks(text).attending).toMatch(/^http:\/\/localhost\/ca\/answer\//);
    const english = (await latest('chair'))?.text_body ?? '';
    expect(english).toContain('1. Aprovació de l’acta anterior (decision)');
    expect(answerLinks(english).excused).toMatch(/^http:\/\/localhost\/en\/answer\//);
  });

  it('attaches the meeting as an iCalendar REQUEST in the recipient’s language', async () => {
    const mail = await latest('alternate');
    expect(mail?.attachments).toHaveLength(1);
    const attachment = mail?.attachments[0];
    expect(attachment?.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(attachment?.filename).toMatch(/\.ics$/);
    const ics = attachmentText(attachment);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain(`UID:meeting-${meetingId}@localhost\r\n`);
    expect(ics).toContain('DTSTART;TZID=Europe/Madrid:20311014T180000\r\n');
    expect(ics).toContain('SEQUENCE:0\r\n');
    expect(ics).toContain('SUMMARY:Grupo de Comercio: Sessió de tardor\r\n');
  });

  it('is sent again on an update, with the raised SEQUENCE and the new time', async () => {
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('meetings').set({ starts_at: new Date('2031-10-15T16:00:00Z'), ends_at: new Date('2031-10-15T18:00:00Z') }).where('id', '=', meetingId).execute();
      await touchMeeting(trx, meetingId, { sequence: true });
    });
    await send('updated');
    for (const who of ['member', 'chair', 'alternate', 'observer']) expect(await outboxTo(app, people[who]?.email ?? null), who).toHaveLength(2);
    const mail = await latest('member');
    expect(mail?.subject).toMatch(/^Canvis a la convocatòria: Grup de Comerç — Sessió de tardor, dimecres, 15 d’octubre/);
    expect(Object.keys(answerLinks(mail?.text_body ?? ''))).toHaveLength(3);
    const ics = attachmentText(mail?.attachments[0]);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('SEQUENCE:1\r\n');
    expect(ics).toContain('DTSTART;TZID=Europe/Madrid:20311015T180000\r\n');
  });

  it('on a cancellation says so with the reason, strikes the event and offers no answer', async () => {
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('meetings').set({ state: 'cancelled', cancel_reason: 'La sala no està disponible', cancelled_at: new Date() }).where('id', '=', meetingId).execute();
      await touchMeeting(trx, meetingId, { sequence: true });
    });
    await send('cancelled');
    const ca = await latest('member');
    const en = await latest('observer');
    expect(ca?.subject).toMatch(/^Sessió desconvocada: Grup de Comerç — Sessió de tardor/);
    expect(ca?.text_body).toContain('Motiu: La sala no està disponible');
    expect(en?.subject).toMatch(/^Meeting cancelled: Retail Group/);
    expect(en?.text_body).toContain('Reason: La sala no està disponible');
    expect(answerLinks(ca?.text_body ?? '')).toEqual({});
    expect(ca?.text_body).not.toContain('/answer/');
    expect(ca?.attachments[0]?.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const ics = attachmentText(ca?.attachments[0]);
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain(`UID:meeting-${meetingId}@localhost\r\n`);
  });

  it('reads the same number of queries whatever the number of members and agenda items', async () => {
    const small = await insertGroup(db());
    const large = await insertGroup(db());
    for (let i = 0; i < 2; i += 1) await seat(app, small.id, (await app.createUser()).id);
    for (let i = 0; i < 12; i += 1) await seat(app, large.id, (await app.createUser({ locale: i % 2 ? 'es' : 'en' })).id);
    const smallMeeting = await insertMeeting(db(), { body_id: small.id });
    const largeMeeting = await insertMeeting(db(), { body_id: large.id });
    await insertAgendaItem(db(), smallMeeting);
    for (let i = 0; i < 8; i += 1) await insertAgendaItem(db(), largeMeeting);
    const mails = async () => Number((await db().selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await mails();
    const a = await countQueries(app.services.database, () => send('convened', smallMeeting));
    const b = await countQueries(app.services.database, () => send('convened', largeMeeting));
    expect((await mails()) - before).toBe(14);
    // Reading is fixed; each e-mail is one insert into the outbox.
    expect(b.queries - 12).toBe(a.queries - 2);
  });
});
