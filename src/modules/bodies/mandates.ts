/**
 * Mandates: who sits in which body, on whose behalf, in which college and role, from when until
 * when. Adding one checks every rule of the body (seats per representative entity, allowed
 * colleges and levels, one seat per person); ending one sets the first day it no longer holds.
 * Mandates are never deleted: the history of who sat where is public record. The SQL is in
 * mandates-store.ts.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { formatDate, translate } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { SEATLESS_ROLES } from './composition.js';
import { spaceToday, standingOf } from './membership.js';
import { lockMandateBody, type MandateBody } from './mandates-store.js';
import { manageMandates, type MandatesResource } from './policies.js';
import { COLLEGES, MANDATE_ROLES, type BodyState, type College, type MandateRole } from './tables.js';

export { listMandates, findMandate, type MandateView, type MandateBody } from './mandates-store.js';

/** What adding a mandate needs; `organisation_id` is null for people sitting as individuals. */
export interface MandateInput {
  person_id: number;
  organisation_id: number | null;
  college: College;
  role: MandateRole;
  starts_on: string;
  ends_on?: string | null;
}


/** Colleges whose members sit for an organisation; the others sit as individuals. */
const COLLEGES_WITH_ORGANISATION: ReadonlySet<College> = new Set<College>(['council', 'entity']);
/** Bodies that take new mandates: a proposed, declined or closed body has no one to add. */
const STATES_TAKING_MANDATES: ReadonlySet<BodyState> = new Set<BodyState>(['active', 'closing']);

/** Do [aStart, aEnd) and [bStart, bEnd) share a day? A null end is open. */
function overlaps(aStart: string, aEnd: string | null, bStart: string, bEnd: string | null): boolean {
  return (bEnd === null || aStart < bEnd) && (aEnd === null || bStart < aEnd);
}

/**
 * Of the `held` mandates overlapping [start, end), the largest set holding seats on one same
 * day. The busiest day of a period is always a day on which one of them (or the period) starts.
 */
function busiestSeats<T extends { starts_on: string; ends_on: string | null }>(held: readonly T[], start: string, end: string | null): T[] {
  let busiest: T[] = [];
  for (const day of [start, ...held.map((m) => m.starts_on)]) {
    if (day < start || (end !== null && day >= end)) continue;
    const sitting = held.filter((m) => m.starts_on <= day && (m.ends_on === null || day < m.ends_on));
    if (sitting.length > busiest.length) busiest = sitting;
  }
  return busiest;
}

/** "A, B i C" in the request's language. */
function listNames(locale: 'ca' | 'es' | 'en', names: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}

/**
 * Adds a mandate inside an open command transaction after checking every rule; audits it and
 * emits the change; returns the new id. Locks the body row first, so two concurrent additions
 * cannot both take the last seat. The caller has already authorized the actor. Used by
 * `addMandate` and by the working groups (accepting a join request, coordinators adding members).
 */
export async function addMandateInTx(tx: CommandTx, body: { id: number }, input: MandateInput): Promise<number> {
  const { locale } = tx.scope;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const locked = await lockMandateBody(tx.trx, body.id);
  if (!locked) throw new AppError('not_found');
  const bodyName = pickTranslation(locked.name, locale).text;
  if (!STATES_TAKING_MANDATES.has(locked.state)) {
    throw new AppError('conflict', {
      messageKey: 'mandates.errors.body_not_open',
      params: { body: bodyName, state: t(`mandates.body_states.${locked.state}`) },
    });
  }
  const endsOn = input.ends_on ?? null;
  if (endsOn !== null && endsOn <= input.starts_on) throw fieldError('ends_on', 'mandates.errors.end_before_start', locale);

  const person = await tx.trx.selectFrom('users').select(['id', 'name', 'status']).where('id', '=', input.person_id).executeTakeFirst();
  if (!person || person.status === 'deleted') throw fieldError('person_id', 'mandates.errors.person_unknown', locale);
  if (person.status !== 'active') throw fieldError('person_id', 'mandates.errors.person_disabled', locale, { person: person.name });

  if (locked.allowed_colleges.length > 0 && !locked.allowed_colleges.includes(input.college)) {
    throw fieldError('college', 'mandates.errors.college_not_allowed', locale, {
      body: bodyName,
      college: t(`mandates.colleges.${input.college}`),
    });
  }

  const needsOrganisation = COLLEGES_WITH_ORGANISATION.has(input.college);
  if (needsOrganisation && input.organisation_id === null) {
    throw fieldError('organisation_id', `mandates.errors.organisation_required_${input.college}`, locale);
  }
  if (!needsOrganisation && input.organisation_id !== null) {
    throw fieldError('organisation_id', 'mandates.errors.individual_has_no_organisation', locale, { college: t(`mandates.colleges.${input.college}`) });
  }

  let organisation: { id: number; short_name: string; kind: string; level: number | null; representative_since: string | null } | undefined;
  if (input.organisation_id !== null) {
    organisation = await tx.trx
      .selectFrom('organisations')
      .select(['id', 'short_name', 'kind', 'level', 'representative_since'])
      .where('id', '=', input.organisation_id)
      .executeTakeFirst();
    if (!organisation) throw fieldError('organisation_id', 'mandates.errors.organisation_unknown', locale);
    if (input.college === 'council' && organisation.kind !== 'administration') {
      throw fieldError('organisation_id', 'mandates.errors.council_needs_council_unit', locale, { organisation: organisation.short_name });
    }
    if (input.college === 'entity' && organisation.kind !== 'entity') {
      throw fieldError('organisation_id', 'mandates.errors.entity_needs_entity', locale, { organisation: organisation.short_name });
    }
    if (organisation.level !== null && locked.allowed_levels.length > 0 && !locked.allowed_levels.includes(Number(organisation.level))) {
      throw fieldError('organisation_id', 'mandates.errors.level_not_allowed', locale, {
        organisation: organisation.short_name,
        level: Number(organisation.level),
        body: bodyName,
        levels: listNames(locale, locked.allowed_levels.map(String)),
      });
    }
  }

  // Everything the person and the organisation already hold in this body, for the two
  // remaining rules; a body has tens of mandates, so reading them is cheap.
  const held = await tx.trx
    .selectFrom('mandates as m')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .select(['m.id', 'm.person_id', 'm.organisation_id', 'm.role', 'm.starts_on', 'm.ends_on', 'u.name as person_name'])
    .where('m.body_id', '=', locked.id)
    .where((eb) => {
      const mine = eb('m.person_id', '=', person.id);
      return input.organisation_id === null ? mine : eb.or([mine, eb('m.organisation_id', '=', input.organisation_id)]);
    })
    .execute();

  const own = held.find((m) => Number(m.person_id) === Number(person.id) && overlaps(m.starts_on, m.ends_on, input.starts_on, endsOn));
  if (own) {
    throw new AppError('conflict', {
      messageKey: 'mandates.errors.already_sits',
      params: { person: person.name, body: bodyName, since: formatDate(locale, own.starts_on) },
    });
  }

  if (locked.seats_per_entity !== null && input.college === 'entity' && organisation) {
    const since = organisation.representative_since;
    if (since === null || since > input.starts_on) {
      throw new AppError('conflict', {
        messageKey: 'mandates.errors.not_representative',
        params: { organisation: organisation.short_name, body: bodyName },
      });
    }
    if (!SEATLESS_ROLES.has(input.role)) {
      const seated = held.filter(
        (m) => m.organisation_id !== null && Number(m.organisation_id) === Number(organisation.id) && !SEATLESS_ROLES.has(m.role) &&
          overlaps(m.starts_on, m.ends_on, input.starts_on, endsOn),
      );
      const holders = busiestSeats(seated, input.starts_on, endsOn);
      if (holders.length >= locked.seats_per_entity) {
        throw new AppError('conflict', {
          messageKey: 'mandates.errors.seats_full',
          params: {
            body: bodyName,
            count: locked.seats_per_entity,
            organisation: organisation.short_name,
            holders: listNames(locale, holders.map((m) => m.person_name)),
          },
        });
      }
    }
  }

  const inserted = await tx.trx
    .insertInto('mandates')
    .values({
      body_id: locked.id,
      person_id: person.id,
      organisation_id: input.organisation_id,
      college: input.college,
      role: input.role,
      starts_on: input.starts_on,
      ends_on: endsOn,
      created_by: tx.scope.actor?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  await tx.audit({
    action: 'bodies.mandate.add',
    subjectType: 'mandate',
    subjectId: id,
    after: { body_id: locked.id, person_id: person.id, organisation_id: input.organisation_id, college: input.college, role: input.role, starts_on: input.starts_on, ends_on: endsOn },
    visibility: 'public',
  });
  tx.emit({ type: 'bodies.mandate_added', tags: ['bodies', 'mandates', 'people', 'organisations'], payload: { id, body_id: locked.id, person_id: person.id } });
  return id;
}

/** `YYYY-MM-DD`, a real calendar day. */
export const isoDate = z
  .string({ error: 'mandates.errors.date_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'mandates.errors.date_invalid' })
  .refine((value) => {
    // Years the database and people can both mean: PostgreSQL has no year 0.
    const year = Number(value.slice(0, 4));
    const date = new Date(`${value}T00:00:00Z`);
    return year >= 1900 && year <= 2999 && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, { error: 'mandates.errors.date_invalid' });

const id = z.coerce.number({ error: 'mandates.errors.id_invalid' }).int().positive().max(Number.MAX_SAFE_INTEGER);

/** The input of adding a mandate, shared by the form and the API. */
export const addMandateSchema = z.object({
  body_id: id,
  person_id: z.coerce.number({ error: 'mandates.errors.person_required' }).int({ error: 'mandates.errors.person_required' })
    .positive({ error: 'mandates.errors.person_required' }).max(Number.MAX_SAFE_INTEGER, { error: 'mandates.errors.person_required' }),
  organisation_id: id.nullable().default(null),
  college: z.enum(COLLEGES, { error: 'mandates.errors.college_required' }),
  role: z.enum(MANDATE_ROLES, { error: 'mandates.errors.role_required' }),
  starts_on: isoDate,
  ends_on: isoDate.nullable().default(null),
});

async function loadMandatesResource(tx: CommandTx, bodyId: number): Promise<MandatesResource & { body: MandateBody }> {
  const body = await lockMandateBody(tx.trx, bodyId);
  if (!body) throw new AppError('not_found');
  return { standing: await standingOf(tx.trx, tx.scope.actor?.id ?? null), body };
}

/** Adds a mandate to a body: the secretariat (any body) or a working group's coordinators. */
export const addMandate = defineCommand({
  name: 'bodies.mandate.add',
  input: addMandateSchema,
  policy: manageMandates,
  load: (tx, input) => loadMandatesResource(tx, input.body_id),
  run: (tx, input, { body }) => addMandateInTx(tx, body, input),
});

/** The input of ending a mandate: the first day it no longer holds, and why (optional). */
export const endMandateSchema = z.object({
  mandate_id: id,
  ends_on: isoDate,
  end_reason: z.string().trim().max(500, { error: 'mandates.errors.reason_too_long' }).nullable().default(null)
    .transform((value) => (value === '' ? null : value)),
});

/**
 * Ends a mandate on `ends_on` (the first day it no longer holds), possibly a day ahead. A mandate
 * that has already ended stays as it is; a planned end can only come earlier, never later
 * (a later end would take a seat the rules never checked).
 */
export const endMandate = defineCommand({
  name: 'bodies.mandate.end',
  input: endMandateSchema,
  policy: manageMandates,
  load: async (tx, input) => {
    const found = await tx.trx.selectFrom('mandates').select('body_id').where('id', '=', input.mandate_id).executeTakeFirst();
    if (!found) throw new AppError('not_found');
    return loadMandatesResource(tx, Number(found.body_id));
  },
  run: async (tx, input, { body }) => {
    const { locale } = tx.scope;
    const mandate = await tx.trx
      .selectFrom('mandates')
      .select(['id', 'starts_on', 'ends_on', 'end_reason'])
      .where('id', '=', input.mandate_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (mandate.ends_on !== null && mandate.ends_on <= spaceToday()) {
      throw new AppError('conflict', { messageKey: 'mandates.errors.already_ended', params: { ends_on: formatDate(locale, mandate.ends_on) } });
    }
    if (input.ends_on <= mandate.starts_on) throw fieldError('ends_on', 'mandates.errors.end_before_start', locale);
    if (mandate.ends_on !== null && input.ends_on > mandate.ends_on) {
      throw fieldError('ends_on', 'mandates.errors.end_only_earlier', locale, { ends_on: formatDate(locale, mandate.ends_on) });
    }
    await tx.trx
      .updateTable('mandates')
      .set({ ends_on: input.ends_on, end_reason: input.end_reason, updated_at: new Date() })
      .where('id', '=', mandate.id)
      .execute();
    await tx.audit({
      action: 'bodies.mandate.end',
      subjectType: 'mandate',
      subjectId: mandate.id,
      before: { ends_on: mandate.ends_on, end_reason: mandate.end_reason },
      after: { ends_on: input.ends_on, end_reason: input.end_reason },
      visibility: 'public',
    });
    tx.emit({ type: 'bodies.mandate_ended', tags: ['bodies', 'mandates', 'people', 'organisations'], payload: { id: mandate.id, body_id: body.id } });
    return Number(mandate.id);
  },
});
