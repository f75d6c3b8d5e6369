/** The API's follow-up reports of a working group: the public list and one report, and filing one. */
import { encodeCursor } from '../../kernel/http/cursor.js';
import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import { BodyRefParam, ReportInputSchema, ReportListSchema, ReportQuery, ReportRefParam, ReportSchema } from './api-schemas.js';
import { decodeCursorOf, presentReport, recordId, valid } from './api-support.js';
import { groupByReference } from './groups.js';
import { readGroup } from './policies.js';
import { fileGroupReport } from './reports.js';
import { findReport, listReportsBefore } from './reports-store.js';

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

export const reportApiRoutes: RouteDef[] = [
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
      const beforeId = decodeCursorOf('reports', query.cursor, c);
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
