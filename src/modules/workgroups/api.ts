/**
 * The working groups in the JSON API (tag `Bodies`): propose (`POST /bodies`), move through the
 * lifecycle (`POST /bodies/{id}/transitions`), join requests (`GET|POST /bodies/{id}/join-requests`,
 * `GET /join-requests/{id}`, `POST /join-requests/{id}/transitions`) and reports
 * (`GET|POST /bodies/{id}/reports`, `GET /bodies/{id}/reports/{report_id}`).
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { translator } from '../../kernel/i18n/index.js';
import { allows, authorize, signedIn } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { problemResponse } from '../api/index.js';
import { BodySchema, presentBody } from '../bodies/api-bodies.js';
import { emptyComposition } from '../bodies/bodies-read.js';
import { compositionOf, findBody } from '../bodies/index.js';
import {
  BodyRefParam, JoinRequestInputSchema, JoinRequestListSchema, JoinRequestQuery, JoinRequestSchema, JoinTransitionInputSchema, ProposalInputSchema,
  RecordIdParam, ReportInputSchema, ReportListSchema, ReportQuery, ReportRefParam, ReportSchema, TransitionInputSchema,
} from './api-schemas.js';
import { closeWorkingGroup, moveToClosing } from './close.js';
import { decideOnProposal } from './decide.js';
import { authorizeForSomeGroup, groupByReference, standingOfActor, type GroupRow } from './groups.js';
import { askToJoinGroup, decideJoinRequest, withdrawJoinRequest } from './join.js';
import { manageJoinRequests, proposeGroup, readGroup } from './policies.js';
import { proposeWorkingGroup } from './propose.js';
import { fileGroupReport } from './reports.js';
import { findJoinRequest, findReport, listJoinRequests, listReportsBefore, type JoinRequestRow, type ReportRow } from './store.js';

// ---- presenters and cursors -----------------------------------------------------------------

function presentJoinRequest(request: JoinRequestRow): z.infer<typeof JoinRequestSchema> {
  return {
    id: String(request.id),
    body_id: String(request.body_id),
    person: { id: String(request.person_id), name: request.person_name },
    organisation: request.organisation_id === null ? null : { id: String(request.organisation_id), name: request.organisation_name ?? '' },
    statement: request.statement,
    state: request.state,
    created_at: new Date(request.created_at).toISOString(),
    decided_at: request.decided_at === null ? null : new Date(request.decided_at).toISOString(),
    decision_reason: request.decision_reason,
    mandate_id: request.mandate_id === null ? null : String(request.mandate_id),
  };
}

function presentReport(report: ReportRow): z.infer<typeof ReportSchema> {
  return {
    id: String(report.id),
    body_id: String(report.body_id),
    kind: report.kind,
    period_start: report.period_start,
    period_end: report.period_end,
    progress: report.progress,
    next_steps: report.next_steps,
    blockers: report.blockers,
    submitted_by: report.submitted_by === null ? null : { id: String(report.submitted_by), name: report.submitted_by_name ?? '' },
    created_at: new Date(report.created_at).toISOString(),
  };
}

/** The group as `GET /bodies/{id}` shows it, with its composition and warnings today. */
async function presentGroup(c: AppContext, group: GroupRow): Promise<z.infer<typeof BodySchema>> {
  const locale = c.get('locale');
  const compositions = await compositionOf(c.get('services').database.db, [group.id]);
  return presentBody(group, compositions.get(group.id) ?? emptyComposition(), translator(locale), locale);
}

/** An opaque cursor naming the last id of a page. */
function encodeCursor(kind: string, lastId: number): string {
  return Buffer.from(`${kind}:${lastId}`).toString('base64url');
}

function decodeCursor(kind: string, cursor: string | undefined, c: AppContext): number | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const value = text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : '';
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw fieldError('cursor', 'workgroups.api.cursor_invalid', c.get('locale'));
  return Number(value);
}

function recordId(value: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw new AppError('not_found');
  return Number(value);
}

/** A join request the actor may read: their own, or one of a group they manage. 404 otherwise, so ids reveal nothing. */
async function readableJoinRequest(c: AppContext, id: number): Promise<JoinRequestRow> {
  const db = c.get('services').database.db;
  const request = await findJoinRequest(db, id);
  const actor = c.get('actor');
  if (!request || !actor) throw new AppError('not_found');
  if (request.person_id === actor.id) return request;
  const standing = await standingOfActor(db, actor);
  if (!allows(manageJoinRequests, actor, { standing, group: { id: request.body_id } })) throw new AppError('not_found');
  return request;
}

const asString = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

// ---- route descriptions ---------------------------------------------------------------------

const bodyResponse = (description: string) => ({ description, content: { 'application/json': { schema: BodySchema } } });

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
  description: 'Approve (`active`) or decline (`declined`, with a reason) a proposed group; move an active group to `closing` (with a reason); close a closing group (`closed`) once its final report exists. Each step is a recorded, public decision.',
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

const listReportsRoute = createRoute({
  method: 'get',
  path: '/bodies/{id}/reports',
  operationId: 'listWorkingGroupReports',
  tags: ['Bodies'],
  summary: "A working group's follow-up reports",
  description: 'Newest first. Public.',
  request: { params: BodyRefParam, query: ReportQuery },
  responses: {
    200: { description: 'One page of reports.', content: { 'application/json': { schema: ReportListSchema } } },
    404: problemResponse('No working group has this id or slug.'),
    422: problemResponse('The limit or the cursor is not valid.'),
  },
});

const readReportRoute = createRoute({
  method: 'get',
  path: '/bodies/{id}/reports/{report_id}',
  operationId: 'getWorkingGroupReport',
  tags: ['Bodies'],
  summary: 'One follow-up report',
  request: { params: ReportRefParam },
  responses: {
    200: { description: 'The report.', content: { 'application/json': { schema: ReportSchema } } },
    404: problemResponse('No such report of this group.'),
  },
});

const fileReportRoute = createRoute({
  method: 'post',
  path: '/bodies/{id}/reports',
  operationId: 'fileWorkingGroupReport',
  tags: ['Bodies'],
  summary: 'File a follow-up report',
  description: "A coordinator files the group's report for a period; `final` while the group is closing.",
  security: [{ bearer: [] }],
  request: { params: BodyRefParam, body: { required: true, content: { 'application/json': { schema: ReportInputSchema } } } },
  responses: {
    201: { description: 'The report.', content: { 'application/json': { schema: ReportSchema } }, headers: { Location: { description: 'The report.', schema: { type: 'string' } } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not coordinate this group."),
    404: problemResponse('No working group has this id or slug.'),
    409: problemResponse('The group does not take reports now (proposed, declined, closed), or its final report is already in.'),
    422: problemResponse('A field is not valid; `errors` says which.'),
  },
});

// ---- routes ---------------------------------------------------------------------------------

/** The input zod-openapi has already validated against the route's schemas. */
const valid = <T,>(c: AppContext, target: 'json' | 'param' | 'query'): T => c.req.valid(target as never) as T;

export const workgroupsApiRoutes: RouteDef[] = [
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
      const afterId = decodeCursor('join-requests', query.cursor, c);
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
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies/{id}/reports',
    policy: readGroup,
    sample: { id: 'grup-motor' },
    openapi: listReportsRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof BodyRefParam>>(c, 'param');
      const query = valid<z.infer<typeof ReportQuery>>(c, 'query');
      const db = c.get('services').database.db;
      const group = await groupByReference(db, id);
      const beforeId = decodeCursor('reports', query.cursor, c);
      const rows = await listReportsBefore(db, group.id, beforeId, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return c.json({ items: page.map(presentReport), next_cursor: rows.length > query.limit && last ? encodeCursor('reports', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/bodies/{id}/reports/{report_id}',
    policy: readGroup,
    sample: { id: 'grup-motor', report_id: '999999' },
    openapi: readReportRoute,
    handler: async (c) => {
      const { id, report_id } = valid<z.infer<typeof ReportRefParam>>(c, 'param');
      const db = c.get('services').database.db;
      const group = await groupByReference(db, id);
      const report = await findReport(db, recordId(report_id));
      if (!report || report.body_id !== group.id) throw new AppError('not_found');
      return c.json(presentReport(report), 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/bodies/{id}/reports',
    policy: signedIn,
    sample: { id: 'grup-motor' },
    openapi: fileReportRoute,
    handler: async (c) => {
      const { id } = valid<z.infer<typeof BodyRefParam>>(c, 'param');
      const input = valid<z.infer<typeof ReportInputSchema>>(c, 'json');
      const db = c.get('services').database.db;
      const group = await groupByReference(db, id);
      const result = await fileGroupReport(scopeOf(c), { body_id: group.id, ...input });
      const report = await findReport(db, result.id);
      if (!report) throw new AppError('not_found');
      c.header('Location', `/api/v1/bodies/${group.id}/reports/${report.id}`);
      return c.json(presentReport(report), 201);
    },
  },
];
