/**
 * A meeting and what every page, API route and command of this module starts from: the meeting
 * with its body's name, slug, kind and meeting rules, and the asker's standing judged against it.
 * One query for the meeting (with its body), one for the standing.
 */
import type { Selectable } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import { AppError } from '../../kernel/errors.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { allows, authorize, type Actor, type Policy } from '../../kernel/policy.js';
import { standingOf, type Standing } from '../bodies/index.js';
import type { BodyKind } from '../bodies/tables.js';
import { runsMeetings, viewMeeting, type MeetingResource } from './policies.js';
import { meetingRules, type MeetingRules } from './rules.js';
import type { MeetingsTable } from './tables.js';

export type MeetingRow = Selectable<MeetingsTable>;

/** The body a meeting belongs to, as meeting pages need it. */
export interface MeetingBody {
  id: number;
  slug: string;
  kind: BodyKind;
  name: Translatable;
  state: string;
  rules: MeetingRules;
}

export interface MeetingWithBody {
  meeting: MeetingRow;
  body: MeetingBody;
}

/** A path or API reference that is an id. */
export const ID = /^[1-9][0-9]{0,14}$/;

/** The id a path parameter names, or 404. */
export function idParam(value: string | undefined): number {
  if (!value || !ID.test(value)) throw new AppError('not_found');
  return Number(value);
}

/** The body `b`'s columns `meetingRules` reads (with its kind). */
export const BODY_RULE_COLUMNS = ['b.notice_days', 'b.dossier_days', 'b.quorum_basis', 'b.quorum_percent', 'b.meetings_public', 'b.named_votes'] as const;

const BODY_COLUMNS = ['b.slug as body_slug', 'b.kind as body_kind', 'b.name as body_name', 'b.state as body_state', ...BODY_RULE_COLUMNS] as const;

/** The meeting with this id and its body, or undefined. `forUpdate` locks the meeting's row (inside a transaction). */
export async function findMeeting(db: Queryable, id: number, options: { forUpdate?: boolean } = {}): Promise<MeetingWithBody | undefined> {
  let query = db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .selectAll('m')
    .select([...BODY_COLUMNS])
    .where('m.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('m');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { body_slug, body_kind, body_name, body_state, notice_days, dossier_days, quorum_basis, quorum_percent, meetings_public, named_votes, ...meeting } = row;
  return {
    meeting: { ...meeting, id: Number(meeting.id), body_id: Number(meeting.body_id) },
    body: {
      id: Number(meeting.body_id),
      slug: body_slug,
      kind: body_kind,
      name: body_name,
      state: body_state,
      rules: meetingRules({ kind: body_kind, notice_days, dossier_days, quorum_basis, quorum_percent, meetings_public, named_votes }),
    },
  };
}

/** The resource the meeting policies judge, for someone with this standing. */
export function meetingResource(standing: Standing, body: Pick<MeetingBody, 'id' | 'rules'>): MeetingResource {
  return { standing, body: { id: body.id }, public: body.rules.public };
}

export interface MeetingAccess extends MeetingWithBody {
  standing: Standing;
  resource: MeetingResource;
}

/**
 * The meeting `id` names, for someone the policy lets act on it: 404 when there is none — also
 * when the reader may not even see it (a private body's meeting, or a draft for anyone who does
 * not run the body's meetings, is not confirmed to exist) —
 * and 401/403 when they may see it but not do this.
 */
export async function meetingFor(db: Queryable, actor: Actor | null, id: number, policy: Policy<MeetingResource>, options: { forUpdate?: boolean } = {}): Promise<MeetingAccess> {
  const found = await findMeeting(db, id, options);
  if (!found) throw new AppError('not_found');
  const standing = await standingOf(db, actor?.id ?? null);
  const resource = meetingResource(standing, found.body);
  if (!allows(viewMeeting, actor, resource)) throw new AppError('not_found');
  // A draft is not yet a meeting anyone else should know of.
  if (found.meeting.state === 'draft' && !runsMeetings(actor, resource)) throw new AppError('not_found');
  authorize(policy, actor, resource);
  return { ...found, standing, resource };
}

/** Marks a meeting changed (its `updated_at`), inside the writing transaction. */
export async function touchMeeting(trx: Trx, id: number, extra: { sequence?: boolean } = {}): Promise<void> {
  let query = trx.updateTable('meetings').set({ updated_at: new Date() }).where('id', '=', id);
  if (extra.sequence) query = trx.updateTable('meetings').set((eb) => ({ updated_at: new Date(), sequence: eb('sequence', '+', 1) })).where('id', '=', id);
  await query.execute();
}
