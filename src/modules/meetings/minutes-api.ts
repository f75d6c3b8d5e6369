/**
 * The minutes in the JSON API (tag `Meetings`): `GET|PUT /meetings/{id}/minutes` (the current
 * minutes; PUT writes the draft) and `POST /meetings/{id}/minutes/transitions` (`circulated`,
 * `approved`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { publicAccess, signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { readsOpenMinutes } from './minutes-access.js';
import { currentMinutes, type MinutesRow } from './minutes-store.js';
import { approveMinutes, circulateMinutes, saveMinutes } from './minutes.js';
import { viewMeeting } from './policies.js';
import { idParam, meetingFor } from './store.js';

const MeetingRefParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: "The meeting's id.", example: '12' }) });

export const MinutesSchema = z
  .object({
    id: z.string().openapi({ example: '3' }),
    meeting_id: z.string().openapi({ example: '12' }),
    state: z.enum(['draft', 'circulated', 'approved']).openapi({ description: '`draft` → `circulated` (members may object until `objections_until`) → `approved` (frozen).' }),
    corrects_id: z.string().nullable().openapi({ description: 'The approved minutes these correct, or null.' }),
    place: z.string().nullable(),
    started_at: z.string().nullable().openapi({ format: 'date-time', description: 'When the session actually started.' }),
    ended_at: z.string().nullable().openapi({ format: 'date-time', description: 'When it actually ended.' }),
    summary: z.string().openapi({ description: 'Opening and anything outside the items (markdown).' }),
    items: z
      .array(z.object({ agenda_item_id: z.string(), deliberation: z.string().openapi({ description: 'Main points of the deliberation (markdown).' }) }))
      .openapi({ description: 'The deliberation under each agenda item that has one.' }),
    objections_until: z.string().nullable().openapi({ format: 'date', description: 'Circulated minutes: members may object until this day.' }),
    approved_at: z.string().nullable().openapi({ format: 'date-time' }),
    approved_in: z.string().nullable().openapi({ description: 'The meeting whose session approved them.' }),
    content_hash: z.string().nullable().openapi({ description: 'Approved minutes: SHA-256 (hex) of the frozen acta as stable JSON (keys sorted).' }),
  })
  .openapi('Minutes');

const idInput = z.union([z.string(), z.number()]).openapi({ type: 'string', description: 'An id (a string of digits; a number is accepted too).', example: '7' });

export const MinutesInputSchema = z
  .object({
    place: z.string().openapi({ description: 'Where the session was held (up to 300 characters).', example: 'Can Batlló, Barcelona' }),
    started_at: z.string().openapi({ format: 'date-time', description: 'RFC 3339 with offset.', example: '2026-03-12T18:00:00+01:00' }),
    ended_at: z.string().openapi({ format: 'date-time', description: 'After `started_at`.', example: '2026-03-12T20:00:00+01:00' }),
    summary: z.string().optional().openapi({ description: 'Markdown; default empty.' }),
    items: z
      .array(z.object({ agenda_item_id: idInput, deliberation: z.string() }))
      .optional()
      .openapi({ description: "Deliberations per item of this meeting's agenda; an empty one is dropped." }),
  })
  .openapi('MinutesInput');

export const MinutesTransitionSchema = z
  .object({
    to: z.enum(['circulated', 'approved']),
    objections_until: z.string().optional().openapi({ format: 'date', description: '`circulated`: the last day to object (today or later); default a week from today.' }),
    approved_in: idInput.optional().openapi({ description: '`approved`: the approving meeting — this one, or a later meeting of the same body that is held or has started.' }),
  })
  .openapi('MinutesTransition');

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export function presentMinutes(minutes: MinutesRow): z.infer<typeof MinutesSchema> {
  return {
    id: String(minutes.id),
    meeting_id: String(minutes.meeting_id),
    state: minutes.state,
    corrects_id: minutes.corrects_id === null ? null : String(minutes.corrects_id),
    place: minutes.place,
    started_at: iso(minutes.started_at),
    ended_at: iso(minutes.ended_at),
    summary: minutes.summary,
    items: Object.entries(minutes.deliberations)
      .map(([agenda_item_id, deliberation]) => ({ agenda_item_id, deliberation }))
      .sort((a, b) => Number(a.agenda_item_id) - Number(b.agenda_item_id)),
    objections_until: minutes.objections_until,
    approved_at: iso(minutes.approved_at),
    approved_in: minutes.approved_in === null ? null : String(minutes.approved_in),
    content_hash: minutes.content_hash,
  };
}

const valid = <T>(c: AppContext, target: 'json' | 'param'): T => c.req.valid(target as never) as T;

/** The current minutes (`approvedOnly`: the last approved, for a reader outside the body), or 404. */
async function minutesResponse(c: AppContext, meetingId: number, approvedOnly = false) {
  const minutes = await currentMinutes(c.get('services').database.db, meetingId, { approvedOnly });
  if (!minutes) throw new AppError('not_found');
  return c.json(presentMinutes(minutes), 200);
}

const minutesResponseDoc = (description: string) => ({ description, content: { 'application/json': { schema: MinutesSchema } } });

const readRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes',
  operationId: 'getMeetingMinutes',
  tags: ['Meetings'],
  summary: "A meeting's minutes (acta)",
  description:
    "The current minutes: the open ones, or the last approved. Minutes not yet approved (draft, circulated) are read by the body's members and those who run its meetings; anyone else who may see the meeting reads the last approved minutes (404 until there are some).",
  request: { params: MeetingRefParam },
  responses: {
    200: minutesResponseDoc('The minutes.'),
    404: problemResponse('No such meeting (or not visible to the caller), or it has no minutes yet (no approved minutes, for a caller outside the body).'),
  },
});

const writeRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/minutes',
  operationId: 'putMeetingMinutes',
  tags: ['Meetings'],
  summary: 'Write the draft minutes',
  description: 'Creates the minutes of a held meeting as a draft, or replaces the text of its open (draft or circulated) minutes.',
  security: [{ bearer: [] }],
  request: { params: MeetingRefParam, body: { required: true, content: { 'application/json': { schema: MinutesInputSchema } } } },
  responses: {
    200: minutesResponseDoc('The minutes as written.'),
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not run this body's meetings."),
    404: problemResponse('No such meeting (or not visible to the caller).'),
    409: problemResponse('The meeting is not held, or the minutes are approved (start a correction on the minutes page).'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/minutes/transitions',
  operationId: 'transitionMeetingMinutes',
  tags: ['Meetings'],
  summary: 'Circulate or approve the minutes',
  description:
    '`circulated`: from draft; every member of the body is e-mailed and may object until `objections_until`. `approved`: names the approving meeting (`approved_in`); circulated minutes, or draft minutes approved in the same session; freezes the acta and records its SHA-256.',
  security: [{ bearer: [] }],
  request: { params: MeetingRefParam, body: { required: true, content: { 'application/json': { schema: MinutesTransitionSchema } } } },
  responses: {
    200: minutesResponseDoc('The minutes in their new state.'),
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not run this body's meetings."),
    404: problemResponse('No such meeting (or not visible to the caller).'),
    409: problemResponse('The move is not allowed from the current state (no minutes, already circulated or approved, the meeting or the approving meeting not held).'),
    422: problemResponse('A field is not valid (a date in the past, an approving meeting of another body or an earlier one).'),
  },
});

export const minutesApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/meetings/{id}/minutes',
    policy: publicAccess,
    sample: { id: '999999' },
    openapi: readRoute,
    handler: async (c) => {
      const { id } = valid<{ id: string }>(c, 'param');
      const access = await meetingFor(c.get('services').database.db, c.get('actor'), idParam(id), viewMeeting);
      return minutesResponse(c, access.meeting.id, !readsOpenMinutes(c.get('actor'), access.resource));
    },
  },
  {
    kind: 'api',
    method: 'PUT',
    path: '/meetings/{id}/minutes',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: writeRoute,
    handler: async (c) => {
      const { id } = valid<{ id: string }>(c, 'param');
      const input = valid<z.infer<typeof MinutesInputSchema>>(c, 'json');
      const meetingId = idParam(id);
      await saveMinutes(scopeOf(c), { ...input, meeting_id: meetingId });
      return minutesResponse(c, meetingId);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/meetings/{id}/minutes/transitions',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: transitionRoute,
    handler: async (c) => {
      const { id } = valid<{ id: string }>(c, 'param');
      const input = valid<z.infer<typeof MinutesTransitionSchema>>(c, 'json');
      const meetingId = idParam(id);
      if (input.to === 'circulated') await circulateMinutes(scopeOf(c), { meeting_id: meetingId, objections_until: input.objections_until });
      else await approveMinutes(scopeOf(c), { meeting_id: meetingId, approved_in: input.approved_in });
      return minutesResponse(c, meetingId);
    },
  },
];
