/** SQL of join requests: asking to join a working group, and their answers. */
import type { Queryable, Trx } from '../../db/types.js';
import type { JoinRequestState } from '../bodies/tables.js';

const int = (value: unknown): number => Number(value);
const intOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export interface JoinRequestRow {
  id: number;
  body_id: number;
  person_id: number;
  person_name: string;
  organisation_id: number | null;
  organisation_name: string | null;
  statement: string;
  state: JoinRequestState;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  mandate_id: number | null;
  created_at: Date;
}

function joinRequestQuery(db: Queryable) {
  return db
    .selectFrom('join_requests as j')
    .innerJoin('users as u', 'u.id', 'j.person_id')
    .leftJoin('organisations as o', 'o.id', 'j.organisation_id')
    .select([
      'j.id', 'j.body_id', 'j.person_id', 'u.name as person_name', 'j.organisation_id', 'o.name as organisation_name', 'j.statement',
      'j.state', 'j.decided_by', 'j.decided_at', 'j.decision_reason', 'j.mandate_id', 'j.created_at',
    ]);
}

function normaliseRequest(row: Omit<JoinRequestRow, 'organisation_name'> & { organisation_name: string | null }): JoinRequestRow {
  return {
    ...row,
    id: int(row.id),
    body_id: int(row.body_id),
    person_id: int(row.person_id),
    organisation_id: intOrNull(row.organisation_id),
    decided_by: intOrNull(row.decided_by),
    mandate_id: intOrNull(row.mandate_id),
  };
}

/** One join request with the names it shows, or undefined. */
export async function findJoinRequest(db: Queryable, id: number): Promise<JoinRequestRow | undefined> {
  const row = await joinRequestQuery(db).where('j.id', '=', id).executeTakeFirst();
  return row ? normaliseRequest(row) : undefined;
}

/** Locks the join request's row for the rest of the transaction; returns it with its names. */
export async function lockJoinRequest(trx: Trx, id: number): Promise<JoinRequestRow | undefined> {
  const locked = await trx.selectFrom('join_requests').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findJoinRequest(trx, id) : undefined;
}

/** The person's pending request to join the group, if they have one. */
export async function findPendingRequest(db: Queryable, bodyId: number, personId: number): Promise<JoinRequestRow | undefined> {
  const row = await joinRequestQuery(db).where('j.body_id', '=', bodyId).where('j.person_id', '=', personId).where('j.state', '=', 'pending').executeTakeFirst();
  return row ? normaliseRequest(row) : undefined;
}

/** The group's join requests in one state, oldest first, after the id `afterId` (for paging). */
export async function listJoinRequests(
  db: Queryable,
  bodyId: number,
  options: { state?: JoinRequestState | undefined; afterId?: number | undefined; limit: number },
): Promise<JoinRequestRow[]> {
  let query = joinRequestQuery(db).where('j.body_id', '=', bodyId);
  if (options.state) query = query.where('j.state', '=', options.state);
  if (options.afterId !== undefined) query = query.where('j.id', '>', options.afterId);
  const rows = await query.orderBy('j.id').limit(options.limit).execute();
  return rows.map(normaliseRequest);
}

export interface NewJoinRequest {
  body_id: number;
  person_id: number;
  organisation_id: number | null;
  statement: string;
}

/** Inserts a pending join request; returns its id. */
export async function insertJoinRequest(trx: Trx, request: NewJoinRequest): Promise<number> {
  const row = await trx.insertInto('join_requests').values(request).returning('id').executeTakeFirstOrThrow();
  return int(row.id);
}

/** Settles a pending request: accepted (with its mandate), declined or withdrawn. */
export async function settleJoinRequest(
  trx: Trx,
  id: number,
  outcome: { state: Exclude<JoinRequestState, 'pending'>; decided_by: number | null; decision_reason: string | null; mandate_id?: number | null },
): Promise<void> {
  await trx
    .updateTable('join_requests')
    .set({ state: outcome.state, decided_by: outcome.decided_by, decided_at: new Date(), decision_reason: outcome.decision_reason, mandate_id: outcome.mandate_id ?? null })
    .where('id', '=', id)
    .execute();
}

/**
 * Declines every pending request of the group at once (the group stopped taking people), with
 * the reason recorded; returns who had asked, by request.
 */
export async function declinePendingRequests(trx: Trx, bodyId: number, decidedBy: number | null, reason: string): Promise<Array<{ id: number; person_id: number }>> {
  const rows = await trx
    .updateTable('join_requests')
    .set({ state: 'declined', decided_by: decidedBy, decided_at: new Date(), decision_reason: reason })
    .where('body_id', '=', bodyId)
    .where('state', '=', 'pending')
    .returning(['id', 'person_id'])
    .execute();
  return rows.map((r) => ({ id: int(r.id), person_id: int(r.person_id) })).sort((a, b) => a.id - b.id);
}

/** Every join request of a person, oldest first, with the group it was for: their personal data. */
export async function joinRequestsOf(db: Queryable, personId: number) {
  const rows = await db
    .selectFrom('join_requests as j')
    .innerJoin('bodies as b', 'b.id', 'j.body_id')
    .leftJoin('organisations as o', 'o.id', 'j.organisation_id')
    .select(['j.id', 'j.body_id', 'b.slug as body_slug', 'b.name as body_name', 'j.organisation_id', 'o.name as organisation_name', 'j.statement', 'j.state', 'j.created_at', 'j.decided_at', 'j.decision_reason'])
    .where('j.person_id', '=', personId)
    .orderBy('j.id')
    .execute();
  return rows.map((r) => ({ ...r, id: int(r.id), body_id: int(r.body_id), organisation_id: intOrNull(r.organisation_id) }));
}

/**
 * What deleting a person's account does to their requests to join: the pending ones are
 * withdrawn (by the person, now), and every statement they wrote — read only by coordinators —
 * is emptied, whatever the request's state. Returns the withdrawn requests and how many
 * statements were emptied (the withdrawn ones' included).
 */
export async function forgetRequestsOf(trx: Trx, personId: number): Promise<{ withdrawn: Array<{ id: number; body_id: number }>; statementsEmptied: number }> {
  const emptied = await trx
    .updateTable('join_requests')
    .set({ statement: '' })
    .where('person_id', '=', personId)
    .where('statement', '<>', '')
    .returning('id')
    .execute();
  const withdrawn = await trx
    .updateTable('join_requests')
    .set({ state: 'withdrawn', decided_by: personId, decided_at: new Date(), decision_reason: null })
    .where('person_id', '=', personId)
    .where('state', '=', 'pending')
    .returning(['id', 'body_id'])
    .execute();
  return { withdrawn: withdrawn.map((r) => ({ id: int(r.id), body_id: int(r.body_id) })), statementsEmptied: emptied.length };
}
