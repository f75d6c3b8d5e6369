/**
 * The calendar pages: the whole space's (`/calendar`) and a body's (`/bodies/:slug/calendar`),
 * as a month (a table of weeks, Monday first) or as a list of upcoming meetings grouped by month,
 * with the matching iCalendar feed to subscribe to. Times are Barcelona's.
 */
import type { Child } from 'hono/jsx';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import { INTL_TAG, type Locale } from '../../../kernel/i18n/index.js';
import { ButtonLink, Details, EmptyState, LocalizedText, NotificationBanner, Pagination, Tag, type Crumb, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { monthKey, shiftMonth, type GridDay, type Month } from '../calendar.js';
import type { CalendarMeeting } from '../calendar-store.js';
import type { MeetingState } from '../tables.js';
import { wallDateAndTime } from '../time.js';

/** Whose calendar a page shows. */
export type CalendarScope = { kind: 'space' } | { kind: 'body'; body: { slug: string; name: Translatable; public: boolean } };

/** The feed a page offers: its address on this site and absolute, or none (a private body). */
export interface FeedLinks {
  /** Site-relative, e.g. `/calendar.ics?lang=es`. */
  path: string;
  /** Absolute `https://…` address to paste into a calendar app. */
  url: string;
  /** The same as `webcal://…`, which calendar apps open as a subscription. */
  webcal: string;
}

interface PageBase {
  ctx: ViewContext;
  scope: CalendarScope;
  feed: FeedLinks | null;
  /** Does the reader see meetings the feed leaves out (private bodies' or drafts)? */
  seesMore: boolean;
}

export interface MonthViewProps extends PageBase {
  month: Month;
  weeks: GridDay[][];
  count: number;
  /** The `?month=` asked for could not be read: the page says so (and answers 400). */
  badMonth?: string | undefined;
}

export interface ListViewProps extends PageBase {
  groups: Array<{ month: Month; meetings: CalendarMeeting[] }>;
  total: number;
  page: number;
  totalPages: number;
}

const STATE_KIND: Record<MeetingState, TagKind> = { draft: 'neutral', convened: 'info', held: 'success', cancelled: 'danger' };

function basePath(scope: CalendarScope): string {
  return scope.kind === 'space' ? '/calendar' : `/bodies/${scope.body.slug}/calendar`;
}

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();
/** "Març de 2026", "March 2026"; in a sentence (`capital: false`) "març de 2026". */
export function monthName(locale: Locale, { year, month }: Month, capital = true): string {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAG[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  const text = format.format(new Date(Date.UTC(year, month - 1, 15)));
  if (!capital) return text;
  return text.charAt(0).toLocaleUpperCase(INTL_TAG[locale]) + text.slice(1);
}

/** Monday to Sunday, long and short, in the page's language. */
function weekdays(locale: Locale): Array<{ long: string; short: string }> {
  const long = new Intl.DateTimeFormat(INTL_TAG[locale], { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(INTL_TAG[locale], { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i));
    return { long: long.format(day), short: short.format(day) };
  });
}

function StateTag({ ctx, state }: { ctx: ViewContext; state: MeetingState }) {
  return <Tag kind={STATE_KIND[state]}>{ctx.t(`meetings_calendar.states.${state}`)}</Tag>;
}

/** The meeting's title, struck through once cancelled (the tag says so in words). */
function Title({ ctx, meeting }: { ctx: ViewContext; meeting: CalendarMeeting }) {
  const { text, lang } = pickTranslation(meeting.title, ctx.locale);
  const title = <span lang={lang === ctx.locale ? undefined : lang}>{text}</span>;
  return meeting.state === 'cancelled' ? <s>{title}</s> : title;
}

function BodyName({ ctx, name }: { ctx: ViewContext; name: Translatable }) {
  return <LocalizedText value={name} locale={ctx.locale} />;
}

/** "18:00–20:00" on Barcelona's clock; an end on another day says its day. */
function Time({ ctx, meeting }: { ctx: ViewContext; meeting: CalendarMeeting }) {
  const start = wallDateAndTime(meeting.starts_at);
  const end = wallDateAndTime(meeting.ends_at);
  return (
    <>
      <time datetime={meeting.starts_at.toISOString()}>{start.time}</time>–
      <time datetime={meeting.ends_at.toISOString()}>{end.date === start.date ? end.time : ctx.formatDate(meeting.ends_at, 'shortTime')}</time>
    </>
  );
}

function crumbs(ctx: ViewContext, scope: CalendarScope): Crumb[] {
  if (scope.kind === 'space') return [{ label: ctx.t('meetings_calendar.crumbs.home'), href: ctx.href('/') }, { label: ctx.t('meetings_calendar.title') }];
  return [
    { label: ctx.t('meetings_calendar.crumbs.bodies'), href: ctx.href('/bodies') },
    { label: <BodyName ctx={ctx} name={scope.body.name} />, href: ctx.href(`/bodies/${scope.body.slug}`) },
    { label: ctx.t('meetings_calendar.title') },
  ];
}

function pageTitle(ctx: ViewContext, scope: CalendarScope): string {
  return scope.kind === 'space' ? ctx.t('meetings_calendar.title') : ctx.t('meetings_calendar.body_title', { body: pickTranslation(scope.body.name, ctx.locale).text });
}

/** Month / list, as two links; the current one marked. */
function ViewSwitch({ ctx, scope, current }: { ctx: ViewContext; scope: CalendarScope; current: 'month' | 'list' }) {
  const base = basePath(scope);
  const views: Array<{ view: 'month' | 'list'; href: string }> = [
    { view: 'month', href: ctx.href(base) },
    { view: 'list', href: ctx.href(`${base}?view=list`) },
  ];
  return (
    <nav aria-label={ctx.t('meetings_calendar.views.label')}>
      <ul class="button-group">
        {views.map(({ view, href }) =>
          view === current ? (
            <li>
              <a class="button button--primary" href={href} aria-current="page">
                {ctx.t(`meetings_calendar.views.${view}`)}
              </a>
            </li>
          ) : (
            <li>
              <a class="button button--secondary" href={href}>
                {ctx.t(`meetings_calendar.views.${view}`)}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** How to subscribe: the feed's address to copy, a link calendar apps open, and the steps. */
function Subscribe({ ctx, scope, feed, seesMore }: { ctx: ViewContext; scope: CalendarScope; feed: FeedLinks | null; seesMore: boolean }) {
  const t = ctx.t;
  if (!feed) {
    return (
      <section aria-labelledby="calendar-subscribe" class="card">
        <h2 id="calendar-subscribe">{t('meetings_calendar.subscribe.title')}</h2>
        <p>{t('meetings_calendar.subscribe.private')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="calendar-subscribe" class="card">
      <h2 id="calendar-subscribe">{t('meetings_calendar.subscribe.title')}</h2>
      <p>{t(scope.kind === 'space' ? 'meetings_calendar.subscribe.lead_space' : 'meetings_calendar.subscribe.lead_body')}</p>
      {seesMore ? <p>{t('meetings_calendar.subscribe.public_only')}</p> : null}
      <div class="field">
        <label class="label" for="calendar-feed-url">
          {t('meetings_calendar.subscribe.address')}
        </label>
        <div class="hint" id="calendar-feed-url-hint">
          {t('meetings_calendar.subscribe.address_hint')}
        </div>
        <input class="input input--full" id="calendar-feed-url" type="url" value={feed.url} readonly aria-describedby="calendar-feed-url-hint" spellcheck={false} />
      </div>
      <ul>
        <li>
          <a href={feed.webcal}>{t('meetings_calendar.subscribe.open_app')}</a>
        </li>
        <li>
          <a href={feed.path} download>
            {t('meetings_calendar.subscribe.download')}
          </a>
        </li>
      </ul>
      <Details summary={t('meetings_calendar.subscribe.how')}>
        <ul>
          <li>{t('meetings_calendar.subscribe.google')}</li>
          <li>{t('meetings_calendar.subscribe.apple')}</li>
          <li>{t('meetings_calendar.subscribe.outlook')}</li>
          <li>{t('meetings_calendar.subscribe.thunderbird')}</li>
        </ul>
        <p>{t('meetings_calendar.subscribe.updates')}</p>
      </Details>
    </section>
  );
}

function Frame({ ctx, scope, children, wide }: { ctx: ViewContext; scope: CalendarScope; children?: Child; wide?: boolean }) {
  const title = pageTitle(ctx, scope);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, scope)} wide={wide}>
      <h1>{title}</h1>
      {children}
      {scope.kind === 'body' ? (
        <p>
          <ButtonLink href={ctx.href('/calendar')} variant="secondary">
            {ctx.t('meetings_calendar.space_link')}
          </ButtonLink>
        </p>
      ) : null}
    </Layout>
  );
}

/** One meeting inside a day of the month grid. */
function GridMeeting({ ctx, scope, meeting }: { ctx: ViewContext; scope: CalendarScope; meeting: CalendarMeeting }) {
  return (
    <li>
      <a href={ctx.href(`/meetings/${meeting.id}`)}>
        <Time ctx={ctx} meeting={meeting} /> <Title ctx={ctx} meeting={meeting} />
      </a>
      {scope.kind === 'space' ? (
        <>
          <br />
          <span class="text-soft">
            <BodyName ctx={ctx} name={meeting.body_name} />
          </span>
        </>
      ) : null}{' '}
      <StateTag ctx={ctx} state={meeting.state} />
    </li>
  );
}

/** The month as a table of weeks: a row per week, a column per weekday, Monday first. */
export function MonthViewPage({ ctx, scope, feed, seesMore, month, weeks, count, badMonth }: MonthViewProps) {
  const t = ctx.t;
  const base = basePath(scope);
  const name = monthName(ctx.locale, month);
  const inText = monthName(ctx.locale, month, false);
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const days = weekdays(ctx.locale);
  const monthHref = (m: Month) => ctx.href(`${base}?month=${monthKey(m)}`);
  return (
    <Frame ctx={ctx} scope={scope} wide>
      {badMonth !== undefined ? (
        <NotificationBanner kind="error" title={t('meetings_calendar.bad_month.title')} live>
          <p>{t('meetings_calendar.bad_month.text', { value: badMonth })}</p>
          <p>{t('meetings_calendar.bad_month.shown', { month: inText })}</p>
        </NotificationBanner>
      ) : null}
      <ViewSwitch ctx={ctx} scope={scope} current="month" />
      <h2 id="calendar-month">{name}</h2>
      <nav class="pagination" aria-label={t('meetings_calendar.month.nav')}>
        {previous ? (
          <a class="pagination__link pagination__link--previous" href={monthHref(previous)} rel="prev">
            <span class="pagination__arrow" aria-hidden="true">
              ←
            </span>
            {monthName(ctx.locale, previous)}
          </a>
        ) : (
          <span class="pagination__spacer" />
        )}
        <p class="pagination__current">
          <a href={ctx.href(base)}>{t('meetings_calendar.month.this_month')}</a>
        </p>
        {next ? (
          <a class="pagination__link pagination__link--next" href={monthHref(next)} rel="next">
            {monthName(ctx.locale, next)}
            <span class="pagination__arrow" aria-hidden="true">
              →
            </span>
          </a>
        ) : (
          <span class="pagination__spacer" />
        )}
      </nav>
      <p>{count === 0 ? t('meetings_calendar.month.none', { month: inText }) : t('meetings_calendar.month.count', { count, month: inText })}</p>
      <div class="table-wrapper calendar-month">
        <div class="table-scroll" role="region" aria-labelledby="calendar-month" tabindex={0}>
          <table class="table calendar-month__table">
            <caption class="visually-hidden">{t('meetings_calendar.month.caption', { month: inText })}</caption>
            <thead>
              <tr>
                {days.map((day) => (
                  <th scope="col" class="table__cell">
                    <abbr title={day.long}>{day.short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr>
                  {week.map((day, index) =>
                    day.inMonth ? (
                      <td
                        class={`table__cell calendar-month__day${day.today ? ' calendar-month__day--today' : ''}${day.meetings.length > 0 ? ' calendar-month__day--busy' : ''}`}
                        aria-current={day.today ? 'date' : undefined}
                      >
                        <p class="calendar-month__date mt-0">
                          <time datetime={day.date}>
                            <span aria-hidden="true">{day.day}</span>
                            <span class="visually-hidden">{ctx.formatDate(day.date, 'long')}</span>
                          </time>
                          {day.today ? (
                            <>
                              {' '}
                              <Tag kind="warning">{t('meetings_calendar.month.today')}</Tag>
                            </>
                          ) : null}
                        </p>
                        {day.meetings.length > 0 ? (
                          <ul class="calendar-month__meetings">
                            {day.meetings.map((meeting) => (
                              <GridMeeting ctx={ctx} scope={scope} meeting={meeting} />
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ) : (
                      <td class="table__cell calendar-month__day calendar-month__day--outside">
                        <span class="visually-hidden">{days[index]?.long}</span>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {count === 0 ? (
        <p>
          <a href={ctx.href(`${base}?view=list`)}>{t('meetings_calendar.month.see_upcoming')}</a>
        </p>
      ) : null}
      <Subscribe ctx={ctx} scope={scope} feed={feed} seesMore={seesMore} />
    </Frame>
  );
}

/** One meeting of the list: its day and time, title, body, place and state. */
function ListMeeting({ ctx, scope, meeting }: { ctx: ViewContext; scope: CalendarScope; meeting: CalendarMeeting }) {
  const t = ctx.t;
  const where = [meeting.place, meeting.online_url ? t('meetings_calendar.list.online') : null].filter(Boolean).join(' · ');
  return (
    <li class="calendar-list__item">
      <h3 class="calendar-list__title">
        <a href={ctx.href(`/meetings/${meeting.id}`)}>
          <Title ctx={ctx} meeting={meeting} />
        </a>{' '}
        <StateTag ctx={ctx} state={meeting.state} />
      </h3>
      <p class="mt-0">
        <time datetime={meeting.starts_at.toISOString()}>{ctx.formatDate(meeting.starts_at, 'long')}</time>, <Time ctx={ctx} meeting={meeting} />
        {scope.kind === 'space' ? (
          <>
            {' · '}
            <BodyName ctx={ctx} name={meeting.body_name} />
          </>
        ) : null}
        {where ? <> · {where}</> : null}
      </p>
    </li>
  );
}

/** The upcoming meetings, grouped by month, a page at a time. */
export function ListViewPage({ ctx, scope, feed, seesMore, groups, total, page, totalPages }: ListViewProps) {
  const t = ctx.t;
  const base = basePath(scope);
  return (
    <Frame ctx={ctx} scope={scope}>
      <ViewSwitch ctx={ctx} scope={scope} current="list" />
      <h2>{t('meetings_calendar.list.title')}</h2>
      {total === 0 ? (
        <EmptyState title={t('meetings_calendar.list.empty_title')}>
          <p>{t(scope.kind === 'space' ? 'meetings_calendar.list.empty_space' : 'meetings_calendar.list.empty_body')}</p>
          <p>
            <a href={ctx.href(base)}>{t('meetings_calendar.list.see_month')}</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <p>{t('meetings_calendar.list.count', { count: total })}</p>
          {groups.map((group) => (
            <section aria-labelledby={`calendar-${monthKey(group.month)}`}>
              <h2 id={`calendar-${monthKey(group.month)}`}>
                <a href={ctx.href(`${base}?month=${monthKey(group.month)}`)}>{monthName(ctx.locale, group.month)}</a>
              </h2>
              <ul class="calendar-list">
                {group.meetings.map((meeting) => (
                  <ListMeeting ctx={ctx} scope={scope} meeting={meeting} />
                ))}
              </ul>
            </section>
          ))}
          <Pagination
            ctx={ctx}
            page={page}
            totalPages={totalPages}
            hasPrevious={page > 1}
            hasNext={page < totalPages}
            hrefFor={(p) => ctx.href(`${base}?view=list${p > 1 ? `&page=${p}` : ''}`)}
          />
        </>
      )}
      <Subscribe ctx={ctx} scope={scope} feed={feed} seesMore={seesMore} />
    </Frame>
  );
}
