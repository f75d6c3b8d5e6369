/**
 * The directory in the JSON API: `GET /organisations` (filters `level`, `kind`,
 * `representative`, `family`, `district`, `q`; keyset pages), `POST /organisations`,
 * `GET /organisations/{id}` and `PATCH /organisations/{id}`. Reads are public; writes go through
 * the same commands as the forms, so the rules and their messages are the same.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { problemResponse } from '../api/index.js';
import { organisationIdFromPath } from './directory.js';
import { findDirectoryRow, listOrganisationsAfter } from './listings.js';
import { createOrganisation, updateOrganisation } from './organisations.js';
import { manageOrganisations, viewDirectory } from './policies.js';
import { OrganisationSchema, presentOrganisation } from './presenter.js';
import { DESCRIPTION_MAX, DISTRICTS, FAMILIES, MEMBER_OF_MAX, NAME_MAX, ORGANISATION_KINDS, SHORT_NAME_MAX, WEBSITE_MAX } from './schema.js';
import type { OrganisationLevel } from './tables.js';

// ---- schemas ---------------------------------------------------------------------------------

const OrganisationListSchema = z
  .object({
    items: z.array(OrganisationSchema),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last one.' }),
  })
  .openapi('OrganisationList');

const listQuerySchema = z.object({
  level: z.enum(['1', '2', '3', '4'], { error: 'directory.filters.errors.level_invalid' }).optional().openapi({ description: 'Entities of this level.', example: '2' }),
  kind: z.enum(ORGANISATION_KINDS, { error: 'directory.filters.errors.kind_invalid' }).optional(),
  representative: z
    .enum(['true', 'false'], { error: 'directory.api.representative_invalid' })
    .optional()
    .openapi({ description: '`true`: representative entities only; `false`: the others.' }),
  family: z.enum(FAMILIES, { error: 'directory.filters.errors.family_invalid' }).optional(),
  district: z.enum(DISTRICTS, { error: 'directory.filters.errors.district_invalid' }).optional(),
  q: z.string().max(200, { error: 'directory.filters.errors.query_too_long' }).optional().openapi({ description: 'Words in the name or short name; accents and capitals are ignored.', example: 'cooperatives' }),
  limit: z.coerce
    .number({ error: 'directory.api.limit_invalid' })
    .int({ error: 'directory.api.limit_invalid' })
    .min(1, { error: 'directory.api.limit_invalid' })
    .max(100, { error: 'directory.api.limit_invalid' })
    .default(50)
    .openapi({ description: 'At most 100; 50 by default.', example: 50 }),
  cursor: z.string().max(100, { error: 'directory.api.cursor_invalid' }).optional().openapi({ description: 'The `next_cursor` of the previous page.' }),
});

const idParamSchema = z.object({
  id: z.string().max(20).openapi({ param: { name: 'id', in: 'path' }, description: "The organisation's id.", example: '20' }),
});

const DescriptionInputSchema = z
  .object({
    ca: z.string({ error: 'directory.form.errors.description_ca_required' }).max(DESCRIPTION_MAX, { error: 'directory.form.errors.description_too_long' }),
    es: z.string({ error: 'directory.api.text_invalid' }).max(DESCRIPTION_MAX, { error: 'directory.form.errors.description_too_long' }).optional(),
    en: z.string({ error: 'directory.api.text_invalid' }).max(DESCRIPTION_MAX, { error: 'directory.form.errors.description_too_long' }).optional(),
  })
  .openapi({ description: 'Translatable: `ca` required, `es` and `en` optional.' });

/** Every writable field; what is required on create is made so below. */
const writableFields = {
  name: z.string({ error: 'directory.form.errors.name_required' }).max(NAME_MAX, { error: 'directory.form.errors.name_too_long' }).openapi({ example: 'Coop57 SCCL' }),
  short_name: z.string({ error: 'directory.form.errors.short_name_required' }).max(SHORT_NAME_MAX, { error: 'directory.form.errors.short_name_too_long' }).openapi({ example: 'Coop57' }),
  kind: z.enum(ORGANISATION_KINDS, { error: 'directory.form.errors.kind_invalid' }),
  level: z
    .number({ error: 'directory.form.errors.level_invalid' })
    .int({ error: 'directory.form.errors.level_invalid' })
    .min(1, { error: 'directory.form.errors.level_invalid' })
    .max(4, { error: 'directory.form.errors.level_invalid' })
    .nullable()
    .openapi({ description: 'Required for entities (1–4); null for council units.', example: 1 }),
  families: z.array(z.enum(FAMILIES, { error: 'directory.form.errors.family_invalid' }), { error: 'directory.form.errors.family_invalid' }).max(FAMILIES.length, { error: 'directory.form.errors.family_invalid' }),
  member_of: z
    .array(z.string({ error: 'directory.form.errors.member_of_invalid' }).max(20, { error: 'directory.form.errors.member_of_invalid' }), { error: 'directory.form.errors.member_of_invalid' })
    .max(MEMBER_OF_MAX, { error: 'directory.form.errors.member_of_too_many' })
    .openapi({ description: 'Ids of organisations of a higher level it is a member of. A link to an equal or lower level, to a council unit or into its own members is refused (422).', example: ['8'] }),
  representative_since: z.string({ error: 'directory.form.errors.date_invalid' }).max(10, { error: 'directory.form.errors.date_invalid' }).nullable().openapi({ format: 'date', description: 'Not in the future; null: not a representative entity.', example: '2022-03-10' }),
  district: z.enum(DISTRICTS, { error: 'directory.form.errors.district_invalid' }).nullable(),
  website: z.string({ error: 'directory.form.errors.website_invalid' }).max(WEBSITE_MAX, { error: 'directory.form.errors.website_too_long' }).nullable().openapi({ format: 'uri', description: 'An http or https address.', example: 'https://coop57.coop' }),
  description: DescriptionInputSchema.nullable(),
};

const CreateOrganisationSchema = z
  .object({
    ...writableFields,
    level: writableFields.level.optional(),
    families: writableFields.families.optional(),
    member_of: writableFields.member_of.optional(),
    representative_since: writableFields.representative_since.optional(),
    district: writableFields.district.optional(),
    website: writableFields.website.optional(),
    description: writableFields.description.optional(),
  })
  .openapi('OrganisationCreate');

const UpdateOrganisationSchema = z
  .object(Object.fromEntries(Object.entries(writableFields).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof typeof writableFields]: z.ZodOptional<(typeof writableFields)[K]> })
  .openapi('OrganisationUpdate', { description: 'Only the fields sent change; the result is checked whole (its parents stay above it, its members below).' });

const writeErrors = {
  401: problemResponse('No token, or the token is unknown, revoked, or its account is disabled.'),
  403: problemResponse('Only administrators and council officials keep the directory.'),
  409: problemResponse('Another organisation already has this name or short name (accents and capitals aside).'),
  422: problemResponse('Invalid input: a field, or a member_of link the rules refuse (`errors.member_of` names both organisations).'),
};

// ---- routes ----------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/organisations',
  operationId: 'listOrganisations',
  tags: ['Directory'],
  summary: 'Organisations of the directory',
  description: 'Council units and entities, by id, in pages. Filters combine.',
  request: { query: listQuerySchema },
  responses: {
    200: { description: 'A page of organisations.', content: { 'application/json': { schema: OrganisationListSchema } } },
    422: problemResponse('A filter, `limit` or `cursor` is not valid.'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/organisations/{id}',
  operationId: 'getOrganisation',
  tags: ['Directory'],
  summary: 'One organisation',
  request: { params: idParamSchema },
  responses: {
    200: { description: 'The organisation.', content: { 'application/json': { schema: OrganisationSchema } } },
    404: problemResponse('No organisation has this id.'),
  },
});

const createOrganisationRoute = createRoute({
  method: 'post',
  path: '/organisations',
  operationId: 'createOrganisation',
  tags: ['Directory'],
  summary: 'Add an organisation',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: CreateOrganisationSchema } } } },
  responses: {
    201: {
      description: 'Created; `Location` is its address.',
      headers: { Location: { schema: { type: 'string' }, description: 'The new organisation in the API.' } },
      content: { 'application/json': { schema: OrganisationSchema } },
    },
    ...writeErrors,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/organisations/{id}',
  operationId: 'updateOrganisation',
  tags: ['Directory'],
  summary: 'Change an organisation',
  security: [{ bearer: [] }],
  request: { params: idParamSchema, body: { required: true, content: { 'application/json': { schema: UpdateOrganisationSchema } } } },
  responses: {
    200: { description: 'The organisation as it is now.', content: { 'application/json': { schema: OrganisationSchema } } },
    404: problemResponse('No organisation has this id.'),
    ...writeErrors,
  },
});

/** The list's name in its cursors (`o:12`). */
const CURSOR_LIST = 'o';

/** The id a cursor continues after; 422 on `cursor` when it is not one this API gave. */
function idAfterCursor(c: AppContext, cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  return decodeCursor(CURSOR_LIST, cursor, c, 'directory.api.cursor_invalid');
}

/** The id in the path, or 404 for anything that is not one (the pages' rule). */
const idOf = (c: AppContext): number => organisationIdFromPath(c.req.param('id'));

async function presentById(c: AppContext, id: number) {
  const row = await findDirectoryRow(c.get('services').database.db, id);
  if (!row) throw new AppError('not_found');
  return presentOrganisation(row, c.get('locale'));
}

/** A JSON body as the API's validator accepted it. */
async function jsonBody(c: AppContext): Promise<Record<string, unknown>> {
  return (await c.req.json()) as Record<string, unknown>;
}

export const directoryApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/organisations',
    policy: viewDirectory,
    openapi: listRoute,
    handler: async (c) => {
      const query = listQuerySchema.parse(c.req.query());
      const after = idAfterCursor(c, query.cursor);
      const rows = await listOrganisationsAfter(
        c.get('services').database.db,
        {
          q: query.q,
          kind: query.kind,
          level: query.level ? (Number(query.level) as OrganisationLevel) : undefined,
          family: query.family,
          district: query.district,
          representative: query.representative === undefined ? undefined : query.representative === 'true',
        },
        after,
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = rows.length > query.limit && last ? encodeCursor(CURSOR_LIST, last.id) : null;
      return c.json({ items: page.map((row) => presentOrganisation(row, c.get('locale'))), next_cursor: nextCursor }, 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/organisations',
    policy: manageOrganisations,
    openapi: createOrganisationRoute,
    handler: async (c) => {
      const saved = await createOrganisation(scopeOf(c), await jsonBody(c));
      c.header('Location', `/api/v1/organisations/${saved.id}`);
      return c.json(await presentById(c, saved.id), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/organisations/{id}',
    policy: viewDirectory,
    sample: { id: '1' },
    openapi: readRoute,
    handler: async (c) => c.json(await presentById(c, idOf(c)), 200),
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/organisations/{id}',
    policy: manageOrganisations,
    sample: { id: '1' },
    openapi: updateRoute,
    handler: async (c) => {
      const id = idOf(c);
      await updateOrganisation(scopeOf(c), { ...(await jsonBody(c)), id });
      return c.json(await presentById(c, id), 200);
    },
  },
];
