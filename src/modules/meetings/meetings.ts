/**
 * A body's meetings as records: creating one (a draft), editing it, and moving it along —
 * `draft` → `convened` (the notice goes out; with less notice than the body's rules ask, only
 * with a stated urgency), `convened` → `held` (once it has started), `draft`|`convened` →
 * `cancelled` (with a reason; those convened are told). Every write is audited, public when
 * the body's meetings are.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, translate, type Locale } from '../../kernel/i18n/index.js';
import { translatableSchema, type Translatable } from '../../kernel/i18n/translatable.js';
import { allows, authorize, type Actor, type Policy } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { standingOf } from '../bodies/index.js';
import { countAgendaItems } from './agenda-store.js';
import { sendNotices } from './notices.js';
import { manageMeetings, viewMeeting, type MeetingResource } from './policies.js';
import { meetingRules, type MeetingRules } from './rules.js';
import { findMeeting, ID, meetingFor, meetingResource, type MeetingAccess, type MeetingRow } from './store.js';
import { MEETING_FORMATS, MEETING_KINDS, type MeetingFormat, type MeetingKind, type MeetingState } from './tables.js';
import { instantInSpace } from './time.js';

export const MEETING_TITLE_MAX = 200;
export const MEETING_DESCRIPTION_MAX = 20_000;
export const PLACE_MAX = 300;
export const URL_MAX = 500;
export const REASON_MAX = 2000;

/** Is `value` an RFC 3339 date-time with an offset (or Z), e.g. `2026-03-12T18:00:00+01:00`? What the API takes. */
export function isRfc3339(value: string): boolean {
  const head = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/i.exec(value);
  const tail = /(?:Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!head || !tail || tail.index < head[0].length) return false;
  const seconds = value.slice(head[0].length, tail.index);
  return (seconds === '' || /^:\d{2}$/.test(seconds) || /^:\d{2}\.\d{1,9}$/.test(seconds)) && !Number.isNaN(new Date(value).getTime());
}

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .nullish()
    .transform((value) => (value ? value : null));

const idField = z.union([z.number().int().positive(), z.string().regex(ID)]).transform(Number);

/**
 * The fields of a meeting, as a page's form or the API sends them: the time either as a date
 * and two times on Barcelona's clock (`date`, `start_time`, `end_time`, a form) or as two
 * RFC 3339 instants (`starts_at`, `ends_at`, the API). Errors land on the fields sent.
 */
const meetingFieldsSchema = z.object({
  title: translatableSchema(MEETING_TITLE_MAX),
  kind: z.enum(MEETING_KINDS, { error: 'meetings.errors.kind' }).default('ordinary'),
  format: z.enum(MEETING_FORMATS, { error: 'meetings.errors.format' }),
  place: optionalText(PLACE_MAX, 'meetings.errors.place_too_long'),
  online_url: optionalText(URL_MAX, 'meetings.errors.url_too_long'),
  description: z.string().max(MEETING_DESCRIPTION_MAX, { error: 'meetings.errors.description_too_long' }).default(''),
  date: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  starts_at: z.string().optional(),
  ends_at: z.string().optional(),
});

type MeetingFields = z.output<typeof meetingFieldsSchema>;

/** The meeting's start and end, or the issues that say why not (on the fields sent). */
function resolveTimes(input: MeetingFields): { starts: Date; ends: Date } | Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (input.starts_at !== undefined || input.ends_at !== undefined) {
    const parse = (value: string | undefined, path: string): Date | null => {
      if (!value || !isRfc3339(value)) {
        issues.push({ path, message: 'meetings.errors.instant' });
        return null;
      }
      const instant = new Date(value);
      if (instant.getUTCFullYear() < 2000 || instant.getUTCFullYear() > 2999) {
        issues.push({ path, message: 'meetings.errors.instant' });
        return null;
      }
      return instant;
    };
    const starts = parse(input.starts_at, 'starts_at');
    const ends = parse(input.ends_at, 'ends_at');
    if (starts && ends && ends.getTime() <= starts.getTime()) issues.push({ path: 'ends_at', message: 'meetings.errors.end_before_start' });
    return issues.length > 0 || !starts || !ends ? issues : { starts, ends };
  }
  const date = (input.date ?? '').trim();
  const startTime = (input.start_time ?? '').trim();
  const endTime = (input.end_time ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < '2000-01-01' || date > '2999-12-31' || instantInSpace(date, '12:00') === null) issues.push({ path: 'date', message: 'meetings.errors.date' });
  if (!/^\d{2}:\d{2}$/.test(startTime)) issues.push({ path: 'start_time', message: 'meetings.errors.time' });
  if (!/^\d{2}:\d{2}$/.test(endTime)) issues.push({ path: 'end_time', message: 'meetings.errors.time' });
  if (issues.length > 0) return issues;
  const starts = instantInSpace(date, startTime);
  const ends = instantInSpace(date, endTime);
  if (!starts) issues.push({ path: 'start_time', message: 'meetings.errors.time_skipped' });
  if (!ends) issues.push({ path: 'end_time', message: 'meetings.errors.time_skipped' });
  if (starts && ends && ends.getTime() <= starts.getTime()) issues.push({ path: 'end_time', message: 'meetings.errors.end_before_start' });
  return issues.length > 0 || !starts || !ends ? issues : { starts, ends };
}

/** The meeting's fields, checked: the place and link the format needs, an end after the start. */
export const meetingInputSchema = meetingFieldsSchema.transform((input, ctx) => {
  if (input.format !== 'online' && !input.place) ctx.issues.push({ code: 'custom', input: input.place, path: ['place'], message: 'meetings.errors.place_required' });
  if (input.format !== 'in_person' && !input.online_url) ctx.issues.push({ code: 'custom', input: input.online_url, path: ['online_url'], message: 'meetings.errors.url_required' });
  if (input.online_url && !isWebAddress(input.online_url)) ctx.issues.push({ code: 'custom', input: input.online_url, path: ['online_url'], message: 'meetings.errors.url_invalid' });
  const times = resolveTimes(input);
  if (Array.isArray(times)) {
    for (const issue of times) ctx.issues.push({ code: 'custom', input: '', path: [issue.path], message: issue.message });
    return z.NEVER;
  }
  return {
    title: input.title as Translatable,
    kind: input.kind,
    format: input.format,
    // A place or link the format does not use is not kept.
    place: input.format === 'online' ? null : input.place,
    online_url: input.format === 'in_person' ? null : input.online_url,
    description: input.description.trim(),
    starts_at: times.starts,
    ends_at: times.ends,
  };
});

export type MeetingInput = z.output<typeof meetingInputSchema>;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The audit's visibility for a body's meetings. */
const auditVisibility = (rules: MeetingRules): 'public' | 'internal' => (rules.public ? 'public' : 'internal');

/** What the audit keeps of a meeting. */
function auditView(meeting: Pick<MeetingRow, 'title' | 'kind' | 'format' | 'place' | 'online_url' | 'starts_at' | 'ends_at' | 'state'>) {
  return {
    title: meeting.title,
    kind: meeting.kind,
    format: meeting.format,
    place: meeting.place,
    online_url: meeting.online_url,
    starts_at: new Date(meeting.starts_at).toISOString(),
    ends_at: new Date(meeting.ends_at).toISOString(),
    state: meeting.state,
  };
}

/** What a meeting command judges: the meeting's policy resource, and the meeting with its body. */
type LoadedMeeting = MeetingResource & { access: MeetingAccess };

/**
 * The meeting, locked, for a command that changes it: 404 when the actor may not see it (a
 * draft included, for who does not run the body's meetings); the command's policy then
 * answers 401/403.
 */
export async function loadMeetingForChange(tx: CommandTx, meetingId: number): Promise<LoadedMeeting> {
  const access = await meetingFor(tx.trx, tx.scope.actor, meetingId, viewMeeting, { forUpdate: true });
  if (access.meeting.state === 'draft' && !allows(manageMeetings, tx.scope.actor, access.resource)) throw new AppError('not_found');
  return { ...access.resource, access };
}
const loadMeeting = loadMeetingForChange;

/** The body a new meeting is for, with its rules, judged for the actor: 422 on `body_id` when there is none. */
async function loadBodyFor(db: Queryable, actor: Actor | null, bodyId: number, locale: CommandTx['scope']['locale']) {
  const body = await db.selectFrom('bodies').selectAll().where('id', '=', bodyId).executeTakeFirst();
  if (!body) throw fieldError('body_id', 'meetings.errors.body_unknown', locale);
  const rules = meetingRules(body);
  const standing = await standingOf(db, actor?.id ?? null);
  return { resource: meetingResource(standing, { id: Number(body.id), rules }), body: { ...body, id: Number(body.id) }, rules };
}

/** Creating a meeting: the input above and the body it is for. */
export const createMeetingSchema = z.object({ body_id: idField }).and(meetingInputSchema);

/** A new meeting, a draft of the body's: who runs the body's meetings. The body must not be closed or declined. */
export const createMeeting = defineCommand({
  name: 'meetings.create',
  input: createMeetingSchema,
  policy: manageMeetings,
  load: async (tx, input) => {
    const loaded = await loadBodyFor(tx.trx, tx.scope.actor, input.body_id, tx.scope.locale);
    return { ...loaded.resource, loaded };
  },
  run: async (tx, input, { loaded }): Promise<number> => {
    const { body, rules } = loaded;
    if (body.state === 'closed' || body.state === 'declined') throw new AppError('conflict', { messageKey: `meetings.errors.body_${body.state}` });
    const row = await tx.trx
      .insertInto('meetings')
      .values({ body_id: body.id, ...meetingColumns(input), created_by: tx.scope.actor?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await tx.audit({ action: 'meetings.create', subjectType: 'meeting', subjectId: id, after: { body_id: body.id, ...auditView({ ...input, state: 'draft' }) }, visibility: auditVisibility(rules) });
    tx.emit({ type: 'meetings.created', tags: ['meetings'], payload: { id, body_id: body.id } });
    return id;
  },
});

/** The meeting's columns its form or API input sets (on creation and on each change). */
function meetingColumns(input: z.infer<typeof meetingInputSchema>) {
  return {
    title: JSON.stringify(input.title),
    kind: input.kind,
    format: input.format,
    place: input.place,
    online_url: input.online_url,
    description: input.description,
    starts_at: input.starts_at,
    ends_at: input.ends_at,
  };
}

/** States in which a meeting's details and agenda may still change. */
export const EDITABLE_STATES: ReadonlySet<MeetingState> = new Set(['draft', 'convened']);

/** The refusal for changing a meeting that is held or cancelled, or null. */
export function editRefusal(meeting: Pick<MeetingRow, 'state'>): AppError | null {
  return EDITABLE_STATES.has(meeting.state) ? null : new AppError('invalid_transition', { messageKey: `meetings.errors.edit_${meeting.state}` });
}

export const editMeetingSchema = z.object({ meeting_id: idField }).and(meetingInputSchema);

/**
 * Changes a draft or convened meeting. On a convened meeting, a new time, place, format or link
 * raises its `sequence` (calendars update the event) and tells the members again.
 */
export const editMeeting = defineCommand({
  name: 'meetings.edit',
  input: editMeetingSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<void> => {
    const { meeting, body } = access;
    const refused = editRefusal(meeting);
    if (refused) throw refused;
    const startChanged = new Date(meeting.starts_at).getTime() !== input.starts_at.getTime();
    const whenOrWhereChanged =
      startChanged || new Date(meeting.ends_at).getTime() !== input.ends_at.getTime() || meeting.place !== input.place || meeting.online_url !== input.online_url || meeting.format !== input.format;
    const renotify = meeting.state === 'convened' && whenOrWhereChanged;
    await tx.trx
      .updateTable('meetings')
      .set((eb) => ({
        ...meetingColumns(input),
        updated_at: new Date(),
        ...(renotify ? { sequence: eb('sequence', '+', 1) } : {}),
        ...(startChanged ? { reminded_for: null } : {}),
      }))
      .where('id', '=', meeting.id)
      .execute();
    await tx.audit({
      action: 'meetings.edit',
      subjectType: 'meeting',
      subjectId: meeting.id,
      before: auditView(meeting),
      after: auditView({ ...input, state: meeting.state }),
      visibility: auditVisibility(body.rules),
    });
    if (renotify) await sendNotices(tx, meeting.id, 'updated');
    tx.emit({ type: 'meetings.updated', tags: ['meetings'], payload: { id: meeting.id, body_id: body.id } });
  },
});

export const TRANSITION_TARGETS = ['convened', 'held', 'cancelled'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

/** Where a meeting may go from each state. */
const ALLOWED: Record<MeetingState, readonly TransitionTarget[]> = {
  draft: ['convened', 'cancelled'],
  convened: ['held', 'cancelled'],
  held: [],
  cancelled: [],
};

/** The 409 for a move a meeting's state does not allow, in `locale`'s words. */
export function moveRefusal(state: MeetingState, to: TransitionTarget, locale: Locale): AppError {
  return new AppError('invalid_transition', {
    messageKey: 'meetings.errors.move_refused',
    params: { state: translate(locale, `meetings.states.${state}`), to: translate(locale, `meetings.targets.${to}`) },
  });
}

/** May a meeting in `state` move to `to`? */
export function canMove(state: MeetingState, to: TransitionTarget): boolean {
  return ALLOWED[state].includes(to);
}

export const transitionSchema = z.object({
  meeting_id: idField,
  to: z.enum(TRANSITION_TARGETS, { error: 'meetings.errors.transition_target' }),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, { error: 'meetings.errors.reason_too_long' })
    .nullish()
    .transform((value) => value ?? ''),
});

const DAY_MS = 24 * 3600_000;

/** Does a meeting starting at `startsAt` give less notice, from `now`, than the rules ask? */
export function isShortNotice(startsAt: Date, rules: Pick<MeetingRules, 'noticeDays'>, now: Date = new Date()): boolean {
  return startsAt.getTime() - now.getTime() < rules.noticeDays * DAY_MS;
}

/**
 * Moves a meeting along. Convening needs an agenda, a start still ahead, and — with less notice
 * than the body's rules ask — a stated urgency (`reason`, shown on the notice and the page).
 * Marking it held needs it to have started. Cancelling needs a reason, raises the `sequence`
 * and, when it had been convened, tells the members. 409 from a state that does not allow it.
 */
export const transitionMeeting = defineCommand({
  name: 'meetings.transition',
  input: transitionSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<MeetingState> => {
    const { meeting, body } = access;
    const { locale } = tx.scope;
    if (!canMove(meeting.state, input.to)) {
      throw moveRefusal(meeting.state, input.to, locale);
    }
    const now = new Date();
    const startsAt = new Date(meeting.starts_at);
    const visibility = auditVisibility(body.rules);
    if (input.to === 'convened') {
      if ((await countAgendaItems(tx.trx, meeting.id)) === 0) throw new AppError('conflict', { messageKey: 'meetings.errors.agenda_empty' });
      if (startsAt.getTime() <= now.getTime()) throw new AppError('conflict', { messageKey: 'meetings.errors.convene_past' });
      const short = isShortNotice(startsAt, body.rules, now);
      if (short && input.reason === '') {
        throw fieldError('reason', 'meetings.errors.urgency_required', locale, { days: body.rules.noticeDays, date: formatDate(locale, new Date(now.getTime() + body.rules.noticeDays * DAY_MS), 'short') });
      }
      const urgency = short ? input.reason : null;
      await tx.trx.updateTable('meetings').set({ state: 'convened', convened_at: now, urgency_reason: urgency, updated_at: now }).where('id', '=', meeting.id).execute();
      await tx.audit({ action: 'meetings.convene', subjectType: 'meeting', subjectId: meeting.id, before: { state: meeting.state }, after: { state: 'convened', urgency_reason: urgency }, visibility });
      await sendNotices(tx, meeting.id, 'convened');
    } else if (input.to === 'held') {
      if (startsAt.getTime() > now.getTime()) throw new AppError('conflict', { messageKey: 'meetings.errors.held_not_started' });
      await tx.trx.updateTable('meetings').set({ state: 'held', updated_at: now }).where('id', '=', meeting.id).execute();
      await tx.audit({ action: 'meetings.held', subjectType: 'meeting', subjectId: meeting.id, before: { state: meeting.state }, after: { state: 'held' }, visibility });
    } else {
      if (input.reason === '') throw fieldError('reason', 'meetings.errors.cancel_reason_required', locale);
      await tx.trx
        .updateTable('meetings')
        .set((eb) => ({ state: 'cancelled', cancel_reason: input.reason, cancelled_at: now, updated_at: now, sequence: eb('sequence', '+', 1) }))
        .where('id', '=', meeting.id)
        .execute();
      await tx.audit({ action: 'meetings.cancel', subjectType: 'meeting', subjectId: meeting.id, before: { state: meeting.state }, after: { state: 'cancelled', cancel_reason: input.reason }, visibility });
      if (meeting.state === 'convened') await sendNotices(tx, meeting.id, 'cancelled');
    }
    tx.emit({ type: `meetings.${input.to}`, tags: ['meetings'], payload: { id: meeting.id, body_id: body.id } });
    return input.to;
  },
});

/**
 * The meeting `id` names for a reader the policy lets act on it, as `meetingFor` judges it, and
 * a draft only for who runs the body's meetings (404 for anyone else: a draft is not announced).
 */
export async function meetingForReader(db: Queryable, actor: Actor | null, id: number, policy: Policy<MeetingResource>): Promise<MeetingAccess> {
  const access = await meetingFor(db, actor, id, viewMeeting);
  if (access.meeting.state === 'draft' && !allows(manageMeetings, actor, access.resource)) throw new AppError('not_found');
  authorize(policy, actor, access.resource);
  return access;
}

/** The meeting as it is now (after a command), for the page or the API. */
export async function reloadMeeting(db: Queryable, id: number): Promise<MeetingRow> {
  const found = await findMeeting(db, id);
  if (!found) throw new AppError('not_found');
  return found.meeting;
}

export type { MeetingFormat, MeetingKind };
