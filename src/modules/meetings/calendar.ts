/**
 * The calendars' logic, apart from HTTP and SQL: which month a page shows and its weeks (Monday
 * first, days on Barcelona's clock), who sees what, the feeds' addresses and their iCalendar text.
 */
import { renderCalendar } from '../../kernel/ical.js';
import { isLocale, todayInSpace, translate, type Locale } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import { hasRole, type Actor } from '../../kernel/policy.js';
import type { Services } from '../../kernel/services.js';
import type { Standing } from '../bodies/index.js';
import type { CalendarAudience, CalendarMeeting } from './calendar-store.js';
import { meetingEvent } from './meeting-event.js';
import { instantInSpace, wallDateAndTime } from './time.js';

// ---- months ----------------------------------------------------------------------------------

/** A calendar month: `{ year: 2026, month: 3 }` is March 2026. */
export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

/** The months a calendar page may show; beyond them the month links stop. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const MONTH_PARAM = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-03` */
export function monthKey({ year, month }: Month): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The month `?month=` names (`YYYY-MM`, between 2000 and 2100), or null for anything else. */
export function parseMonth(value: string): Month | null {
  const match = MONTH_PARAM.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  return { year, month: Number(match[2]) };
}

/** The month it is in Barcelona at `now`. */
export function currentMonth(now: Date = new Date()): Month {
  const today = todayInSpace(now);
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

/** The month `offset` months away (−1: the one before), or null outside the years shown. */
export function shiftMonth({ year, month }: Month, offset: number): Month | null {
  const index = year * 12 + (month - 1) + offset;
  const shifted = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return shifted.year < FIRST_YEAR || shifted.year > LAST_YEAR ? null : shifted;
}

/** The instant the month starts on Barcelona's clock (midnight of its first day). */
export function monthStart({ year, month }: Month): Date {
  // Midnight always exists in Madrid (the clocks change at 02:00 and 03:00).
  return instantInSpace(`${monthKey({ year, month })}-01`, '00:00') as Date;
}

/** The instant the month after it starts: the end of the month's range. */
export function monthEnd({ year, month }: Month): Date {
  return monthStart(month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 });
}

/** The calendar day `YYYY-MM-DD` of a meeting's start, on Barcelona's clock. */
export function dayOf(instant: Date): string {
  return wallDateAndTime(instant).date;
}

/** One day of a month grid: its date, whether it belongs to the month shown, and its meetings. */
export interface GridDay {
  /** `YYYY-MM-DD` */
  date: string;
  day: number;
  inMonth: boolean;
  today: boolean;
  meetings: CalendarMeeting[];
}

/** The month's weeks, Monday to Sunday, padded with the neighbouring months' days. */
export function monthGrid(month: Month, meetings: readonly CalendarMeeting[], today: string = todayInSpace()): GridDay[][] {
  const byDay = new Map<string, CalendarMeeting[]>();
  for (const meeting of meetings) {
    const day = dayOf(meeting.starts_at);
    const list = byDay.get(day);
    if (list) list.push(meeting);
    else byDay.set(day, [meeting]);
  }
  const first = Date.UTC(month.year, month.month - 1, 1);
  const mondayFirst = (new Date(first).getUTCDay() + 6) % 7;
  const daysInMonth = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
  const cells = Math.ceil((mondayFirst + daysInMonth) / 7) * 7;
  const weeks: GridDay[][] = [];
  for (let cell = 0; cell < cells; cell += 1) {
    const date = new Date(first + (cell - mondayFirst) * 24 * 3600_000);
    const iso = date.toISOString().slice(0, 10);
    const inMonth = date.getUTCMonth() === month.month - 1;
    if (cell % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]?.push({ date: iso, day: date.getUTCDate(), inMonth, today: iso === today, meetings: inMonth ? (byDay.get(iso) ?? []) : [] });
  }
  return weeks;
}

/** Meetings grouped by the month they start in (Barcelona), in order. */
export function byMonth(meetings: readonly CalendarMeeting[]): Array<{ month: Month; meetings: CalendarMeeting[] }> {
  const groups: Array<{ month: Month; meetings: CalendarMeeting[] }> = [];
  for (const meeting of meetings) {
    const day = dayOf(meeting.starts_at);
    const month = { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
    const last = groups[groups.length - 1];
    if (last && last.month.year === month.year && last.month.month === month.month) last.meetings.push(meeting);
    else groups.push({ month, meetings: [meeting] });
  }
  return groups;
}

// ---- who sees what -----------------------------------------------------------------------------

/**
 * What a calendar page shows this reader: administrators and the secretariat every body's
 * meetings (drafts too); anyone else the public bodies' and those of the bodies they sit in,
 * drafts only where they run the meetings; visitors the public bodies'.
 */
export function audienceOf(actor: Actor | null, standing: Standing): CalendarAudience {
  if (actor !== null && (hasRole(actor, 'admin') || standing.secretariat)) return { all: true };
  if (actor === null) return { all: false, memberOf: [], runs: [] };
  return { all: false, memberOf: [...standing.memberOf], runs: [...standing.runsMeetingsOf] };
}

/** May this reader see a body's meetings at all (its calendar page)? */
export function seesBody(audience: CalendarAudience, body: { id: number; public: boolean }): boolean {
  return audience.all || body.public || audience.memberOf.includes(body.id) || audience.runs.includes(body.id);
}

// ---- feeds -----------------------------------------------------------------------------------

/** The feed's language: `?lang=es|en`, else Catalan. */
export function feedLocale(value: string | undefined): Locale {
  return isLocale(value) ? value : 'ca';
}

function withLang(path: string, locale: Locale): string {
  return locale === 'ca' ? path : `${path}?lang=${locale}`;
}

/** The whole space's feed, in `locale`: `/calendar.ics?lang=es`. */
export function spaceFeedPath(locale: Locale): string {
  return withLang('/calendar.ics', locale);
}

/** A body's feed, in `locale`. */
export function bodyFeedPath(slug: string, locale: Locale): string {
  return withLang(`/bodies/${slug}/calendar.ics`, locale);
}

/** One meeting's `.ics`, in `locale` (the meeting page's "add to my calendar"). */
export function meetingIcsPath(meetingId: number, locale: Locale): string {
  return withLang(`/meetings/${meetingId}.ics`, locale);
}

/** The same address for a calendar app: `webcal://host/…` subscribes instead of downloading. */
export function webcalUrl(absolute: string): string {
  return absolute.replace(/^https?:\/\//, 'webcal://');
}

/** The feed's text: one event per meeting, texts in `locale`. */
export function feedText(services: Pick<Services, 'config'>, locale: Locale, name: string, meetings: readonly CalendarMeeting[], stamp: Date = new Date()): string {
  return renderCalendar({
    name,
    stamp,
    events: meetings.map((meeting) => meetingEvent(services, locale, meeting, meeting.body_name)),
  });
}

/** The feed's name in calendar apps: "Teixit · Grup motor". */
export function feedName(locale: Locale, bodyName?: Translatable): string {
  const site = translate(locale, 'meetings_calendar.feed.site');
  return bodyName ? `${site} · ${pickTranslation(bodyName, locale).text}` : translate(locale, 'meetings_calendar.feed.space', { site });
}
