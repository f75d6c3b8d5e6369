/**
 * The demo space's meetings: loaded after the demo of the modules before them (identity, the
 * directory, bodies and working groups), loaded twice without change, and what issue 4 promises
 * — past general meetings with approved minutes whose hash anyone can recompute, agreements with
 * action items done, open and overdue, a steering meeting with circulated minutes and an
 * objection, working-group meetings, the next general meeting convened with answers, a draft.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { sha256 } from '../../kernel/crypto.js';
import type { DemoContext } from '../../kernel/http/module.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { stableStringify } from '../../kernel/stable-json.js';
import { modules } from '../index.js';
import { buildMinutesDocument } from './minutes-content.js';
import { currentMinutes } from './minutes-store.js';
import { generalMeetingTitle, onWeekday, seedMeetingsDemo } from './seed.js';
import { findMeeting } from './store.js';
import type { VoteResult } from './tables.js';

let app: TestApp;
const today = todayInSpace();
const db = () => app.services.database.db;

/** The demo of every module up to this one, then this one's, with one shared context. */
async function loadDemo(): Promise<void> {
  const demo: DemoContext = { password: app.services.config.demoPassword, accounts: [], ids: new Map() };
  for (const module of modules) {
    if (module.name === 'meetings') break;
    if (module.seedDemo) await module.seedDemo(app.services, demo);
  }
  await seedMeetingsDemo(app.services, demo);
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_DEMO_PASSWORD: 'demo-password-for-tests' });
  await loadDemo();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

async function meetingsOf(slug: string) {
  return db()
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .selectAll('m')
    .select(['b.slug', 'b.kind as body_kind'])
    .where('b.slug', '=', slug)
    .orderBy('m.starts_at')
    .execute();
}

describe('the demo space’s meetings', () => {
  it('changes nothing when loaded a second time', async () => {
    const tables = ['meetings', 'agenda_items', 'agenda_item_links', 'dossier_entries', 'meeting_answers', 'meeting_attendance', 'minutes', 'minutes_objections', 'agreements', 'action_items', 'audit_log'];
    const snapshot = async () => {
      const result: Record<string, unknown[]> = {};
      for (const table of tables) result[table] = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db())).rows;
      return result;
    };
    const before = await snapshot();
    expect(before.meetings!.length).toBeGreaterThanOrEqual(8);
    await loadDemo();
    expect(await snapshot()).toEqual(before);
  });

  it('has past general meetings held with approved minutes, frozen with a hash anyone can recompute', async () => {
    const plenary = await meetingsOf('ambit-participat');
    const held = plenary.filter((m) => m.state === 'held' && m.ends_at.getTime() < Date.now());
    expect(held.length).toBeGreaterThanOrEqual(3);
    const approved = held.filter((m) => m.minutes_state === 'approved');
    expect(approved.length).toBeGreaterThanOrEqual(2);
    for (const meeting of approved) {
      const minutes = await db().selectFrom('minutes').selectAll().where('meeting_id', '=', meeting.id).execute();
      expect(minutes).toHaveLength(1);
      const [row] = minutes;
      expect(row!.state).toBe('approved');
      expect(row!.content_hash).toBe(sha256(stableStringify(row!.content)));
      // The acta the app builds today from the same tables is the one frozen.
      const found = await findMeeting(db(), Number(meeting.id));
      const current = await currentMinutes(db(), Number(meeting.id));
      expect(stableStringify(await buildMinutesDocument(db(), found!, current!))).toBe(stableStringify(row!.content));
      // Approved at a later session of the plenary, and the approval is in the audit chain with the hash.
      const approving = plenary.find((m) => Number(m.id) === Number(row!.approved_in));
      expect(approving!.starts_at.getTime()).toBeGreaterThan(meeting.starts_at.getTime());
      expect(row!.approved_at!.getTime()).toBeGreaterThanOrEqual(approving!.starts_at.getTime());
      const audit = await db().selectFrom('audit_log').select(['after']).where('action', '=', 'meetings.minutes.approve').where('subject_id', '=', String(row!.id)).executeTakeFirst();
      expect(audit?.after).toMatchObject({ content_hash: row!.content_hash });
      // The content shows what the law asks: attendees by organisation, the agenda with deliberations, agreements.
      const content = row!.content as { attendance: unknown[]; agenda: Array<{ deliberation: string; agreements: unknown[] }>; place: string };
      expect(content.place).toMatch(/Barcelona/);
      expect(content.attendance.length).toBeGreaterThan(5);
      expect(content.agenda.length).toBeGreaterThanOrEqual(4);
      expect(content.agenda.every((item) => item.deliberation.length > 0)).toBe(true);
      expect(content.agenda.some((item) => item.agreements.length > 0)).toBe(true);
      // The next session's first item approves these minutes, by their meeting's title.
      const first = await db().selectFrom('agenda_items').select('title').where('meeting_id', '=', approving!.id).where('position', '=', 1).executeTakeFirstOrThrow();
      expect(first.title.ca).toBe(`Aprovació de l'acta de la ${meeting.title.ca[0]!.toLowerCase()}${meeting.title.ca.slice(1)}`);
    }
  });

  it('records attendance of most plenary members, one by alternate, and votes counted per college from it', async () => {
    const [first] = await meetingsOf('ambit-participat');
    const attendance = await db().selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', first!.id).execute();
    const members = attendance.filter((a) => !a.guest && a.on_behalf_of === null);
    expect(members.length).toBeGreaterThan(20);
    expect(attendance.some((a) => a.on_behalf_of !== null)).toBe(true);
    expect(attendance.some((a) => a.guest)).toBe(true);

    const votes = await db().selectFrom('agreements').selectAll().where('method', '=', 'vote').execute();
    expect(votes.length).toBeGreaterThanOrEqual(2);
    for (const vote of votes) {
      const result = vote.result as VoteResult;
      const present = (await db().selectFrom('meeting_attendance').select('person_id').where('meeting_id', '=', vote.meeting_id).where('guest', '=', false).execute()).length;
      expect(result.options.reduce((sum, o) => sum + o.count, 0)).toBe(present);
      for (const option of result.options) expect(Object.values(option.by_college ?? {}).reduce((sum, n) => sum + n, 0)).toBe(option.count);
      expect(result.options[0]!.count).toBeGreaterThan(present / 2);
    }
  });

  it('numbers agreements per body and year from 1, in three languages, each with its action items', async () => {
    const agreements = await db().selectFrom('agreements').selectAll().orderBy('adopted_on').orderBy('id').execute();
    expect(agreements.length).toBeGreaterThanOrEqual(7);
    const byBodyYear = new Map<string, number[]>();
    for (const a of agreements) {
      const key = `${a.body_id}|${a.year}`;
      byBodyYear.set(key, [...(byBodyYear.get(key) ?? []), a.number]);
      expect(String(a.year)).toBe(day(a.adopted_on).slice(0, 4));
      for (const locale of ['ca', 'es', 'en'] as const) expect(a.text[locale], `${a.id} ${locale}`).toMatch(/\S{3}/);
      expect(a.search_text).not.toMatch(/[àèéíòóúç]/);
    }
    for (const numbers of byBodyYear.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const withActions = await db().selectFrom('action_items').select('agreement_id').distinct().execute();
    expect(withActions.length).toBeGreaterThanOrEqual(agreements.length - 1);
  });

  it('has action items done, open ahead and overdue, owned by people or organisations of the body', async () => {
    const items = await db().selectFrom('action_items').selectAll().execute();
    const open = items.filter((i) => i.state === 'open' || i.state === 'in_progress');
    expect(items.some((i) => i.state === 'done' && i.done_on !== null)).toBe(true);
    expect(open.some((i) => day(i.due_on) < today)).toBe(true);
    expect(open.some((i) => day(i.due_on) >= today)).toBe(true);
    expect(items.some((i) => i.owner_person_id !== null)).toBe(true);
    expect(items.some((i) => i.owner_organisation_id !== null)).toBe(true);
    const groups = await db().selectFrom('bodies').select('id').where('kind', '=', 'working_group').execute();
    expect(open.some((i) => day(i.due_on) < today && groups.some((g) => Number(g.id) === Number(i.body_id)))).toBe(true);
    for (const item of items) {
      const meeting = await db()
        .selectFrom('agreements')
        .select(['adopted_on', 'body_id'])
        .where('id', '=', item.agreement_id)
        .executeTakeFirstOrThrow();
      expect(Number(meeting.body_id)).toBe(Number(item.body_id));
      expect(day(item.due_on) >= day(meeting.adopted_on)).toBe(true);
      const sits = await db()
        .selectFrom('mandates')
        .select('id')
        .where('body_id', '=', item.body_id)
        .where((eb) => (item.owner_person_id !== null ? eb('person_id', '=', item.owner_person_id) : eb('organisation_id', '=', item.owner_organisation_id!)))
        .execute();
      expect(sits.length, item.title).toBeGreaterThan(0);
    }
  });

  it('has a steering-group meeting two weeks ago with circulated minutes open to objections, and one objection', async () => {
    const steering = await meetingsOf('grup-motor');
    const meeting = steering.find((m) => m.minutes_state === 'circulated');
    expect(meeting).toBeDefined();
    expect(meeting!.state).toBe('held');
    const daysAgo = (Date.now() - meeting!.starts_at.getTime()) / 86_400_000;
    expect(daysAgo).toBeGreaterThan(10);
    expect(daysAgo).toBeLessThan(18);
    const minutes = await db().selectFrom('minutes').selectAll().where('meeting_id', '=', meeting!.id).executeTakeFirstOrThrow();
    expect(minutes.state).toBe('circulated');
    expect(minutes.circulated_at!.getTime()).toBeLessThan(Date.now());
    expect(day(minutes.objections_until) > today).toBe(true);
    const objections = await db().selectFrom('minutes_objections').selectAll().where('minutes_id', '=', minutes.id).execute();
    expect(objections).toHaveLength(1);
    expect(objections[0]!.created_at.getTime()).toBeGreaterThan(minutes.circulated_at!.getTime());
    expect(steering.some((m) => m.state === 'draft' && m.convened_at === null)).toBe(true);
  });

  it('has working-group meetings, one held and one convened ahead', async () => {
    const groups = [...(await meetingsOf('comunicacio')), ...(await meetingsOf('contractacio-publica'))];
    expect(groups.some((m) => m.state === 'held' && m.starts_at.getTime() < Date.now())).toBe(true);
    expect(groups.some((m) => m.state === 'convened' && m.starts_at.getTime() > Date.now())).toBe(true);
  });

  it('has the next general meeting convened with the notice the plenary asks, a full agenda, a dossier and answers', async () => {
    const plenary = await meetingsOf('ambit-participat');
    const next = plenary.filter((m) => m.state === 'convened' && m.starts_at.getTime() > Date.now());
    expect(next).toHaveLength(1);
    const meeting = next[0]!;
    expect(meeting.convened_at!.getTime()).toBeLessThan(Date.now());
    expect(meeting.starts_at.getTime() - meeting.convened_at!.getTime()).toBeGreaterThanOrEqual(10 * 86_400_000);
    expect(meeting.minutes_state).toBe('none');
    const items = await db().selectFrom('agenda_items').selectAll().where('meeting_id', '=', meeting.id).execute();
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['information', 'deliberation', 'decision']));
    const dossier = await db().selectFrom('dossier_entries').selectAll().where('meeting_id', '=', meeting.id).execute();
    expect(dossier.some((d) => d.url?.startsWith('https://'))).toBe(true);
    const answers = await db().selectFrom('meeting_answers').selectAll().where('meeting_id', '=', meeting.id).execute();
    expect(new Set(answers.map((a) => a.answer))).toEqual(new Set(['attending', 'excused', 'alternate']));
    for (const answer of answers) expect(answer.answered_at.getTime()).toBeLessThan(Date.now());
    expect(answers.find((a) => a.answer === 'alternate')?.alternate_id).not.toBeNull();
  });

  it('keeps every meeting consistent (convened, sequence, minutes) and writes an audit entry for each', async () => {
    const meetings = await db().selectFrom('meetings').selectAll().execute();
    const minutes = await db().selectFrom('minutes').selectAll().execute();
    const audit = await db().selectFrom('audit_log').select(['subject_id']).where('subject_type', '=', 'meeting').execute();
    for (const m of meetings) {
      expect(m.sequence).toBe(0);
      expect(m.convened_at === null, `meeting ${m.id}`).toBe(m.state === 'draft');
      if (m.convened_at) expect(m.convened_at.getTime()).toBeLessThan(m.starts_at.getTime());
      if (m.state !== 'held') expect(m.minutes_state).toBe('none');
      const mine = minutes.filter((r) => Number(r.meeting_id) === Number(m.id));
      expect(mine.length ? mine.at(-1)!.state : 'none', `meeting ${m.id}`).toBe(m.minutes_state);
      expect(audit.some((a) => a.subject_id === String(m.id)), `meeting ${m.id}`).toBe(true);
    }
    expect(meetings.some((m) => m.format === 'online') && meetings.some((m) => m.format === 'hybrid') && meetings.some((m) => m.format === 'in_person')).toBe(true);
  });

  it('names general meetings by season and year, and moves meetings to their weekday within three days', () => {
    expect(generalMeetingTitle('2026-12-16')).toEqual({ ca: "Trobada general d'hivern 2026", es: 'Encuentro general de invierno 2026', en: 'Winter 2026 general meeting' });
    expect(generalMeetingTitle('2025-10-22').ca).toBe('Trobada general de tardor 2025');
    expect(onWeekday('2026-11-26', 3)).toBe('2026-11-25');
    expect(onWeekday('2026-11-26', 1)).toBe('2026-11-23');
    expect(onWeekday('2026-11-26', 5)).toBe('2026-11-27');
    expect(onWeekday('2026-11-29', 7)).toBe('2026-11-29');
  });
});
