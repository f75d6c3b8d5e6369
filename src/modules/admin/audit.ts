/**
 * Reading the audit trail for the administration: filters from the query string (person, action
 * prefix, a range of days in Barcelona's time), newest first, keyset-paginated by id. A page
 * runs the same queries whatever the number of entries.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { auditActions, searchAudit, type AuditFilter, type AuditRow } from '../../kernel/audit/index.js';
import { wallClockInSpace, type Locale } from '../../kernel/i18n/index.js';
import { validate } from '../../kernel/validation.js';
import { findUserById } from '../identity/index.js';

export const AUDIT_PER_PAGE = 50;

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const dayField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'admin.audit.filters.date_invalid' })
  .refine((value) => isCalendarDay(value), { error: 'admin.audit.filters.date_invalid' });

export const auditQuerySchema = z
  .object({
    actor: z.preprocess(blankAsUndefined, z.coerce.number({ error: 'admin.audit.filters.actor_invalid' }).int({ error: 'admin.audit.filters.actor_invalid' }).positive({ error: 'admin.audit.filters.actor_invalid' }).optional()),
    action: z.preprocess(blankAsUndefined, z.string().trim().max(100, { error: 'admin.audit.filters.action_invalid' }).regex(/^[a-z0-9_.]+$/, { error: 'admin.audit.filters.action_invalid' }).optional()),
    from: z.preprocess(blankAsUndefined, dayField.optional()),
    to: z.preprocess(blankAsUndefined, dayField.optional()),
    subject_type: z.preprocess(blankAsUndefined, z.string().max(50).regex(/^[a-z0-9_]+$/).optional()),
    subject_id: z.preprocess(blankAsUndefined, z.string().max(100).optional()),
    // A stale or mangled "older entries" link shows the newest entries rather than an error.
    before: z.coerce.number().int().positive().optional().catch(undefined),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'admin.audit.filters.to_before_from' });
    }
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** Reads the filters from the query string; 422 with field messages when one is wrong. */
export function parseAuditQuery(raw: Record<string, string>, locale: Locale): AuditQuery {
  return validate(auditQuerySchema, raw, locale);
}

export interface AuditPage {
  entries: AuditRow[];
  /** The id to continue from for older entries, when there are more. */
  olderThan: number | undefined;
  /** Every action recorded so far, for the filter's choices. */
  actions: string[];
  /** The person the list is filtered by, when they still exist. */
  actorName: string | undefined;
}

/** One page of entries for the filters, newest first. */
export async function findAuditEntries(db: Queryable, query: AuditQuery): Promise<AuditPage> {
  const filter: AuditFilter = {
    actorId: query.actor,
    action: query.action,
    subjectType: query.subject_type,
    subjectId: query.subject_type ? query.subject_id : undefined,
    from: query.from ? startOfDayInMadrid(query.from) : undefined,
    to: query.to ? startOfDayInMadrid(nextDay(query.to)) : undefined,
    beforeId: query.before,
  };
  const rows = await searchAudit(db, filter, AUDIT_PER_PAGE + 1);
  const entries = rows.slice(0, AUDIT_PER_PAGE);
  const olderThan = rows.length > AUDIT_PER_PAGE ? entries[entries.length - 1]?.id : undefined;
  const actions = await auditActions(db);
  const actor = query.actor !== undefined ? await findUserById(db, query.actor) : undefined;
  return { entries, olderThan, actions, actorName: actor?.name };
}

/**
 * The choices of the action filter: each recorded action and every prefix of it, so that
 * `admin.people` finds all of `admin.people.*`.
 */
export function actionChoices(actions: readonly string[]): string[] {
  const choices = new Set<string>();
  for (const action of actions) {
    const parts = action.split('.');
    for (let n = 1; n <= parts.length; n += 1) choices.add(parts.slice(0, n).join('.'));
  }
  return [...choices].sort();
}

function isCalendarDay(value: string): boolean {
  const [y = 0, m = 0, d = 0] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 9999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `2026-03-12` → `2026-03-13`. */
function nextDay(day: string): string {
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** How far Barcelona's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetInMadrid(instant: number): number {
  const parts = wallClockInSpace(new Date(instant));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day begins in Barcelona: `2026-03-12` → 2026-03-11T23:00:00Z. Clocks
 * change at 02:00 or 03:00 there, so midnight always exists and is never repeated.
 */
export function startOfDayInMadrid(day: string): Date {
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const guess = midnightUtc - offsetInMadrid(midnightUtc);
  return new Date(midnightUtc - offsetInMadrid(guess));
}
