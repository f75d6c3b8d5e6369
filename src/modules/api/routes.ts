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
    handler: (c) => {
      const actor = c.get('actor');
      // The policy gate has already refused visitors; this keeps the type honest.
      if (!actor) throw new AppError('unauthenticated');
      const me: z.infer<typeof MeSchema> = { id: String(actor.id), name: actor.name, roles: actor.roles, mandates: [] };
      c.header('Cache-Control', 'private, no-store');
      return c.json(me, 200);
    },
  },
];
