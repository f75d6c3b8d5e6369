/**
 * The import page: what the CSV must hold (its columns, lists, dates, limits), a link to the
 * export to start from, and the upload form with its two options. After an upload the same
 * page shows the report above the form (see import-report.tsx).
 */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, Checkboxes, Details, ErrorSummary, fieldId, Form, NotificationBanner, Table } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '../csv-export.js';
import type { ImportReport } from '../csv-import.js';
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from '../csv-import-read.js';
import { ImportReportSection } from './import-report.js';
import { directoryCrumbs } from './parts.js';

/** The options as the form shows them again. */
export interface ImportOptionValues {
  skip_invalid: boolean;
  dry_run: boolean;
}

export interface ImportPageProps {
  ctx: ViewContext;
  values?: ImportOptionValues;
  errors?: FieldErrors;
  /** A message for the whole page, when the import was refused as a whole (e.g. a conflict). */
  refusal?: string;
  report?: ImportReport;
}

/** "5 MB", "1 MB", "512 kB" in the page's numbers. */
export function sizeLabel(ctx: ViewContext, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${ctx.formatNumber(Math.floor(mb * 10) / 10)} MB`;
  return `${ctx.formatNumber(Math.floor(bytes / 1024))} kB`;
}

/**
 * A file chooser laid out like the kit's fields: label, hint, error, control (`field-<name>`, the
 * error summary's target).
 */
function FileField(props: { ctx: ViewContext; name: string; label: string; hint: Child; error?: string | undefined; accept: string }) {
  const id = fieldId(props.name);
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <div class="hint" id={`${id}-hint`}>
        {props.hint}
      </div>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{props.ctx.t('ui.error.prefix')} </span>
          {props.error}
        </p>
      ) : null}
      <input
        class="input input--full"
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        required
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

/** The columns of the file, what each holds, and which are required. */
function ColumnsTable({ ctx }: { ctx: ViewContext }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={t('directory_csv.import.columns.caption')}
      head={[t('directory_csv.import.columns.column'), t('directory_csv.import.columns.holds'), t('directory_csv.import.columns.needed')]}
      rowHeaders
      rows={CSV_COLUMNS.map((column) => [
        <code>{column}</code>,
        t(`directory_csv.columns.${column}`),
        REQUIRED_CSV_COLUMNS.includes(column) ? t('directory_csv.import.columns.required') : t('directory_csv.import.columns.optional'),
      ])}
    />
  );
}

/** The upload form. */
function ImportForm({ ctx, values, errors }: Pick<ImportPageProps, 'ctx' | 'values' | 'errors'>) {
  const t = ctx.t;
  const options = [
    { value: 'skip_invalid', label: t('directory_csv.import.options.skip_invalid'), hint: t('directory_csv.import.options.skip_invalid_hint') },
    { value: 'dry_run', label: t('directory_csv.import.options.dry_run'), hint: t('directory_csv.import.options.dry_run_hint') },
  ];
  const checked = [values?.skip_invalid ? 'skip_invalid' : '', values?.dry_run ? 'dry_run' : ''].filter(Boolean);
  return (
    <Form ctx={ctx} action={ctx.href('/organisations/import')} enctype="multipart/form-data">
      <FileField
        ctx={ctx}
        name="file"
        label={t('directory_csv.import.file.label')}
        hint={t('directory_csv.import.file.hint', { size: sizeLabel(ctx, MAX_CSV_BYTES), rows: MAX_CSV_ROWS })}
        error={errors?.file}
        accept=".csv,text/csv"
      />
      <Checkboxes name="options" legend={t('directory_csv.import.options.legend')} options={options} values={checked} optional />
      <Button>{t('directory_csv.import.submit')}</Button>
    </Form>
  );
}

/** The import page, with the report of the last upload when there is one. */
export function ImportPage(props: ImportPageProps) {
  const { ctx, report } = props;
  const t = ctx.t;
  const exportHref = ctx.href('/organisations/export.csv');
  return (
    <Layout
      ctx={ctx}
      title={t('directory_csv.import.title')}
      hasErrors={!!props.errors}
      wide={!!report}
      breadcrumbs={directoryCrumbs(ctx, [{ label: t('directory_csv.import.title') }])}
    >
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{t('directory_csv.import.title')}</h1>
      {props.refusal ? (
        <NotificationBanner kind="error" title={t('directory_csv.report.refused_title')} live>
          <p>{props.refusal}</p>
        </NotificationBanner>
      ) : null}
      {report ? <ImportReportSection ctx={ctx} report={report} /> : null}
      <div class="two-thirds">
        {report ? <h2>{t('directory_csv.import.again')}</h2> : <p class="lead">{t('directory_csv.import.lead')}</p>}
        <p>
          {t('directory_csv.import.start_from_export')} <a href={exportHref}>{t('directory_csv.import.export_link')}</a>
        </p>
        <ImportForm ctx={ctx} values={props.values} errors={props.errors} />
        <Details summary={t('directory_csv.import.format.summary')} open={!report}>
          <p>{t('directory_csv.import.format.encoding')}</p>
          <p>{t('directory_csv.import.format.matching')}</p>
          <p>{t('directory_csv.import.format.lists')}</p>
          <p>{t('directory_csv.import.format.absent')}</p>
          <p>{t('directory_csv.import.format.formulas')}</p>
          <ColumnsTable ctx={ctx} />
        </Details>
      </div>
    </Layout>
  );
}
