/**
 * A meeting as a calendar event: the same UID in every feed, e-mail and download (so calendar
 * apps update the event rather than add one), its SEQUENCE, and CANCELLED once cancelled.
 */
import type { CalendarEvent } from '../../kernel/ical.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import type { Services } from '../../kernel/services.js';
import type { MeetingRow } from './store.js';

/** The meeting's UID: its id and the site's host, stable across edits. */
export function meetingUid(services: Pick<Services, 'config'>, meetingId: number): string {
  return `meeting-${meetingId}@${new URL(services.config.publicUrl).host}`;
}

/** The meeting's page, absolute, in `locale`. */
export function meetingUrl(services: Pick<Services, 'config'>, locale: Locale, meetingId: number): string {
  return `${services.config.publicUrl}/${locale}/meetings/${meetingId}`;
}

/** The event for a meeting, its texts in `locale`: the body's name before the title, the place and the online link. */
export function meetingEvent(
  services: Pick<Services, 'config'>,
  locale: Locale,
  meeting: Pick<MeetingRow, 'id' | 'title' | 'starts_at' | 'ends_at' | 'place' | 'online_url' | 'state' | 'sequence' | 'description'>,
  bodyName: Translatable,
): CalendarEvent {
  const url = meetingUrl(services, locale, meeting.id);
  const title = pickTranslation(meeting.title, locale).text;
  const body = pickTranslation(bodyName, locale).text;
  const location = [meeting.place, meeting.online_url].filter((part): part is string => Boolean(part)).join(' · ');
  const description = [meeting.description.trim(), meeting.online_url ? meeting.online_url : '', url].filter(Boolean).join('\n\n');
  return {
    uid: meetingUid(services, meeting.id),
    start: meeting.starts_at,
    end: meeting.ends_at,
    summary: `${body}: ${title}`,
    description,
    ...(location ? { location } : {}),
    url,
    sequence: meeting.sequence,
    status: meeting.state === 'cancelled' ? 'CANCELLED' : meeting.state === 'draft' ? 'TENTATIVE' : 'CONFIRMED',
  };
}
