/**
 * The steering group's follow-up page: one sortable table of every working group (plain links
 * sort it, no script needed), what needs attention, and the CSV export of the same rows.
 */
import type { Child } from 'hono/jsx';
import { ButtonLink, EmptyState, LocalizedText, Table, Tag, TaskList, type Task } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { SUNSET_REMINDER_DAYS } from '../dates.js';
import type { FollowUpItem, SortDirection, SortKey } from '../follow-up.js';
import { StateTag } from './parts.js';

/** The link that sorts by a column: ascending first, or the other way when it already sorts by it. */
function SortLink(props: { ctx: ViewContext; column: SortKey; label: string; sort: SortKey; dir: SortDirection }) {
  const { ctx, column, sort, dir } = props;
  const current = column === sort;
  const next: SortDirection = current && dir === 'asc' ? 'desc' : 'asc';
  // The current column says how it is sorted in its accessible name rather than in visually
  // hidden text: an absolutely positioned span would escape the table's scrolling region and
  // widen the page on a phone.
  const label = current ? `${props.label} (${ctx.t(dir === 'asc' ? 'workgroups.follow_up.sorted_asc' : 'workgroups.follow_up.sorted_desc')})` : undefined;
  return (
    <a href={ctx.href(`/follow-up?sort=${column}&dir=${next}`)} aria-label={label}>
      {props.label}
      {current ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
    </a>
  );
}

function SunsetCell({ ctx, item }: { ctx: ViewContext; item: FollowUpItem }) {
  if (!item.sunset_on) return <>—</>;
  const date = ctx.formatDate(item.sunset_on, 'short');
  if (item.days_to_sunset === null) return <>{date}</>;
  const days = item.days_to_sunset;
  const words = days < 0 ? ctx.t('workgroups.follow_up.days_ago', { count: -days }) : ctx.t('workgroups.follow_up.days_left', { count: days });
  return (
    <>
      {date}
      <br />
      {days <= SUNSET_REMINDER_DAYS && item.state === 'active' ? <Tag kind={days < 0 ? 'danger' : 'warning'}>{words}</Tag> : <span class="text-soft">{words}</span>}
    </>
  );
}

function ReportCell({ ctx, item }: { ctx: ViewContext; item: FollowUpItem }) {
  if (item.overdue_days > 0) return <Tag kind="danger">{ctx.t('workgroups.follow_up.overdue_by', { count: item.overdue_days })}</Tag>;
  if (item.report_due_on) return <span class="text-soft">{ctx.t('workgroups.follow_up.due_on', { date: ctx.formatDate(item.report_due_on, 'short') })}</span>;
  return <>—</>;
}

function AttentionCell({ ctx, item }: { ctx: ViewContext; item: FollowUpItem }) {
  if (item.attention.length === 0) return <span class="text-soft">{ctx.t('workgroups.follow_up.nothing')}</span>;
  return (
    <ul class="mt-0 mb-0">
      {item.attention.map((reason) => (
        <li>{ctx.t(`workgroups.follow_up.attention.${reason}`)}</li>
      ))}
    </ul>
  );
}

export interface FollowUpPageProps {
  ctx: ViewContext;
  items: FollowUpItem[];
  sort: SortKey;
  dir: SortDirection;
  today: string;
}

export function FollowUpPage({ ctx, items, sort, dir, today }: FollowUpPageProps) {
  const t = ctx.t;
  const title = t('workgroups.follow_up.title');
  const attention = items.filter((item) => item.attention.length > 0).length;
  const head: Child[] = [
    <SortLink ctx={ctx} column="name" label={t('workgroups.follow_up.columns.name')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="state" label={t('workgroups.follow_up.columns.state')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="members" label={t('workgroups.follow_up.columns.members')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="sunset" label={t('workgroups.follow_up.columns.sunset')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="last_report" label={t('workgroups.follow_up.columns.last_report')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="overdue" label={t('workgroups.follow_up.columns.overdue')} sort={sort} dir={dir} />,
    <SortLink ctx={ctx} column="pending" label={t('workgroups.follow_up.columns.pending')} sort={sort} dir={dir} />,
    t('workgroups.follow_up.columns.attention'),
    // Issue 4 (meetings) adds the next and last meeting columns here; see follow-up.ts.
  ];
  const rows: Child[][] = items.map((item) => [
    <LocalizedText value={item.name} locale={ctx.locale} as="a" href={ctx.href(`/bodies/${item.slug}`)} />,
    <StateTag ctx={ctx} state={item.state} />,
    ctx.formatNumber(item.members),
    <SunsetCell ctx={ctx} item={item} />,
    item.last_report_on ? ctx.formatDate(item.last_report_on, 'short') : t('workgroups.follow_up.no_report'),
    <ReportCell ctx={ctx} item={item} />,
    item.pending_requests > 0 ? <a href={ctx.href(`/bodies/${item.slug}/join-requests`)}>{ctx.formatNumber(item.pending_requests)}</a> : '0',
    <AttentionCell ctx={ctx} item={item} />,
  ]);
  return (
    <Layout ctx={ctx} title={title} wide breadcrumbs={[{ label: t('workgroups.crumbs.bodies'), href: ctx.href('/bodies') }, { label: title }]}>
      <h1>{title}</h1>
      <div class="two-thirds">
        <p class="lead">{t('workgroups.follow_up.lead', { date: ctx.formatDate(today, 'long') })}</p>
        <p>
          {t('workgroups.follow_up.summary', { count: items.length })} {t('workgroups.follow_up.attention_count', { count: attention })}
        </p>
      </div>
      {items.length === 0 ? (
        <EmptyState title={t('workgroups.follow_up.empty_title')}>
          <p>{t('workgroups.follow_up.empty')}</p>
        </EmptyState>
      ) : (
        <Table caption={t('workgroups.follow_up.caption')} head={head} rows={rows} rowHeaders numeric={[2, 6]} />
      )}
      <p>
        <ButtonLink variant="secondary" href={ctx.href(`/follow-up.csv?sort=${sort}&dir=${dir}`)}>
          {t('workgroups.follow_up.download')}
        </ButtonLink>
      </p>
    </Layout>
  );
}

/** The "My space" block: how many groups need attention, and the first few of them. */
export function FollowUpBlock({ ctx, items }: { ctx: ViewContext; items: FollowUpItem[] }) {
  const t = ctx.t;
  const needing = items.filter((item) => item.attention.length > 0);
  if (needing.length === 0) return <p>{t('workgroups.my_space.all_well', { count: items.length })}</p>;
  const tasks: Task[] = needing.slice(0, 5).map((item) => ({
    title: <LocalizedText value={item.name} locale={ctx.locale} />,
    href: ctx.href(`/bodies/${item.slug}`),
    hint: item.attention.map((reason) => t(`workgroups.follow_up.attention.${reason}`)).join(' · '),
    status: { kind: item.attention.includes('report_overdue') || item.attention.includes('sunset_passed') ? 'danger' : 'warning', label: t(`workgroups.states.${item.state}`) },
  }));
  return (
    <>
      <p>{t('workgroups.my_space.attention', { count: needing.length })}</p>
      <TaskList id="follow-up-tasks" items={tasks} />
    </>
  );
}

/** What a coordinator is asked to do about a group: answer requests, file a report; and a sunset close by. */
const COORDINATOR_REASONS: ReadonlySet<string> = new Set(['pending_requests', 'report_overdue', 'final_report_due', 'sunset_soon', 'sunset_passed']);

/** The page a coordinator should open first for the group: the requests, the report form, or the group. */
function coordinatorHref(ctx: ViewContext, item: FollowUpItem): string {
  if (item.attention.includes('pending_requests')) return ctx.href(`/bodies/${item.slug}/join-requests`);
  if (item.attention.includes('report_overdue') || item.attention.includes('final_report_due')) return ctx.href(`/bodies/${item.slug}/reports/new`);
  return ctx.href(`/bodies/${item.slug}`);
}

/** The groups the reader coordinates, each with what is waiting for them there. */
export function CoordinatorBlock({ ctx, items }: { ctx: ViewContext; items: FollowUpItem[] }) {
  const t = ctx.t;
  const tasks: Task[] = items.map((item) => {
    const reasons = item.attention.filter((reason) => COORDINATOR_REASONS.has(reason));
    return {
      title: <LocalizedText value={item.name} locale={ctx.locale} />,
      href: coordinatorHref(ctx, item),
      hint: reasons.length > 0 ? reasons.map((reason) => t(`workgroups.follow_up.attention.${reason}`)).join(' · ') : t('workgroups.my_space.nothing_to_do'),
      status: reasons.length > 0 ? { kind: 'warning', label: t('workgroups.my_space.to_do') } : { kind: 'success', label: t('workgroups.my_space.up_to_date') },
    };
  });
  return <TaskList id="coordinated-groups" items={tasks} />;
}
