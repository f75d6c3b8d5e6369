/** Small pieces the bodies' pages share: state tags, kind names, member counts, breadcrumbs. */
import { LocalizedText, Table, Tag, type Crumb, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { BodyListItem, BodyRow } from '../bodies-store.js';
import type { BodyState } from '../tables.js';

const STATE_KIND: Record<BodyState, TagKind> = {
  active: 'success',
  closing: 'warning',
  proposed: 'info',
  closed: 'neutral',
  declined: 'neutral',
};

/** Where a body is in its life, in plain words: *Actiu*, *En tancament*, *Proposat*… */
export function BodyStateTag({ ctx, state }: { ctx: ViewContext; state: BodyState }) {
  return <Tag kind={STATE_KIND[state]}>{ctx.t(`bodies.states.${state}`)}</Tag>;
}

/** Breadcrumbs from the tree of bodies; the last item is the current page. */
export function bodiesCrumbs(ctx: ViewContext, items: Crumb[]): Crumb[] {
  return [{ label: ctx.t('bodies.tree.title'), href: ctx.href('/bodies') }, ...items];
}

/** The body's page, `/bodies/:slug`. */
export function bodyHref(ctx: ViewContext, body: Pick<BodyRow, 'slug'>): string {
  return ctx.href(`/bodies/${body.slug}`);
}

/** A calendar date as people say it, inside `<time>` for machines. */
export function Day({ ctx, date, style = 'short' }: { ctx: ViewContext; date: string; style?: 'short' | 'long' }) {
  return <time datetime={date}>{ctx.formatDate(date, style)}</time>;
}

/** Until when a working group runs, as its lists say: the sunset, or what it is waiting for. */
export function SunsetNote({ ctx, body }: { ctx: ViewContext; body: Pick<BodyRow, 'kind' | 'state' | 'sunset_on'> }) {
  if (body.kind !== 'working_group' || !body.sunset_on) return <>{ctx.t('bodies.tree.permanent')}</>;
  if (body.state === 'active') return <Day ctx={ctx} date={body.sunset_on} />;
  if (body.state === 'proposed') return <>{ctx.t('bodies.tree.proposed_date', { date: ctx.formatDate(body.sunset_on, 'short') })}</>;
  if (body.state === 'closing') return <>{ctx.t('bodies.tree.final_report_due')}</>;
  return <>{ctx.t(body.state === 'closed' ? 'bodies.tree.finished' : 'bodies.tree.not_started')}</>;
}

/**
 * Working groups as a table: each name links to its page, with its state in words, how many
 * people sit in it and until when it runs.
 */
export function WorkingGroupsTable({ ctx, caption, groups }: { ctx: ViewContext; caption: string; groups: BodyListItem[] }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={caption}
      captionHidden
      rowHeaders
      numeric={[2]}
      head={[t('bodies.tree.columns.group'), t('bodies.tree.columns.state'), t('bodies.tree.columns.members'), t('bodies.tree.columns.until')]}
      rows={groups.map((group) => [
        <LocalizedText value={group.name} locale={ctx.locale} as="a" href={bodyHref(ctx, group)} />,
        <BodyStateTag ctx={ctx} state={group.state} />,
        ctx.formatNumber(group.members),
        <SunsetNote ctx={ctx} body={group} />,
      ])}
    />
  );
}
