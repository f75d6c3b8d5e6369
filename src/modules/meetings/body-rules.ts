/**
 * Changing a body's meeting rules (the columns migration 0010 added to `bodies`): days of
 * notice and by which the dossier is complete (empty: the default for the body's kind), how
 * quorum is counted and the share needed, whether its meetings and minutes are public (or the
 * default for its kind), and whether votes are named.
 *
 * Who: those who run the body's meetings (`manageMeetings`: administrators, the secretariat, and
 * the body's chair, coordinators and secretary). A working group organises itself (its charter),
 * so its coordinators set its rules; the plenary's and the steering group's are set by their
 * chairs and secretaries and by the secretariat. Audited (public: the rules are public record).
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { fieldError } from '../../kernel/validation.js';
import { standingOf } from '../bodies/index.js';
import type { BodyKind } from '../bodies/tables.js';
import { manageMeetings, type MeetingResource } from './policies.js';
import { DEFAULT_NOTICE_DAYS, DEFAULT_DOSSIER_DAYS, meetingRules, type BodyRulesColumns } from './rules.js';
import { meetingResource } from './store.js';
import { QUORUM_BASES } from './tables.js';

const ERR = 'meetings_attendance.rules.errors';

/** A whole number within bounds, typed in a form (or sent as a number); '' is null when `optional`. */
function wholeNumber(min: number, max: number, message: string, optional: boolean) {
  return z.union([z.string(), z.number()]).transform((value, ctx): number | null => {
    const text = String(value).trim();
    if (text === '' && optional) return null;
    if (!/^\d{1,3}$/.test(text) || Number(text) < min || Number(text) > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return Number(text);
  });
}

export const bodyRulesSchema = z.object({
  body_id: z.number().int().positive(),
  notice_days: wholeNumber(0, 90, `${ERR}.days_range`, true),
  dossier_days: wholeNumber(0, 90, `${ERR}.days_range`, true),
  quorum_basis: z.enum(QUORUM_BASES, { message: `${ERR}.choice` }),
  quorum_percent: wholeNumber(1, 100, `${ERR}.percent_range`, false),
  meetings_public: z.enum(['default', 'yes', 'no'], { message: `${ERR}.choice` }),
  named_votes: z.enum(['yes', 'no'], { message: `${ERR}.choice` }),
});

export type BodyRulesInput = z.input<typeof bodyRulesSchema>;

/** A body as its rules form needs it. */
export interface RulesBody extends BodyRulesColumns {
  id: number;
  slug: string;
  kind: BodyKind;
  name: { ca: string; es?: string | undefined; en?: string | undefined };
}

const RULE_COLUMNS = ['id', 'slug', 'kind', 'name', 'notice_days', 'dossier_days', 'quorum_basis', 'quorum_percent', 'meetings_public', 'named_votes'] as const;

/** The body with this slug or id and its rule columns, or 404. */
export async function rulesBody(db: Queryable, where: { slug: string } | { id: number }, forUpdate = false): Promise<RulesBody> {
  if ('slug' in where && !/^[a-z0-9-]{1,80}$/.test(where.slug)) throw new AppError('not_found');
  let query = db.selectFrom('bodies').select([...RULE_COLUMNS]);
  query = 'slug' in where ? query.where('slug', '=', where.slug) : query.where('id', '=', where.id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return { ...row, id: Number(row.id) };
}

/** The meeting resource of a body for someone with this standing. */
export function bodyRulesResource(standing: MeetingResource['standing'], body: RulesBody): MeetingResource {
  return meetingResource(standing, { id: body.id, rules: meetingRules(body) });
}

const stored = (body: BodyRulesColumns) => ({
  notice_days: body.notice_days,
  dossier_days: body.dossier_days,
  quorum_basis: body.quorum_basis,
  quorum_percent: body.quorum_percent,
  meetings_public: body.meetings_public,
  named_votes: body.named_votes,
});

type Loaded = MeetingResource & { body: RulesBody };

export const updateBodyRules = defineCommand({
  name: 'meetings.rules.update',
  input: bodyRulesSchema,
  policy: manageMeetings,
  load: async (tx, input): Promise<Loaded> => {
    const body = await rulesBody(tx.trx, { id: input.body_id }, true);
    const standing = await standingOf(tx.trx, tx.scope.actor?.id ?? null);
    return { ...bodyRulesResource(standing, body), body };
  },
  run: async (tx, input, loaded): Promise<void> => {
    const body = loaded.body;
    const notice = input.notice_days ?? DEFAULT_NOTICE_DAYS[body.kind];
    const dossier = input.dossier_days ?? DEFAULT_DOSSIER_DAYS[body.kind];
    if (dossier > notice) throw fieldError('dossier_days', `${ERR}.dossier_after_notice`, tx.scope.locale, { days: notice });
    const after = {
      notice_days: input.notice_days,
      dossier_days: input.dossier_days,
      quorum_basis: input.quorum_basis,
      quorum_percent: input.quorum_percent as number,
      meetings_public: input.meetings_public === 'default' ? null : input.meetings_public === 'yes',
      named_votes: input.named_votes === 'yes',
    };
    await tx.trx.updateTable('bodies').set({ ...after, updated_at: new Date() }).where('id', '=', body.id).execute();
    await tx.audit({ action: 'meetings.rules.update', subjectType: 'body', subjectId: body.id, before: stored(body), after, visibility: 'public' });
    tx.emit({ type: 'meetings.rules_updated', tags: ['bodies', 'meetings'], payload: { body_id: body.id } });
  },
});
