/**
 * Meetings in the JSON API (tag `Meetings`): `GET|POST /meetings`, `GET|PATCH /meetings/{id}`,
 * `POST /meetings/{id}/transitions`, `GET|POST /meetings/{id}/agenda-items`,
 * `GET|PATCH /agenda-items/{id}`. Callers see what they would see on the pages: a body's
 * meetings when they are public or the caller sits in the body; drafts only who runs them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { wallClockInSpace } from '../../kernel/i18n/index.js';
import { allows, publicAccess, signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { findBody, standingOf } from '../bodies/index.js';
import { addAgendaItem, editAgendaItem } from './agenda.js';
import { findAgendaItem, loadAgenda, type AgendaItem } from './agenda-store.js';
import { createMeeting, editMeeting, isRfc3339, meetingForReader, transitionMeeting, TRANSITION_TARGETS } from './meetings.js';
import { meetingsForApi, type MeetingListItem } from './meetings-list.js';
import { manageMeetings, viewMeeting } from './policies.js';
import { idParam, type MeetingAccess } from './store.js';
import { AGENDA_KINDS, MEETING_FORMATS, MEETING_KINDS, MEETING_STATES, MINUTES_STATES } from './tables.js';
import { instantInSpace } from './time.js';
import { fieldError } from '../../kernel/validation.js';

// --- Schemas ---------------------------------------------------------------------------------

const Translatable = z
  .object({ ca: z.string(), es: z.string().optional(), en: z.string().optional() })
  .openapi('MeetingText', { description: 'A text in Catalan (required on write) and, optionally, Spanish and English.' });

const instant = z.string().openapi({ format: 'date-time', description: 'RFC 3339 with an offset, e.g. `2026-03-12T18:00:00+01:00`.', example: '2026-03-12T18:00:00+01:00' });
const idString = z.union([z.string(), z.number()]).openapi({ type: 'string', description: 'An id (a string of digits; a number is accepted too).', example: '7' });

export const MeetingSchema = z
  .object({
    id: z.string().openapi({ example: '12' }),
    body_id: z.string().openapi({ example: '1' }),
    title: Translatable,
    kind: z.enum(MEETING_KINDS),
    format: z.enum(MEETING_FORMATS),
    starts_at: instant,
    ends_at: instant,
    place: z.string().nullable(),
    online_url: z.string().nullable(),
    description: z.string().openapi({ description: 'Markdown.' }),
    state: z.enum(MEETING_STATES),
    minutes_state: z.enum(MINUTES_STATES),
    urgency_reason: z.string().nullable().openapi({ description: 'Why it was convened with less notice than the body’s rules ask.' }),
    cancel_reason: z.string().nullable(),
    sequence: z.number().int().openapi({ description: 'The iCalendar SEQUENCE: raised by every change a calendar must see.' }),
  })
  .openapi('Meeting');

const MeetingListSchema = z.object({ items: z.array(MeetingSchema), next_cursor: z.string().nullable() }).openapi('MeetingList');

const meetingWriteFields = {
  title: Translatable,
  kind: z.enum(MEETING_KINDS).optional().openapi({ description: 'Default `ordinary`.' }),
  format: z.enum(MEETING_FORMATS).openapi({ description: '`in_person` needs `place`, `online` needs `online_url`, `hybrid` both.' }),
  starts_at: instant,
  ends_at: instant.openapi({ description: 'After `starts_at`.' }),
  place: z.string().nullish(),
  online_url: z.string().nullish().openapi({ description: 'An http(s) address.' }),
  description: z.string().optional().openapi({ description: 'Markdown.' }),
};

const MeetingInputSchema = z.object({ body_id: idString, ...meetingWriteFields }).openapi('MeetingInput');
const MeetingPatchSchema = z
  .object({
    title: meetingWriteFields.title.optional(),
    kind: meetingWriteFields.kind,
    format: meetingWriteFields.format.optional(),
    starts_at: instant.optional(),
    ends_at: instant.optional(),
    place: meetingWriteFields.place,
    online_url: meetingWriteFields.online_url,
    description: meetingWriteFields.description,
  })
  .openapi('MeetingPatch', { description: 'The fields to change; a change of time or place on a convened meeting tells the members again.' });

const MeetingTransitionSchema = z
  .object({
    to: z.enum(TRANSITION_TARGETS).openapi({ description: '`convened` (from draft: needs an agenda; sends the notice), `held` (from convened, once started), `cancelled` (from draft or convened).' }),
    reason: z.string().optional().openapi({ description: 'Convening with less notice than the body’s rules ask: the urgency (required then). Cancelling: why (required).' }),
  })
  .openapi('MeetingTransition');

const LinkSchema = z.object({ type: z.string().openapi({ example: 'body' }), id: z.string().openapi({ example: '4' }), label: z.string() }).openapi('AgendaItemLink');

export const AgendaItemSchema = z
  .object({
    id: z.string(),
    meeting_id: z.string(),
    position: z.number().int().openapi({ description: '1 for the first item.' }),
    title: Translatable,
    kind: z.enum(AGENDA_KINDS),
    presenter: z.string(),
    duration_minutes: z.number().int().nullable(),
    description: z.string().openapi({ description: 'Markdown.' }),
    links: z.array(LinkSchema).openapi({ description: 'Records the item points at (kinds: `body`, `body_report`, `organisation`, and those other modules register).' }),
  })
  .openapi('AgendaItem');

const AgendaItemListSchema = z.object({ items: z.array(AgendaItemSchema), next_cursor: z.string().nullable() }).openapi('AgendaItemList');

const linkInput = z.object({ type: z.string(), id: idString });
const AgendaItemInputSchema = z
  .object({
    title: Translatable,
    kind: z.enum(AGENDA_KINDS),
    presenter: z.string().optional(),
    duration_minutes: z.number().int().nullish().openapi({ description: '1–600.' }),
    description: z.string().optional(),
    links: z.array(linkInput).optional(),
  })
  .openapi('AgendaItemInput');
const AgendaItemPatchSchema = z
  .object({
    title: Translatable.optional(),
    kind: z.enum(AGENDA_KINDS).optional(),
    presenter: z.string().optional(),
    duration_minutes: z.number().int().nullish(),
    description: z.string().optional(),
    position: z.number().int().optional().openapi({ description: 'Moves the item there (1 = first); the others shift.' }),
    links: z.array(linkInput).optional().openapi({ description: 'Replaces the item’s links.' }),
  })
  .openapi('AgendaItemPatch');

const IdParam = z.object({ id: z.string().max(20).openapi({ param: { name: 'id', in: 'path' }, example: '12' }) });

const limit = z.coerce
  .number({ error: 'meetings.api.limit_invalid' })
  .int({ error: 'meetings.api.limit_invalid' })
  .min(1, { error: 'meetings.api.limit_invalid' })
  .max(100, { error: 'meetings.api.limit_invalid' })
  .default(50)
  .openapi({ description: 'At most 100; 50 by default.' });

const MeetingQuery = z.object({
  body: z.string().max(80).optional().openapi({ description: "A body's id or slug." }),
  from: z.string().max(40).optional().openapi({ description: 'Meetings not over by then: a date (`YYYY-MM-DD`, from its start in Barcelona) or an RFC 3339 instant.' }),
  to: z.string().max(40).optional().openapi({ description: 'Meetings starting before then: a date (up to its end in Barcelona) or an instant.' }),
  state: z.enum(MEETING_STATES, { error: 'meetings.api.state_invalid' }).optional(),
  limit,
  cursor: z.string().max(200).optional().openapi({ description: 'The `next_cursor` of the previous page.' }),
});

// --- Presenters ------------------------------------------------------------------------------

/** An instant as RFC 3339 with Barcelona's offset then: `2026-03-12T18:00:00+01:00`. */
export function rfc3339InSpace(value: Date): string {
  const instantMs = Math.floor(value.getTime() / 1000) * 1000;
  const clock = wallClockInSpace(new Date(instantMs));
  const wallMs = Date.UTC(Number(clock.year), Number(clock.month) - 1, Number(clock.day), Number(clock.hour), Number(clock.minute), Number(clock.second));
  const offset = Math.round((wallMs - instantMs) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${clock.year}-${clock.month}-${clock.day}T${clock.hour}:${clock.minute}:${clock.second}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

type MeetingLike = Pick<MeetingListItem, 'id' | 'body_id' | 'title' | 'kind' | 'format' | 'starts_at' | 'ends_at' | 'place' | 'online_url' | 'description' | 'state' | 'minutes_state' | 'urgency_reason' | 'cancel_reason' | 'sequence'>;

export function presentMeeting(meeting: MeetingLike): z.infer<typeof MeetingSchema> {
  return {
    id: String(meeting.id),
    body_id: String(meeting.body_id),
    title: { ca: meeting.title.ca, ...(meeting.title.es ? { es: meeting.title.es } : {}), ...(meeting.title.en ? { en: meeting.title.en } : {}) },
    kind: meeting.kind,
    format: meeting.format,
    starts_at: rfc3339InSpace(new Date(meeting.starts_at)),
    ends_at: rfc3339InSpace(new Date(meeting.ends_at)),
    place: meeting.place,
    online_url: meeting.online_url,
    description: meeting.description,
    state: meeting.state,
    minutes_state: meeting.minutes_state,
    urgency_reason: meeting.urgency_reason,
    cancel_reason: meeting.cancel_reason,
    sequence: Number(meeting.sequence),
  };
}

export function presentAgendaItem(item: AgendaItem, manage: boolean): z.infer<typeof AgendaItemSchema> {
  return {
    id: String(item.id),
    meeting_id: String(item.meeting_id),
    position: item.position,
    title: { ca: item.title.ca, ...(item.title.es ? { es: item.title.es } : {}), ...(item.title.en ? { en: item.title.en } : {}) },
    kind: item.kind,
    presenter: item.presenter,
    duration_minutes: item.duration_minutes,
    description: item.description,
    links: item.links.filter((l) => l.target && (l.target.visible || manage)).map((l) => ({ type: l.type, id: String(l.id), label: l.target?.label ?? '' })),
  };
}

const valid = <T,>(c: AppContext, target: 'json' | 'param' | 'query'): T => c.req.valid(target as never) as T;

async function readMeeting(c: AppContext, id: number) {
  const access = await meetingForReader(c.get('services').database.db, c.get('actor'), id, viewMeeting);
  return presentMeeting(access.meeting);
}

/** A date (the start of that day in Barcelona, or of the day after for `to`) or an instant; 422 on `field` otherwise. */
function boundary(c: AppContext, value: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T12:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value) {
      if (field === 'to') day.setUTCDate(day.getUTCDate() + 1);
      const at = instantInSpace(day.toISOString().slice(0, 10), '00:00');
      if (at) return at;
    }
  } else if (isRfc3339(value)) {
    return new Date(value);
  }
  throw fieldError(field, 'meetings.api.boundary_invalid', c.get('locale'));
}


// --- Routes ----------------------------------------------------------------------------------

const security = [{ bearer: [] }];

const listRoute = createRoute({
  method: 'get',
  path: '/meetings',
  operationId: 'listMeetings',
  tags: ['Meetings'],
  summary: 'Meetings the caller may see',
  description: 'By start, then id. Public bodies’ meetings for anyone; a private body’s for its members; drafts only for who runs them.',
  request: { query: MeetingQuery },
  responses: {
    200: { description: 'One page of meetings.', content: { 'application/json': { schema: MeetingListSchema } } },
    422: problemResponse('A filter, the limit or the cursor is not valid.'),
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/meetings',
  operationId: 'createMeeting',
  tags: ['Meetings'],
  summary: 'Create a meeting (a draft)',
  description: 'Who runs the body’s meetings (its chair, coordinator or secretary, the secretariat, admins).',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: MeetingInputSchema } } } },
  responses: {
    201: { description: 'The meeting.', content: { 'application/json': { schema: MeetingSchema } }, headers: { Location: { description: 'The meeting.', schema: { type: 'string' } } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token’s person does not run this body’s meetings.'),
    409: problemResponse('The body is closed or declined.'),
    422: problemResponse('A field is not valid (an end before the start, a place missing…); `errors` says which.'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  operationId: 'getMeeting',
  tags: ['Meetings'],
  summary: 'One meeting',
  request: { params: IdParam },
  responses: {
    200: { description: 'The meeting.', content: { 'application/json': { schema: MeetingSchema } } },
    404: problemResponse('No meeting has this id, or the caller may not see it.'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/meetings/{id}',
  operationId: 'updateMeeting',
  tags: ['Meetings'],
  summary: 'Change a draft or convened meeting',
  security,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MeetingPatchSchema } } } },
  responses: {
    200: { description: 'The meeting as it now is.', content: { 'application/json': { schema: MeetingSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token’s person does not run this body’s meetings.'),
    404: problemResponse('No meeting has this id, or the caller may not see it.'),
    409: problemResponse('The meeting is held or cancelled.'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/transitions',
  operationId: 'transitionMeeting',
  tags: ['Meetings'],
  summary: 'Convene, mark held or cancel a meeting',
  description: '`convened` sends the notice to every member of the body.',
  security,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MeetingTransitionSchema } } } },
  responses: {
    200: { description: 'The meeting as it now is.', content: { 'application/json': { schema: MeetingSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token’s person does not run this body’s meetings.'),
    404: problemResponse('No meeting has this id, or the caller may not see it.'),
    409: problemResponse('Not allowed from the current state, or a rule is in the way (an empty agenda, a start already past, not started yet).'),
    422: problemResponse('A reason is missing (urgency with short notice, or why it is cancelled).'),
  },
});

const listItemsRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}/agenda-items',
  operationId: 'listAgendaItems',
  tags: ['Meetings'],
  summary: "A meeting's agenda, in order",
  request: { params: IdParam },
  responses: {
    200: { description: 'Every item (one page).', content: { 'application/json': { schema: AgendaItemListSchema } } },
    404: problemResponse('No meeting has this id, or the caller may not see it.'),
  },
});

const addItemRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/agenda-items',
  operationId: 'addAgendaItem',
  tags: ['Meetings'],
  summary: 'Add an item at the end of the agenda',
  security,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: AgendaItemInputSchema } } } },
  responses: {
    201: { description: 'The item.', content: { 'application/json': { schema: AgendaItemSchema } }, headers: { Location: { description: 'The item.', schema: { type: 'string' } } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token’s person does not run this body’s meetings.'),
    404: problemResponse('No meeting has this id, or the caller may not see it.'),
    409: problemResponse('The meeting is held or cancelled.'),
    422: problemResponse('A field is not valid (a link to an unknown record…); `errors` says which.'),
  },
});

const readItemRoute = createRoute({
  method: 'get',
  path: '/agenda-items/{id}',
  operationId: 'getAgendaItem',
  tags: ['Meetings'],
  summary: 'One agenda item',
  request: { params: IdParam },
  responses: {
    200: { description: 'The item.', content: { 'application/json': { schema: AgendaItemSchema } } },
    404: problemResponse('No item has this id, or the caller may not see its meeting.'),
  },
});

const patchItemRoute = createRoute({
  method: 'patch',
  path: '/agenda-items/{id}',
  operationId: 'updateAgendaItem',
  tags: ['Meetings'],
  summary: 'Change an agenda item, move it, or replace its links',
  security,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: AgendaItemPatchSchema } } } },
  responses: {
    200: { description: 'The item as it now is.', content: { 'application/json': { schema: AgendaItemSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token’s person does not run this body’s meetings.'),
    404: problemResponse('No item has this id, or the caller may not see its meeting.'),
    409: problemResponse('The meeting is held or cancelled.'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

async function itemFor(c: AppContext, itemId: number, policy: typeof viewMeeting): Promise<{ access: MeetingAccess; item: AgendaItem; manage: boolean }> {
  const db = c.get('services').database.db;
  const row = await findAgendaItem(db, itemId);
  if (!row) throw new AppError('not_found');
  const access = await meetingForReader(db, c.get('actor'), row.meeting_id, policy);
  const agenda = await loadAgenda(db, row.meeting_id, c.get('locale'));
  const item = agenda.items.find((i) => i.id === itemId);
  if (!item) throw new AppError('not_found');
  return { access, item, manage: allows(manageMeetings, c.get('actor'), access.resource) };
}

export const meetingApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/meetings',
    policy: publicAccess,
    openapi: listRoute,
    handler: async (c) => {
      const query = valid<z.infer<typeof MeetingQuery>>(c, 'query');
      const db = c.get('services').database.db;
      const actor = c.get('actor');
      let bodyId: number | undefined;
      if (query.body) {
        const body = await findBody(db, query.body);
        // An unknown body has no meetings.
        if (!body) return c.json({ items: [], next_cursor: null }, 200);
        bodyId = body.id;
      }
      const afterId = query.cursor === undefined ? undefined : decodeCursor('meetings', query.cursor, c, 'meetings.api.cursor_invalid');
      const standing = await standingOf(db, actor?.id ?? null);
      const rows = await meetingsForApi(db, actor, standing, {
        bodyId,
        from: boundary(c, query.from, 'from'),
        to: boundary(c, query.to, 'to'),
        state: query.state,
        afterId,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return c.json({ items: page.map(presentMeeting), next_cursor: rows.length > query.limit && last ? encodeCursor('meetings', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/meetings',
    policy: signedIn,
    openapi: createRouteDef,
    handler: async (c) => {
      const input = valid<z.infer<typeof MeetingInputSchema>>(c, 'json');
      const id = await createMeeting(scopeOf(c), input);
      c.header('Location', `/api/v1/meetings/${id}`);
      return c.json(await readMeeting(c, id), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/meetings/{id}',
    policy: publicAccess,
    sample: { id: '1' },
    openapi: readRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      return c.json(await readMeeting(c, idParam(id)), 200);
    },
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/meetings/{id}',
    policy: signedIn,
    sample: { id: '1' },
    openapi: patchRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const patch = valid<z.infer<typeof MeetingPatchSchema>>(c, 'json');
      const access = await meetingForReader(c.get('services').database.db, c.get('actor'), idParam(id), manageMeetings);
      const current = presentMeeting(access.meeting);
      await editMeeting(scopeOf(c), {
        meeting_id: access.meeting.id,
        title: patch.title ?? current.title,
        kind: patch.kind ?? current.kind,
        format: patch.format ?? current.format,
        starts_at: patch.starts_at ?? current.starts_at,
        ends_at: patch.ends_at ?? current.ends_at,
        place: patch.place !== undefined ? patch.place : current.place,
        online_url: patch.online_url !== undefined ? patch.online_url : current.online_url,
        description: patch.description ?? current.description,
      });
      return c.json(await readMeeting(c, access.meeting.id), 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/meetings/{id}/transitions',
    policy: signedIn,
    sample: { id: '1' },
    openapi: transitionRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const input = valid<z.infer<typeof MeetingTransitionSchema>>(c, 'json');
      const meetingId = idParam(id);
      await transitionMeeting(scopeOf(c), { meeting_id: meetingId, to: input.to, reason: input.reason });
      return c.json(await readMeeting(c, meetingId), 200);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/meetings/{id}/agenda-items',
    policy: publicAccess,
    sample: { id: '1' },
    openapi: listItemsRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const db = c.get('services').database.db;
      const access = await meetingForReader(db, c.get('actor'), idParam(id), viewMeeting);
      const manage = allows(manageMeetings, c.get('actor'), access.resource);
      const agenda = await loadAgenda(db, access.meeting.id, c.get('locale'));
      return c.json({ items: agenda.items.map((item) => presentAgendaItem(item, manage)), next_cursor: null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/meetings/{id}/agenda-items',
    policy: signedIn,
    sample: { id: '1' },
    openapi: addItemRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const input = valid<z.infer<typeof AgendaItemInputSchema>>(c, 'json');
      const meetingId = idParam(id);
      const itemId = await addAgendaItem(scopeOf(c), { meeting_id: meetingId, ...input });
      const { item, manage } = await itemFor(c, itemId, viewMeeting);
      c.header('Location', `/api/v1/agenda-items/${itemId}`);
      return c.json(presentAgendaItem(item, manage), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/agenda-items/{id}',
    policy: publicAccess,
    sample: { id: '1' },
    openapi: readItemRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const { item, manage } = await itemFor(c, idParam(id), viewMeeting);
      return c.json(presentAgendaItem(item, manage), 200);
    },
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/agenda-items/{id}',
    policy: signedIn,
    sample: { id: '1' },
    openapi: patchItemRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof IdParam>>(c, 'param');
      const patch = valid<z.infer<typeof AgendaItemPatchSchema>>(c, 'json');
      const itemId = idParam(id);
      const { item: current } = await itemFor(c, itemId, manageMeetings);
      await editAgendaItem(scopeOf(c), {
        item_id: itemId,
        title: patch.title ?? current.title,
        kind: patch.kind ?? current.kind,
        presenter: patch.presenter ?? current.presenter,
        duration_minutes: patch.duration_minutes !== undefined ? patch.duration_minutes : current.duration_minutes,
        description: patch.description ?? current.description,
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        ...(patch.links !== undefined ? { links: patch.links } : {}),
      });
      const { item, manage } = await itemFor(c, itemId, viewMeeting);
      return c.json(presentAgendaItem(item, manage), 200);
    },
  },
];

