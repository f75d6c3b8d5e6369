/**
 * Meetings in "download my data", and what deleting an account forgets: answers to meetings
 * still to come and objections go; past answers, attendance and owned action items stay
 * (the public record, under the pseudonym).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { person, type Person } from '../workgroups/test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let leaver: Person;
let futureMeeting: number;
let pastMeeting: number;
let agreementId: number;

const db = () => app.services.database.db;
const OBJECTION = 'El punt 2 no recull la proposta de la Xarxa.';

beforeAll(async () => {
  app = await createTestApp();
  leaver = await person(app, { name: 'Rita Marxa' });
  futureMeeting = await insertMeeting(db(), { title: 'Trobada de primavera' });
  pastMeeting = await insertMeeting(db(), { title: 'Trobada de tardor', state: 'held', minutes_state: 'circulated', starts_at: new Date(Date.now() - 20 * 24 * 3600_000) });
  const item = await insertAgendaItem(db(), pastMeeting);
  await db().insertInto('meeting_answers').values([
    { meeting_id: futureMeeting, person_id: leaver.user.id, answer: 'attending' },
    { meeting_id: pastMeeting, person_id: leaver.user.id, answer: 'excused' },
  ]).execute();
  await db().insertInto('meeting_attendance').values({ meeting_id: pastMeeting, person_id: leaver.user.id, college: 'trajectory' }).execute();
  const minutes = await db().insertInto('minutes').values({ meeting_id: pastMeeting, state: 'circulated', objections_until: '2099-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('minutes_objections').values({ minutes_id: minutes.id, person_id: leaver.user.id, text: OBJECTION }).execute();
  const agreement = await db()
    .insertInto('agreements')
    .values({ body_id: 1, meeting_id: pastMeeting, agenda_item_id: item, year: 2026, number: 1, text: JSON.stringify({ ca: 'Acord de prova' }), method: 'consensus', adopted_on: '2026-01-10' })
    .returning('id')
    .executeTakeFirstOrThrow();
  agreementId = Number(agreement.id);
  await db().insertInto('action_items').values({ agreement_id: agreementId, body_id: 1, title: 'Enviar el document', owner_person_id: leaver.user.id, due_on: '2026-02-01' }).execute();
});
afterAll(() => app?.close());

describe('a person’s meetings data', () => {
  it('downloads their answers, attendance, objections and action items', async () => {
    const response = await leaver.browser.post('/ca/account/data', {});
    expect(response.status).toBe(200);
    const text = JSON.stringify(await response.json());
    expect(text).toContain('Trobada de primavera');
    expect(text).toContain(OBJECTION);
    expect(text).toContain('Enviar el document');
    expect(text).toContain('"attending"');
  });

  it('forgets answers to coming meetings and objections when the account is deleted, and keeps the record', async () => {
    const deleted = await leaver.browser.post('/ca/account/delete', { password: leaver.user.password });
    expect(deleted.status).toBe(303);
    const answers = await db().selectFrom('meeting_answers').select(['meeting_id', 'answer']).where('person_id', '=', leaver.user.id).execute();
    expect(answers.map((a) => Number(a.meeting_id))).toEqual([pastMeeting]);
    expect(await db().selectFrom('minutes_objections').selectAll().where('person_id', '=', leaver.user.id).execute()).toEqual([]);
    expect(await db().selectFrom('meeting_attendance').selectAll().where('person_id', '=', leaver.user.id).execute()).toHaveLength(1);
    expect(await db().selectFrom('action_items').selectAll().where('owner_person_id', '=', leaver.user.id).execute()).toHaveLength(1);
    const audit = await db().selectFrom('audit_log').select(['action']).where('action', '=', 'meetings.forget_person').execute();
    expect(audit).toHaveLength(1);
  });
});
