/**
 * Mandates in the JSON API: `GET /bodies/{id}/mandates` (public record; `active` filter, cursor
 * pages), `POST /bodies/{id}/mandates` (the secretariat, or a working group's coordinators:
 * 409 when a rule refuses, naming it — e.g. the seats per representative entity and who holds
 * them), `GET /mandates/{id}` (one, public: where `Location` points) and `PATCH /mandates/{id}`
 * (to end one: `ends_on`, `end_reason`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext, type AppEnv } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { authorize, publicAccess, signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { findBody, findBodyById } from './bodies-store.js';
import { addMandate, endMandate } from './mandates.js';
import { findMandate, pageMandates, type MandateView } from './mandates-store.js';
import { spaceToday, standingOf } from './membership.js';
import { manageMandates } from './policies.js';
import { COLLEGES, MANDATE_ROLES } from './tables.js';

// ---- schemas ---------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9][0-9]{0,14}$/;

export const MandateSchema = z
  .object({
    id: z.string().openapi({ example: '12' }),
    body_id: z.string().openapi({ example: '1' }),
    person_id: z.string().openapi({ description: 'The person; their public profile is `GET /people/{id}`.', example: '42' }),
    person_name: z.string().openapi({ example: 'Laia Ferrer i Soler' }),
    organisation_id: z.string().nullable().openapi({ description: 'The organisation the person sits for; null for individuals.', example: '7' }),
    organisation_short_name: z.string().nullable().openapi({ example: 'FCTC' }),
    organisation_name: z.string().nullable().openapi({ example: 'Federació de Cooperatives de Treball de Catalunya' }),
    college: z.enum(COLLEGES),
    role: z.enum(MANDATE_ROLES).openapi({ description: 'Alternates and observers do not take a seat.' }),
    starts_on: z.string().openapi({ format: 'date', example: '2024-01-15' }),
    ends_on: z.string().nullable().openapi({ format: 'date', description: 'The first day the mandate no longer holds; null while open.', example: null }),
    end_reason: z.string().nullable().openapi({ example: null }),
    active: z.boolean().openapi({ description: 'Held today.' }),
  })
  .openapi('Mandate', { description: 'A person sitting in a body, on behalf of an organisation or as an individual. Mandates are never deleted.' });

const MandateListSchema = z
  .object({
    items: z.array(MandateSchema),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last one.' }),
  })
  .openapi('MandateList');

const bodyParamSchema = z.object({
  id: z.string().max(80).openapi({ param: { name: 'id', in: 'path' }, description: "The body's id or slug.", example: 'ambit-participat' }),
});

const mandateParamSchema = z.object({
  id: z.string().regex(ID, { error: 'mandates.errors.id_invalid' }).openapi({ param: { name: 'id', in: 'path' }, description: "The mandate's id.", example: '12' }),
});

const listQuerySchema = z.object({
  active: z.enum(['true', 'false'], { error: 'mandates.api.active_invalid' }).optional().openapi({
    description: '`true`: only mandates held today; `false`: only those not held today (ended, or not started yet). Left out: all.',
  }),
  limit: z.coerce
    .number({ error: 'mandates.api.limit_invalid' })
    .int({ error: 'mandates.api.limit_invalid' })
    .min(1, { error: 'mandates.api.limit_invalid' })
    .max(100, { error: 'mandates.api.limit_invalid' })
    .default(50)
    .openapi({ description: 'At most 100; 50 by default.', example: 50 }),
  cursor: z.string().max(200, { error: 'mandates.api.cursor_invalid' }).optional().openapi({ description: 'The `next_cursor` of the previous page.' }),
});

const dateField = (description: string) =>
  z.string({ error: 'mandates.errors.date_invalid' }).regex(DATE, { error: 'mandates.errors.date_invalid' }).openapi({ format: 'date', description, example: '2026-03-15' });

const NewMandateSchema = z
  .object({
    person_id: z.string({ error: 'mandates.errors.person_required' }).regex(ID, { error: 'mandates.errors.person_required' }).openapi({ example: '42' }),
    organisation_id: z
      .string({ error: 'mandates.errors.organisation_unknown' })
      .regex(ID, { error: 'mandates.errors.organisation_unknown' })
      .nullable()
      .optional()
      .openapi({ description: 'Required for the `entity` college (an entity) and the `council` college (a council unit); null or left out for individuals.', example: '7' }),
    college: z.enum(COLLEGES, { error: 'mandates.errors.college_required' }),
    role: z.enum(MANDATE_ROLES, { error: 'mandates.errors.role_required' }),
    starts_on: dateField('The first day the mandate holds.'),
    ends_on: dateField('The first day it no longer holds; null or left out when open.').nullable().optional(),
  })
  .openapi('NewMandate');

const EndMandateSchema = z
  .object({
    ends_on: dateField('The first day the mandate no longer holds: after `starts_on`, and never later than a planned end.'),
    end_reason: z.string({ error: 'mandates.errors.reason_too_long' }).max(500, { error: 'mandates.errors.reason_too_long' }).nullable().optional().openapi({ description: 'Why it ends (public).', example: 'Relleu a l\'entitat' }),
  })
  .openapi('MandateEnd', { description: 'Ends a mandate. Nothing else about a mandate changes: a new one is added instead.' });

// ---- presenter ---------------------------------------------------------------------------------

/** A mandate as the API shows it. */
export function presentMandate(m: MandateView, today: string = spaceToday()): z.infer<typeof MandateSchema> {
  return {
    id: String(m.id),
    body_id: String(m.body_id),
    person_id: String(m.person_id),
    person_name: m.person_name,
    organisation_id: m.organisation_id === null ? null : String(m.organisation_id),
    organisation_short_name: m.organisation_short_name,
    organisation_name: m.organisation_name,
    college: m.college,
    role: m.role,
    starts_on: m.starts_on,
    ends_on: m.ends_on,
    end_reason: m.end_reason,
    active: m.starts_on <= today && (m.ends_on === null || m.ends_on > today),
  };
}

async function presentById(c: AppContext, id: number): Promise<z.infer<typeof MandateSchema>> {
  const mandate = await findMandate(c.get('services').database.db, id);
  if (!mandate) throw new AppError('not_found');
  return presentMandate(mandate);
}

/**
 * Refuses (403) someone who may not manage the mandates of the body the request names, before
 * its input is even read: whoever may not write learns that first, whatever they sent. The
 * command checks again, under lock. An unknown body or mandate is left to the handler (404).
 */
function mayManageMandates(method: string, bodyIdOf: (c: AppContext) => Promise<number | undefined>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== method) return next();
    const bodyId = await bodyIdOf(c);
    if (bodyId !== undefined) {
      const db = c.get('services').database.db;
      const body = await findBodyById(db, bodyId);
      const actor = c.get('actor');
      if (body) authorize(manageMandates, actor, { standing: await standingOf(db, actor?.id ?? null), body });
    }
    return next();
  };
}

const bodyNamedInPath = async (c: AppContext) => (await findBody(c.get('services').database.db, c.req.param('id') ?? ''))?.id;
const bodyOfMandateInPath = async (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  return (await findMandate(c.get('services').database.db, id))?.body_id;
};

// ---- routes ----------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/bodies/{id}/mandates',
  operationId: 'listBodyMandates',
  tags: ['Bodies'],
  summary: "A body's mandates",
  description: 'Who sits or sat in the body, by id: public record, current and past.',
  request: { params: bodyParamSchema, query: listQuerySchema },
  responses: {
    200: { description: 'One page of mandates.', content: { 'application/json': { schema: MandateListSchema } } },
    404: problemResponse('No body has this id or slug.'),
    422: problemResponse('A filter, the limit or the cursor is not valid.'),
  },
});

const addRoute = createRoute({
  method: 'post',
  path: '/bodies/{id}/mandates',
  operationId: 'addMandate',
  tags: ['Bodies'],
  summary: 'Add a mandate',
  description:
    "Seats a person in a body (the secretariat, admins and officials for any body; a working group's coordinators for their group). Refused with 409, naming the rule, when the organisation's seats are taken (`seats_per_entity`; alternates take no seat), the entity is not representative where the body asks it, the person already sits in the body then, or the body is not active or closing; with 422 when a field is invalid (a college or level the body does not seat, a disabled person, an end before the start…). A refusal changes nothing.",
  security: [{ bearer: [] }],
  request: { params: bodyParamSchema, body: { required: true, content: { 'application/json': { schema: NewMandateSchema } } } },
  responses: {
    201: { description: 'The new mandate; `Location` is its address.', content: { 'application/json': { schema: MandateSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person may not manage this body's mandates."),
    404: problemResponse('No body has this id or slug.'),
    409: problemResponse('A rule of the body refuses the mandate; `detail` names it (and, for seats, who holds them).'),
    422: problemResponse('A field is not valid; `errors` says which and why.'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/mandates/{id}',
  operationId: 'getMandate',
  tags: ['Bodies'],
  summary: 'One mandate',
  description: 'A mandate by id: public record, current or past. A new mandate\'s `Location` points here.',
  request: { params: mandateParamSchema },
  responses: {
    200: { description: 'The mandate.', content: { 'application/json': { schema: MandateSchema } } },
    404: problemResponse('No mandate has this id.'),
    422: problemResponse('The id is not a number.'),
  },
});

const endRoute = createRoute({
  method: 'patch',
  path: '/mandates/{id}',
  operationId: 'endMandate',
  tags: ['Bodies'],
  summary: 'End a mandate',
  description: 'Sets the first day the mandate no longer holds (`ends_on`) and why. A mandate that has ended cannot change (409); a planned end can only come earlier.',
  security: [{ bearer: [] }],
  request: { params: mandateParamSchema, body: { required: true, content: { 'application/json': { schema: EndMandateSchema } } } },
  responses: {
    200: { description: 'The mandate as it now is.', content: { 'application/json': { schema: MandateSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person may not manage this body's mandates."),
    404: problemResponse('No mandate has this id.'),
    409: problemResponse('The mandate has already ended.'),
    422: problemResponse('A field is not valid; `errors` says which and why.'),
  },
});

export const mandatesApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies/{id}/mandates',
    policy: publicAccess,
    sample: { id: 'ambit-participat' },
    openapi: listRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof bodyParamSchema>;
      const query = c.req.valid('query' as never) as z.infer<typeof listQuerySchema>;
      const db = c.get('services').database.db;
      const body = await findBody(db, id);
      if (!body) throw new AppError('not_found');
      const afterId = query.cursor === undefined ? undefined : decodeCursor('mandates', query.cursor, c, 'mandates.api.cursor_invalid');
      const today = spaceToday();
      const active = query.active === undefined ? undefined : query.active === 'true';
      const rows = await pageMandates(db, body.id, { active, on: today, afterId, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return c.json({ items: page.map((m) => presentMandate(m, today)), next_cursor: rows.length > query.limit && last ? encodeCursor('mandates', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/bodies/{id}/mandates',
    policy: signedIn,
    middleware: [mayManageMandates('POST', bodyNamedInPath)],
    sample: { id: 'ambit-participat' },
    openapi: addRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof bodyParamSchema>;
      const input = c.req.valid('json' as never) as z.infer<typeof NewMandateSchema>;
      const body = await findBody(c.get('services').database.db, id);
      if (!body) throw new AppError('not_found');
      const mandateId = await addMandate(scopeOf(c), { ...input, body_id: body.id, organisation_id: input.organisation_id ?? null, ends_on: input.ends_on ?? null });
      c.header('Location', `/api/v1/mandates/${mandateId}`);
      return c.json(await presentById(c, mandateId), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/mandates/{id}',
    policy: publicAccess,
    sample: { id: '1' },
    openapi: readRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof mandateParamSchema>;
      return c.json(await presentById(c, Number(id)), 200);
    },
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/mandates/{id}',
    policy: signedIn,
    middleware: [mayManageMandates('PATCH', bodyOfMandateInPath)],
    sample: { id: '1' },
    openapi: endRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof mandateParamSchema>;
      const input = c.req.valid('json' as never) as z.infer<typeof EndMandateSchema>;
      await endMandate(scopeOf(c), { mandate_id: id, ends_on: input.ends_on, end_reason: input.end_reason ?? null });
      return c.json(await presentById(c, Number(id)), 200);
    },
  },
];
