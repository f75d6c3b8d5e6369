/**
 * JSON shapes of the working groups' API: what a proposal, a transition, a join request and a
 * report look like going in and coming out. The commands validate the input again in full (with
 * messages in the caller's language); these schemas document it and catch wrong types early.
 */
import { z } from '@hono/zod-openapi';
import { COLLEGES, JOIN_REQUEST_STATES } from '../bodies/tables.js';
import { REPORT_KINDS } from './schema.js';

const TranslatableInput = z
  .object({
    ca: z.string().openapi({ example: 'Grup de treball de Comunicació' }),
    es: z.string().nullish().openapi({ example: 'Grupo de trabajo de Comunicación' }),
    en: z.string().nullish().openapi({ example: 'Communication working group' }),
  })
  .openapi('TranslatableInput', { description: 'A text in Catalan (required) and, optionally, Spanish and English.' });

const id = z.union([z.string(), z.number()]).openapi({ type: 'string', description: 'An id (a string of digits; a number is accepted too).', example: '7' });

export const ProposalInputSchema = z
  .object({
    name: TranslatableInput,
    purpose: TranslatableInput,
    charter: z
      .object({ objectives: TranslatableInput, method: TranslatableInput, cadence: TranslatableInput, deliverables: TranslatableInput })
      .openapi({ description: 'The initial terms of reference: every part required in Catalan.' }),
    sunset_on: z.string().openapi({ format: 'date', description: 'When the group ends: after today, at most 24 months ahead.', example: '2027-06-30' }),
    rules: z
      .object({ allowed_levels: z.array(z.number().int()).optional().openapi({ description: 'Organisation levels (1–4) whose people may join; default 1, 2 and 3.', example: [1, 2, 3] }) })
      .optional(),
    report_interval_days: z.number().int().optional().openapi({ description: 'Days between follow-up reports (7–366); default 90.', example: 90 }),
    organisation_id: id.nullish().openapi({ description: 'The organisation the proposer acts for; null or absent: as an individual.' }),
  })
  .openapi('WorkingGroupProposal');

export const TransitionInputSchema = z
  .object({
    to: z.enum(['active', 'declined', 'closing', 'closed']).openapi({
      description: '`active` approves a proposed group, `declined` declines it (the steering group, admins); `closing` moves an active group to closing (also its coordinators); `closed` closes a closing group once its final report exists.',
    }),
    reason: z.string().optional().openapi({ description: 'Why: required to decline and to move to closing.', example: 'Ha complert els objectius.' }),
  })
  .openapi('BodyTransition');

export const JoinRequestInputSchema = z
  .object({
    organisation_id: id.nullish().openapi({ description: 'The organisation the caller comes from (an entity of a level the group admits); null or absent: as an individual.' }),
    statement: z.string().optional().openapi({ description: 'A short profile statement (up to 1,000 characters); required as an individual.' }),
  })
  .openapi('JoinRequestInput');

export const JoinRequestSchema = z
  .object({
    id: z.string().openapi({ example: '15' }),
    body_id: z.string().openapi({ example: '4' }),
    person: z.object({ id: z.string(), name: z.string() }).openapi({ description: 'Who asks (public name only).' }),
    organisation: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'The organisation they come from; null for an individual.' }),
    statement: z.string().openapi({ description: 'Their profile statement (for the coordinators).' }),
    state: z.enum(JOIN_REQUEST_STATES),
    created_at: z.string().openapi({ format: 'date-time' }),
    decided_at: z.string().nullable().openapi({ format: 'date-time' }),
    decision_reason: z.string().nullable(),
    mandate_id: z.string().nullable().openapi({ description: 'The member mandate an accepted request created.' }),
  })
  .openapi('JoinRequest');

export const JoinRequestListSchema = z
  .object({ items: z.array(JoinRequestSchema), next_cursor: z.string().nullable() })
  .openapi('JoinRequestList');

export const JoinTransitionInputSchema = z
  .object({
    to: z.enum(['accepted', 'declined', 'withdrawn']).openapi({ description: '`accepted` and `declined`: the coordinators, the steering group, admins; `withdrawn`: the person who asked.' }),
    college: z.enum(COLLEGES).optional().openapi({ description: 'On accepting: `entity` for an organisation\'s person; `trajectory` (default), `non_articulated` or `expert` for an individual.' }),
    reason: z.string().optional().openapi({ description: 'Sent to the person with the answer.' }),
  })
  .openapi('JoinRequestTransition');

export const ReportInputSchema = z
  .object({
    kind: z.enum(REPORT_KINDS).optional().openapi({ description: '`final` only while the group is closing; default `periodic`.' }),
    period_start: z.string().openapi({ format: 'date', example: '2026-01-01' }),
    period_end: z.string().openapi({ format: 'date', description: 'Not after today.', example: '2026-03-31' }),
    progress: z.string().openapi({ description: 'What the group did in the period (required).' }),
    next_steps: z.string().optional(),
    blockers: z.string().optional(),
  })
  .openapi('ReportInput');

export const ReportSchema = z
  .object({
    id: z.string().openapi({ example: '31' }),
    body_id: z.string().openapi({ example: '4' }),
    kind: z.enum(REPORT_KINDS),
    period_start: z.string().openapi({ format: 'date' }),
    period_end: z.string().openapi({ format: 'date' }),
    progress: z.string(),
    next_steps: z.string(),
    blockers: z.string(),
    submitted_by: z.object({ id: z.string(), name: z.string() }).nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Report');

export const ReportListSchema = z.object({ items: z.array(ReportSchema), next_cursor: z.string().nullable() }).openapi('ReportList');

export const BodyRefParam = z.object({
  id: z.string().max(80).openapi({ param: { name: 'id', in: 'path' }, description: "The working group's id or slug.", example: 'comunicacio' }),
});

export const RecordIdParam = z.object({
  id: z.string().max(20).openapi({ param: { name: 'id', in: 'path' }, description: 'The record\'s id.', example: '15' }),
});

export const ReportRefParam = z.object({
  id: z.string().max(80).openapi({ param: { name: 'id', in: 'path' }, description: "The working group's id or slug.", example: 'comunicacio' }),
  report_id: z.string().max(20).openapi({ param: { name: 'report_id', in: 'path' }, description: "The report's id.", example: '31' }),
});

const limit = z.coerce
  .number({ error: 'workgroups.api.limit_invalid' })
  .int({ error: 'workgroups.api.limit_invalid' })
  .min(1, { error: 'workgroups.api.limit_invalid' })
  .max(100, { error: 'workgroups.api.limit_invalid' })
  .default(50)
  .openapi({ description: 'At most 100; 50 by default.', example: 50 });
const cursor = z.string().max(200, { error: 'workgroups.api.cursor_invalid' }).optional().openapi({ description: 'The `next_cursor` of the previous page.' });

export const JoinRequestQuery = z.object({
  state: z.enum(JOIN_REQUEST_STATES, { error: 'workgroups.api.state_invalid' }).optional().openapi({ description: 'Only requests in this state (e.g. `pending`).' }),
  limit,
  cursor,
});

export const ReportQuery = z.object({ limit, cursor });
