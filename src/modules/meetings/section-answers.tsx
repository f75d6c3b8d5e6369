/**
 * The meeting page's answers to the notice: a member sees their own answer and may change it
 * until the meeting starts; those who run the meeting see how many will attend, are excused,
 * send an alternate or have not answered, and each member with their answer. Visitors and
 * readers outside the body see nothing here. At most two queries, whatever the body's size:
 * members with their answers (only the reader's own row for a plain member), and the alternates
 * the reader may send.
 */
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import type { Actor } from '../../kernel/policy.js';
import { Table } from '../../kernel/ui/components.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { Queryable } from '../../db/types.js';
import type { MandateRole } from '../bodies/tables.js';
import { alternatesFor, answeringClosed, mandateActiveOn, membershipDay, type AlternateOption, type AnswerRow } from './answers.js';
import { isMember, runsMeetings } from './policies.js';
import type { MeetingSection } from './sections.js';
import type { MeetingAccess } from './store.js';
import { ANSWERS, type Answer } from './tables.js';
import { AnswerForms, AnswerTag, CurrentAnswer } from './views/notice-answer.js';

/** A member of the body and their answer (null: none yet). */
export interface MemberAnswer {
  id: number;
  name: string;
  roles: MandateRole[];
  organisations: string[];
  answer: AnswerRow | null;
}

export interface AnswersData {
  /** Does the meeting take answers now (convened, not started)? */
  open: boolean;
  /** The reader's own row, when they sit in the body. */
  mine: MemberAnswer | null;
  /** Every member with their answer, for those who run the meeting (null for others). */
  members: MemberAnswer[] | null;
  /** Whom the reader may send in their place. */
  alternates: AlternateOption[];
}

/** Members of the body (on the meeting's day, or today before it) with their answers; `onlyPerson` narrows to one. One query. */
export async function membersWithAnswers(db: Queryable, access: MeetingAccess, onlyPerson: number | null): Promise<MemberAnswer[]> {
  const { meeting, body } = access;
  let query = db
    .selectFrom('mandates as md')
    .innerJoin('users as u', 'u.id', 'md.person_id')
    .leftJoin('organisations as o', 'o.id', 'md.organisation_id')
    .leftJoin('meeting_answers as a', (join) => join.onRef('a.person_id', '=', 'md.person_id').on('a.meeting_id', '=', meeting.id))
    .leftJoin('users as alt', 'alt.id', 'a.alternate_id')
    .select(['u.id', 'u.name', 'md.role', 'o.short_name', 'a.answer', 'a.alternate_id', 'alt.name as alternate_name', 'a.via', 'a.answered_at'])
    .where('md.body_id', '=', body.id)
    .where(mandateActiveOn(membershipDay(meeting)))
    .orderBy('u.name')
    .orderBy('u.id')
    .orderBy('md.id');
  if (onlyPerson !== null) query = query.where('md.person_id', '=', onlyPerson);
  const rows = await query.execute();
  const byPerson = new Map<number, MemberAnswer>();
  for (const row of rows) {
    const id = Number(row.id);
    let member = byPerson.get(id);
    if (!member) {
      member = {
        id,
        name: row.name,
        roles: [],
        organisations: [],
        answer:
          row.answer && row.via && row.answered_at
            ? {
                answer: row.answer,
                alternate_id: row.alternate_id === null ? null : Number(row.alternate_id),
                alternate_name: row.alternate_name,
                via: row.via,
                answered_at: new Date(row.answered_at),
              }
            : null,
      };
      byPerson.set(id, member);
    }
    if (!member.roles.includes(row.role)) member.roles.push(row.role);
    if (row.short_name && !member.organisations.includes(row.short_name)) member.organisations.push(row.short_name);
  }
  return [...byPerson.values()];
}

/** How many members gave each answer, and how many none. */
export function answerCounts(members: readonly MemberAnswer[]): Record<Answer | 'none', number> {
  const counts: Record<Answer | 'none', number> = { attending: 0, excused: 0, alternate: 0, none: 0 };
  for (const member of members) counts[member.answer?.answer ?? 'none'] += 1;
  return counts;
}

async function load(db: Queryable, access: MeetingAccess, actor: Actor | null): Promise<AnswersData | null> {
  if (!actor || access.meeting.state === 'draft') return null;
  const member = isMember(actor, access.resource);
  const runs = runsMeetings(actor, access.resource);
  if (!member && !runs) return null;
  const open = answeringClosed(access.meeting) === null;
  const rows = await membersWithAnswers(db, access, runs ? null : actor.id);
  const mine = rows.find((row) => row.id === actor.id) ?? null;
  const alternates = mine && open ? await alternatesFor(db, access.body.id, actor.id) : [];
  return { open, mine, members: runs ? rows : null, alternates };
}

function Summary({ ctx, members }: { ctx: ViewContext; members: MemberAnswer[] }) {
  const t = ctx.t;
  const counts = answerCounts(members);
  return (
    <>
      <h3>{t('meetings_notice.section.summary')}</h3>
      <ul class="answer-counts">
        {[...ANSWERS, 'none' as const].map((key) => (
          <li>{t(`meetings_notice.section.counts.${key}`, { count: counts[key] })}</li>
        ))}
      </ul>
      <Table
        ctx={ctx}
        caption={t('meetings_notice.section.members_caption', { count: members.length })}
        head={[t('meetings_notice.section.columns.person'), t('meetings_notice.section.columns.organisation'), t('meetings_notice.section.columns.role'), t('meetings_notice.section.columns.answer')]}
        rowHeaders
        rows={members.map((m) => [
          m.name,
          m.organisations.join(', ') || t('mandates.individual'),
          m.roles.map((role) => t(`mandates.roles.${role}`)).join(', '),
          <>
            <AnswerTag ctx={ctx} answer={m.answer?.answer ?? null} />
            {m.answer?.alternate_name ? ` ${t('meetings_notice.answer_page.alternate_named', { name: m.answer.alternate_name })}` : ''}
          </>,
        ])}
      />
    </>
  );
}

export const answersSection: MeetingSection<AnswersData | null> = {
  id: 'answers',
  order: 10,
  load,
  render: ({ ctx, access, data }) => {
    if (!data) return null;
    const t = ctx.t;
    const title = pickTranslation(access.meeting.title, ctx.locale).text;
    return (
      <section id="answers" class="meeting-section" aria-labelledby="answers-title">
        <h2 id="answers-title">{t('meetings_notice.section.title')}</h2>
        {data.mine ? (
          <>
            <h3>{t('meetings_notice.answer_page.your_answer')}</h3>
            <CurrentAnswer ctx={ctx} current={data.mine.answer ?? undefined} />
            {data.open ? (
              <AnswerForms ctx={ctx} action={ctx.href(`/meetings/${access.meeting.id}/answer`)} current={data.mine.answer ?? undefined} alternates={data.alternates} />
            ) : (
              <p>{t('meetings_notice.section.closed', { title })}</p>
            )}
          </>
        ) : null}
        {data.members ? <Summary ctx={ctx} members={data.members} /> : null}
      </section>
    );
  },
};
