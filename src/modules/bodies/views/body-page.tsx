/**
 * A body's public page: what it is and where it is in its life, its purpose and charter, who
 * sits in it and for whom, its working groups and decisions, its calendar and documents, and,
 * for those allowed, what they can do there.
 */
import { Details, EmptyState, LocalizedText, NotificationBanner, SummaryList, Table, type SummaryRow } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { addDays } from '../../workgroups/dates.js';
import type { BodyPage, WorkingGroupAction } from '../bodies-read.js';
import type { BodyDecisionView } from '../bodies-store.js';
import { CHARTER_PARTS } from '../edit-body.js';
import type { MandateView } from '../mandates.js';
import { COLLEGES, type College } from '../tables.js';
import { bodiesCrumbs, BodyStateTag, Day, WorkingGroupsTable } from './body-parts.js';
import { CompositionWarnings, PersonLink, roleText } from './mandate-parts.js';

/** "A, B i C" in the page's language. */
function listOf(ctx: ViewContext, items: readonly string[]): string {
  return new Intl.ListFormat(ctx.locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** The latest decision of this kind, if the group has one. */
function lastDecision(decisions: readonly BodyDecisionView[], action: BodyDecisionView['action']): BodyDecisionView | undefined {
  return decisions.filter((d) => d.action === action).at(-1);
}

/** Where the body is in its life and what happens next, for whom, by when. */
function WhatNext({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const { body, daysToSunset } = page;
  const t = ctx.t;
  if (body.kind !== 'working_group') return <p>{t('bodies.next.standing')}</p>;
  const sunset = body.sunset_on ? ctx.formatDate(body.sunset_on, 'long') : '';
  switch (body.state) {
    case 'proposed':
      return <p>{t('bodies.next.proposed', { date: sunset })}</p>;
    case 'active':
      if (daysToSunset === null) return null;
      if (daysToSunset > 0) return <p>{t('bodies.next.active', { count: daysToSunset, date: sunset })}</p>;
      if (daysToSunset === 0) return <p>{t('bodies.next.active_today', { date: sunset })}</p>;
      return <p>{t('bodies.next.active_overdue', { count: -daysToSunset, date: sunset })}</p>;
    case 'closing':
      return <p>{t('bodies.next.closing')}</p>;
    case 'closed': {
      const closed = lastDecision(page.decisions, 'closed');
      return <p>{closed ? t('bodies.next.closed_on', { date: ctx.formatDate(closed.created_at, 'long') }) : t('bodies.next.closed')}</p>;
    }
    case 'declined': {
      const declined = lastDecision(page.decisions, 'declined');
      return <p>{declined ? t('bodies.next.declined_on', { date: ctx.formatDate(declined.created_at, 'long') }) : t('bodies.next.declined')}</p>;
    }
  }
}

/** The working groups' own pages, by action. */
const ACTION_PATHS: Record<WorkingGroupAction, string> = {
  decision: 'decision',
  join: 'join',
  join_requests: 'join-requests',
  new_report: 'reports/new',
  extend: 'extend',
  start_closing: 'close',
  close: 'close',
};

/** Links to what the reader may do here; nothing for someone who may do nothing. */
function Actions({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const t = ctx.t;
  const { body, viewer } = page;
  const base = `/bodies/${body.slug}`;
  const links: Array<{ href: string; label: string }> = [];
  for (const action of viewer.actions) links.push({ href: ctx.href(`${base}/${ACTION_PATHS[action]}`), label: t(`bodies.actions.${action}`) });
  if (viewer.canManageMandates) links.push({ href: ctx.href(`${base}/mandates`), label: t('bodies.actions.mandates') });
  if (viewer.canFollowUp) links.push({ href: ctx.href('/follow-up'), label: t('bodies.actions.follow_up') });
  if (viewer.canEdit) links.push({ href: ctx.href(`${base}/edit`), label: t('bodies.actions.edit') });
  const invite = !ctx.user && body.kind === 'working_group' && body.state === 'active' && body.open;
  if (links.length === 0 && !invite) return null;
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{t('bodies.actions.title')}</h2>
      {invite ? (
        <p>
          {t('bodies.actions.open_group')}{' '}
          <a href={ctx.href(`/sign-in?next=${encodeURIComponent(ctx.href(`${base}/join`))}`)}>{t('bodies.actions.sign_in_to_join')}</a>
        </p>
      ) : null}
      {links.length > 0 ? (
        <ul>
          {links.map((link) => (
            <li>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The body's facts: kind, state, dates, openness and composition rules. */
function Facts({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const t = ctx.t;
  const { body } = page;
  const rows: SummaryRow[] = [
    { key: t('bodies.facts.kind'), value: t(`bodies.kinds.${body.kind}`) },
    { key: t('bodies.facts.state'), value: <BodyStateTag ctx={ctx} state={body.state} /> },
  ];
  if (body.starts_on && body.state !== 'proposed' && body.state !== 'declined') {
    rows.push({ key: t('bodies.facts.starts_on'), value: <Day ctx={ctx} date={body.starts_on} style="long" /> });
  }
  // What is still ahead of a running group, or proposed for one; a finished or declined group's
  // story is told by its decisions.
  const running = body.state === 'proposed' || body.state === 'active' || body.state === 'closing';
  if (body.kind === 'working_group' && running && body.sunset_on) {
    rows.push({
      key: t(body.state === 'proposed' ? 'bodies.facts.sunset_proposed' : 'bodies.facts.sunset_on'),
      value: <Day ctx={ctx} date={body.sunset_on} style="long" />,
    });
  }
  if (body.kind === 'working_group' && running) {
    rows.push({ key: t('bodies.facts.open'), value: t(body.open ? 'bodies.facts.open_yes' : 'bodies.facts.open_no') });
    rows.push({
      key: t('bodies.facts.report_interval'),
      value: body.report_interval_days ? t('bodies.facts.report_every', { count: body.report_interval_days }) : t('bodies.facts.report_none'),
    });
  }
  rows.push({
    key: t('bodies.facts.seats_per_entity'),
    value: body.seats_per_entity === null ? t('bodies.facts.no_limit') : t('bodies.facts.seats', { count: body.seats_per_entity }),
  });
  rows.push({
    key: t('bodies.facts.allowed_colleges'),
    value: body.allowed_colleges.length === 0 ? t('bodies.facts.any_college') : listOf(ctx, body.allowed_colleges.map((c) => t(`mandates.colleges.${c}`))),
  });
  rows.push({
    key: t('bodies.facts.allowed_levels'),
    value:
      body.allowed_levels.length === 0
        ? t('bodies.facts.any_level')
        : t('bodies.facts.levels', { levels: listOf(ctx, [...body.allowed_levels].sort().map(String)) }),
  });
  return <SummaryList rows={rows} />;
}

function Charter({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const { body } = page;
  if (body.kind !== 'working_group') return null;
  const t = ctx.t;
  return (
    <section aria-labelledby="charter">
      <h2 id="charter">{t('bodies.charter.title')}</h2>
      {body.charter ? (
        CHARTER_PARTS.map((part) => {
          const value = body.charter?.[part];
          return (
            <>
              <h3>{t(`bodies.charter.${part}`)}</h3>
              {value ? <LocalizedText value={value} locale={ctx.locale} as="p" /> : <p>{t('bodies.charter.missing')}</p>}
            </>
          );
        })
      ) : (
        <p>{t('bodies.charter.none')}</p>
      )}
    </section>
  );
}

function Composition({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const t = ctx.t;
  const { composition, body } = page;
  const colleges: readonly College[] = body.allowed_colleges.length > 0 ? COLLEGES.filter((c) => body.allowed_colleges.includes(c)) : COLLEGES;
  return (
    <section aria-labelledby="composition">
      <h2 id="composition">{t('bodies.composition.title')}</h2>
      <p>{t('bodies.composition.total', { count: composition.total })}</p>
      <p class="hint">{t('bodies.composition.seatless_note')}</p>
      {page.viewer.canManageMandates ? (
        <CompositionWarnings ctx={ctx} warnings={composition.warnings} title={t('bodies.composition.warnings_title')} lead={t('bodies.composition.warnings_lead')} />
      ) : null}
      {composition.total > 0 ? (
        <>
          <Table
            ctx={ctx}
            caption={t('bodies.composition.by_college')}
            rowHeaders
            numeric={[1]}
            head={[t('bodies.composition.college'), t('bodies.composition.people')]}
            rows={colleges.map((college) => [t(`mandates.colleges.${college}`), ctx.formatNumber(composition.byCollege[college])])}
          />
          {composition.byOrganisation.length > 0 ? (
            <Table
              ctx={ctx}
              caption={t('bodies.composition.by_organisation')}
              rowHeaders
              numeric={[1]}
              head={[t('bodies.composition.organisation'), t('bodies.composition.people')]}
              rows={composition.byOrganisation.map((o) => [
                <a href={ctx.href(`/organisations/${o.organisation_id}`)}>{o.name === o.short_name ? o.name : `${o.name} (${o.short_name})`}</a>,
                ctx.formatNumber(o.seats),
              ])}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Organisation({ ctx, mandate }: { ctx: ViewContext; mandate: MandateView }) {
  if (mandate.organisation_id === null) return <>{ctx.t('bodies.members.as_individual')}</>;
  return <a href={ctx.href(`/organisations/${mandate.organisation_id}`)}>{mandate.organisation_short_name ?? mandate.organisation_name ?? ''}</a>;
}

function memberCells(ctx: ViewContext, mandate: MandateView) {
  return [
    <PersonLink ctx={ctx} mandate={mandate} />,
    // An entity's member is its delegate, as everywhere mandates are named.
    roleText(ctx, mandate, { withOrganisation: false }),
    ctx.t(`mandates.colleges.${mandate.college}`),
    <Organisation ctx={ctx} mandate={mandate} />,
  ];
}

function Members({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const t = ctx.t;
  const head = [t('bodies.members.person'), t('bodies.members.role'), t('bodies.members.college'), t('bodies.members.organisation')];
  return (
    <section aria-labelledby="members">
      <h2 id="members">{t('bodies.members.title')}</h2>
      {page.current.length === 0 ? (
        <p>{t('bodies.members.none')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('bodies.members.current')}
          captionHidden
          rowHeaders
          head={[...head, t('bodies.members.since')]}
          rows={page.current.map((m) => [...memberCells(ctx, m), <Day ctx={ctx} date={m.starts_on} />])}
        />
      )}
      {page.upcoming.length > 0 ? (
        <>
          <h3>{t('bodies.members.upcoming')}</h3>
          <Table
            ctx={ctx}
            caption={t('bodies.members.upcoming')}
            captionHidden
            rowHeaders
            head={[...head, t('bodies.members.from')]}
            rows={page.upcoming.map((m) => [...memberCells(ctx, m), <Day ctx={ctx} date={m.starts_on} />])}
          />
        </>
      ) : null}
      {page.past.length > 0 ? (
        <Details summary={t('bodies.members.past', { count: page.past.length })}>
          <Table
            ctx={ctx}
            caption={t('bodies.members.past', { count: page.past.length })}
            captionHidden
            rowHeaders
            head={[...head, t('bodies.members.period')]}
            rows={page.past.map((m) => [
              ...memberCells(ctx, m),
              <>
                <Day ctx={ctx} date={m.starts_on} /> – <Day ctx={ctx} date={addDays(m.ends_on ?? m.starts_on, -1)} />
              </>,
            ])}
          />
        </Details>
      ) : null}
    </section>
  );
}

function WorkingGroupsOf({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  if (page.body.kind !== 'plenary') return null;
  const t = ctx.t;
  return (
    <section aria-labelledby="working-groups">
      <h2 id="working-groups">{t('bodies.tree.working_groups')}</h2>
      {page.workingGroups.length === 0 ? (
        <p>{t('bodies.tree.no_groups')}</p>
      ) : (
        <WorkingGroupsTable ctx={ctx} caption={t('bodies.tree.working_groups')} groups={page.workingGroups} />
      )}
      <p>
        <a href={ctx.href('/bodies')}>{t('bodies.page.all_bodies')}</a>
      </p>
    </section>
  );
}

function Decision({ ctx, decision }: { ctx: ViewContext; decision: BodyDecisionView }) {
  const t = ctx.t;
  return (
    <li>
      <p>
        <strong>{t(`bodies.decisions.actions.${decision.action}`)}</strong>
        {' · '}
        <time datetime={decision.created_at.toISOString()}>{ctx.formatDate(decision.created_at, 'long')}</time>
        {decision.decided_by_name ? <> {t('bodies.decisions.by', { name: decision.decided_by_name })}</> : null}
      </p>
      {decision.action === 'extended' && decision.sunset_after ? (
        <p>
          {decision.sunset_before
            ? t('bodies.decisions.extended', { before: ctx.formatDate(decision.sunset_before, 'long'), after: ctx.formatDate(decision.sunset_after, 'long') })
            : t('bodies.decisions.new_sunset', { after: ctx.formatDate(decision.sunset_after, 'long') })}
        </p>
      ) : null}
      {decision.reason.trim() !== '' ? (
        <p>
          {t('bodies.decisions.reason')} {decision.reason}
        </p>
      ) : null}
    </li>
  );
}

function Decisions({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  if (page.body.kind !== 'working_group') return null;
  const t = ctx.t;
  const { body } = page;
  const hasReports = body.state === 'active' || body.state === 'closing' || body.state === 'closed';
  return (
    <section aria-labelledby="decisions">
      <h2 id="decisions">{t('bodies.decisions.title')}</h2>
      {page.decisions.length === 0 ? (
        <p>{t('bodies.decisions.none')}</p>
      ) : (
        <ol>
          {page.decisions.map((decision) => (
            <Decision ctx={ctx} decision={decision} />
          ))}
        </ol>
      )}
      {hasReports ? (
        <p>
          <a href={ctx.href(`/bodies/${body.slug}/reports`)}>{t('bodies.page.reports')}</a>
        </p>
      ) : null}
    </section>
  );
}

/** `GET /bodies/:slug`. */
export function BodyPageView({ ctx, page }: { ctx: ViewContext; page: BodyPage }) {
  const t = ctx.t;
  const { body } = page;
  const name = body.name;
  const title = (name[ctx.locale] ?? '').trim() || name.ca;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={bodiesCrumbs(ctx, [{ label: title }])}>
      <span class="caption">{t(`bodies.kinds.${body.kind}`)}</span>
      <LocalizedText value={name} locale={ctx.locale} as="h1" />
      <p>
        <BodyStateTag ctx={ctx} state={body.state} />
      </p>
      <WhatNext ctx={ctx} page={page} />
      {body.state === 'closed' || body.state === 'declined' ? (
        <NotificationBanner kind="info" title={t('bodies.page.frozen_title')}>
          <p>{t('bodies.page.frozen')}</p>
        </NotificationBanner>
      ) : null}
      <Actions ctx={ctx} page={page} />
      <section aria-labelledby="facts">
        <h2 id="facts">{t('bodies.page.facts')}</h2>
        <Facts ctx={ctx} page={page} />
      </section>
      <section aria-labelledby="purpose">
        <h2 id="purpose">{t('bodies.page.purpose')}</h2>
        {body.purpose ? <LocalizedText value={body.purpose} locale={ctx.locale} as="p" /> : <p>{t('bodies.page.no_purpose')}</p>}
      </section>
      <Charter ctx={ctx} page={page} />
      <Composition ctx={ctx} page={page} />
      <Members ctx={ctx} page={page} />
      <WorkingGroupsOf ctx={ctx} page={page} />
      <Decisions ctx={ctx} page={page} />
      {page.sections.map(({ section, data }) => section.render({ ctx, body, data }))}
      <section aria-labelledby="documents">
        <h2 id="documents">{t('bodies.page.documents')}</h2>
        <EmptyState title={t('bodies.page.no_documents')} level={3}>
          <p>{t('bodies.page.no_documents_body')}</p>
        </EmptyState>
      </section>
    </Layout>
  );
}
