/**
 * A meeting's attendance in the JSON API (tag `Meetings`): `GET /meetings/{id}/attendance` (who
 * attended and the quorum; whoever may see the meeting) and `PUT` (the whole set replaced; those
 * who run the body's meetings).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { publicAccess, signedIn } from '../../kernel/policy.js';
import { COLLEGES } from '../bodies/tables.js';
import { problemResponse } from '../api/index.js';
import { recordAttendance } from './attendance.js';
import { viewMeeting } from './policies.js';
import { loadMeetingAttendance, type MeetingAttendance } from './quorum.js';
import { idParam, meetingFor } from './store.js';
import { QUORUM_BASES } from './tables.js';

const valid = <T,>(c: AppContext, target: 'json' | 'param'): T => c.req.valid(target as never) as T;

const MeetingParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '12', description: "The meeting's id." }) });

const id = z.union([z.string(), z.number()]).openapi({ type: 'string', description: 'An id (a string of digits; a number is accepted too).', example: '7' });

const CollegeCountSchema = z.object({ present: z.number().int(), total: z.number().int() });

export const QuorumSchema = z
  .object({
    basis: z.enum(QUORUM_BASES).openapi({ description: '`members`: seated members present or represented; `organisations`: organisations with a seated member present or represented (a seat held without an organisation counts as one).' }),
    percent: z.number().int().openapi({ description: 'The share needed, in percent (the body\'s rule).', example: 50 }),
    present: z.number().int().openapi({ example: 23 }),
    total: z.number().int().openapi({ example: 40 }),
    share: z.number().int().openapi({ description: 'present / total in whole percent, rounded down.', example: 57 }),
    reached: z.boolean(),
    by_college: z
      .object(Object.fromEntries(COLLEGES.map((college) => [college, CollegeCountSchema])) as Record<(typeof COLLEGES)[number], typeof CollegeCountSchema>)
      .openapi({ description: 'Per college, in members whatever the basis: seated members present or represented / seated members.' }),
  })
  .openapi('Quorum');

export const AttendeeSchema = z
  .object({
    person_id: z.string().openapi({ example: '31' }),
    name: z.string().openapi({ example: 'Núria Vidal' }),
    organisation_id: z.string().nullable().openapi({ description: 'The organisation they represented; null for an individual.', example: '7' }),
    organisation: z.string().nullable().openapi({ example: 'Coop57' }),
    college: z.enum(COLLEGES),
    on_behalf_of: z.string().nullable().openapi({ description: 'The member they stood in for (an alternate), or null.' }),
    guest: z.boolean().openapi({ description: 'A guest: never counted for quorum.' }),
  })
  .openapi('Attendee');

export const AttendanceSchema = z
  .object({
    day: z.string().openapi({ format: 'date', description: "The day the body's composition is judged on: the meeting's date in Barcelona." }),
    items: z.array(AttendeeSchema),
    quorum: QuorumSchema,
  })
  .openapi('Attendance');

export const AttendanceInputSchema = z
  .object({
    items: z
      .array(
        z.object({
          person_id: id,
          organisation_id: id.nullish().openapi({ description: "Only for a guest (the organisation they come from); for anyone else, if given, it must be their seat's." }),
          on_behalf_of: id.nullish().openapi({ description: 'The seated member this person stood in for.' }),
          guest: z.boolean().optional().openapi({ description: 'A guest: any existing account; not counted.' }),
        }),
      )
      .openapi({ description: 'Everyone who attended: the set replaces the recorded one.' }),
  })
  .openapi('AttendanceInput');

export function presentAttendance(data: MeetingAttendance): z.infer<typeof AttendanceSchema> {
  return {
    day: data.day,
    items: data.attendees.map((row) => ({
      person_id: String(row.person_id),
      name: row.name,
      organisation_id: row.organisation_id === null ? null : String(row.organisation_id),
      organisation: row.organisation,
      college: row.college,
      on_behalf_of: row.on_behalf_of === null ? null : String(row.on_behalf_of),
      guest: row.guest,
    })),
    quorum: {
      basis: data.quorum.basis,
      percent: data.quorum.percent,
      present: data.quorum.present,
      total: data.quorum.total,
      share: data.quorum.share,
      reached: data.quorum.reached,
      by_college: data.quorum.by_college,
    },
  };
}

const readRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}/attendance',
  operationId: 'getMeetingAttendance',
  tags: ['Meetings'],
  summary: "A meeting's attendance and quorum",
  description: "Who attended, with the organisation they represented and on whose behalf; the quorum by the body's rules, and per college. Whoever may see the meeting.",
  request: { params: MeetingParam },
  responses: {
    200: { description: 'The attendance.', content: { 'application/json': { schema: AttendanceSchema } } },
    404: problemResponse('No such meeting, or it is not visible to the caller.'),
  },
});

const replaceRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/attendance',
  operationId: 'replaceMeetingAttendance',
  tags: ['Meetings'],
  summary: "Record a meeting's attendance",
  description:
    "Replaces the whole set. Each person must hold a mandate in the body on the meeting's day, or stand in for a seated member (`on_behalf_of`), or be a guest. Once a convened meeting has started, or when it is held; not once its minutes are approved.",
  security: [{ bearer: [] }],
  request: { params: MeetingParam, body: { required: true, content: { 'application/json': { schema: AttendanceInputSchema } } } },
  responses: {
    200: { description: 'The attendance as now recorded.', content: { 'application/json': { schema: AttendanceSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not run this body's meetings."),
    404: problemResponse('No such meeting, or it is not visible to the caller.'),
    409: problemResponse('A draft or cancelled meeting, one not started yet, or its minutes are approved.'),
    422: problemResponse('A row is not valid; `errors` names it (`items.2.person_id`).'),
  },
});

export const attendanceApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/meetings/{id}/attendance',
    policy: publicAccess,
    sample: { id: '999999' },
    openapi: readRoute,
    handler: async (c) => {
      const { id: ref } = valid<z.infer<typeof MeetingParam>>(c, 'param');
      const db = c.get('services').database.db;
      const access = await meetingFor(db, c.get('actor'), idParam(ref), viewMeeting);
      return c.json(presentAttendance(await loadMeetingAttendance(db, access.meeting, access.body.rules)), 200);
    },
  },
  {
    kind: 'api',
    method: 'PUT',
    path: '/meetings/{id}/attendance',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: replaceRoute,
    handler: async (c) => {
      const { id: ref } = valid<z.infer<typeof MeetingParam>>(c, 'param');
      const input = valid<z.infer<typeof AttendanceInputSchema>>(c, 'json');
      const data = await recordAttendance(scopeOf(c), { meeting_id: idParam(ref), items: input.items });
      return c.json(presentAttendance(data), 200);
    },
  },
];
