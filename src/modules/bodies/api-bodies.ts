/**
 * The bodies in the JSON API: `GET /bodies` (filters `kind`, `state`, `parent`; cursor pages),
 * `GET /bodies/{id}` (id or slug) and `PATCH /bodies/{id}`. Each body comes with its composition
 * and composition warnings on read; lists batch them, so a page costs the same queries for 1
 * body as for 100.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { translator, type Translate } from '../../kernel/i18n/index.js';
import { allows, authorize, publicAccess, signedIn } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
// The schemas file, not the api module's index: that module's own routes read the bodies (GET /me
// lists mandates), and importing its index from here would close a circle of imports.
import { problemResponse } from '../api/schemas.js';
import { extendWorkingGroup } from '../workgroups/extend.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { emptyComposition } from './bodies-read.js';
import { findBody, findBodyById, listBodies, type BodyRow } from './bodies-store.js';
import { compositionOf, warningMessage, type Composition, type WarningAudience } from './composition.js';
import { bodyChangesSchema, planBodyChanges, updateBody } from './edit-body.js';
import { standingOf } from './membership.js';
import { manageBodies, manageMandates } from './policies.js';
import { BODY_KINDS, BODY_STATES, COLLEGES } from './tables.js';

// ---- schemas ---------------------------------------------------------------------------------

const TranslatableSchema = z
  .object({
    ca: z.string().openapi({ example: 'Grup de treball de Comunicació' }),
    es: z.string().optional().openapi({ example: 'Grupo de trabajo de Comunicación' }),
    en: z.string().optional().openapi({ example: 'Communication working group' }),
  })
  .openapi('Translatable', { description: 'A text in Catalan (always) and, when translated, Spanish and English.' });

const CompositionSchema = z
  .object({
    total: z.number().int().openapi({ description: 'People holding a seat today (alternates and observers are not counted).', example: 12 }),
    by_college: z.record(z.enum(COLLEGES), z.number().int()).openapi({
      description: 'Seats held per college.',
      example: { council: 2, entity: 8, trajectory: 1, non_articulated: 1, expert: 0 },
    }),
    by_organisation: z
      .array(
        z.object({
          organisation_id: z.string().openapi({ example: '7' }),
          short_name: z.string().openapi({ example: 'FCTC' }),
          name: z.string().openapi({ example: 'Federació de Cooperatives de Treball de Catalunya' }),
          seats: z.number().int().openapi({ example: 2 }),
        }),
      )
      .openapi({ description: 'Seats held on behalf of each organisation, by short name.' }),
  })
  .openapi('BodyComposition');

export const BodySchema = z
  .object({
    id: z.string().openapi({ example: '3' }),
    slug: z.string().openapi({ description: 'The body\'s name in its page address: `/ca/bodies/{slug}`.', example: 'comunicacio' }),
    kind: z.enum(BODY_KINDS),
    parent_id: z.string().nullable().openapi({ description: 'The body it belongs to; null for the plenary.', example: '1' }),
    name: TranslatableSchema,
    purpose: TranslatableSchema.nullable(),
    state: z.enum(BODY_STATES).openapi({ description: 'The plenary and the steering group are always `active`.' }),
    starts_on: z.string().nullable().openapi({ format: 'date', example: '2026-01-15' }),
    sunset_on: z.string().nullable().openapi({ format: 'date', description: 'When a working group ends (required for working groups).', example: '2027-06-30' }),
    charter: z
      .object({ objectives: TranslatableSchema.optional(), method: TranslatableSchema.optional(), cadence: TranslatableSchema.optional(), deliverables: TranslatableSchema.optional() })
      .nullable()
      .openapi({ description: "A working group's charter (initial terms of reference); null for the plenary and the steering group." }),
    open: z.boolean().openapi({ description: 'Whether people may ask to join (working groups).' }),
    report_interval_days: z.number().int().nullable().openapi({ description: 'A working group reports to the steering group every so many days.', example: 90 }),
    rules: z
      .object({
        seats_per_entity: z.number().int().nullable().openapi({ description: 'Seats per representative entity; null: no limit.', example: 2 }),
        allowed_colleges: z.array(z.enum(COLLEGES)).openapi({ description: 'Colleges that may sit; empty: any.' }),
        allowed_levels: z.array(z.number().int()).openapi({ description: 'Organisation levels (1–4) that may sit; empty: any.', example: [2, 3, 4] }),
      })
      .openapi({ description: 'Composition rules.' }),
    composition: CompositionSchema,
    warnings: z
      .array(
        z.object({
          code: z.enum(['parity', 'experts', 'empty_college', 'lost_representation']),
          message: z.string().openapi({
            description:
              "What the rule says and how the body breaks it, in the language of `Accept-Language`. The parity warning gives the counts of women, men and non-binary members only to callers who manage the body's mandates (the secretariat, admins, officials, the group's coordinators); anyone else reads that the body is beyond 60/40, since in a small body the counts would tell a member's declared gender.",
          }),
        }),
      )
      .openapi({ description: 'Composition warnings: gender parity beyond 60/40, experts above one third, a college with no member, an entity delegate whose organisation lost its representative status.' }),
    url: z.string().openapi({ description: 'The body\'s public page.', example: '/ca/bodies/comunicacio' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Body');

const BodyListSchema = z
  .object({
    items: z.array(BodySchema),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last one.' }),
  })
  .openapi('BodyList');

const listQuerySchema = z.object({
  kind: z.enum(BODY_KINDS, { error: 'bodies.api.kind_invalid' }).optional(),
  state: z.enum(BODY_STATES, { error: 'bodies.api.state_invalid' }).optional(),
  parent: z.string().max(80, { error: 'bodies.api.parent_invalid' }).optional().openapi({ description: 'The parent body, by id or slug.', example: '1' }),
  limit: z.coerce
    .number({ error: 'bodies.api.limit_invalid' })
    .int({ error: 'bodies.api.limit_invalid' })
    .min(1, { error: 'bodies.api.limit_invalid' })
    .max(100, { error: 'bodies.api.limit_invalid' })
    .default(50)
    .openapi({ description: 'At most 100; 50 by default.', example: 50 }),
  cursor: z.string().max(200, { error: 'bodies.api.cursor_invalid' }).optional().openapi({ description: 'The `next_cursor` of the previous page.' }),
});

const idParamSchema = z.object({
  id: z.string().max(80).openapi({ param: { name: 'id', in: 'path' }, description: "The body's id or slug.", example: 'grup-motor' }),
});

const patchSchema = bodyChangesSchema
  .extend({
    sunset_on: z
      .string({ error: 'bodies.api.sunset_invalid' })
      .nullable()
      .optional()
      .openapi({ format: 'date', description: "A working group's new sunset date: an extension, recorded with `reason` (the steering group and admins)." }),
    reason: z.string({ error: 'bodies.api.reason_invalid' }).max(2000, { error: 'bodies.api.reason_invalid' }).nullable().optional().openapi({ description: 'Why the sunset date moves; required with `sunset_on`.' }),
  })
  .openapi('BodyChanges', { description: 'The fields to change; those left out stay as they are.' });

// ---- presenter ---------------------------------------------------------------------------------

/**
 * A body as the API shows it: never the row as stored. The warnings are worded for `audience`:
 * the counts behind the parity warning only for those who manage the body's mandates.
 */
export function presentBody(
  body: BodyRow,
  composition: Composition,
  t: Translate,
  locale: string,
  audience: WarningAudience = 'public',
): z.infer<typeof BodySchema> {
  return {
    id: String(body.id),
    slug: body.slug,
    kind: body.kind,
    parent_id: body.parent_id === null ? null : String(body.parent_id),
    name: body.name,
    purpose: body.purpose,
    state: body.state,
    starts_on: body.starts_on,
    sunset_on: body.sunset_on,
    charter: body.charter,
    open: body.open,
    report_interval_days: body.report_interval_days,
    rules: {
      seats_per_entity: body.seats_per_entity,
      allowed_colleges: [...body.allowed_colleges],
      allowed_levels: body.allowed_levels.map(Number),
    },
    composition: {
      total: composition.total,
      by_college: { ...composition.byCollege },
      by_organisation: composition.byOrganisation.map((o) => ({ organisation_id: String(o.organisation_id), short_name: o.short_name, name: o.name, seats: o.seats })),
    },
    warnings: composition.warnings.map((warning) => ({ code: warning.code, message: warningMessage(t, warning, audience) })),
    url: `/${locale}/bodies/${body.slug}`,
    updated_at: new Date(body.updated_at).toISOString(),
  };
}

/**
 * How the caller reads each body's warnings: as someone who manages its mandates, or as the
 * public. One query for a signed-in caller (their standing), none for a visitor. A response
 * that gives anyone the counts says so to caches (`private, no-store`).
 */
async function warningAudiences(c: AppContext): Promise<(body: BodyRow) => WarningAudience> {
  const actor = c.get('actor');
  if (!actor) return () => 'public';
  const standing = await standingOf(c.get('services').database.db, actor.id);
  return (body) => {
    if (!allows(manageMandates, actor, { standing, body: { id: body.id, kind: body.kind } })) return 'public';
    c.header('Cache-Control', 'private, no-store');
    return 'managers';
  };
}

async function presentOne(c: AppContext, body: BodyRow): Promise<z.infer<typeof BodySchema>> {
  const locale = c.get('locale');
  const [compositions, audience] = await Promise.all([compositionOf(c.get('services').database.db, [body.id]), warningAudiences(c)]);
  return presentBody(body, compositions.get(body.id) ?? emptyComposition(), translator(locale), locale, audience(body));
}

// ---- routes ----------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/bodies',
  operationId: 'listBodies',
  tags: ['Bodies'],
  summary: 'The bodies of the space',
  description: 'The plenary, the steering group and the working groups, by id, with their composition and composition warnings today.',
  request: { query: listQuerySchema },
  responses: {
    200: { description: 'One page of bodies.', content: { 'application/json': { schema: BodyListSchema } } },
    422: problemResponse('A filter, the limit or the cursor is not valid.'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/bodies/{id}',
  operationId: 'getBody',
  tags: ['Bodies'],
  summary: 'One body',
  description: 'A body by id or slug, with its composition and composition warnings today.',
  request: { params: idParamSchema },
  responses: {
    200: { description: 'The body.', content: { 'application/json': { schema: BodySchema } } },
    404: problemResponse('No body has this id or slug.'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/bodies/{id}',
  operationId: 'updateBody',
  tags: ['Bodies'],
  summary: 'Change a body',
  description:
    "Changes a body's name, purpose, rules and, for a working group, `open`, `report_interval_days` and its charter (admins and officials). `sunset_on` with a `reason` extends a working group (the steering group and admins), recorded as a decision. Closed and declined groups cannot change (409).",
  security: [{ bearer: [] }],
  request: { params: idParamSchema, body: { required: true, content: { 'application/json': { schema: patchSchema } } } },
  responses: {
    200: { description: 'The body as it now is.', content: { 'application/json': { schema: BodySchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse('The token\'s person may not change this.'),
    404: problemResponse('No body has this id or slug.'),
    409: problemResponse('The group is closed or declined, or its state does not allow the extension.'),
    422: problemResponse('A field is not valid; `errors` says which and why.'),
  },
});

type PatchInput = z.infer<typeof patchSchema>;
const EDIT_FIELDS = ['name', 'purpose', 'open', 'rules', 'report_interval_days', 'charter'] as const;

/**
 * A PATCH: the edits (admins and officials) and the extension (the steering group and admins)
 * are checked before either is written, so that a refusal of one leaves the other undone too.
 * The extension goes first, as the part with more ways to be refused.
 */
async function applyPatch(c: AppContext, body: BodyRow, input: PatchInput): Promise<void> {
  const scope = scopeOf(c);
  const locale = c.get('locale');
  const edits = Object.fromEntries(EDIT_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
  const hasEdits = Object.keys(edits).length > 0;
  // A client sending back the sunset it read is not asking for an extension.
  const extending = input.sunset_on !== undefined && input.sunset_on !== body.sunset_on;
  if (extending && (input.reason ?? '').trim() === '') throw fieldError('reason', 'bodies.api.sunset_needs_reason', locale);
  if (hasEdits || !extending) {
    authorize(manageBodies, scope.actor, undefined);
    planBodyChanges(body, input, locale);
  }
  if (extending) {
    if (body.kind !== 'working_group') throw fieldError('sunset_on', 'bodies.api.sunset_only_working_groups', locale);
    if (!input.sunset_on) throw fieldError('sunset_on', 'bodies.api.sunset_invalid', locale);
    await extendWorkingGroup(scope, { body_id: body.id, sunset_on: input.sunset_on, reason: input.reason });
  }
  if (hasEdits) await updateBody(scope, { ...edits, body_id: body.id });
}

export const bodiesApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies',
    policy: publicAccess,
    openapi: listRoute,
    handler: async (c) => {
      const query = c.req.valid('query' as never) as z.infer<typeof listQuerySchema>;
      const db = c.get('services').database.db;
      const locale = c.get('locale');
      let parentId: number | undefined;
      if (query.parent !== undefined) {
        const parent = await findBody(db, query.parent);
        // An unknown parent has no children: an empty list, as any filter matching nothing.
        if (!parent) return c.json({ items: [], next_cursor: null }, 200);
        parentId = parent.id;
      }
      const afterId = query.cursor === undefined ? undefined : decodeCursor('bodies', query.cursor, c, 'bodies.api.cursor_invalid');
      const rows = await listBodies(db, { kind: query.kind, state: query.state, parentId, afterId, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const [compositions, audience] = await Promise.all([compositionOf(db, page.map((b) => b.id)), warningAudiences(c)]);
      const t = translator(locale);
      const items = page.map((body) => presentBody(body, compositions.get(body.id) ?? emptyComposition(), t, locale, audience(body)));
      const last = page.at(-1);
      return c.json({ items, next_cursor: rows.length > query.limit && last ? encodeCursor('bodies', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies/{id}',
    policy: publicAccess,
    sample: { id: 'ambit-participat' },
    openapi: readRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof idParamSchema>;
      const body = await findBody(c.get('services').database.db, id);
      if (!body) throw new AppError('not_found');
      return c.json(await presentOne(c, body), 200);
    },
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/bodies/{id}',
    policy: signedIn,
    sample: { id: 'grup-motor' },
    openapi: patchRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof idParamSchema>;
      const input = c.req.valid('json' as never) as PatchInput;
      const db = c.get('services').database.db;
      const body = await findBody(db, id);
      if (!body) throw new AppError('not_found');
      await applyPatch(c, body, input);
      const updated = await findBodyById(db, body.id);
      if (!updated) throw new AppError('not_found');
      return c.json(await presentOne(c, updated), 200);
    },
  },
];
