/**
 * Members' answers to a notice: attending, excused, or sending their alternate (optionally
 * naming which one: someone with an `alternate` mandate in the same body for the same
 * organisation). One answer per member and meeting, changed as often as they like until the
 * meeting starts; refused once it has started, is held or cancelled.
 *
 * Answers come three ways: the site (a signed-in member), the API, and the one-click link of the
 * notice e-mail. That link carries a signed token — meeting, person and the meeting's start when
 * it was written, under HMAC with the app's secret — so nothing is stored for it; it works
 * without signing in, and what is done through it is audited as the person it was sent to. It
 * serves until the meeting's *current* start: a meeting moved later keeps the first e-mail's links
 * working; once the meeting has started, is held or cancelled, they are refused like any answer.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { appendAudit } from '../../kernel/audit/index.js';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { safeEqual, sign } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { publicAccess } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { answerNotice, type MeetingResource } from './policies.js';
import { findMeeting, meetingFor, type MeetingAccess, type MeetingRow, type MeetingWithBody } from './store.js';
import { ANSWERS, type Answer } from './tables.js';

// ---------------------------------------------------------------------------------------------
// The signed link

/** Why an answer cannot be given (the link's page says so in words, with a status to match). */
export const ANSWER_PROBLEMS = ['forged', 'gone', 'draft', 'started', 'held', 'cancelled', 'not_member'] as const;
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number];

const PROBLEM_PREFIX = 'meetings_notice.problems.';

/** HTTP status of each problem: an unknown link 404, a meeting past answering 409. */
export const ANSWER_PROBLEM_STATUS: Record<AnswerProblem, 404 | 409> = {
  forged: 404,
  gone: 404,
  draft: 409,
  started: 409,
  held: 409,
  cancelled: 409,
  not_member: 409,
};

/** The error for an answer that cannot be given. */
export function answerProblem(reason: AnswerProblem): AppError {
  const code = reason === 'forged' || reason === 'gone' ? 'not_found' : 'conflict';
  return new AppError(code, { messageKey: `${PROBLEM_PREFIX}${reason}` });
}

/** The reason behind an error thrown by `answerProblem`, or null. */
export function answerProblemOf(error: unknown): AnswerProblem | null {
  if (!(error instanceof AppError) || !error.messageKey.startsWith(PROBLEM_PREFIX)) return null;
  const reason = error.messageKey.slice(PROBLEM_PREFIX.length);
  return (ANSWER_PROBLEMS as readonly string[]).includes(reason) ? (reason as AnswerProblem) : null;
}

/** What a genuine answer link says. */
export interface AnswerTicket {
  meetingId: number;
  personId: number;
  /** The meeting's start when the link was written (it may have moved since: the meeting's current start decides). */
  writtenFor: Date;
}

const TOKEN = /^([1-9][0-9]{0,14})\.([1-9][0-9]{0,14})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

const signed = (secret: string, body: string) => sign(secret, `meeting-answer|${body}`);

/**
 * The token of the answer link for this person and meeting, written for the meeting's start
 * `startsAt`. It serves until the meeting's current start (see `openAnswerLink`), not this one.
 */
export function answerToken(secret: string, meetingId: number, personId: number, startsAt: Date): string {
  const body = `${meetingId}.${personId}.${Math.floor(startsAt.getTime() / 1000)}`;
  return `${body}.${signed(secret, body)}`;
}

/** The ticket a token carries; `forged` when it is not one we signed. */
export function readAnswerToken(secret: string, token: string): AnswerTicket {
  const match = TOKEN.exec(token);
  if (!match) throw answerProblem('forged');
  const [, meeting, person, startsAt, signature] = match;
  if (!safeEqual(signed(secret, `${meeting}.${person}.${startsAt}`), signature ?? '')) throw answerProblem('forged');
  return { meetingId: Number(meeting), personId: Number(person), writtenFor: new Date(Number(startsAt) * 1000) };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Why the meeting takes no answers now, or null: only a convened meeting that has not started. */
export function answeringClosed(meeting: Pick<MeetingRow, 'state' | 'starts_at'>, now: Date = new Date()): AnswerProblem | null {
  if (meeting.state === 'cancelled') return 'cancelled';
  if (meeting.state === 'held') return 'held';
  if (meeting.state === 'draft') return 'draft';
  if (new Date(meeting.starts_at).getTime() <= now.getTime()) return 'started';
  return null;
}

/** A person's answer to a meeting's notice. */
export interface AnswerRow {
  answer: Answer;
  alternate_id: number | null;
  alternate_name: string | null;
  via: 'site' | 'link' | 'api';
  answered_at: Date;
}

/** The person's answer to the meeting, or undefined; one query. */
export async function findAnswer(db: Queryable, meetingId: number, personId: number): Promise<AnswerRow | undefined> {
  const row = await db
    .selectFrom('meeting_answers as a')
    .leftJoin('users as alt', 'alt.id', 'a.alternate_id')
    .select(['a.answer', 'a.alternate_id', 'alt.name as alternate_name', 'a.via', 'a.answered_at'])
    .where('a.meeting_id', '=', meetingId)
    .where('a.person_id', '=', personId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, alternate_id: row.alternate_id === null ? null : Number(row.alternate_id), answered_at: new Date(row.answered_at) };
}

/** The day whose mandates decide who sits in a meeting's body: today, or the meeting's day once it is past. */
export function membershipDay(meeting: Pick<MeetingRow, 'starts_at'>, now: Date = new Date()): string {
  const today = todayInSpace(now);
  const day = todayInSpace(new Date(meeting.starts_at));
  return day < today ? day : today;
}

/** Mandates active on `day` (the table aliased `md`). */
export const mandateActiveOn = (day: string) => sql<boolean>`md.starts_on <= ${day}::date AND (md.ends_on IS NULL OR md.ends_on > ${day}::date)`;

/** Does the person hold an active mandate (any role) in the body on `day`? One query. */
export async function sitsInBody(db: Queryable, bodyId: number, personId: number, day: string = todayInSpace()): Promise<boolean> {
  const row = await db
    .selectFrom('mandates as md')
    .select('md.id')
    .where('md.body_id', '=', bodyId)
    .where('md.person_id', '=', personId)
    .where(mandateActiveOn(day))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Someone a member may send in their place. */
export interface AlternateOption {
  id: number;
  name: string;
}

/**
 * Whom the person may send: people with an active `alternate` mandate in the body for an
 * organisation the person represents there (not the person themselves). One query.
 */
export async function alternatesFor(db: Queryable, bodyId: number, personId: number, day: string = todayInSpace()): Promise<AlternateOption[]> {
  const rows = await db
    .selectFrom('mandates as alt')
    .innerJoin('mandates as md', (join) => join.onRef('md.body_id', '=', 'alt.body_id').onRef('md.organisation_id', '=', 'alt.organisation_id'))
    .innerJoin('users as u', 'u.id', 'alt.person_id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('alt.body_id', '=', bodyId)
    .where('alt.role', '=', 'alternate')
    .where('alt.person_id', '<>', personId)
    .where(sql<boolean>`alt.starts_on <= ${day}::date AND (alt.ends_on IS NULL OR alt.ends_on > ${day}::date)`)
    .where('md.person_id', '=', personId)
    .where('md.role', '<>', 'alternate')
    .where(mandateActiveOn(day))
    .where('u.status', '=', 'active')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name }));
}

// ---------------------------------------------------------------------------------------------
// Writing

const optionalId = z.preprocess(
  (value) => (value === '' || value === null || value === undefined ? undefined : value),
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
);

export const answerSchema = z.object({
  answer: z.enum(ANSWERS),
  alternate_id: optionalId,
});
export type AnswerInput = z.output<typeof answerSchema>;

/** What was recorded. */
export interface RecordedAnswer {
  meeting_id: number;
  person_id: number;
  answer: Answer;
  alternate_id: number | null;
  via: 'site' | 'link' | 'api';
  answered_at: Date;
}

/**
 * Records the answer, inside the command's transaction, once the meeting (locked) is known to
 * take answers and the person to sit in its body: an alternate named must be one the person may
 * send. Audited (internal): by the signed-in person, or as the link's holder.
 */
async function saveAnswer(
  tx: CommandTx,
  found: MeetingWithBody,
  person: { id: number; name: string },
  input: AnswerInput,
  via: RecordedAnswer['via'],
): Promise<RecordedAnswer> {
  const { meeting, body } = found;
  const closed = answeringClosed(meeting);
  if (closed) throw answerProblem(closed);
  let alternateId: number | null = null;
  if (input.answer === 'alternate' && input.alternate_id !== undefined) {
    const options = await alternatesFor(tx.trx, body.id, person.id);
    if (!options.some((option) => option.id === input.alternate_id)) throw fieldError('alternate_id', 'meetings_notice.errors.alternate_unknown', tx.scope.locale);
    alternateId = input.alternate_id;
  }
  const before = await findAnswer(tx.trx, meeting.id, person.id);
  const answeredAt = new Date();
  await tx.trx
    .insertInto('meeting_answers')
    .values({ meeting_id: meeting.id, person_id: person.id, answer: input.answer, alternate_id: alternateId, via, answered_at: answeredAt })
    .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doUpdateSet({ answer: input.answer, alternate_id: alternateId, via, answered_at: answeredAt }))
    .execute();
  const entry = {
    action: 'meetings.answer',
    subjectType: 'meeting',
    subjectId: meeting.id,
    before: before ? { answer: before.answer, alternate_id: before.alternate_id } : null,
    after: { person_id: person.id, answer: input.answer, alternate_id: alternateId, via },
  };
  if (via === 'link') await appendAudit(tx.trx, entry, { actorId: person.id, actorName: person.name, requestId: tx.scope.requestId });
  else await tx.audit(entry);
  tx.emit({ type: 'meetings.answered', tags: ['meetings'], payload: { meeting_id: meeting.id, person_id: person.id } });
  return { meeting_id: meeting.id, person_id: person.id, answer: input.answer, alternate_id: alternateId, via, answered_at: answeredAt };
}

type MemberResource = MeetingResource & { access: MeetingAccess };

/** A signed-in member answers (the site or the API): 404 when they may not see the meeting, 403 when they do not sit in its body, 409 after the start. */
export const answerAsMember = defineCommand({
  name: 'meetings.answer',
  input: answerSchema.extend({ meeting_id: z.number().int().positive(), via: z.enum(['site', 'api']) }),
  policy: answerNotice,
  load: async (tx, input): Promise<MemberResource> => {
    const access = await meetingFor(tx.trx, tx.scope.actor, input.meeting_id, answerNotice, { forUpdate: true });
    return { ...access.resource, access };
  },
  run: async (tx, input, { access }) => {
    const actor = tx.scope.actor;
    if (!actor) throw new AppError('unauthenticated');
    return saveAnswer(tx, access, { id: actor.id, name: actor.name }, input, input.via);
  },
});

/** What an answer link opens on: the meeting, the person it was sent to, and their answer so far. */
export interface AnswerLinkTarget extends MeetingWithBody {
  ticket: AnswerTicket;
  person: { id: number; name: string };
}

/**
 * The meeting and person behind a token, if an answer can still be given through it: until the
 * meeting's current start, whatever start the link was written for. Throws an answer problem
 * otherwise (forged, meeting gone, not taking answers — started, held, cancelled — no longer a member).
 */
export async function openAnswerLink(db: Queryable, secret: string, token: string, options: { forUpdate?: boolean } = {}): Promise<AnswerLinkTarget> {
  const ticket = readAnswerToken(secret, token);
  const found = await findMeeting(db, ticket.meetingId, options);
  if (!found) throw answerProblem('gone');
  const closed = answeringClosed(found.meeting);
  if (closed) throw answerProblem(closed);
  const person = await db.selectFrom('users').select(['id', 'name', 'status']).where('id', '=', ticket.personId).executeTakeFirst();
  if (!person || person.status !== 'active' || !(await sitsInBody(db, found.body.id, ticket.personId))) throw answerProblem('not_member');
  return { ...found, ticket, person: { id: Number(person.id), name: person.name } };
}

/** Answers through the e-mailed link, without signing in; audited as the person it was sent to. */
export const answerByLink = defineCommand({
  name: 'meetings.answer_by_link',
  input: answerSchema.extend({ token: z.string().max(200) }),
  policy: publicAccess,
  run: async (tx, input) => {
    const target = await openAnswerLink(tx.trx, tx.scope.services.secret, input.token, { forUpdate: true });
    return saveAnswer(tx, target, target.person, input, 'link');
  },
});
