/**
 * The day before a convened meeting, those who have not answered get one reminder each, in
 * their language, with the answer links; once per start time, whatever the number of runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { insertGroup } from '../bodies/bodies-test-support.js';
import { answerLinks, outboxTo, seat } from './notices-test-support.js';
import { scheduleNoticeReminders, sendNoticeReminders } from './reminders.js';
import { insertMeeting } from './test-support.js';

let app: TestApp;
let bodyId: number;
let answered: { id: number; email: string | null };
let silent: { id: number; email: string | null };
let english: { id: number; email: string | null };
const db = () => app.services.database.db;
const HOUR = 3_600_000;

const reminders = async (who: { email: string | null }) => (await outboxTo(app, who.email)).filter((m) => /^(Recordatori|Recordatorio|Reminder):/.test(m.subject));

beforeAll(async () => {
  app = await createTestApp();
  bodyId = (await insertGroup(db(), { name: { ca: 'Grup de Memòria', en: 'Memory Group' } })).id;
  answered = await app.createUser({ name: 'Anna Resposta' });
  silent = await app.createUser({ name: 'Silvia Callada' });
  english = await app.createUser({ name: 'Eve Quiet', locale: 'en' });
  for (const person of [answered, silent, english]) await seat(app, bodyId, person.id);
});
afterAll(() => app?.close());

describe('the day-before reminder', () => {
  it('goes once to the members who have not answered, in their language, and is recorded', async () => {
    const soon = await insertMeeting(db(), { body_id: bodyId, title: 'Sessió de demà', starts_at: new Date(Date.now() + 20 * HOUR) });
    const later = await insertMeeting(db(), { body_id: bodyId, starts_at: new Date(Date.now() + 50 * HOUR) });
    await insertMeeting(db(), { body_id: bodyId, state: 'draft', starts_at: new Date(Date.now() + 10 * HOUR) });
    await insertMeeting(db(), { body_id: bodyId, state: 'cancelled', starts_at: new Date(Date.now() + 10 * HOUR) });
    const urgent = await insertMeeting(db(), { body_id: bodyId, starts_at: new Date(Date.now() + 10 * HOUR) });
    await db().updateTable('meetings').set({ convened_at: new Date() }).where('id', '=', urgent).execute();
    await db().insertInto('meeting_answers').values({ meeting_id: soon, person_id: answered.id, answer: 'attending' }).execute();

    await scheduleNoticeReminders(db());
    await app.runJobs();

    expect(await reminders(answered)).toHaveLength(0);
    const toSilent = await reminders(silent);
    const toEnglish = await reminders(english);
    expect(toSilent).toHaveLength(1);
    expect(toSilent[0]?.subject).toMatch(/^Recordatori: Grup de Memòria — Sessió de demà, /);
    expect(toSilent[0]?.text_body).toContain('encara no heu respost');
    expect(Object.keys(answerLinks(toSilent[0]?.text_body ?? '')).sort()).toEqual(['alternate', 'attending', 'excused']);
    expect(toEnglish).toHaveLength(1);
    expect(toEnglish[0]?.subject).toMatch(/^Reminder: Memory Group — Sessió de demà, /);
    expect(toEnglish[0]?.locale).toBe('en');

    const rows = await db().selectFrom('meetings').select(['id', 'starts_at', 'reminded_for']).where('id', 'in', [soon, later, urgent]).orderBy('id').execute();
    expect(rows[0]?.reminded_for?.getTime()).toBe(rows[0]?.starts_at.getTime());
    expect(rows[1]?.reminded_for).toBeNull();
    expect(rows[2]?.reminded_for).toBeNull();
    const audit = await db().selectFrom('audit_log').select(['action', 'subject_id', 'actor_id']).where('action', '=', 'meetings.notice_reminder').execute();
    expect(audit).toEqual([{ action: 'meetings.notice_reminder', subject_id: String(soon), actor_id: null }]);
  });

  it('is not sent again for the same start time, however often it runs', async () => {
    expect(await sendNoticeReminders(app.services)).toBe(0);
    await scheduleNoticeReminders(db());
    await app.runJobs();
    expect(await reminders(silent)).toHaveLength(1);
    expect(await reminders(english)).toHaveLength(1);
  });

  it('goes again when the meeting moves to another time, still only to those who have not answered', async () => {
    const moved = await db().selectFrom('meetings').select('id').where('reminded_for', 'is not', null).executeTakeFirstOrThrow();
    await db().updateTable('meetings').set({ starts_at: new Date(Date.now() + 22 * HOUR), ends_at: new Date(Date.now() + 24 * HOUR) }).where('id', '=', moved.id).execute();
    await db().insertInto('meeting_answers').values({ meeting_id: Number(moved.id), person_id: english.id, answer: 'excused' }).execute();
    expect(await sendNoticeReminders(app.services)).toBe(1);
    expect(await reminders(silent)).toHaveLength(2);
    expect(await reminders(english)).toHaveLength(1);
    expect(await reminders(answered)).toHaveLength(0);
  });
});
