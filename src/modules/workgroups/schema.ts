/**
 * The inputs of a working group's life, as zod schemas shared by the forms and the API. Their
 * messages are catalog keys (`workgroups.errors.*`), translated into the request's language.
 * Rules that depend on today or on the stored group (the sunset window, the group's state) are
 * the commands' to check.
 */
import { z } from 'zod';
import { COLLEGES } from '../bodies/tables.js';
import { isoDateSchema } from './dates.js';

/** Organisation levels a working group may admit (1 organisation … 4 platform). */
export const LEVELS = [1, 2, 3, 4] as const;
/** Levels a new group admits unless its proposer says otherwise: working groups are open to levels 1, 2 and 3. */
export const DEFAULT_LEVELS = [1, 2, 3];
export const DEFAULT_REPORT_INTERVAL_DAYS = 90;
export const STATEMENT_MAX = 1000;
export const REASON_MAX = 2000;
export const REPORT_TEXT_MAX = 10_000;

/** Forms send '' for an empty box; the API may send null. Both mean "not given". */
const blankAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** A record id, from a form's string or the API's string or number. */
export const idSchema = z.coerce
  .number({ error: 'workgroups.errors.id_invalid' })
  .int({ error: 'workgroups.errors.id_invalid' })
  .positive({ error: 'workgroups.errors.id_invalid' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'workgroups.errors.id_invalid' });

/** Free text up to `max` characters, trimmed; `requiredKey` makes it required. */
function text(max: number, requiredKey?: string) {
  const base = z.string({ error: requiredKey ?? 'workgroups.errors.text_invalid' }).trim().max(max, { error: 'workgroups.errors.too_long' });
  return requiredKey ? base.min(1, { error: requiredKey }) : base;
}

/**
 * A translatable text `{ca, es, en}`: Catalan required (with `requiredKey`), Spanish and English
 * optional; an empty translation is left out, so pages fall back to Catalan.
 */
function translatable(max: number, requiredKey: string) {
  const optional = z.preprocess(blankAsUndefined, text(max).optional()).transform((value) => (value === '' ? undefined : value));
  return z.object(
    { ca: text(max, requiredKey), es: optional, en: optional },
    { error: requiredKey },
  );
}

/** Which levels a group admits: at least one of 1–4, each once, in order. */
const levelsSchema = z.preprocess(
  (value) => (value === undefined || value === null || value === '' ? undefined : Array.isArray(value) ? value : [value]),
  z
    .array(z.coerce.number({ error: 'workgroups.errors.levels_invalid' }).int({ error: 'workgroups.errors.levels_invalid' }).min(1, { error: 'workgroups.errors.levels_invalid' }).max(4, { error: 'workgroups.errors.levels_invalid' }), { error: 'workgroups.errors.levels_invalid' })
    .max(8, { error: 'workgroups.errors.levels_invalid' })
    .default(DEFAULT_LEVELS)
    .transform((levels) => [...new Set(levels)].sort())
    .refine((levels) => levels.length > 0, { error: 'workgroups.errors.levels_required' }),
);

/** The input of proposing a working group with its charter. */
export const proposalSchema = z.object({
  name: translatable(200, 'workgroups.errors.name_required'),
  purpose: translatable(2000, 'workgroups.errors.purpose_required'),
  charter: z.object(
    {
      objectives: translatable(5000, 'workgroups.errors.objectives_required'),
      method: translatable(5000, 'workgroups.errors.method_required'),
      cadence: translatable(2000, 'workgroups.errors.cadence_required'),
      deliverables: translatable(5000, 'workgroups.errors.deliverables_required'),
    },
    { error: 'workgroups.errors.charter_required' },
  ),
  sunset_on: isoDateSchema('workgroups.errors.sunset_invalid'),
  allowed_levels: levelsSchema,
  report_interval_days: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'workgroups.errors.interval_invalid' })
      .int({ error: 'workgroups.errors.interval_invalid' })
      .min(7, { error: 'workgroups.errors.interval_invalid' })
      .max(366, { error: 'workgroups.errors.interval_invalid' })
      .default(DEFAULT_REPORT_INTERVAL_DAYS),
  ),
  /** The organisation the proposer acts for; none: they propose as an individual. */
  organisation_id: z.preprocess(blankAsUndefined, idSchema.optional()).transform((value) => value ?? null),
});
export type ProposalInput = z.output<typeof proposalSchema>;

/** The steering group's decision on a proposal. */
export const decisionSchema = z
  .object({
    body_id: idSchema,
    decision: z.enum(['approve', 'decline'], { error: 'workgroups.errors.decision_required' }),
    reason: z.preprocess((value) => value ?? '', text(REASON_MAX)),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'decline' && input.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'workgroups.errors.decline_reason_required' });
  });

/** Asking to join a group, for an organisation or as an individual. */
export const joinSchema = z
  .object({
    body_id: idSchema,
    as: z.enum(['organisation', 'individual'], { error: 'workgroups.errors.join_as_required' }),
    organisation_id: z.preprocess(blankAsUndefined, idSchema.optional()),
    statement: z.preprocess((value) => value ?? '', text(STATEMENT_MAX)),
  })
  .superRefine((input, ctx) => {
    if (input.as === 'organisation' && input.organisation_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['organisation_id'], message: 'workgroups.errors.organisation_required' });
    }
    if (input.as === 'individual' && input.statement === '') {
      ctx.addIssue({ code: 'custom', path: ['statement'], message: 'workgroups.errors.statement_required' });
    }
  })
  .transform((input) => ({ ...input, organisation_id: input.as === 'organisation' ? (input.organisation_id ?? null) : null }));

/** Colleges an accepted person may sit in: an organisation's people sit as `entity`, individuals in the others. */
export const INDIVIDUAL_COLLEGES = COLLEGES.filter((college) => college !== 'entity' && college !== 'council');

/** Accepting or declining a join request. */
export const joinDecisionSchema = z.object({
  request_id: idSchema,
  decision: z.enum(['accept', 'decline'], { error: 'workgroups.errors.decision_required' }),
  college: z.preprocess(blankAsUndefined, z.enum(COLLEGES, { error: 'workgroups.errors.college_invalid' }).optional()),
  reason: z.preprocess((value) => value ?? '', text(REASON_MAX)),
});

/** Withdrawing one's own pending request. */
export const withdrawSchema = z.object({ request_id: idSchema });

/** Extending a group's sunset date (a recorded decision). */
export const extendSchema = z.object({
  body_id: idSchema,
  sunset_on: isoDateSchema('workgroups.errors.sunset_invalid'),
  reason: z.preprocess((value) => value ?? '', text(REASON_MAX, 'workgroups.errors.extend_reason_required')),
});

/** Moving a group to closing (reason required) or closing it (reason optional). */
export const closeSchema = z.object({
  body_id: idSchema,
  reason: z.preprocess((value) => value ?? '', text(REASON_MAX)),
});

export const REPORT_KINDS = ['periodic', 'final'] as const;

/** A follow-up report for the steering group. */
export const reportSchema = z
  .object({
    body_id: idSchema,
    kind: z.preprocess(blankAsUndefined, z.enum(REPORT_KINDS, { error: 'workgroups.errors.report_kind_invalid' }).default('periodic')),
    period_start: isoDateSchema('workgroups.errors.period_start_invalid'),
    period_end: isoDateSchema('workgroups.errors.period_end_invalid'),
    progress: z.preprocess((value) => value ?? '', text(REPORT_TEXT_MAX, 'workgroups.errors.progress_required')),
    next_steps: z.preprocess((value) => value ?? '', text(REPORT_TEXT_MAX)),
    blockers: z.preprocess((value) => value ?? '', text(REPORT_TEXT_MAX)),
  })
  .superRefine((input, ctx) => {
    if (input.period_end < input.period_start) ctx.addIssue({ code: 'custom', path: ['period_end'], message: 'workgroups.errors.period_end_before_start' });
  });
