/** The API's own resources: `GET /me`, the person behind the bearer token. */
import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { definePolicy } from '../../kernel/policy.js';
import { MeSchema, problemResponse } from './schemas.js';

/** Any person with a valid token may read who they are; a visitor is asked to authenticate. */
export const readMe = definePolicy<void>('api.me.read', { requiresSignIn: true }, (actor) => actor !== null);

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['Identity'],
  summary: "The token's person",
  description: "Who the bearer token acts as: the person's id, name, global roles and active mandates.",
  security: [{ bearer: [] }],
  responses: {
    200: { description: "The token's person.", content: { 'application/json': { schema: MeSchema } } },
    401: problemResponse('No token, or the token is unknown, revoked, or its account is disabled.'),
  },
});

export const apiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/me',
    policy: readMe,
    openapi: meRoute,
    handler: async (c) => {
      const actor = c.get('actor');
      // The policy gate has already refused visitors; this keeps the type honest.
      if (!actor) throw new AppError('unauthenticated');
      // Imported when first asked: the bodies module documents its own API routes with this
      // module's problem schema, and a static import both ways would load one half-initialised.
      const { activeMandatesOf } = await import('../bodies/index.js');
      const mandates = await activeMandatesOf(c.get('services').database.db, actor.id);
      const me: z.infer<typeof MeSchema> = {
        id: String(actor.id),
        name: actor.name,
        roles: actor.roles,
        mandates: mandates.map((m) => ({
          id: String(m.id),
          body_id: String(m.body_id),
          body_slug: m.body_slug,
          body_name: m.body_name,
          organisation_id: m.organisation_id === null ? null : String(m.organisation_id),
          organisation_short_name: m.organisation_short_name,
          organisation_name: m.organisation_name,
          college: m.college,
          role: m.role,
          starts_on: m.starts_on,
          ends_on: m.ends_on,
        })),
      };
      c.header('Cache-Control', 'private, no-store');
      return c.json(me, 200);
    },
  },
];
