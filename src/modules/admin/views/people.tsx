/** The people list: search by name or e-mail, filter by role and status, 25 a page. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, ButtonLink, EmptyState, ErrorSummary, Form, Pagination, Select, Table, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { requiresTwoFactor } from '../../identity/index.js';
import { ACCOUNT_STATUSES, GLOBAL_ROLES, isInvitationPending, type PeopleFilterValues, type PeoplePage } from '../people.js';
import { AccountStatusTag, adminCrumbs, queryString, RoleTags, TwoFactorTag, When } from './parts.js';

export interface PeopleListProps {
  ctx: ViewContext;
  filters: PeopleFilterValues;
  /** Absent when the filters did not validate. */
  result?: PeoplePage;
  errors?: FieldErrors;
}

function PeopleFilters({ ctx, filters, errors }: { ctx: ViewContext; filters: PeopleFilterValues; errors: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} method="get" action={ctx.href('/admin/people')} role="search" aria-label={t('admin.people.filters.label')}>
      <TextField name="q" type="search" label={t('admin.people.filters.query')} hint={t('admin.people.filters.query_hint')} value={filters.q} error={errors?.q} spellcheck={false} optional />
      <Select
        name="role"
        label={t('admin.people.filters.role')}
        placeholder={t('admin.people.filters.any_role')}
        options={GLOBAL_ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
        value={filters.role}
        error={errors?.role}
        optional
      />
      <Select
        name="status"
        label={t('admin.people.filters.status')}
        placeholder={t('admin.people.filters.any_status')}
        options={ACCOUNT_STATUSES.map((status) => ({ value: status, label: t(`admin.status.${status}`) }))}
        value={filters.status}
        error={errors?.status}
        optional
      />
      <ButtonGroup>
        <Button>{t('admin.people.filters.submit')}</Button>
        <a href={ctx.href('/admin/people')}>{t('admin.people.filters.clear')}</a>
      </ButtonGroup>
    </Form>
  );
}

/** The list page; with `errors` it shows the filters to fix instead of results. */
export function PeopleListPage({ ctx, filters, result, errors }: PeopleListProps) {
  const t = ctx.t;
  const filtered = filters.q !== '' || filters.role !== '' || filters.status !== '';
  return (
    <Layout ctx={ctx} title={t('admin.people.title')} wide hasErrors={!!errors} breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.people.title') }])}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('admin.people.title')}</h1>
      <p>
        <ButtonLink href={ctx.href('/admin/invitations')} variant="secondary">
          {t('admin.people.invite')}
        </ButtonLink>
      </p>
      <PeopleFilters ctx={ctx} filters={filters} errors={errors} />
      {result ? <PeopleResults ctx={ctx} filters={filters} result={result} filtered={filtered} /> : null}
    </Layout>
  );
}

function PeopleResults({ ctx, filters, result, filtered }: { ctx: ViewContext; filters: PeopleFilterValues; result: PeoplePage; filtered: boolean }) {
  const t = ctx.t;
  if (result.people.length === 0 && result.total > 0) {
    return (
      <EmptyState title={t('admin.people.empty.past_end_title')}>
        <p>
          <a href={ctx.href(`/admin/people${queryString({ ...filters })}`)}>{t('admin.people.empty.past_end_link')}</a>
        </p>
      </EmptyState>
    );
  }
  if (result.people.length === 0) {
    return (
      <EmptyState title={t(filtered ? 'admin.people.empty.filtered_title' : 'admin.people.empty.title')}>
        <p>{t(filtered ? 'admin.people.empty.filtered_body' : 'admin.people.empty.body')}</p>
      </EmptyState>
    );
  }
  const rows = result.people.map((person) => [
    <a href={ctx.href(`/admin/people/${person.id}`)}>{person.name}</a>,
    person.email ?? t('admin.person.no_email'),
    <RoleTags ctx={ctx} roles={person.roles} />,
    <AccountStatusTag ctx={ctx} status={person.status} invitationPending={isInvitationPending(person)} />,
    <TwoFactorTag ctx={ctx} enabled={person.totp_enabled_at !== null} required={requiresTwoFactor(person)} />,
    <When ctx={ctx} at={person.created_at} style="short" />,
  ]);
  return (
    <>
      <p role="status">{t('admin.people.count', { count: result.total })}</p>
      <Table
        ctx={ctx}
        caption={t('admin.people.table.caption')}
        captionHidden
        rowHeaders
        head={[t('admin.people.table.name'), t('admin.people.table.email'), t('admin.people.table.roles'), t('admin.people.table.status'), t('admin.people.table.two_factor'), t('admin.people.table.created')]}
        rows={rows}
      />
      <Pagination
        ctx={ctx}
        page={result.page}
        totalPages={result.totalPages}
        hasPrevious={result.page > 1}
        hasNext={result.page < result.totalPages}
        hrefFor={(page) => ctx.href(`/admin/people${queryString({ ...filters, page: page > 1 ? page : undefined })}`)}
      />
    </>
  );
}
