/** The API's working groups themselves: propose one (`POST /bodies`) and move it through its life (`POST /bodies/{id}/transitions`). */
import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { findBody } from '../bodies/index.js';
import { ProposalInputSchema, BodyRefParam, TransitionInputSchema } from './api-schemas.js';
import { asString, bodyResponse, presentGroup, valid } from './api-support.js';
import { closeWorkingGroup, moveToClosing } from './close.js';
import { decideOnProposal } from './decide.js';
import type { GroupRow } from './groups.js';
import { proposeGroup } from './policies.js';
import { proposeWorkingGroup } from './propose.js';

const proposeRoute = createRoute({
  method: 'post',
  path: '/bodies',
  operationId: 'proposeWorkingGroup',
  tags: ['Bodies'],
  summary: 'Propose a working group',
  description: 'Any signed-in person proposes a working group with its charter and sunset date; it waits, `proposed`, for the steering group. The steering group is e-mailed.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ProposalInputSchema } } } },
  responses: {
    201: { ...bodyResponse('The proposed group.'), headers: { Location: { description: 'The new body.', schema: { type: 'string' } } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    409: problemResponse('The space has no plenary to hang the group from.'),
    422: problemResponse('A field is not valid (a missing charter part, a sunset in the past or more than 24 months ahead…); `errors` says which.'),
  },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/bodies/{id}/transitions',
  operationId: 'transitionWorkingGroup',
  tags: ['Bodies'],
  summary: "Move a working group through its life",
  description: 'Approve (`active`) or decline (`declined`, with a reason) a proposed group; move an active group to `closing` (with a reason; its pending join requests are declined and their authors e-mailed); close a closing group (`closed`) once its final report exists. Each step is a recorded, public decision.',
  security: [{ bearer: [] }],
  request: { params: BodyRefParam, body: { required: true, content: { 'application/json': { schema: TransitionInputSchema } } } },
  responses: {
    200: bodyResponse('The group as it now is.'),
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person may not make this decision."),
    404: problemResponse('No body has this id or slug.'),
    409: problemResponse('The move is not allowed from the current state (or the body is not a working group, or the final report is due).'),
    422: problemResponse('A field is not valid (e.g. no reason to decline).'),
  },
});

export const groupApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'POST',
    path: '/bodies',
    policy: proposeGroup,
    openapi: proposeRoute,
    handler: async (c) => {
      const input = valid<z.infer<typeof ProposalInputSchema>>(c, 'json');
      const group = await proposeWorkingGroup(scopeOf(c), {
        name: input.name,
        purpose: input.purpose,
        charter: input.charter,
        sunset_on: input.sunset_on,
        allowed_levels: input.rules?.allowed_levels,
        report_interval_days: input.report_interval_days,
        organisation_id: asString(input.organisation_id),
      });
      c.header('Location', `/api/v1/bodies/${group.id}`);
      return c.json(await presentGroup(c, group), 201);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/bodies/{id}/transitions',
    policy: signedIn,
    sample: { id: 'grup-motor' },
    openapi: transitionRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof BodyRefParam>>(c, 'param');
      const input = valid<z.infer<typeof TransitionInputSchema>>(c, 'json');
      const body = await findBody(c.get('services').database.db, id);
      if (!body) throw new AppError('not_found');
      if (body.kind !== 'working_group') throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.not_a_working_group' });
      const scope = scopeOf(c);
      const command = { body_id: body.id, reason: input.reason ?? '' };
      let group: GroupRow;
      if (input.to === 'active' || input.to === 'declined') group = (await decideOnProposal(scope, { ...command, decision: input.to === 'active' ? 'approve' : 'decline' })).group;
      else if (input.to === 'closing') group = await moveToClosing(scope, command);
      else group = await closeWorkingGroup(scope, command);
      return c.json(await presentGroup(c, group), 200);
    },
  },
];
