/**
 * Agreements (acords): what a body decided on an agenda item, recorded by whoever runs its
 * meetings once the meeting is under way (held, or convened and started) and editable until the
 * meeting's minutes are approved. Each has its text in up to three languages, its method
 * (consensus or vote) and, for a vote, the counts per option and per college — with each voter's
 * option only when the body's rules name votes. Numbered per body and year ("2026/7") under the
 * body's row lock. Action items may come with it (see action-items.ts). Audited; public when the
 * body's meetings are.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { todayInSpace, type Locale } from '../../kernel/i18n/index.js';
import { translatableSchema } from '../../kernel/i18n/translatable.js';
import { hasRole, type Actor } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import type { Standing } from '../bodies/index.js';
import { COLLEGES } from '../bodies/tables.js';
import {
  findAgendaItem,
  findAgreement,
  lockBodyForNumbering,
  nextAgreementNumber,
  ownersOfBody,
  personNames,
  searchTextOf,
  type AgreementVisibility,
  type BodyOwners,
} from './agreements-store.js';
import { manageMeetings } from './policies.js';
import { meetingFor, type MeetingAccess, type MeetingRow } from './store.js';
import { ACTION_STATES, AGREEMENT_METHODS, type VoteResult } from './tables.js';

export const AGREEMENT_TEXT_MAX = 10_000;
export const ACTION_TITLE_MAX = 300;
export const OPTION_LABEL_MAX = 200;
export const MAX_OPTIONS = 20;
export const MAX_COUNT = 100_000;

/** An id as a string of digits or a number. */
export const idSchema = z
  .union([z.string().regex(/^[1-9][0-9]{0,14}$/), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
  .transform((value) => Number(value));

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'meetings_agreements.errors.date')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value), 'meetings_agreements.errors.date');

const countSchema = z.number({ error: 'meetings_agreements.errors.count' }).int('meetings_agreements.errors.count').min(0, 'meetings_agreements.errors.count').max(MAX_COUNT, 'meetings_agreements.errors.count');

const byCollegeSchema = z
  .object(Object.fromEntries(COLLEGES.map((college) => [college, countSchema.optional()])) as Record<(typeof COLLEGES)[number], z.ZodOptional<typeof countSchema>>)
  .strict();

export const resultSchema = z.object({
  options: z
    .array(
      z.object({
        label: z.string().trim().min(1, 'meetings_agreements.errors.option_label').max(OPTION_LABEL_MAX),
        count: countSchema,
        by_college: byCollegeSchema.optional(),
      }),
    )
    .min(1, 'meetings_agreements.errors.options_required')
    .max(MAX_OPTIONS),
  named: z.array(z.object({ person_id: idSchema, option: z.number().int().min(0) })).max(2000).optional(),
});
export type ResultInput = z.output<typeof resultSchema>;

export const actionItemFields = {
  title: z.string().trim().min(1, 'meetings_agreements.errors.action_title').max(ACTION_TITLE_MAX),
  owner_person_id: idSchema.nullish(),
  owner_organisation_id: idSchema.nullish(),
  due_on: dateSchema,
};

/** Exactly one owner: a person or an organisation. */
function oneOwner(value: { owner_person_id?: number | null | undefined; owner_organisation_id?: number | null | undefined }, ctx: z.RefinementCtx): void {
  const person = value.owner_person_id != null;
  const organisation = value.owner_organisation_id != null;
  if (person === organisation) ctx.addIssue({ code: 'custom', path: ['owner'], message: 'meetings_agreements.errors.owner_one' });
}

export const actionItemSchema = z.object(actionItemFields).superRefine(oneOwner);
export type ActionItemInput = z.output<typeof actionItemSchema>;

const agreementFields = {
  text: translatableSchema(AGREEMENT_TEXT_MAX),
  method: z.enum(AGREEMENT_METHODS, 'meetings_agreements.errors.method'),
  result: resultSchema.nullish(),
};

export const recordAgreementSchema = z.object({
  agenda_item_id: idSchema,
  ...agreementFields,
  action_items: z.array(actionItemSchema).max(50).default([]),
});
export type RecordAgreementInput = z.input<typeof recordAgreementSchema>;

export const editAgreementSchema = z.object({ agreement_id: idSchema, ...agreementFields });

export { ACTION_STATES };

/** Which bodies' agreements this reader sees: all for administrators and the secretariat; else the public ones and those they sit in or run. */
export function visibilityFor(actor: Actor | null, standing: Standing): AgreementVisibility {
  if (actor && (hasRole(actor, 'admin') || standing.secretariat)) return { all: true };
  return { all: false, bodyIds: [...new Set([...standing.memberOf, ...standing.runsMeetingsOf])] };
}

/** The day a meeting's agreements are adopted on: its date on Barcelona's clock. */
export function adoptedOn(meeting: Pick<MeetingRow, 'starts_at'>): string {
  return todayInSpace(new Date(meeting.starts_at));
}

const conflict = (key: string) => new AppError('conflict', { messageKey: `meetings_agreements.errors.${key}` });

/** Why agreements cannot be recorded at this meeting now, or null: it must be held (or convened and started), its minutes not yet approved. */
export function recordingRefusal(meeting: Pick<MeetingRow, 'state' | 'starts_at' | 'minutes_state'>, now: Date = new Date()): AppError | null {
  if (meeting.minutes_state === 'approved') return conflict('minutes_approved');
  if (meeting.state === 'held') return null;
  if (meeting.state === 'convened' && new Date(meeting.starts_at).getTime() <= now.getTime()) return null;
  if (meeting.state === 'convened') return conflict('not_started');
  return conflict(`meeting_${meeting.state}`);
}

/** Why an agreement cannot be edited now, or null: until the minutes are approved. */
export function editRefusal(meeting: Pick<MeetingRow, 'minutes_state'>): AppError | null {
  return meeting.minutes_state === 'approved' ? conflict('minutes_approved') : null;
}

/** The audit trail's visibility for a body's meeting records. */
export function auditVisibility(access: Pick<MeetingAccess, 'body'>): 'public' | 'internal' {
  return access.body.rules.public ? 'public' : 'internal';
}

/**
 * The result as stored: null for a consensus; for a vote, the options with their counts (per
 * college only when given, and then adding up to the option's count) and the named votes with
 * each voter's name — refused when the body does not name votes.
 */
async function checkedResult(tx: CommandTx, access: MeetingAccess, method: string, result: ResultInput | null | undefined): Promise<VoteResult | null> {
  const locale = tx.scope.locale;
  if (method === 'consensus') return null;
  if (!result) throw fieldError('result', 'meetings_agreements.errors.result_required', locale);
  const options: VoteResult['options'] = result.options.map((option, index) => {
    const byCollege = Object.fromEntries(Object.entries(option.by_college ?? {}).filter(([, n]) => n !== undefined)) as Record<string, number>;
    const entries = Object.values(byCollege);
    if (entries.length > 0) {
      const sum = entries.reduce((a, b) => a + b, 0);
      if (sum !== option.count) throw fieldError(`result.options.${index}.count`, 'meetings_agreements.errors.college_sum', locale, { sum, count: option.count });
      return { label: option.label, count: option.count, by_college: byCollege };
    }
    return { label: option.label, count: option.count };
  });
  const named = result.named ?? [];
  if (named.length === 0) return { options };
  if (!access.body.rules.namedVotes) throw fieldError('result.named', 'meetings_agreements.errors.named_not_allowed', locale);
  const seen = new Set<number>();
  for (const [index, vote] of named.entries()) {
    if (vote.option >= options.length) throw fieldError(`result.named.${index}.option`, 'meetings_agreements.errors.named_option', locale);
    if (seen.has(vote.person_id)) throw fieldError(`result.named.${index}.person_id`, 'meetings_agreements.errors.named_twice', locale);
    seen.add(vote.person_id);
  }
  const names = await personNames(tx.trx, [...seen]);
  return {
    options,
    named: named.map((vote, index) => {
      const name = names.get(vote.person_id);
      if (name === undefined) throw fieldError(`result.named.${index}.person_id`, 'meetings_agreements.errors.named_unknown', locale);
      return { person_id: vote.person_id, name, option: vote.option };
    }),
  };
}

/** A 422 on `field` unless the owner (a person or an organisation) belongs to the body. */
export function checkOwner(owner: { owner_person_id?: number | null | undefined; owner_organisation_id?: number | null | undefined }, owners: BodyOwners, locale: Locale, field: string): void {
  if (owner.owner_person_id != null && !owners.people.has(owner.owner_person_id)) throw fieldError(field, 'meetings_agreements.errors.owner_outside_body', locale);
  if (owner.owner_organisation_id != null && !owners.organisations.has(owner.owner_organisation_id)) throw fieldError(field, 'meetings_agreements.errors.owner_outside_body', locale);
}

/** A 422 on `field` when the due date is before the meeting's date. */
export function checkDueDate(dueOn: string, meetingDate: string, locale: Locale, field: string): void {
  if (dueOn < meetingDate) throw fieldError(field, 'meetings_agreements.errors.due_before_meeting', locale, { date: meetingDate });
}

/** A refusal unless the action item's owner belongs to the body and its due date is not before the meeting. */
export function checkActionItem(item: Pick<ActionItemInput, 'owner_person_id' | 'owner_organisation_id' | 'due_on'>, owners: BodyOwners, meetingDate: string, locale: Locale, prefix: string): void {
  const field = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  checkOwner(item, owners, locale, field('owner'));
  checkDueDate(item.due_on, meetingDate, locale, field('due_on'));
}

/** Writes one action item of an agreement, audited. */
export async function insertActionItem(tx: CommandTx, access: MeetingAccess, agreementId: number, item: ActionItemInput): Promise<number> {
  const row = await tx.trx
    .insertInto('action_items')
    .values({
      agreement_id: agreementId,
      body_id: access.body.id,
      title: item.title,
      owner_person_id: item.owner_person_id ?? null,
      owner_organisation_id: item.owner_organisation_id ?? null,
      due_on: item.due_on,
      created_by: tx.scope.actor?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await tx.audit({
    action: 'meetings.action_items.add',
    subjectType: 'action_item',
    subjectId: id,
    after: { agreement_id: agreementId, title: item.title, owner_person_id: item.owner_person_id ?? null, owner_organisation_id: item.owner_organisation_id ?? null, due_on: item.due_on, state: 'open' },
    visibility: auditVisibility(access),
  });
  return id;
}

/** The meeting of an agenda item, for someone who runs its meetings (404 / 401 / 403 otherwise), locked. */
async function loadForItem(tx: CommandTx, agendaItemId: number): Promise<MeetingAccess & { agendaItemId: number }> {
  const item = await findAgendaItem(tx.trx, agendaItemId);
  if (!item) throw new AppError('not_found');
  const access = await meetingFor(tx.trx, tx.scope.actor, item.meeting_id, manageMeetings, { forUpdate: true });
  return { ...access, agendaItemId: item.id };
}

/**
 * Records an agreement on an agenda item, with its action items: the body's next number for the
 * meeting's year, adopted on the meeting's date. Refused (409) unless the meeting is held or has
 * started and its minutes are not approved; an action item owned by someone outside the body
 * (422) refuses the whole, and nothing is written.
 */
export const recordAgreement = defineCommand({
  name: 'meetings.agreements.record',
  input: recordAgreementSchema,
  policy: manageMeetings,
  load: async (tx, input) => {
    const access = await loadForItem(tx, input.agenda_item_id);
    return { ...access.resource, access };
  },
  run: async (tx, input, { access }): Promise<{ id: number; year: number; number: number }> => {
    const locale = tx.scope.locale;
    const refusal = recordingRefusal(access.meeting);
    if (refusal) throw refusal;
    const result = await checkedResult(tx, access, input.method, input.result);
    const adopted = adoptedOn(access.meeting);
    if (input.action_items.length > 0) {
      const owners = await ownersOfBody(tx.trx, access.body.id, todayInSpace());
      input.action_items.forEach((item, index) => checkActionItem(item, owners, adopted, locale, `action_items.${index}`));
    }
    const year = Number(adopted.slice(0, 4));
    await lockBodyForNumbering(tx.trx, access.body.id);
    const number = await nextAgreementNumber(tx.trx, access.body.id, year);
    const row = await tx.trx
      .insertInto('agreements')
      .values({
        body_id: access.body.id,
        meeting_id: access.meeting.id,
        agenda_item_id: input.agenda_item_id,
        year,
        number,
        text: JSON.stringify(input.text),
        search_text: searchTextOf(input.text),
        method: input.method,
        result: result === null ? null : JSON.stringify(result),
        adopted_on: adopted,
        created_by: tx.scope.actor?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await tx.audit({
      action: 'meetings.agreements.record',
      subjectType: 'agreement',
      subjectId: id,
      after: { body_id: access.body.id, meeting_id: access.meeting.id, agenda_item_id: input.agenda_item_id, year, number, text: input.text, method: input.method, result, adopted_on: adopted },
      visibility: auditVisibility(access),
    });
    for (const item of input.action_items) await insertActionItem(tx, access, id, item);
    tx.emit({ type: 'meetings.agreement_recorded', tags: ['meetings'], payload: { id, meeting_id: access.meeting.id, body_id: access.body.id } });
    return { id, year, number };
  },
});

/** Changes an agreement's text, method or result, until the meeting's minutes are approved. Its number and date stay. */
export const editAgreement = defineCommand({
  name: 'meetings.agreements.edit',
  input: editAgreementSchema,
  policy: manageMeetings,
  load: async (tx, input) => {
    const agreement = await findAgreement(tx.trx, input.agreement_id);
    if (!agreement) throw new AppError('not_found');
    const access = await meetingFor(tx.trx, tx.scope.actor, agreement.meeting_id, manageMeetings, { forUpdate: true });
    return { ...access.resource, access, agreement };
  },
  run: async (tx, input, { access, agreement }): Promise<{ id: number }> => {
    const refusal = editRefusal(access.meeting);
    if (refusal) throw refusal;
    const result = await checkedResult(tx, access, input.method, input.result);
    await tx.trx
      .updateTable('agreements')
      .set({ text: JSON.stringify(input.text), search_text: searchTextOf(input.text), method: input.method, result: result === null ? null : JSON.stringify(result), updated_at: new Date() })
      .where('id', '=', agreement.id)
      .execute();
    await tx.audit({
      action: 'meetings.agreements.edit',
      subjectType: 'agreement',
      subjectId: agreement.id,
      before: { text: agreement.text, method: agreement.method, result: agreement.result },
      after: { text: input.text, method: input.method, result },
      visibility: auditVisibility(access),
    });
    tx.emit({ type: 'meetings.agreement_edited', tags: ['meetings'], payload: { id: agreement.id, meeting_id: access.meeting.id, body_id: access.body.id } });
    return { id: agreement.id };
  },
});
