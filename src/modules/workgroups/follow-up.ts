/**
 * The steering group's follow-up of every working group, on one page and as CSV: state,
 * members, sunset and days to it, last report, overdue reports, pending join requests — and what
 * needs attention. Two queries whatever the number of groups (the rows, and the reader's standing
 * at the route).
 *
 * Extension point (issue 4, meetings): the next and last meeting of each group belong here as
 * two more columns. Add them to `followUpRows` (one lateral subquery each on the meetings table),
 * to `FollowUpItem`, to `SORT_KEYS` and to the page and CSV columns; nothing else changes.
 */
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../../db/types.js';
import { translate, type Locale } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import { addDays, daysBetween, SUNSET_REMINDER_DAYS } from './dates.js';
import { spaceToday } from './groups.js';
import { followUpRows } from './reports-store.js';
import { type BodyState } from './store.js';

export const SORT_KEYS = ['name', 'state', 'members', 'sunset', 'last_report', 'overdue', 'pending'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** Groups in the order of their life, for sorting by state. */
const STATE_ORDER: readonly BodyState[] = ['proposed', 'active', 'closing', 'closed', 'declined'];
/** States in which a group owes periodic reports and has a sunset ahead of it. */
const RUNNING: ReadonlySet<BodyState> = new Set<BodyState>(['active', 'closing']);

/** Why a group needs the steering group's attention. */
export type AttentionReason = 'awaiting_decision' | 'report_overdue' | 'sunset_soon' | 'sunset_passed' | 'final_report_due' | 'ready_to_close' | 'pending_requests';

export interface FollowUpItem {
  id: number;
  slug: string;
  name: Translatable;
  state: BodyState;
  members: number;
  starts_on: string | null;
  sunset_on: string | null;
  /** Days from today to the sunset (negative once passed); null for groups not running. */
  days_to_sunset: number | null;
  /** The day of the latest report, in Barcelona, or null. */
  last_report_on: string | null;
  /** When the next periodic report is due (running groups with a start date), or null. */
  report_due_on: string | null;
  /** Days past `report_due_on`; 0 when not overdue. */
  overdue_days: number;
  has_final_report: boolean;
  pending_requests: number;
  attention: AttentionReason[];
}

/** What the steering group must look at for this group, in the order it matters. */
function attentionOf(item: Omit<FollowUpItem, 'attention'>): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (item.state === 'proposed') reasons.push('awaiting_decision');
  if (item.state === 'closing') reasons.push(item.has_final_report ? 'ready_to_close' : 'final_report_due');
  if (item.overdue_days > 0) reasons.push('report_overdue');
  if (item.state === 'active' && item.days_to_sunset !== null) {
    if (item.days_to_sunset < 0) reasons.push('sunset_passed');
    else if (item.days_to_sunset <= SUNSET_REMINDER_DAYS) reasons.push('sunset_soon');
  }
  if (RUNNING.has(item.state) && item.pending_requests > 0) reasons.push('pending_requests');
  return reasons;
}

/**
 * Every working group with its follow-up figures on `today`. A running group's report is due
 * `report_interval_days` after its last report (or after it started, before the first one).
 */
export async function followUp(db: Queryable, today: string = spaceToday()): Promise<FollowUpItem[]> {
  const rows = await followUpRows(db, today);
  return rows.map((row) => {
    const running = RUNNING.has(row.state);
    const lastReportOn = row.last_report_at ? spaceToday(row.last_report_at) : null;
    const base = lastReportOn ?? row.starts_on;
    const reportDueOn = running && base !== null && row.report_interval_days !== null ? addDays(base, row.report_interval_days) : null;
    const item = {
      id: row.id,
      slug: row.slug,
      name: row.name,
      state: row.state,
      members: row.members,
      starts_on: row.starts_on,
      sunset_on: row.sunset_on,
      days_to_sunset: running && row.sunset_on !== null ? daysBetween(today, row.sunset_on) : null,
      last_report_on: lastReportOn,
      report_due_on: reportDueOn,
      overdue_days: reportDueOn !== null && reportDueOn < today ? daysBetween(reportDueOn, today) : 0,
      has_final_report: row.has_final_report,
      pending_requests: row.pending_requests,
    };
    return { ...item, attention: attentionOf(item) };
  });
}

/** How many groups need attention: the "My space" block's figure. */
export function needingAttention(items: readonly FollowUpItem[]): FollowUpItem[] {
  return items.filter((item) => item.attention.length > 0);
}

/** Reads `?sort=` and `?dir=`; anything unknown falls back to sunset, soonest first. */
export function parseSort(query: Record<string, string | undefined>): { sort: SortKey; dir: SortDirection } {
  const sort = (SORT_KEYS as readonly string[]).includes(query.sort ?? '') ? (query.sort as SortKey) : 'sunset';
  const dir: SortDirection = query.dir === 'desc' ? 'desc' : 'asc';
  return { sort, dir };
}

type Comparable = string | number | null;

/**
 * Sorts the items by one column. Empty values (no sunset, no report) go last whichever the
 * direction; ties keep the groups in name order.
 */
export function sortFollowUp(items: readonly FollowUpItem[], sort: SortKey, dir: SortDirection, locale: Locale): FollowUpItem[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const name = (item: FollowUpItem) => pickTranslation(item.name, locale).text;
  const keyOf = (item: FollowUpItem): Comparable => {
    switch (sort) {
      case 'name':
        return name(item);
      case 'state':
        return STATE_ORDER.indexOf(item.state);
      case 'members':
        return item.members;
      case 'sunset':
        return item.sunset_on;
      case 'last_report':
        return item.last_report_on;
      case 'overdue':
        return item.overdue_days;
      case 'pending':
        return item.pending_requests;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
      if (order !== 0) return sign * order;
    }
    return collator.compare(name(a), name(b)) || a.id - b.id;
  });
}

/**
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first) gets a leading apostrophe, so opening the file runs nothing. Plain integers
 * (days to a passed sunset are negative) stay numbers.
 */
export function spreadsheetSafe(value: string): string {
  if (/^-?\d+$/.test(value)) return value; // a plain number is no formula
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The follow-up as CSV in `locale`: a UTF-8 byte-order mark (spreadsheets then read accents right), a header row, a row per group. */
export function followUpCsv(items: readonly FollowUpItem[], locale: Locale, pageUrl: (slug: string) => string): string {
  const t = (key: string) => translate(locale, `workgroups.follow_up.csv.${key}`);
  const header = ['name', 'slug', 'state', 'members', 'starts_on', 'sunset_on', 'days_to_sunset', 'last_report_on', 'report_due_on', 'overdue_days', 'final_report', 'pending_requests', 'attention', 'page'].map(t);
  const rows = items.map((item) => [
    pickTranslation(item.name, locale).text,
    item.slug,
    translate(locale, `workgroups.states.${item.state}`),
    String(item.members),
    item.starts_on ?? '',
    item.sunset_on ?? '',
    item.days_to_sunset === null ? '' : String(item.days_to_sunset),
    item.last_report_on ?? '',
    item.report_due_on ?? '',
    String(item.overdue_days),
    translate(locale, item.has_final_report ? 'workgroups.follow_up.csv.yes' : 'workgroups.follow_up.csv.no'),
    String(item.pending_requests),
    item.attention.map((reason) => translate(locale, `workgroups.follow_up.attention.${reason}`)).join('; '),
    pageUrl(item.slug),
  ]);
  return `\uFEFF${stringify([header, ...rows].map((row) => row.map(spreadsheetSafe)), { record_delimiter: '\r\n' })}`;
}
