/** The public directory: search and filters, the organisations that match, 25 a page. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, ButtonLink, EmptyState, ErrorSummary, Form, Pagination, Select, Table, Tag, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { DirectoryFilterValues, DirectoryPage as DirectoryResult } from '../directory.js';
import type { DirectoryRow } from '../listings.js';
import { DISTRICTS, FAMILIES, ORGANISATION_KINDS, ORGANISATION_LEVELS } from '../schema.js';
import { districtText, familyText, levelText, organisationPath, queryString } from './parts.js';

export interface DirectoryPageProps {
  ctx: ViewContext;
  filters: DirectoryFilterValues;
  /** Absent when the filters did not validate. */
  result?: DirectoryResult;
  errors?: FieldErrors;
  /** Shows the way to add an organisation. */
  canManage: boolean;
  /** Shows the way to import organisations from a CSV file. */
  canImport: boolean;
}

/** The Creative Commons deed of the directory's licence, in the page's language. */
const licenceUrl = (ctx: ViewContext) => `https://creativecommons.org/licenses/by/4.0/deed.${ctx.locale}`;

function DirectoryFilters({ ctx, filters, errors }: { ctx: ViewContext; filters: DirectoryFilterValues; errors: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} method="get" action={ctx.href('/organisations')} role="search" aria-label={t('directory.filters.label')}>
      <TextField name="q" type="search" label={t('directory.filters.q')} hint={t('directory.filters.q_hint')} value={filters.q} error={errors?.q} spellcheck={false} optional />
      <div class="grid">
        <Select
          name="level"
          label={t('directory.filters.level')}
          placeholder={t('directory.filters.any_level')}
          options={ORGANISATION_LEVELS.map((level) => ({ value: String(level), label: t(`directory.levels.${level}`) }))}
          value={filters.level}
          error={errors?.level}
          optional
        />
        <Select
          name="family"
          label={t('directory.filters.family')}
          placeholder={t('directory.filters.any_family')}
          options={FAMILIES.map((family) => ({ value: family, label: familyText(ctx, family) }))}
          value={filters.family}
          error={errors?.family}
          optional
        />
        <Select
          name="representative"
          label={t('directory.filters.representative')}
          placeholder={t('directory.filters.any_representative')}
          options={[
            { value: 'yes', label: t('directory.filters.representative_yes') },
            { value: 'no', label: t('directory.filters.representative_no') },
          ]}
          value={filters.representative}
          error={errors?.representative}
          optional
        />
        <Select
          name="district"
          label={t('directory.filters.district')}
          placeholder={t('directory.filters.any_district')}
          options={DISTRICTS.map((district) => ({ value: district, label: districtText(ctx, district) }))}
          value={filters.district}
          error={errors?.district}
          optional
        />
        <Select
          name="kind"
          label={t('directory.filters.kind')}
          placeholder={t('directory.filters.any_kind')}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`directory.kinds.${kind}`) }))}
          value={filters.kind}
          error={errors?.kind}
          optional
        />
      </div>
      <ButtonGroup>
        <Button>{t('directory.filters.submit')}</Button>
        <a href={ctx.href('/organisations')}>{t('directory.filters.clear')}</a>
      </ButtonGroup>
    </Form>
  );
}

/** The directory page; with `errors` it shows the filters to fix instead of results. */
export function DirectoryPage({ ctx, filters, result, errors, canManage, canImport }: DirectoryPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('directory.title')} wide hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('directory.title')}</h1>
      <p class="lead two-thirds">{t('directory.lead')}</p>
      {canManage || canImport ? (
        <ButtonGroup>
          {canManage ? (
            <ButtonLink href={ctx.href('/organisations/new')} variant="secondary">
              {t('directory.new')}
            </ButtonLink>
          ) : null}
          {canImport ? (
            <ButtonLink href={ctx.href('/organisations/import')} variant="secondary">
              {t('directory.import')}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      ) : null}
      <DirectoryFilters ctx={ctx} filters={filters} errors={errors} />
      {result ? <DirectoryResults ctx={ctx} filters={filters} result={result} /> : null}
    </Layout>
  );
}

function isFiltered(filters: DirectoryFilterValues): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

/** The organisations it belongs to, by short name, each a link. */
function ParentLinks({ ctx, row }: { ctx: ViewContext; row: DirectoryRow }) {
  if (row.parents.length === 0) return <span class="text-soft">{ctx.t('directory.table.no_parents')}</span>;
  return (
    <span>
      {row.parents.map((parent, index) => (
        <>
          {index > 0 ? ', ' : null}
          <a href={ctx.href(organisationPath(parent.id))} title={parent.name}>
            {parent.short_name}
          </a>
        </>
      ))}
    </span>
  );
}

/** Every organisation the filters select (all pages) as a CSV file, and the terms of reuse. */
function Download({ ctx, filters, total }: { ctx: ViewContext; filters: DirectoryFilterValues; total: number }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="directory-download">
      <h2 id="directory-download">{t('directory.export.title')}</h2>
      <p>
        <a href={ctx.href(`/organisations/export.csv${queryString({ ...filters })}`)}>{t('directory.export.link', { count: total })}</a>
      </p>
      <p class="text-soft">
        {t('directory.export.licence')}{' '}
        <a href={licenceUrl(ctx)} rel="license">
          {t('directory.export.licence_name')}
        </a>
      </p>
    </section>
  );
}

function DirectoryResults({ ctx, filters, result }: { ctx: ViewContext; filters: DirectoryFilterValues; result: DirectoryResult }) {
  const t = ctx.t;
  const filtered = isFiltered(filters);
  if (result.organisations.length === 0 && result.total > 0) {
    return (
      <EmptyState title={t('directory.empty.past_end_title')}>
        <p>
          <a href={ctx.href(`/organisations${queryString({ ...filters })}`)}>{t('directory.empty.past_end_link')}</a>
        </p>
      </EmptyState>
    );
  }
  if (result.organisations.length === 0) {
    return (
      <EmptyState title={t(filtered ? 'directory.empty.filtered_title' : 'directory.empty.title')}>
        <p>{t(filtered ? 'directory.empty.filtered_body' : 'directory.empty.body')}</p>
        {filtered ? (
          <p>
            <a href={ctx.href('/organisations')}>{t('directory.filters.clear')}</a>
          </p>
        ) : null}
      </EmptyState>
    );
  }
  const rows = result.organisations.map((o) => [
    <>
      <a href={ctx.href(organisationPath(o.id))}>{o.name}</a>
      {o.short_name !== o.name ? <span class="text-soft"> ({o.short_name})</span> : null}
    </>,
    levelText(ctx, o),
    o.families.length > 0 ? o.families.map((family) => familyText(ctx, family)).join(', ') : t('directory.table.none'),
    <ParentLinks ctx={ctx} row={o} />,
    o.representative_since ? (
      <Tag kind="info">{t('directory.table.representative_since', { date: ctx.formatDate(o.representative_since, 'short') })}</Tag>
    ) : (
      t('directory.table.not_representative')
    ),
  ]);
  return (
    <>
      <p role="status">{t('directory.count', { count: result.total })}</p>
      <Table
        ctx={ctx}
        caption={t('directory.table.caption')}
        captionHidden
        rowHeaders
        head={[t('directory.table.name'), t('directory.table.level'), t('directory.table.families'), t('directory.table.member_of'), t('directory.table.representative')]}
        rows={rows}
      />
      <Pagination
        ctx={ctx}
        page={result.page}
        totalPages={result.totalPages}
        hasPrevious={result.page > 1}
        hasNext={result.page < result.totalPages}
        hrefFor={(page) => ctx.href(`/organisations${queryString({ ...filters, page: page > 1 ? page : undefined })}`)}
      />
      <Download ctx={ctx} filters={filters} total={result.total} />
    </>
  );
}
