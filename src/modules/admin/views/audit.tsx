/** The audit trail: filters, the entries newest first with what each changed, and "older entries". */
import type { AuditRow } from '../../../kernel/audit/index.js';
import type { ChainReport } from '../../../kernel/audit/index.js';
import type { FieldErrors } from '../../../kernel/errors.js';
import {
  Button, ButtonGroup, Details, EmptyState, ErrorSummary, Form, NotificationBanner, Select, Table, TextField,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { changedFields, displayValue } from '../audit-diff.js';
import { actionChoices, type AuditPage } from '../audit.js';
import { adminCrumbs, queryString, When } from './parts.js';

/** The filters as typed, shown again in the form and carried by the "older entries" link. */
export interface AuditFilterValues {
  actor: string;
  action: string;
  from: string;
  to: string;
  subject_type: string;
  subject_id: string;
}

export interface AuditPageProps {
  ctx: ViewContext;
  filters: AuditFilterValues;
  /** Absent when the filters did not validate. */
  result?: AuditPage;
  /** Choices for the action filter when there is no result to take them from. */
  actions?: string[];
  errors?: FieldErrors;
  /** Showing older entries (a `before` in the query): offer the way back to the newest. */
  paged?: boolean;
}

function AuditFilters({ ctx, filters, actions, errors }: { ctx: ViewContext; filters: AuditFilterValues; actions: string[]; errors: FieldErrors | undefined }) {
  const t = ctx.t;
  const choices = actionChoices(actions);
  if (filters.action && !choices.includes(filters.action)) choices.unshift(filters.action);
  return (
    <Form ctx={ctx} method="get" action={ctx.href('/admin/audit')} role="search" aria-label={t('admin.audit.filters.label')}>
      {filters.subject_type ? <input type="hidden" name="subject_type" value={filters.subject_type} /> : null}
      {filters.subject_id ? <input type="hidden" name="subject_id" value={filters.subject_id} /> : null}
      <TextField
        name="actor"
        label={t('admin.audit.filters.actor')}
        hint={t('admin.audit.filters.actor_hint')}
        value={filters.actor}
        error={errors?.actor}
        inputmode="numeric"
        width="short"
        spellcheck={false}
        optional
      />
      <Select
        name="action"
        label={t('admin.audit.filters.action')}
        hint={t('admin.audit.filters.action_hint')}
        placeholder={t('admin.audit.filters.any_action')}
        options={choices.map((choice) => ({ value: choice, label: actions.includes(choice) ? choice : `${choice}.*` }))}
        value={filters.action}
        error={errors?.action}
        optional
      />
      <TextField name="from" type="date" label={t('admin.audit.filters.from')} hint={t('admin.audit.filters.date_hint')} value={filters.from} error={errors?.from} optional />
      <TextField name="to" type="date" label={t('admin.audit.filters.to')} hint={t('admin.audit.filters.date_hint')} value={filters.to} error={errors?.to} optional />
      <ButtonGroup>
        <Button>{t('admin.audit.filters.submit')}</Button>
        <a href={ctx.href('/admin/audit')}>{t('admin.audit.filters.clear')}</a>
      </ButtonGroup>
    </Form>
  );
}

/** The audit trail page; with `errors` it shows the filters to fix instead of entries. */
export function AuditTrailPage({ ctx, filters, result, actions, errors, paged }: AuditPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('admin.audit.title')} wide hasErrors={!!errors} breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.audit.title') }])}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('admin.audit.title')}</h1>
      <p>{t('admin.audit.lead')}</p>
      <Form ctx={ctx} method="get" action={ctx.href('/admin/audit/verify')}>
        <Button variant="secondary">{t('admin.audit.verify.button')}</Button>
      </Form>
      {filters.subject_type ? (
        <p>
          {t('admin.audit.subject_filter', { subject: `${filters.subject_type} ${filters.subject_id}`.trim() })}{' '}
          <a href={ctx.href(`/admin/audit${queryString({ ...filters, subject_type: undefined, subject_id: undefined })}`)}>{t('admin.audit.subject_filter_clear')}</a>
        </p>
      ) : null}
      {result?.actorName ? <p>{t('admin.audit.actor_filter', { name: result.actorName })}</p> : null}
      <AuditFilters ctx={ctx} filters={filters} actions={result?.actions ?? actions ?? []} errors={errors} />
      {result ? <AuditEntries ctx={ctx} filters={filters} result={result} paged={paged ?? false} /> : null}
    </Layout>
  );
}

function AuditEntries({ ctx, filters, result, paged }: { ctx: ViewContext; filters: AuditFilterValues; result: AuditPage; paged: boolean }) {
  const t = ctx.t;
  if (result.entries.length === 0) {
    return (
      <EmptyState title={t('admin.audit.empty.title')}>
        <p>{t('admin.audit.empty.body')}</p>
      </EmptyState>
    );
  }
  const rows = result.entries.map((entry) => [
    <When ctx={ctx} at={entry.at} />,
    <Who ctx={ctx} entry={entry} filters={filters} />,
    <code>{entry.action}</code>,
    <Subject ctx={ctx} entry={entry} />,
    <Change ctx={ctx} entry={entry} />,
  ]);
  return (
    <>
      <Table
        ctx={ctx}
        caption={t('admin.audit.table.caption')}
        captionHidden
        rowHeaders
        head={[t('admin.audit.table.when'), t('admin.audit.table.who'), t('admin.audit.table.action'), t('admin.audit.table.subject'), t('admin.audit.table.change')]}
        rows={rows}
      />
      <nav class="pagination" aria-label={t('admin.audit.pages')}>
        {paged ? (
          <a class="pagination__link pagination__link--previous" href={ctx.href(`/admin/audit${queryString({ ...filters })}`)}>
            <span class="pagination__arrow" aria-hidden="true">
              ←
            </span>
            {t('admin.audit.newest')}
          </a>
        ) : (
          <span class="pagination__spacer" />
        )}
        {result.olderThan !== undefined ? (
          <a class="pagination__link pagination__link--next" href={ctx.href(`/admin/audit${queryString({ ...filters, before: result.olderThan })}`)} rel="next">
            {t('admin.audit.older')}
            <span class="pagination__arrow" aria-hidden="true">
              →
            </span>
          </a>
        ) : (
          <p class="pagination__current">{t('admin.audit.no_older')}</p>
        )}
      </nav>
    </>
  );
}

function Who({ ctx, entry, filters }: { ctx: ViewContext; entry: AuditRow; filters: AuditFilterValues }) {
  if (entry.actor_id === null) return <span>{entry.actor_name ?? ctx.t('admin.audit.nobody')}</span>;
  const name = entry.actor_name ?? `#${entry.actor_id}`;
  return (
    <a href={ctx.href(`/admin/audit${queryString({ ...filters, actor: entry.actor_id })}`)} title={ctx.t('admin.audit.only_actor', { name })}>
      {name}
    </a>
  );
}

function Subject({ ctx, entry }: { ctx: ViewContext; entry: AuditRow }) {
  const label = entry.subject_id === null ? entry.subject_type : `${entry.subject_type} ${entry.subject_id}`;
  if (entry.subject_type === 'user' && entry.subject_id !== null) {
    return <a href={ctx.href(`/admin/people/${entry.subject_id}`)}>{label}</a>;
  }
  return <span>{label}</span>;
}

/** The keys the entry changed, folded away; each with its value before and after. */
function Change({ ctx, entry }: { ctx: ViewContext; entry: AuditRow }) {
  const t = ctx.t;
  const fields = changedFields(entry.before, entry.after);
  if (fields.length === 0) return <span>{t('admin.audit.no_change')}</span>;
  const empty = t('admin.audit.diff.empty');
  return (
    <Details summary={t('admin.audit.diff.summary', { count: fields.length })}>
      <table class="table">
        <caption class="visually-hidden">{t('admin.audit.diff.caption', { id: entry.id })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.diff.field')}</th>
            <th scope="col">{t('admin.audit.diff.before')}</th>
            <th scope="col">{t('admin.audit.diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr>
              <th scope="row">
                <code>{field.key || t('admin.audit.diff.value')}</code>
              </th>
              <td>{displayValue(field.before) || empty}</td>
              <td>{displayValue(field.after) || empty}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Details>
  );
}

/** The outcome of recomputing the chain, as a banner above a link back to the trail. */
export function ChainReportPage({ ctx, report }: { ctx: ViewContext; report: ChainReport }) {
  const t = ctx.t;
  const title = t('admin.audit.verify.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.audit.title'), href: ctx.href('/admin/audit') }, { label: title }])}>
      <h1>{title}</h1>
      {report.ok ? (
        <NotificationBanner kind="success" title={t('admin.audit.verify.ok_title')} live>
          <p>{t('admin.audit.verify.ok_body', { count: report.entries })}</p>
        </NotificationBanner>
      ) : (
        <NotificationBanner kind="error" title={t('admin.audit.verify.broken_title')} live>
          <p>{t('admin.audit.verify.broken_body', { id: report.brokenAt ?? 0, count: report.entries })}</p>
          <p>
            <a href={ctx.href(`/admin/audit${queryString({ before: (report.brokenAt ?? 0) + 1 })}`)}>{t('admin.audit.verify.broken_link', { id: report.brokenAt ?? 0 })}</a>
          </p>
        </NotificationBanner>
      )}
      <p>{t('admin.audit.verify.explain')}</p>
      <p>
        <a href={ctx.href('/admin/audit')}>{t('admin.audit.verify.back')}</a>
      </p>
    </Layout>
  );
}
