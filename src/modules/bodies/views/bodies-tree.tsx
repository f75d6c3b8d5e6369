/** The tree of bodies: the plenary, its steering group, and its working groups by state. */
import { ButtonLink, Details, EmptyState, LocalizedText } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { BodiesOverview, BodyTree } from '../bodies-read.js';
import type { BodyListItem } from '../bodies-store.js';
import type { BodyState } from '../tables.js';
import { BodyStateTag, bodyHref, WorkingGroupsTable } from './body-parts.js';

/** The states shown in the open, in this order; declined proposals are folded away below them. */
const SHOWN_STATES: readonly BodyState[] = ['active', 'closing', 'proposed', 'closed'];

function BodySummary({ ctx, body, level }: { ctx: ViewContext; body: BodyListItem; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const kind = ctx.t(`bodies.kinds.${body.kind}`);
  // "Grup motor" needs no caption saying it is the steering group.
  const named = (body.name[ctx.locale] ?? body.name.ca) === kind;
  return (
    <section class="card" aria-labelledby={`body-${body.id}`}>
      <Heading id={`body-${body.id}`}>
        <LocalizedText value={body.name} locale={ctx.locale} as="a" href={bodyHref(ctx, body)} />
      </Heading>
      <p>
        {named ? null : <span class="caption">{kind}</span>}
        <BodyStateTag ctx={ctx} state={body.state} /> {ctx.t('bodies.members_count', { count: body.members })}
      </p>
      {body.purpose ? <LocalizedText value={body.purpose} locale={ctx.locale} as="p" /> : null}
    </section>
  );
}

function WorkingGroups({ ctx, tree }: { ctx: ViewContext; tree: BodyTree }) {
  const t = ctx.t;
  const groups = tree.workingGroups;
  const total = Object.values(groups).reduce((sum, list) => sum + list.length, 0);
  return (
    <section aria-labelledby={`working-groups-${tree.plenary.id}`}>
      <h3 id={`working-groups-${tree.plenary.id}`}>{t('bodies.tree.working_groups')}</h3>
      <p>{t('bodies.tree.working_groups_lead')}</p>
      {ctx.user ? (
        <p>
          <ButtonLink variant="secondary" href={ctx.href('/working-groups/new')}>
            {t('bodies.tree.propose')}
          </ButtonLink>
        </p>
      ) : null}
      {total === 0 ? (
        <EmptyState title={t('bodies.tree.no_groups')} level={3}>
          <p>{ctx.user ? t('bodies.tree.no_groups_signed_in') : t('bodies.tree.no_groups_visitor')}</p>
        </EmptyState>
      ) : (
        <>
          {SHOWN_STATES.filter((state) => groups[state].length > 0).map((state) => (
            <>
              <h4>{t(`bodies.tree.groups_by_state.${state}`, { count: groups[state].length })}</h4>
              <WorkingGroupsTable ctx={ctx} caption={t(`bodies.tree.groups_by_state.${state}`, { count: groups[state].length })} groups={groups[state]} />
            </>
          ))}
          {groups.declined.length > 0 ? (
            <Details summary={t('bodies.tree.declined', { count: groups.declined.length })}>
              <p>{t('bodies.tree.declined_lead')}</p>
              <WorkingGroupsTable ctx={ctx} caption={t('bodies.tree.declined', { count: groups.declined.length })} groups={groups.declined} />
            </Details>
          ) : null}
        </>
      )}
    </section>
  );
}

/** `GET /bodies`. */
export function BodiesTreePage({ ctx, overview }: { ctx: ViewContext; overview: BodiesOverview }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('bodies.tree.title')}>
      <h1>{t('bodies.tree.title')}</h1>
      <p class="lead">{t('bodies.tree.lead')}</p>
      {overview.trees.length === 0 && overview.others.length === 0 ? <EmptyState title={t('bodies.tree.no_bodies')} /> : null}
      {overview.trees.map((tree) => (
        <>
          <BodySummary ctx={ctx} body={tree.plenary} level={2} />
          {tree.steering.map((steering) => (
            <BodySummary ctx={ctx} body={steering} level={3} />
          ))}
          <WorkingGroups ctx={ctx} tree={tree} />
        </>
      ))}
      {overview.others.length > 0 ? (
        <section aria-labelledby="other-bodies">
          <h2 id="other-bodies">{t('bodies.tree.others')}</h2>
          <WorkingGroupsTable ctx={ctx} caption={t('bodies.tree.others')} groups={overview.others} />
        </section>
      ) : null}
    </Layout>
  );
}
