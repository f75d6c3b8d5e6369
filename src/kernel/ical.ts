/**
 * A small iCalendar (RFC 5545) writer for meetings: calendar feeds (`METHOD:PUBLISH`) and the
 * `.ics` attached to a notice or a cancellation (`REQUEST` / `CANCEL`).
 *
 * Every calendar carries a VTIMEZONE for Europe/Madrid, even one without events: RFC 5545 asks
 * for at least one component, so an empty feed (a body with nothing scheduled) stays valid.
 * Times are written as Madrid wall time (`DTSTART;TZID=Europe/Madrid:20250710T180000`), computed
 * from the instant with Intl, so calendar apps show the hour people were told.
 *
 * Output is text with CRLF line endings (the last line too), lines folded at 75 octets of UTF-8
 * without splitting a character, and TEXT values escaped.
 */
import { TIME_ZONE, wallClockInSpace } from './i18n/index.js';

/** The Content-Type of a calendar feed. An e-mail attachment adds `; method=<METHOD>` (RFC 6047). */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export const CALENDAR_METHODS = ['PUBLISH', 'REQUEST', 'CANCEL'] as const;
export type CalendarMethod = (typeof CALENDAR_METHODS)[number];

export const EVENT_STATUSES = ['CONFIRMED', 'TENTATIVE', 'CANCELLED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** One meeting as a calendar app sees it. */
export interface CalendarEvent {
  /** Stable across updates, unique across sites, e.g. `meeting-42@teixit.example`. */
  uid: string;
  start: Date;
  /** Omitted (or equal to `start`): the event is a point in time. Must not be before `start`. */
  end?: Date;
  summary: string;
  description?: string;
  location?: string;
  /** An absolute http(s) URL, e.g. the meeting's page. */
  url?: string;
  /** Raised on every change people should notice (time, place, cancellation). Default 0. */
  sequence?: number;
  /** Default `CONFIRMED`. With `METHOD:CANCEL` every event must be `CANCELLED`. */
  status?: EventStatus;
}

export interface CalendarOptions {
  /** Shown by calendar apps as the feed's name (`X-WR-CALNAME`). */
  name?: string;
  /** Default `PUBLISH` (feeds). */
  method?: CalendarMethod;
  events: readonly CalendarEvent[];
  /** When this calendar was produced (`DTSTAMP` of every event). Default: now. */
  stamp?: Date;
}

const PRODID = '-//Teixit//Teixit//CA';
/**
 * The VTIMEZONE below describes this zone only. It is the space's zone, whose wall clock
 * `wallClockInSpace` reads: typed so, a change of the space's zone stops the build here.
 */
const TZID: typeof TIME_ZONE = 'Europe/Madrid';

/**
 * Europe/Madrid under the EU summer-time rules (in force since 1996): CEST from the last Sunday
 * of March at 02:00 local, CET from the last Sunday of October at 03:00 local.
 */
const MADRID_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZNAME:CEST',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19960331T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZNAME:CET',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * Renders a whole calendar (VCALENDAR with the Madrid VTIMEZONE and one VEVENT per event).
 * Throws on input no calendar could hold (an invalid date, an end before the start, a negative
 * or fractional sequence, a non-http(s) URL, an empty UID, a non-cancelled event under CANCEL).
 *
 * @example
 * renderCalendar({
 *   name: 'Grup motor',
 *   events: [{ uid: 'meeting-42@teixit.example', start, end, summary: 'Trobada general' }],
 * });
 */
export function renderCalendar(options: CalendarOptions): string {
  const method = options.method ?? 'PUBLISH';
  const stamp = options.stamp ?? new Date();
  assertValidDate(stamp, 'stamp');

  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
  ];
  if (options.name !== undefined) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  lines.push(...MADRID_VTIMEZONE);
  for (const event of options.events) lines.push(...eventLines(event, method, stamp));
  lines.push('END:VCALENDAR');

  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(event: CalendarEvent, method: CalendarMethod, stamp: Date): string[] {
  if (event.uid.trim() === '') throw new Error('A calendar event needs a UID');
  assertValidDate(event.start, 'start');
  if (event.end !== undefined) {
    assertValidDate(event.end, 'end');
    if (event.end.getTime() < event.start.getTime()) {
      throw new Error(`Calendar event ${event.uid} ends before it starts`);
    }
  }
  const sequence = event.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0) {
    throw new Error(`Calendar event ${event.uid} has an invalid SEQUENCE: ${sequence}`);
  }
  const status = event.status ?? 'CONFIRMED';
  if (method === 'CANCEL' && status !== 'CANCELLED') {
    throw new Error(`METHOD:CANCEL needs STATUS:CANCELLED on ${event.uid}`);
  }

  // RFC 5545 wants DTEND strictly later than DTSTART: an instant has no DTEND.
  const end = event.end !== undefined && event.end.getTime() > event.start.getTime() ? event.end : undefined;
  // A time written in UTC (see writeAsUtc) takes its partner along, so both read the same way.
  const inUtc = writeAsUtc(event.start) || (end !== undefined && writeAsUtc(end));

  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(stamp)}`,
    dateTimeProperty('DTSTART', event.start, inUtc),
  ];
  if (end !== undefined) lines.push(dateTimeProperty('DTEND', end, inUtc));
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url !== undefined) lines.push(`URL:${checkedUrl(event.url)}`);
  lines.push(`SEQUENCE:${sequence}`, `STATUS:${status}`, 'END:VEVENT');
  return lines;
}

function assertValidDate(date: Date, what: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Error(`Invalid date for calendar ${what}`);
  }
}

/** URL is a URI value, not TEXT: it is not escaped, so it must be a well-formed http(s) URL. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Calendar event URL is not absolute: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Calendar event URL must be http(s): ${url}`);
  }
  return parsed.href;
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, any
 * line break becomes `\n`, and other control characters (not allowed in TEXT) are dropped.
 */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}

/**
 * Folds a content line (RFC 5545 §3.1): at most 75 octets of UTF-8 per physical line, the leading
 * space of a continuation counted; a cut never falls inside a character (nor a surrogate pair).
 */
function foldLine(line: string): string {
  const limit = 75;
  const parts: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const char of line) {
    const octets = utf8Length(char);
    if (currentOctets + octets > limit) {
      parts.push(current);
      current = ' ';
      currentOctets = 1;
    }
    current += char;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join('\r\n');
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/** `DTSTAMP`-style UTC time: `20250710T160000Z` (seconds kept, milliseconds dropped). */
function formatUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The wall time in Madrid at an instant, as `YYYYMMDDTHHMMSS`. */
function madridLocal(date: Date): string {
  const clock = wallClockInSpace(date);
  return `${clock.year}${clock.month}${clock.day}T${clock.hour}${clock.minute}${clock.second}`;
}

/** Madrid's offset from UTC at an instant, in milliseconds. */
function madridOffset(date: Date): number {
  const local = madridLocal(date);
  const asUtc = Date.UTC(
    Number(local.slice(0, 4)),
    Number(local.slice(4, 6)) - 1,
    Number(local.slice(6, 8)),
    Number(local.slice(9, 11)),
    Number(local.slice(11, 13)),
    Number(local.slice(13, 15)),
  );
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

const HOUR = 3_600_000;

/**
 * True for an instant in the hour that happens twice when summer time ends, the second time
 * round: RFC 5545 reads such a local time as the first occurrence, an hour early, so it can only
 * be written faithfully in UTC.
 */
function writeAsUtc(date: Date): boolean {
  return madridOffset(new Date(date.getTime() - HOUR)) - madridOffset(date) === HOUR;
}

/** `DTSTART;TZID=Europe/Madrid:20250710T180000`, or `DTSTART:20251026T013000Z` in UTC. */
function dateTimeProperty(name: string, date: Date, inUtc: boolean): string {
  return inUtc ? `${name}:${formatUtc(date)}` : `${name};TZID=${TZID}:${madridLocal(date)}`;
}
