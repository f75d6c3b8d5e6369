/** The API's join requests: list and make them on a group, read one, accept, decline or withdraw it. */
import { encodeCursor } from '../../kernel/http/cursor.js';
import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { authorize, signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { BodyRefParam, JoinRequestInputSchema, JoinRequestListSchema, JoinRequestQuery, JoinRequestSchema, JoinTransitionInputSchema, RecordIdParam } from './api-schemas.js';
import { asString, decodeCursorOf, presentJoinRequest, readableJoinRequest, recordId, valid } from './api-support.js';
import { authorizeForSomeGroup, groupByReference, standingOfActor } from './groups.js';
import { askToJoinGroup, decideJoinRequest, withdrawJoinRequest } from './join.js';
import { manageJoinRequests } from './policies.js';
import { findJoinRequest, listJoinRequests } from './requests-store.js';

const listJoinRequestsRoute = createRoute({
  method: 'get',
  path: '/bodies/{id}/join-requests',
  operationId: 'listJoinRequests',
  tags: ['Bodies'],
  summary: "A working group's join requests",
  description: "The requests to join the group, oldest first, with the requesters' statements: for the group's coordinators, the steering group and admins.",
  security: [{ bearer: [] }],
  request: { params: BodyRefParam, query: JoinRequestQuery },
  responses: {
    200: { description: 'One page of requests.', content: { 'application/json': { schema: JoinRequestListSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not manage this group."),
    404: problemResponse('No working group has this id or slug.'),
    422: problemResponse('A filter, the limit or the cursor is not valid.'),
  },
});

const askToJoinRoute = createRoute({
  method: 'post',
  path: '/bodies/{id}/join-requests',
  operationId: 'askToJoinWorkingGroup',
  tags: ['Bodies'],
  summary: 'Ask to join a working group',
  description: 'The caller asks to join an active, open group, for an organisation of an allowed level or as an individual with a statement. The coordinators are e-mailed.',
  security: [{ bearer: [] }],
  request: { params: BodyRefParam, body: { required: true, content: { 'application/json': { schema: JoinRequestInputSchema } } } },
  responses: {
    201: { description: 'The pending request.', content: { 'application/json': { schema: JoinRequestSchema } }, headers: { Location: { description: 'The request.', schema: { type: 'string' } } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    404: problemResponse('No working group has this id or slug.'),
    409: problemResponse('The group is not taking requests (proposed, closing, closed, declined or not open), the caller is already a member, or has a request pending.'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

const readJoinRequestRoute = createRoute({
  method: 'get',
  path: '/join-requests/{id}',
  operationId: 'getJoinRequest',
  tags: ['Bodies'],
  summary: 'One join request',
  description: "A request, for the person who made it and for those who manage the group.",
  security: [{ bearer: [] }],
  request: { params: RecordIdParam },
  responses: {
    200: { description: 'The request.', content: { 'application/json': { schema: JoinRequestSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    404: problemResponse('No request with this id that the caller may read.'),
  },
});

const joinTransitionRoute = createRoute({
  method: 'post',
  path: '/join-requests/{id}/transitions',
  operationId: 'transitionJoinRequest',
  tags: ['Bodies'],
  summary: 'Accept, decline or withdraw a join request',
  description: 'Accepting creates the person\'s member mandate from today (every rule of the group applies); the person is e-mailed either way. Withdrawing is for the person who asked.',
  security: [{ bearer: [] }],
  request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: JoinTransitionInputSchema } } } },
  responses: {
    200: { description: 'The request as it now is.', content: { 'application/json': { schema: JoinRequestSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person may not decide this request."),
    404: problemResponse('No request has this id.'),
    409: problemResponse('The request is already settled, the group is not active, or a rule of the group refuses the mandate.'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

export const joinRequestApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies/{id}/join-requests',
    policy: signedIn,
    sample: { id: 'grup-motor' },
    openapi: listJoinRequestsRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof BodyRefParam>>(c, 'param');
      const query = valid<z.infer<typeof JoinRequestQuery>>(c, 'query');
      const db = c.get('services').database.db;
      const standing = await standingOfActor(db, c.get('actor'));
      authorizeForSomeGroup(manageJoinRequests, c.get('actor'), standing);
      const group = await groupByReference(db, id);
      authorize(manageJoinRequests, c.get('actor'), { standing, group });
      const afterId = decodeCursorOf('join-requests', query.cursor, c);
      const rows = await listJoinRequests(db, group.id, { state: query.state, afterId, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ items: page.map(presentJoinRequest), next_cursor: rows.length > query.limit && last ? encodeCursor('join-requests', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/bodies/{id}/join-requests',
    policy: signedIn,
    sample: { id: 'grup-motor' },
    openapi: askToJoinRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof BodyRefParam>>(c, 'param');
      const input = valid<z.infer<typeof JoinRequestInputSchema>>(c, 'json');
      const group = await groupByReference(c.get('services').database.db, id);
      const organisationId = asString(input.organisation_id);
      const result = await askToJoinGroup(scopeOf(c), {
        body_id: group.id,
        as: organisationId === undefined ? 'individual' : 'organisation',
        organisation_id: organisationId,
        statement: input.statement ?? '',
      });
      const request = await findJoinRequest(c.get('services').database.db, result.id);
      if (!request) throw new AppError('not_found');
      c.header('Location', `/api/v1/join-requests/${request.id}`);
      return c.json(presentJoinRequest(request), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/join-requests/{id}',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: readJoinRequestRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof RecordIdParam>>(c, 'param');
      const request = await readableJoinRequest(c, recordId(id));
      c.header('Cache-Control', 'private, no-store');
      return c.json(presentJoinRequest(request), 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/join-requests/{id}/transitions',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: joinTransitionRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof RecordIdParam>>(c, 'param');
      const input = valid<z.infer<typeof JoinTransitionInputSchema>>(c, 'json');
      const requestId = recordId(id);
      const scope = scopeOf(c);
      const result =
        input.to === 'withdrawn'
          ? await withdrawJoinRequest(scope, { request_id: requestId })
          : await decideJoinRequest(scope, { request_id: requestId, decision: input.to === 'accepted' ? 'accept' : 'decline', college: input.college, reason: input.reason ?? '' });
      const request = await findJoinRequest(c.get('services').database.db, result.request.id);
      if (!request) throw new AppError('not_found');
      return c.json(presentJoinRequest(request), 200);
    },
  },
];
