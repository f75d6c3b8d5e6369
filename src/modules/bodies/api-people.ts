/**
 * People in the JSON API: `GET /people/{id}`, the public profile — a name, the mandates held
 * now and before, the organisations represented. Never an e-mail, phone or gender.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { publicAccess } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { spaceToday } from './membership.js';
import { publicProfile, type PersonMandate } from './people.js';
import { BODY_KINDS, COLLEGES, MANDATE_ROLES } from './tables.js';

const NameSchema = z.object({ ca: z.string(), es: z.string().optional(), en: z.string().optional() }).openapi({
  description: 'A text in Catalan (always) and, when translated, Spanish and English.',
  example: { ca: 'Àmbit Participat', es: 'Ámbito Participado', en: 'Participatory space (plenary)' },
});

/** A person's mandate, with the body and the organisation it is held in and for. */
export const PersonMandateSchema = z
  .object({
    id: z.string().openapi({ example: '12' }),
    body: z.object({
      id: z.string().openapi({ example: '1' }),
      slug: z.string().openapi({ example: 'ambit-participat' }),
      kind: z.enum(BODY_KINDS),
      name: NameSchema,
    }),
    organisation: z
      .object({
        id: z.string().openapi({ example: '7' }),
        short_name: z.string().openapi({ example: 'FCTC' }),
        name: z.string().openapi({ example: 'Federació de Cooperatives de Treball de Catalunya' }),
      })
      .nullable()
      .openapi({ description: 'The organisation the person sits for; null when they sit as an individual.' }),
    college: z.enum(COLLEGES),
    role: z.enum(MANDATE_ROLES),
    starts_on: z.string().openapi({ format: 'date', example: '2024-01-15' }),
    ends_on: z.string().nullable().openapi({ format: 'date', description: 'The first day it no longer holds; null while open.', example: null }),
  })
  .openapi('PersonMandate');

const PersonSchema = z
  .object({
    id: z.string().openapi({ example: '42' }),
    name: z.string().openapi({ example: 'Laia Ferrer i Soler' }),
    mandates: z.array(PersonMandateSchema).openapi({ description: 'Mandates held today or starting later, newest first.' }),
    past_mandates: z.array(PersonMandateSchema).openapi({ description: 'Mandates that have ended, newest first.' }),
    organisations: z
      .array(z.object({ id: z.string(), short_name: z.string(), name: z.string() }))
      .openapi({ description: 'Every organisation the person has sat for, by short name.' }),
    url: z.string().openapi({ description: 'The public profile page.', example: '/ca/people/42' }),
  })
  .openapi('Person', { description: "A person's public profile: never an e-mail, phone or gender." });

const paramSchema = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,14}$/, { error: 'mandates.errors.id_invalid' }).openapi({ param: { name: 'id', in: 'path' }, example: '42' }),
});

/** A person's mandate as the API shows it (also in `/me`). */
export function presentPersonMandate(m: PersonMandate): z.infer<typeof PersonMandateSchema> {
  return {
    id: String(m.id),
    body: { id: String(m.body_id), slug: m.body_slug, kind: m.body_kind, name: m.body_name },
    organisation: m.organisation_id === null ? null : { id: String(m.organisation_id), short_name: m.organisation_short_name ?? '', name: m.organisation_name ?? '' },
    college: m.college,
    role: m.role,
    starts_on: m.starts_on,
    ends_on: m.ends_on,
  };
}

const readRoute = createRoute({
  method: 'get',
  path: '/people/{id}',
  operationId: 'getPerson',
  tags: ['Bodies'],
  summary: "A person's public profile",
  description:
    'The name and public mandates of a person who sits or sat in a body. People who never held a mandate, and deleted accounts, are not found; a disabled account still shows its public record.',
  request: { params: paramSchema },
  responses: {
    200: { description: 'The public profile.', content: { 'application/json': { schema: PersonSchema } } },
    404: problemResponse('No person with a public record has this id (never held a mandate, deleted, or unknown).'),
  },
});

export const peopleApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/people/{id}',
    policy: publicAccess,
    openapi: readRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof paramSchema>;
      const number = Number(id);
      if (!Number.isSafeInteger(number)) throw new AppError('not_found');
      const profile = await publicProfile(c.get('services').database.db, number, spaceToday());
      const body: z.infer<typeof PersonSchema> = {
        id: String(profile.person.id),
        name: profile.person.name,
        mandates: profile.current.map(presentPersonMandate),
        past_mandates: profile.past.map(presentPersonMandate),
        organisations: profile.organisations.map((o) => ({ id: String(o.id), short_name: o.short_name, name: o.name })),
        url: `/${c.get('locale')}/people/${profile.person.id}`,
      };
      return c.json(body, 200);
    },
  },
];
