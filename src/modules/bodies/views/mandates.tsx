/**
 * The secretariat's page of a body's mandates: the composition warnings, the current mandates
 * by college, those about to start, and the history of ended ones, with links to add and end.
 */
import { ButtonLink, EmptyState, LocalizedText, Table, VisuallyHidden } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { Composition } from '../composition.js';
import type { MandateBody, MandateView } from '../mandates.js';
import { COLLEGES } from '../tables.js';
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import { bodiesCrumbs, bodyHref, Day } from './body-parts.js';
import { CompositionWarnings, OrganisationLink, periodText, PersonLink, roleText } from './mandate-parts.js';

export interface MandatesPageProps {
  ctx: ViewContext;
  body: MandateBody;
  today: string;
  current: MandateView[];
  upcoming: MandateView[];
  past: MandateView[];
  composition: Composition;
  /** The body takes new mandates (active or closing). */
  takesMandates: boolean;
}

/** The breadcrumbs of the mandates pages: bodies → the body → its mandates (→ `last`). */
export function mandatesCrumbs(ctx: ViewContext, body: Pick<MandateBody, 'slug' | 'name'>, last?: string) {
  const name = pickTranslation(body.name, ctx.locale).text;
  const list = { label: ctx.t('mandates.list.title'), href: last ? ctx.href(`/bodies/${body.slug}/mandates`) : undefined };
  return bodiesCrumbs(ctx, [{ label: name, href: bodyHref(ctx, body) }, list, ...(last ? [{ label: last }] : [])]);
}

/** The body's name above a page's heading: the pages of one body share it. */
export function BodyCaption({ ctx, body }: { ctx: ViewContext; body: Pick<MandateBody, 'name'> }) {
  return (
    <span class="caption">
      <LocalizedText value={body.name} locale={ctx.locale} />
    </span>
  );
}

function EndLink({ ctx, body, mandate }: { ctx: ViewContext; body: MandateBody; mandate: MandateView }) {
  return (
    <a href={ctx.href(`/bodies/${body.slug}/mandates/${mandate.id}/end`)}>
      {ctx.t('mandates.list.end')}
      <VisuallyHidden> {ctx.t('mandates.list.end_context', { person: mandate.person_name })}</VisuallyHidden>
    </a>
  );
}

function CurrentTable({ ctx, body, caption, mandates }: { ctx: ViewContext; body: MandateBody; caption: string; mandates: MandateView[] }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={caption}
      captionHidden
      rowHeaders
      head={[t('mandates.list.person'), t('mandates.list.role'), t('mandates.list.organisation'), t('mandates.list.since'), t('mandates.list.until'), t('mandates.list.actions')]}
      rows={mandates.map((m) => [
        <PersonLink ctx={ctx} mandate={m} />,
        roleText(ctx, m, { withOrganisation: false }),
        <OrganisationLink ctx={ctx} mandate={m} />,
        <Day ctx={ctx} date={m.starts_on} />,
        m.ends_on ? <Day ctx={ctx} date={m.ends_on} /> : t('mandates.list.no_end'),
        <EndLink ctx={ctx} body={body} mandate={m} />,
      ])}
    />
  );
}

/** The page; every list is read before rendering (no query per row). */
export function MandatesPage(props: MandatesPageProps) {
  const { ctx, body, composition } = props;
  const t = ctx.t;
  const name = pickTranslation(body.name, ctx.locale).text;
  const byCollege = COLLEGES.map((college) => ({ college, mandates: props.current.filter((m) => m.college === college) })).filter((group) => group.mandates.length > 0);
  return (
    <Layout ctx={ctx} title={t('mandates.list.title_of', { body: name })} wide breadcrumbs={mandatesCrumbs(ctx, body)}>
      <BodyCaption ctx={ctx} body={body} />
      <h1>{t('mandates.list.title')}</h1>
      <p class="lead">{t('mandates.list.lead')}</p>
      <CompositionWarnings ctx={ctx} warnings={composition.warnings} title={t('mandates.warnings.title')} lead={t('mandates.warnings.lead')} />
      <p>
        {t('mandates.list.members', { count: composition.total })}
        {body.seats_per_entity !== null ? <> · {t('mandates.list.seats_rule', { count: body.seats_per_entity })}</> : null}
      </p>
      {props.takesMandates ? (
        <p>
          <ButtonLink href={ctx.href(`/bodies/${body.slug}/mandates/new`)}>{t('mandates.list.add')}</ButtonLink>{' '}
          <a href={bodyHref(ctx, body)}>{t('mandates.list.public_page')}</a>
        </p>
      ) : (
        <p>
          {t('mandates.list.not_open', { body: name, state: t(`mandates.body_states.${body.state}`) })}{' '}
          <a href={bodyHref(ctx, body)}>{t('mandates.list.public_page')}</a>
        </p>
      )}

      <h2>{t('mandates.list.current_title')}</h2>
      {byCollege.length === 0 ? (
        <EmptyState title={t('mandates.list.current_empty')} level={3} />
      ) : (
        byCollege.map(({ college, mandates }) => (
          <section aria-labelledby={`college-${college}`}>
            <h3 id={`college-${college}`}>
              {t(`mandates.colleges.${college}`)} ({ctx.formatNumber(mandates.length)})
            </h3>
            <CurrentTable ctx={ctx} body={body} caption={t('mandates.list.college_caption', { college: t(`mandates.colleges.${college}`) })} mandates={mandates} />
          </section>
        ))
      )}

      {props.upcoming.length > 0 ? (
        <>
          <h2>{t('mandates.list.upcoming_title')}</h2>
          <CurrentTable ctx={ctx} body={body} caption={t('mandates.list.upcoming_caption')} mandates={props.upcoming} />
        </>
      ) : null}

      <h2>{t('mandates.list.history_title')}</h2>
      {props.past.length === 0 ? (
        <EmptyState title={t('mandates.list.history_empty')} level={3} />
      ) : (
        <Table
          ctx={ctx}
          caption={t('mandates.list.history_caption')}
          captionHidden
          rowHeaders
          head={[t('mandates.list.person'), t('mandates.list.period'), t('mandates.list.role'), t('mandates.list.college'), t('mandates.list.since'), t('mandates.list.ended'), t('mandates.list.reason')]}
          rows={props.past.map((m) => [
            <PersonLink ctx={ctx} mandate={m} />,
            periodText(ctx, m, props.today),
            roleText(ctx, m),
            t(`mandates.colleges.${m.college}`),
            <Day ctx={ctx} date={m.starts_on} />,
            m.ends_on ? <Day ctx={ctx} date={m.ends_on} /> : '',
            m.end_reason ?? '',
          ])}
        />
      )}
    </Layout>
  );
}
