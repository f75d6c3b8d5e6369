/**
 * Calendars (issue 4, §5): the iCalendar feeds at the site's root — the whole space's public
 * meetings (`/calendar.ics`), a public body's (`/bodies/{id}/calendar.ics`) and one meeting's
 * (`/meetings/{id}.ics`) — and the calendar pages (`/calendar`, `/bodies/:slug/calendar`), as a
 * month or a list of upcoming meetings.
 *
 * Feeds are fetched by calendar apps without cookies, so they hold public bodies' meetings only
 * (a private body's feed is 404); one meeting's `.ics` is also given to a signed-in reader who may
 * see it. Each feed is one query; each page a fixed number, whatever the meetings.
 */
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { CALENDAR_CONTENT_TYPE } from '../../kernel/ical.js';
import { todayInSpace, type Locale } from '../../kernel/i18n/index.js';
import { allows, publicAccess } from '../../kernel/policy.js';
import { findBody, standingOf } from '../bodies/index.js';
import {
  audienceOf, bodyFeedPath, byMonth, currentMonth, feedLocale, feedName, feedText, monthEnd, monthGrid, monthStart, parseMonth,
  seesBody, spaceFeedPath, webcalUrl, type Month,
} from './calendar.js';
import { bodyFeed, calendarMeetings, publicFeedMeetings, type CalendarAudience } from './calendar-store.js';
import { viewMeeting } from './policies.js';
import { meetingRules } from './rules.js';
import { findMeeting, meetingResource } from './store.js';
import { instantInSpace } from './time.js';
import { ListViewPage, MonthViewPage, type CalendarScope, type FeedLinks } from './views/calendar.js';

/** Upcoming meetings per page of the list view. */
export const LIST_PAGE_SIZE = 30;
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
/** Calendar apps poll feeds; proxies may keep one for a few minutes. */
const FEED_CACHE_CONTROL = 'public, max-age=300';
const CACHE_TAGS = ['meetings', 'bodies'];

function icsResponse(c: AppContext, text: string, filename: string, cacheControl: string): Response {
  return c.body(text, 200, {
    'Content-Type': CALENDAR_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  });
}

// ---- feeds -----------------------------------------------------------------------------------

async function spaceFeed(c: AppContext): Promise<Response> {
  const services = c.get('services');
  const locale = feedLocale(c.req.query('lang'));
  const meetings = await publicFeedMeetings(services.database.db);
  return icsResponse(c, feedText(services, locale, feedName(locale), meetings), 'teixit.ics', FEED_CACHE_CONTROL);
}

async function oneBodyFeed(c: AppContext): Promise<Response> {
  const services = c.get('services');
  const locale = feedLocale(c.req.query('lang'));
  const feed = await bodyFeed(services.database.db, c.req.param('id') ?? '');
  // A private body's meetings are not published, nor is its having any.
  if (!feed || !feed.body.public) throw new AppError('not_found');
  return icsResponse(c, feedText(services, locale, feedName(locale, feed.body.name), feed.meetings), `teixit-${feed.body.slug}.ics`, FEED_CACHE_CONTROL);
}

async function meetingIcs(c: AppContext): Promise<Response> {
  const services = c.get('services');
  const db = services.database.db;
  const locale = feedLocale(c.req.query('lang'));
  const match = /^([1-9][0-9]{0,14})\.ics$/.exec(c.req.param('file') ?? '');
  if (!match) throw new AppError('not_found');
  const found = await findMeeting(db, Number(match[1]));
  if (!found || found.meeting.state === 'draft') throw new AppError('not_found');
  let cacheControl = FEED_CACHE_CONTROL;
  if (!found.body.rules.public) {
    // Only through a signed-in session: a member downloading it from the meeting's page.
    const actor = c.get('actor');
    const standing = await standingOf(db, actor?.id ?? null);
    if (!allows(viewMeeting, actor, meetingResource(standing, found.body))) throw new AppError('not_found');
    cacheControl = 'private, no-store';
  }
  const meeting = { ...found.meeting, body_name: found.body.name, body_slug: found.body.slug };
  return icsResponse(c, feedText(services, locale, feedName(locale, found.body.name), [meeting]), `teixit-meeting-${found.meeting.id}.ics`, cacheControl);
}

// ---- pages -----------------------------------------------------------------------------------

function feedLinks(c: AppContext, path: string): FeedLinks {
  const url = `${c.get('services').config.publicUrl}${path}`;
  return { path, url, webcal: webcalUrl(url) };
}

/** Does the reader see more than the public feed holds (private bodies' meetings, drafts)? */
function seesMore(audience: CalendarAudience): boolean {
  return audience.all || audience.memberOf.length > 0 || audience.runs.length > 0;
}

interface CalendarPage {
  scope: CalendarScope;
  bodyId?: number;
  audience: CalendarAudience;
  feed: FeedLinks | null;
  more: boolean;
}

async function renderCalendar(c: AppContext, page: CalendarPage): Promise<Response> {
  const db = c.get('services').database.db;
  const ctx = viewContext(c);
  const base = { ctx, scope: page.scope, feed: page.feed, seesMore: page.more };
  const scoped = page.bodyId !== undefined ? { bodyId: page.bodyId } : {};

  if (c.req.query('view') === 'list') {
    const number = pageSchema.parse(c.req.query('page'));
    // From midnight today in Barcelona: today's meetings stay listed all day.
    const from = instantInSpace(todayInSpace(), '00:00') as Date;
    const { rows, total } = await calendarMeetings(db, { audience: page.audience, ...scoped, from, limit: LIST_PAGE_SIZE, offset: (number - 1) * LIST_PAGE_SIZE });
    if (number > 1 && rows.length === 0) throw new AppError('not_found');
    const totalPages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
    return c.html(<ListViewPage {...base} groups={byMonth(rows)} total={total} page={number} totalPages={totalPages} />);
  }

  const asked = c.req.query('month');
  const parsed = asked === undefined ? null : parseMonth(asked);
  const month: Month = parsed ?? currentMonth();
  const { rows } = await calendarMeetings(db, { audience: page.audience, ...scoped, from: monthStart(month), until: monthEnd(month) });
  const badMonth = asked !== undefined && parsed === null ? asked.slice(0, 40) : undefined;
  return c.html(
    <MonthViewPage {...base} month={month} weeks={monthGrid(month, rows)} count={rows.length} badMonth={badMonth} />,
    badMonth !== undefined ? 400 : 200,
  );
}

export const calendarRoutes: RouteDef[] = [
  {
    kind: 'raw',
    method: 'GET',
    path: '/calendar.ics',
    policy: publicAccess,
    cacheTags: CACHE_TAGS,
    handler: spaceFeed,
  },
  {
    kind: 'raw',
    method: 'GET',
    path: '/bodies/:id/calendar.ics',
    policy: publicAccess,
    sample: { id: 'ambit-participat' },
    cacheTags: CACHE_TAGS,
    handler: oneBodyFeed,
  },
  {
    kind: 'raw',
    method: 'GET',
    // Hono reads no literal after a parameter in one segment: the `.ics` is part of the pattern.
    path: '/meetings/:file{[1-9][0-9]{0,14}\\.ics}',
    policy: publicAccess,
    sample: { file: '1.ics' },
    cacheTags: CACHE_TAGS,
    handler: meetingIcs,
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/calendar',
    policy: publicAccess,
    cacheTags: CACHE_TAGS,
    handler: async (c) => {
      const actor = c.get('actor');
      const standing = await standingOf(c.get('services').database.db, actor?.id ?? null);
      const audience = audienceOf(actor, standing);
      return renderCalendar(c, { scope: { kind: 'space' }, audience, feed: feedLinks(c, spaceFeedPath(c.get('locale'))), more: seesMore(audience) });
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/calendar',
    policy: publicAccess,
    sample: { slug: 'ambit-participat' },
    cacheTags: CACHE_TAGS,
    handler: async (c) => {
      const db = c.get('services').database.db;
      const actor = c.get('actor');
      const [body, standing] = await Promise.all([findBody(db, c.req.param('slug') ?? ''), standingOf(db, actor?.id ?? null)]);
      if (!body) throw new AppError('not_found');
      const isPublic = meetingRules(body).public;
      const audience = audienceOf(actor, standing);
      // A private body's calendar is its members' (and those who run it): to others it does not exist.
      if (!seesBody(audience, { id: body.id, public: isPublic })) throw new AppError('not_found');
      const locale: Locale = c.get('locale');
      return renderCalendar(c, {
        scope: { kind: 'body', body: { slug: body.slug, name: body.name, public: isPublic } },
        bodyId: body.id,
        audience,
        feed: isPublic ? feedLinks(c, bodyFeedPath(body.slug, locale)) : null,
        more: !isPublic || audience.all || audience.runs.includes(body.id),
      });
    },
  },
];
