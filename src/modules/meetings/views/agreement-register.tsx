/** The agreements register: the whole space's or one body's, searchable and filterable, newest first, a page at a time. */
import type { Translatable } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, EmptyState, Form, LocalizedText, Select, Tag, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { RegisterRow } from '../agreements-store.js';
import { agreementNumber, AgreementsLayout, excerpt, methodSummary, textOf } from './agreement-parts.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

export interface RegisterValues {
  q: string;
  body: string;
  year: string;
  from: string;
  to: string;
  method: string;
}

export interface RegisterPageProps {
  ctx: ViewContext;
  rows: RegisterRow[];
  values: RegisterValues;
  /** Bodies to filter by (the whole space's register only). */
  bodies: Array<{ id: number; slug: string; name: Translatable }>;
  /** The one body this register is of, or null for the whole space. */
  body: { slug: string; name: Translatable } | null;
  /** The next (older) page, when there is one. */
  nextHref: string | null;
  /** Back to the first page, when this is not it. */
  firstHref: string | null;
  /** Where the search form is sent. */
  action: string;
  /** The CSV export of what is shown (without the page's cursor). */
  csvHref: string;
}

function RegisterEntry({ ctx, row }: { ctx: ViewContext; row: RegisterRow }) {
  const number = agreementNumber(row);
  const id = `agreement-${row.id}`;
  return (
    <li class="register__item" aria-labelledby={id}>
      <h2 class="register__title" id={id}>
        <a href={ctx.href(`/agreements/${row.id}`)}>{t(ctx, 'agreement_title', { number })}</a>
      </h2>
      <p class="text-soft">
        <LocalizedText value={row.body_name} locale={ctx.locale} /> · <time datetime={row.adopted_on}>{ctx.formatDate(row.adopted_on, 'short')}</time> · {methodSummary(ctx, row.method, row.result)}
      </p>
      <p>{excerpt(textOf(ctx, row.text))}</p>
      {row.open_actions > 0 ? (
        <p>
          {t(ctx, 'register.open_actions', { count: row.open_actions })}
          {row.overdue_actions > 0 ? (
            <>
              {' '}
              <Tag kind="danger">{t(ctx, 'register.overdue_actions', { count: row.overdue_actions })}</Tag>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

/** The register with its search form; an empty state when nothing matches. */
export function RegisterPage(props: RegisterPageProps) {
  const { ctx, values, body } = props;
  const title = body ? t(ctx, 'register.body_title', { body: textOf(ctx, body.name) }) : t(ctx, 'register.title');
  const crumbs = body
    ? [
        { label: ctx.t('meetings_agreements.crumbs.bodies'), href: ctx.href('/bodies') },
        { label: <LocalizedText value={body.name} locale={ctx.locale} />, href: ctx.href(`/bodies/${body.slug}`) },
        { label: t(ctx, 'register.crumb') },
      ]
    : [{ label: t(ctx, 'register.title') }];
  const filtered = Object.values(values).some((value) => value !== '');
  return (
    <AgreementsLayout ctx={ctx} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{t(ctx, 'register.lead')}</p>
      <Form ctx={ctx} action={props.action} method="get" role="search" aria-label={t(ctx, 'register.search_label')}>
        <TextField name="q" type="search" label={t(ctx, 'register.q')} hint={t(ctx, 'register.q_hint')} value={values.q} optional />
        {body ? null : (
          <Select
            name="body"
            label={t(ctx, 'register.body')}
            options={props.bodies.map((b) => ({ value: b.slug, label: textOf(ctx, b.name) }))}
            placeholder={t(ctx, 'register.any_body')}
            value={values.body}
            optional
          />
        )}
        <TextField name="year" type="number" label={t(ctx, 'register.year')} value={values.year} inputmode="numeric" min={2000} max={2100} optional />
        <TextField name="from" type="date" label={t(ctx, 'register.from')} value={values.from} optional />
        <TextField name="to" type="date" label={t(ctx, 'register.to')} value={values.to} optional />
        <Select
          name="method"
          label={t(ctx, 'register.method')}
          options={[
            { value: 'consensus', label: t(ctx, 'method.consensus') },
            { value: 'vote', label: t(ctx, 'method.vote') },
          ]}
          placeholder={t(ctx, 'register.any_method')}
          value={values.method}
          optional
        />
        <ButtonGroup>
          <Button variant="secondary">{t(ctx, 'register.search')}</Button>
          {filtered ? <a href={props.action}>{t(ctx, 'register.clear')}</a> : null}
        </ButtonGroup>
      </Form>
      {props.rows.length === 0 ? (
        <EmptyState title={t(ctx, filtered ? 'register.none_found' : 'register.empty_title')}>
          <p>{t(ctx, filtered ? 'register.none_found_hint' : 'register.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <ol class="register" reversed>
            {props.rows.map((row) => (
              <RegisterEntry ctx={ctx} row={row} />
            ))}
          </ol>
          <nav class="pagination" aria-label={ctx.t('ui.pagination.label')}>
            {props.firstHref ? (
              <a class="pagination__link pagination__link--previous" href={props.firstHref}>
                {t(ctx, 'register.newest')}
              </a>
            ) : (
              <span class="pagination__spacer" />
            )}
            {props.nextHref ? (
              <a class="pagination__link pagination__link--next" href={props.nextHref} rel="next">
                {t(ctx, 'register.older')}
                <span class="pagination__arrow" aria-hidden="true">
                  →
                </span>
              </a>
            ) : (
              <span class="pagination__spacer" />
            )}
          </nav>
        </>
      )}
      <p>
        <a href={props.csvHref}>{t(ctx, 'register.csv')}</a>
      </p>
    </AgreementsLayout>
  );
}
