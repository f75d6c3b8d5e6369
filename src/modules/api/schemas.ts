/**
 * JSON shapes of the API's own resources and of its errors, as zod schemas with OpenAPI
 * metadata: the OpenAPI document at `/api/openapi.json` is generated from these.
 */
import { z } from '@hono/zod-openapi';

/** An RFC 9457 problem, as every API error is answered (see `src/kernel/http/error-handler.tsx`). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: 'A stable identifier of the kind of problem.', example: 'about:blank#unauthenticated' }),
    title: z.string().openapi({ description: 'A short summary, in the language of `Accept-Language`.', example: 'Cal iniciar la sessió' }),
    status: z.number().int().openapi({ description: 'The HTTP status code.', example: 401 }),
    detail: z.string().openapi({ description: 'What happened and what to do, in the language of `Accept-Language`.' }),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: 'For 422 only: a message per invalid field, keyed by its path (`name`, `text.ca`).', example: { name: 'Cal un nom.' } }),
  })
  .openapi('Problem', { description: 'An error, as `application/problem+json` (RFC 9457).' });

/** One problem response of the OpenAPI document, for a route's `responses`. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** A person's seat in a body, as `GET /me` lists the active ones. */
export const ActiveMandateSchema = z
  .object({
    id: z.string().openapi({ example: '12' }),
    body_id: z.string().openapi({ description: 'The body the person sits in.', example: '1' }),
    body_slug: z.string().openapi({ description: "The body's page is `/{locale}/bodies/{body_slug}`.", example: 'ambit-participat' }),
    body_name: z
      .object({ ca: z.string(), es: z.string().optional(), en: z.string().optional() })
      .openapi({ description: "The body's name in Catalan and, when translated, Spanish and English.", example: { ca: 'Àmbit Participat', es: 'Ámbito Participado', en: 'Participatory space (plenary)' } }),
    organisation_id: z.string().nullable().openapi({ description: 'The organisation the person represents; null when they sit as an individual.', example: '7' }),
    organisation_short_name: z.string().nullable().openapi({ example: 'FCTC' }),
    organisation_name: z.string().nullable().openapi({ example: 'Federació de Cooperatives de Treball de Catalunya' }),
    college: z.enum(['council', 'entity', 'trajectory', 'non_articulated', 'expert']),
    role: z.enum(['chair', 'coordinator', 'secretary', 'member', 'alternate', 'observer', 'council_liaison']),
    starts_on: z.string().openapi({ format: 'date', example: '2026-01-15' }),
    ends_on: z.string().nullable().openapi({ format: 'date', example: null }),
  })
  .openapi('ActiveMandate');

/** The person behind the bearer token. */
export const MeSchema = z
  .object({
    id: z.string().openapi({ description: "The person's id.", example: '42' }),
    name: z.string().openapi({ example: 'Laia Puig Serra' }),
    roles: z
      .array(z.enum(['admin', 'official']))
      .openapi({ description: 'Global roles: `admin` manages accounts and settings; `official` acts for the council.', example: [] }),
    mandates: z.array(ActiveMandateSchema).openapi({
      description: "The person's mandates held today (seats in bodies, including as alternate or observer), the plenary first.",
    }),
  })
  .openapi('Me', { description: "The token's person." });
