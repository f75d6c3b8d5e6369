/**
 * The minutes (acta) of a held meeting: written as a draft (place, actual start and end, a
 * summary, the main points of deliberation per agenda item), circulated to the body's members
 * — who may object until a set date — and approved at the same or a later session of the body.
 * Approval freezes them: the whole acta is kept as stable JSON with its SHA-256, which goes into
 * the audit chain. Approved minutes never change; a correction is new minutes that name them.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, todayInSpace, translate, type Locale } from '../../kernel/i18n/index.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import type { Policy } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { absoluteUrl, findUsersByIds } from '../identity/index.js';
import { buildMinutesDocument, minutesHash } from './minutes-content.js';
import {
  bodyMemberIds, currentMinutes, insertMinutes, insertObjection, markApproved, markCirculated, meetingBrief, mirrorMinutesState, updateMinutesFields, type MinutesRow,
} from './minutes-store.js';
import { manageMeetings, objectToMinutes, type MeetingResource } from './policies.js';
import { meetingFor, type MeetingAccess, type MeetingRow } from './store.js';
import { addDays } from './time.js';

export const PLACE_MAX = 300;
export const SUMMARY_MAX = 20_000;
export const DELIBERATION_MAX = 20_000;
export const OBJECTION_MAX = 5_000;
/** Days members have to object when the secretary does not set a date. */
export const DEFAULT_OBJECTION_DAYS = 7;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const RFC3339_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/i;
/** An RFC 3339 date-time with its offset (the date itself is checked by Date). */
const isRfc3339 = (value: string) => value.length <= 40 && RFC3339_START.test(value) && RFC3339_OFFSET.test(value);
const ID = /^[1-9][0-9]{0,14}$/;

const idField = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(ID, 'meetings_minutes.errors.id')).transform(Number);

const instant = (message: string) =>
  z.preprocess((value) => (typeof value === 'string' && isRfc3339(value) ? new Date(value) : value), z.date({ error: message }).refine((d) => !Number.isNaN(d.getTime()), message));

/** A real calendar day `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const minutesInputSchema = z.object({
  meeting_id: idField,
  place: z.string({ error: 'meetings_minutes.errors.place_required' }).trim().min(1, 'meetings_minutes.errors.place_required').max(PLACE_MAX, 'meetings_minutes.errors.place_long'),
  started_at: instant('meetings_minutes.errors.started_at'),
  ended_at: instant('meetings_minutes.errors.ended_at'),
  summary: z.string({ error: 'meetings_minutes.errors.summary' }).max(SUMMARY_MAX, 'meetings_minutes.errors.summary_long').default(''),
  items: z
    .array(
      z.object({
        agenda_item_id: idField,
        deliberation: z.string({ error: 'meetings_minutes.errors.deliberation' }).max(DELIBERATION_MAX, 'meetings_minutes.errors.deliberation_long'),
      }),
      { error: 'meetings_minutes.errors.items' },
    )
    .max(1000, 'meetings_minutes.errors.items')
    .default([]),
});
export type MinutesInput = z.input<typeof minutesInputSchema>;

/** A meeting judged as a resource, and the meeting itself. */
type Loaded = MeetingAccess & MeetingResource;

/** The meeting, locked for this change, for someone the policy lets act on it (404/401/403 otherwise). */
async function loadMeeting(tx: CommandTx, meetingId: number, policy: Policy<MeetingResource>): Promise<Loaded> {
  const access = await meetingFor(tx.trx, tx.scope.actor, meetingId, policy, { forUpdate: true });
  return { ...access, public: access.resource.public };
}

/** Minutes exist only for a held meeting: a draft, convened or cancelled one is refused. */
export function minutesRefusal(meeting: Pick<MeetingRow, 'state'>): AppError | null {
  if (meeting.state === 'held') return null;
  return new AppError('invalid_transition', { messageKey: `meetings_minutes.errors.meeting_${meeting.state}` });
}

function visibility(access: MeetingAccess): 'public' | 'internal' {
  return access.body.rules.public ? 'public' : 'internal';
}

function changed(tx: CommandTx, access: MeetingAccess, minutesId: number, what: string): void {
  tx.emit({ type: `meetings.minutes_${what}`, tags: ['meetings'], payload: { meeting_id: access.meeting.id, minutes_id: minutesId } });
}

const frozen = () => new AppError('conflict', { messageKey: 'meetings_minutes.errors.approved_frozen' });
const none = () => new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.none' });

/**
 * Writes the draft: creates the meeting's minutes (a held meeting only), or replaces the text of
 * its open minutes (draft or circulated). Approved minutes are refused (409): a correction is
 * the way. The end must come after the start; deliberations only under this meeting's items.
 */
export const saveMinutes = defineCommand({
  name: 'meetings.minutes.save',
  input: minutesInputSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id, manageMeetings),
  run: async (tx, input, access): Promise<{ id: number; created: boolean }> => {
    const { locale, actor } = tx.scope;
    const current = await currentMinutes(tx.trx, access.meeting.id, { forUpdate: true });
    if (current?.state === 'approved') throw frozen();
    const refused = minutesRefusal(access.meeting);
    if (refused) throw refused;
    if (input.ended_at.getTime() <= input.started_at.getTime()) throw fieldError('ended_at', 'meetings_minutes.errors.end_before_start', locale);
    const itemIds = new Set(
      (await tx.trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', access.meeting.id).execute()).map((r) => Number(r.id)),
    );
    const deliberations: Record<string, string> = {};
    for (const item of input.items) {
      if (!itemIds.has(item.agenda_item_id)) throw fieldError('items', 'meetings_minutes.errors.unknown_item', locale, { id: item.agenda_item_id });
      const text = item.deliberation.trim();
      if (text !== '') deliberations[String(item.agenda_item_id)] = text;
    }
    const fields = { place: input.place, started_at: input.started_at, ended_at: input.ended_at, summary: input.summary.trim(), deliberations };
    const after = { ...fields, meeting_id: access.meeting.id };
    if (current) {
      await updateMinutesFields(tx.trx, current.id, fields);
      await tx.audit({
        action: 'meetings.minutes.save',
        subjectType: 'minutes',
        subjectId: current.id,
        before: { place: current.place, started_at: current.started_at, ended_at: current.ended_at, summary: current.summary, deliberations: current.deliberations },
        after,
        // The text of minutes not yet approved is the body's own business (members read it).
        visibility: 'internal',
      });
      changed(tx, access, current.id, 'saved');
      return { id: current.id, created: false };
    }
    const id = await insertMinutes(tx.trx, { ...fields, meeting_id: access.meeting.id, corrects_id: null, created_by: actor?.id ?? null });
    await mirrorMinutesState(tx.trx, access.meeting.id, 'draft');
    await tx.audit({ action: 'meetings.minutes.create', subjectType: 'minutes', subjectId: id, after, visibility: 'internal' });
    changed(tx, access, id, 'saved');
    return { id, created: true };
  },
});

export const circulateSchema = z.object({
  meeting_id: idField,
  objections_until: z
    .string({ error: 'meetings_minutes.errors.objections_until' })
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isCalendarDate(v), 'meetings_minutes.errors.objections_until'),
});

/** The e-mail that asks a member to read the circulated minutes, in their language. */
function circulationMail(locale: Locale, values: { name: string; meeting: string; body: string; until: string; link: string }) {
  const t = (key: string) => translate(locale, `meetings_minutes.emails.circulated.${key}`, { ...values, until: formatDate(locale, values.until, 'long') });
  return { subject: t('subject'), text: `${[t('greeting'), t('body'), t('signature')].join('\n\n')}\n` };
}

/**
 * Circulates the draft to the body's members: they may object until `objections_until` (by
 * default a week from today; never before today). Each member is e-mailed in their language,
 * through the outbox, with a link to the minutes and the date.
 */
export const circulateMinutes = defineCommand({
  name: 'meetings.minutes.circulate',
  input: circulateSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id, manageMeetings),
  run: async (tx, input, access): Promise<{ id: number; objections_until: string; mailed: number }> => {
    const { locale, services } = tx.scope;
    const current = await currentMinutes(tx.trx, access.meeting.id, { forUpdate: true });
    if (!current) throw none();
    if (current.state === 'approved') throw frozen();
    if (current.state === 'circulated') throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.already_circulated' });
    const today = todayInSpace();
    const until = input.objections_until ?? addDays(today, DEFAULT_OBJECTION_DAYS);
    if (until < today) throw fieldError('objections_until', 'meetings_minutes.errors.objections_until_past', locale);
    await markCirculated(tx.trx, current.id, until);
    await mirrorMinutesState(tx.trx, access.meeting.id, 'circulated');
    await tx.audit({ action: 'meetings.minutes.circulate', subjectType: 'minutes', subjectId: current.id, before: { state: 'draft' }, after: { state: 'circulated', objections_until: until }, visibility: visibility(access) });
    const people = await findUsersByIds(tx.trx, await bodyMemberIds(tx.trx, access.body.id, today));
    let mailed = 0;
    for (const person of [...people].sort((a, b) => Number(a.id) - Number(b.id))) {
      if (person.status !== 'active' || !person.email) continue;
      const to: Locale = person.locale === 'es' || person.locale === 'en' ? person.locale : 'ca';
      const mail = circulationMail(to, {
        name: person.name,
        meeting: pickTranslation(access.meeting.title, to).text,
        body: pickTranslation(access.body.name, to).text,
        until,
        link: absoluteUrl(services, to, `/meetings/${access.meeting.id}/minutes`),
      });
      await tx.mail({ to: person.email, toUserId: Number(person.id), locale: to, ...mail });
      mailed += 1;
    }
    changed(tx, access, current.id, 'circulated');
    return { id: current.id, objections_until: until, mailed };
  },
});

export const objectionSchema = z.object({
  meeting_id: idField,
  text: z.string({ error: 'meetings_minutes.errors.objection_required' }).trim().min(1, 'meetings_minutes.errors.objection_required').max(OBJECTION_MAX, 'meetings_minutes.errors.objection_long'),
});

/** Is the objection window of these minutes open today? */
export function objectionsOpen(minutes: Pick<MinutesRow, 'state' | 'objections_until'>, today = todayInSpace()): boolean {
  return minutes.state === 'circulated' && minutes.objections_until !== null && today <= minutes.objections_until;
}

/** A member's objection to circulated minutes, until their date (after it: 409). Seen by those who run the meetings. */
export const objectToCirculatedMinutes = defineCommand({
  name: 'meetings.minutes.object',
  input: objectionSchema,
  policy: objectToMinutes,
  load: (tx, input) => loadMeeting(tx, input.meeting_id, objectToMinutes),
  run: async (tx, input, access): Promise<{ id: number }> => {
    const { actor, locale } = tx.scope;
    if (!actor) throw new AppError('unauthenticated');
    const current = await currentMinutes(tx.trx, access.meeting.id);
    if (!current || current.state !== 'circulated') throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.not_circulated' });
    if (!objectionsOpen(current)) {
      throw new AppError('conflict', { messageKey: 'meetings_minutes.errors.objections_closed', params: { date: formatDate(locale, current.objections_until ?? todayInSpace(), 'long') } });
    }
    const id = await insertObjection(tx.trx, { minutes_id: current.id, person_id: actor.id, text: input.text });
    await tx.audit({ action: 'meetings.minutes.object', subjectType: 'minutes', subjectId: current.id, after: { objection_id: id, text: input.text }, visibility: 'internal' });
    changed(tx, access, current.id, 'objected');
    return { id };
  },
});

export const approveSchema = z.object({
  meeting_id: idField,
  approved_in: z.union([z.string(), z.number()], { error: 'meetings_minutes.errors.approved_in' }).transform(String).pipe(z.string().regex(ID, 'meetings_minutes.errors.approved_in')).transform(Number),
});

/**
 * Approves the minutes at a session of the same body: this meeting itself (its draft may be
 * read and approved at the end of the session), or a later one that is held or has started
 * (circulated minutes only). Freezes them: the acta as a document, its SHA-256, the approving
 * meeting and the time, and an audit entry carrying the hash.
 */
export const approveMinutes = defineCommand({
  name: 'meetings.minutes.approve',
  input: approveSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id, manageMeetings),
  run: async (tx, input, access): Promise<{ id: number; content_hash: string }> => {
    const { locale } = tx.scope;
    const { meeting } = access;
    const refused = minutesRefusal(meeting);
    if (refused) throw refused;
    const current = await currentMinutes(tx.trx, meeting.id, { forUpdate: true });
    if (!current) throw none();
    if (current.state === 'approved') throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.already_approved' });
    const approving = await meetingBrief(tx.trx, input.approved_in);
    if (!approving || approving.body_id !== access.body.id) throw fieldError('approved_in', 'meetings_minutes.errors.approved_in_other_body', locale);
    if (approving.id !== meeting.id) {
      if (new Date(approving.starts_at).getTime() <= new Date(meeting.starts_at).getTime()) throw fieldError('approved_in', 'meetings_minutes.errors.approved_in_earlier', locale);
      const started = approving.state === 'held' || (approving.state === 'convened' && new Date(approving.starts_at).getTime() <= Date.now());
      if (!started) throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.approved_in_not_held' });
      if (current.state === 'draft') throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.circulate_first' });
    }
    const content = await buildMinutesDocument(tx.trx, access, current);
    const contentHash = minutesHash(content);
    await markApproved(tx.trx, current.id, { approved_in: approving.id, content, content_hash: contentHash });
    await mirrorMinutesState(tx.trx, meeting.id, 'approved');
    await tx.audit({
      action: 'meetings.minutes.approve',
      subjectType: 'minutes',
      subjectId: current.id,
      before: { state: current.state },
      after: { state: 'approved', meeting_id: meeting.id, approved_in: approving.id, corrects_id: current.corrects_id, content_hash: contentHash },
      visibility: visibility(access),
    });
    changed(tx, access, current.id, 'approved');
    return { id: current.id, content_hash: contentHash };
  },
});

export const correctSchema = z.object({ meeting_id: idField });

/** Starts a correction of the approved minutes: new draft minutes naming them, starting from their text. */
export const correctMinutes = defineCommand({
  name: 'meetings.minutes.correct',
  input: correctSchema,
  policy: manageMeetings,
  load: (tx, input) => loadMeeting(tx, input.meeting_id, manageMeetings),
  run: async (tx, _input, access): Promise<{ id: number }> => {
    const current = await currentMinutes(tx.trx, access.meeting.id, { forUpdate: true });
    if (!current) throw none();
    if (current.state !== 'approved') throw new AppError('invalid_transition', { messageKey: 'meetings_minutes.errors.correct_only_approved' });
    const id = await insertMinutes(tx.trx, {
      meeting_id: access.meeting.id,
      corrects_id: current.id,
      place: current.place ?? '',
      started_at: current.started_at ?? access.meeting.starts_at,
      ended_at: current.ended_at ?? access.meeting.ends_at,
      summary: current.summary,
      deliberations: current.deliberations,
      created_by: tx.scope.actor?.id ?? null,
    });
    await mirrorMinutesState(tx.trx, access.meeting.id, 'draft');
    await tx.audit({ action: 'meetings.minutes.correct', subjectType: 'minutes', subjectId: id, after: { corrects_id: current.id, meeting_id: access.meeting.id }, visibility: visibility(access) });
    changed(tx, access, id, 'corrected');
    return { id };
  },
});
