/** Lists of meetings: a body's (`/bodies/:slug/meetings`) and everyone's visible ones (`/meetings`). */
import { ButtonLink, EmptyState, LocalizedText, Pagination } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { MeetingListItem, MeetingsPage } from '../meetings-list.js';
import { MeetingFrame, MeetingStateTag, meetingWhen, type BodyRef } from './meeting-parts.js';

function MeetingRows({ ctx, rows, showBody, now }: { ctx: ViewContext; rows: MeetingListItem[]; showBody: boolean; now: Date }) {
  const upcoming = rows.filter((row) => row.ends_at.getTime() >= now.getTime());
  const past = rows.filter((row) => row.ends_at.getTime() < now.getTime());
  const list = (items: MeetingListItem[]) => (
    <ul class="list meeting-list">
      {items.map((row) => (
        <li class="meeting-list__item">
          <h3 class="meeting-list__title">
            <a href={ctx.href(`/meetings/${row.id}`)}>
              <LocalizedText value={row.title} locale={ctx.locale} />
            </a>{' '}
            <MeetingStateTag ctx={ctx} state={row.state} />
          </h3>
          <p class="meeting-list__meta">
            {showBody ? (
              <>
                <LocalizedText value={row.body_name} locale={ctx.locale} /> ·{' '}
              </>
            ) : null}
            {meetingWhen(ctx, row.starts_at, row.ends_at)}
            {row.place ? ` · ${row.place}` : ''}
            {row.format !== 'in_person' ? ` · ${ctx.t(`meetings.formats.${row.format}`)}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {upcoming.length > 0 ? (
        <>
          <h2>{ctx.t('meetings.list.upcoming')}</h2>
          {list(upcoming)}
        </>
      ) : null}
      {past.length > 0 ? (
        <>
          <h2>{ctx.t('meetings.list.past')}</h2>
          {list(past)}
        </>
      ) : null}
    </>
  );
}

export interface BodyMeetingsPageProps {
  ctx: ViewContext;
  body: BodyRef;
  /** Null: the reader may not see this body's meetings (they are for its members). */
  meetings: MeetingsPage | null;
  canCreate: boolean;
  now: Date;
}

/** A body's meetings, upcoming first, then past; twenty a page. */
export function BodyMeetingsPage({ ctx, body, meetings, canCreate, now }: BodyMeetingsPageProps) {
  const t = ctx.t;
  const title = t('meetings.list.body_title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={null} title={title} current={null}>
      {canCreate ? <ButtonLink href={ctx.href(`/bodies/${body.slug}/meetings/new`)}>{t('meetings.list.new')}</ButtonLink> : null}
      {meetings === null ? (
        <p>{t('meetings.list.members_only')}</p>
      ) : meetings.total === 0 ? (
        <EmptyState title={t('meetings.list.empty_title')}>
          <p>{t(canCreate ? 'meetings.list.empty_manage' : 'meetings.list.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <MeetingRows ctx={ctx} rows={meetings.rows} showBody={false} now={now} />
          <Pagination
            ctx={ctx}
            page={meetings.page}
            totalPages={meetings.totalPages}
            hasPrevious={meetings.page > 1}
            hasNext={meetings.page < meetings.totalPages}
            hrefFor={(page) => ctx.href(`/bodies/${body.slug}/meetings${page > 1 ? `?page=${page}` : ''}`)}
          />
        </>
      )}
    </MeetingFrame>
  );
}

/** Every meeting the reader may see, upcoming first, then past. */
export function AllMeetingsPage({ ctx, meetings, now }: { ctx: ViewContext; meetings: MeetingsPage; now: Date }) {
  const t = ctx.t;
  const title = t('meetings.list.all_title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('meetings.list.all_lead')}</p>
      {meetings.total === 0 ? (
        <EmptyState title={t('meetings.list.empty_title')}>
          <p>{t('meetings.list.empty_all')}</p>
        </EmptyState>
      ) : (
        <>
          <MeetingRows ctx={ctx} rows={meetings.rows} showBody now={now} />
          <Pagination
            ctx={ctx}
            page={meetings.page}
            totalPages={meetings.totalPages}
            hasPrevious={meetings.page > 1}
            hasNext={meetings.page < meetings.totalPages}
            hrefFor={(page) => ctx.href(`/meetings${page > 1 ? `?page=${page}` : ''}`)}
          />
        </>
      )}
    </Layout>
  );
}
