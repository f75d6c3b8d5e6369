/**
 * What the working groups' API routes share: presenters (never a row as stored), opaque
 * cursors, ids from paths, and the join request a caller may read.
 */
import type { z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/http/env.js';
import { translator } from '../../kernel/i18n/index.js';
import { allows } from '../../kernel/policy.js';
import { decodeCursor } from '../../kernel/http/cursor.js';
import { BodySchema, presentBody } from '../bodies/api-bodies.js';
import { emptyComposition } from '../bodies/bodies-read.js';
import { compositionOf } from '../bodies/index.js';
import type { JoinRequestSchema, ReportSchema } from './api-schemas.js';
import { standingOfActor, type GroupRow } from './groups.js';
import { manageJoinRequests } from './policies.js';
import type { ReportRow } from './reports-store.js';
import { findJoinRequest, type JoinRequestRow } from './requests-store.js';

/** The input zod-openapi has already validated against the route's schemas. */
export const valid = <T,>(c: AppContext, target: 'json' | 'param' | 'query'): T => c.req.valid(target as never) as T;

/** An id given as a string or a number, as a string (absent or null: undefined). */
export const asString = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** A body's response in the OpenAPI document. */
export const bodyResponse = (description: string) => ({ description, content: { 'application/json': { schema: BodySchema } } });

export function presentJoinRequest(request: JoinRequestRow): z.infer<typeof JoinRequestSchema> {
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

export function presentReport(report: ReportRow): z.infer<typeof ReportSchema> {
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
export async function presentGroup(c: AppContext, group: GroupRow): Promise<z.infer<typeof BodySchema>> {
  const locale = c.get('locale');
  const compositions = await compositionOf(c.get('services').database.db, [group.id]);
  return presentBody(group, compositions.get(group.id) ?? emptyComposition(), translator(locale), locale);
}

/** The page's cursor, or none: a 422 on `cursor` when it is not one of this list's. */
export function decodeCursorOf(list: string, cursor: string | undefined, c: AppContext): number | undefined {
  return cursor === undefined ? undefined : decodeCursor(list, cursor, c, 'workgroups.api.cursor_invalid');
}

export function recordId(value: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw new AppError('not_found');
  return Number(value);
}

/** A join request the actor may read: their own, or one of a group they manage. 404 otherwise, so ids reveal nothing. */
export async function readableJoinRequest(c: AppContext, id: number): Promise<JoinRequestRow> {
  const db = c.get('services').database.db;
  const request = await findJoinRequest(db, id);
  const actor = c.get('actor');
  if (!request || !actor) throw new AppError('not_found');
  if (request.person_id === actor.id) return request;
  const standing = await standingOfActor(db, actor);
  if (!allows(manageJoinRequests, actor, { standing, group: { id: request.body_id } })) throw new AppError('not_found');
  return request;
}
