/**
 * The dossier as people see it: the list of files and links (on the meeting page and the
 * managing page), the page where those who run the meeting upload files and add links, the
 * confirmation before removing an entry, and the secretariat's list of late dossiers.
 */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../kernel/errors.js';
import { ALLOWED_DOCUMENT_TYPES, MAX_UPLOAD_BYTES } from '../../../kernel/files/sniff.js';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import {
  Button, ButtonGroup, EmptyState, ErrorSummary, fieldId, Form, LocalizedText, NotificationBanner, Select, Table, Tag, TextField,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { DOSSIER_TITLE_MAX, DOSSIER_URL_MAX, type DossierEntry, type DossierStatus, type LateDossier } from '../dossier.js';
import { fileSizeInWords, typeOfMedia } from '../files.js';
import type { MeetingAccess } from '../store.js';

export const meetingPath = (meetingId: number): string => `/meetings/${meetingId}`;
export const dossierPath = (meetingId: number): string => `/meetings/${meetingId}/dossier`;
export const entryPath = (meetingId: number, entryId: number): string => `/meetings/${meetingId}/dossier/${entryId}`;

/** "PDF document, 1.2 MB" — or "Link, example.org". */
export function entryDescription(ctx: ViewContext, entry: DossierEntry): string {
  if (entry.url !== null) {
    let host = '';
    try {
      host = new URL(entry.url).host;
    } catch {
      /* stored addresses were parsed when added */
    }
    return ctx.t('meetings_dossier.entry.link', { host });
  }
  const type = typeOfMedia(entry.media_type);
  return ctx.t('meetings_dossier.entry.file', {
    type: ctx.t(`meetings_dossier.types.${type?.kind ?? 'other'}`),
    size: fileSizeInWords(ctx.locale, entry.byte_size ?? 0),
  });
}

/** The entry's link: the download for a file, the address for a link (no opener, no referrer). */
function EntryLink({ ctx, entry }: { ctx: ViewContext; entry: DossierEntry }) {
  if (entry.url !== null) {
    return (
      <a href={entry.url} rel="noopener noreferrer" class="dossier__link">
        {entry.title}
      </a>
    );
  }
  return (
    <a href={ctx.href(entryPath(entry.meeting_id, entry.id))} class="dossier__link" type={entry.media_type ?? undefined}>
      {entry.title}
    </a>
  );
}

/** A list of dossier entries, each with its type and size in words. */
export function DossierList({ ctx, entries }: { ctx: ViewContext; entries: readonly DossierEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul class="dossier list">
      {entries.map((entry) => (
        <li class="dossier__entry">
          <EntryLink ctx={ctx} entry={entry} /> <span class="text-soft">({entryDescription(ctx, entry)})</span>
        </li>
      ))}
    </ul>
  );
}

/** "Dossier due by …", and a warning when it is late. */
export function DossierDeadline({ ctx, status }: { ctx: ViewContext; status: DossierStatus }) {
  return (
    <p class="dossier__deadline">
      {ctx.t('meetings_dossier.deadline', { date: ctx.formatDate(status.deadline, 'longTime') })}{' '}
      {status.late ? <Tag kind="warning">{ctx.t('meetings_dossier.late')}</Tag> : null}
    </p>
  );
}

function meetingTitle(ctx: ViewContext, title: Translatable): string {
  return pickTranslation(title, ctx.locale).text;
}

function crumbs(ctx: ViewContext, access: MeetingAccess, last?: { label: string; href?: string }) {
  return [
    { label: ctx.t('meetings_dossier.crumbs.meetings'), href: ctx.href('/meetings') },
    { label: meetingTitle(ctx, access.meeting.title), href: ctx.href(meetingPath(access.meeting.id)) },
    ...(last ? [{ label: ctx.t('meetings_dossier.title'), href: ctx.href(dossierPath(access.meeting.id)) }, last] : [{ label: ctx.t('meetings_dossier.title') }]),
  ];
}

/** What the upload and link forms show again after a refusal. */
export interface DossierFormValues {
  file_title?: string;
  file_item?: string;
  link_title?: string;
  link_url?: string;
  link_item?: string;
}

export interface DossierPageProps {
  ctx: ViewContext;
  access: MeetingAccess;
  entries: readonly DossierEntry[];
  items: ReadonlyArray<{ id: number; position: number; title: Translatable }>;
  status: DossierStatus;
  /** Adding is possible (not cancelled); removing too (not held, not cancelled). */
  canAdd: boolean;
  canRemove: boolean;
  values?: DossierFormValues;
  errors?: FieldErrors | undefined;
  /** Why the dossier cannot change as asked (a state refusal). */
  refusal?: string | undefined;
}

/** A file chooser laid out like the kit's fields. */
function FileField({ ctx, error }: { ctx: ViewContext; error?: string | undefined }) {
  const id = fieldId('file');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const accept = [...new Set(ALLOWED_DOCUMENT_TYPES.flatMap((type) => [type.mime, `.${type.extension}`]))].join(',');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {ctx.t('meetings_dossier.form.file')}
      </label>
      <div class="hint" id={`${id}-hint`}>
        {ctx.t('meetings_dossier.form.file_hint', { max: fileSizeInWords(ctx.locale, MAX_UPLOAD_BYTES) })}
      </div>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{ctx.t('ui.error.prefix')} </span>
          {error}
        </p>
      ) : null}
      <input class="input input--full" id={id} name="file" type="file" accept={accept} required aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** The agenda item an entry belongs to (or the meeting as a whole). */
function ItemSelect(props: { ctx: ViewContext; name: string; items: DossierPageProps['items']; value: string | undefined; error?: string | undefined }) {
  const { ctx } = props;
  return (
    <Select
      name={props.name}
      label={ctx.t('meetings_dossier.form.item')}
      optional
      options={[
        { value: '', label: ctx.t('meetings_dossier.form.item_none') },
        ...props.items.map((item) => ({ value: String(item.id), label: ctx.t('meetings_dossier.item', { position: item.position, title: pickTranslation(item.title, ctx.locale).text }) })),
      ]}
      value={props.value ?? ''}
      error={props.error}
    />
  );
}

/** The dossier's managing page: its entries, the upload form and the link form. */
export function DossierPage(props: DossierPageProps) {
  const { ctx, access, entries, items, status, values = {}, errors } = props;
  const t = ctx.t;
  const title = t('meetings_dossier.manage_title');
  const itemLabel = (id: number | null) => {
    if (id === null) return t('meetings_dossier.form.item_none');
    const item = items.find((candidate) => candidate.id === id);
    return item ? t('meetings_dossier.item', { position: item.position, title: pickTranslation(item.title, ctx.locale).text }) : '';
  };
  // Errors of the link form are named link_*; the file form's are file, file_title, file_item.
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, access)} hasErrors={Boolean(errors && Object.keys(errors).length > 0)}>
      <h1>{title}</h1>
      <p class="lead">
        <LocalizedText value={access.meeting.title} locale={ctx.locale} /> · {ctx.formatDate(access.meeting.starts_at, 'longTime')}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.refusal ? (
        <NotificationBanner kind="warning" title={t('meetings_dossier.refused')}>
          <p>{props.refusal}</p>
        </NotificationBanner>
      ) : null}
      <DossierDeadline ctx={ctx} status={status} />
      <p>{t(`meetings_dossier.rules.${access.meeting.state}`)}</p>
      <h2>{t('meetings_dossier.entries_title')}</h2>
      {entries.length === 0 ? (
        <EmptyState title={t('meetings_dossier.empty_title')}>
          <p>{t('meetings_dossier.empty')}</p>
        </EmptyState>
      ) : (
        <Table
          ctx={ctx}
          caption={t('meetings_dossier.entries_title')}
          captionHidden
          head={[t('meetings_dossier.columns.title'), t('meetings_dossier.columns.file'), t('meetings_dossier.columns.kind'), t('meetings_dossier.columns.item'), t('meetings_dossier.columns.actions')]}
          rowHeaders
          rows={entries.map((entry) => [
            <EntryLink ctx={ctx} entry={entry} />,
            entry.url !== null ? <span class="text-break">{entry.url}</span> : (entry.file_name ?? ''),
            entryDescription(ctx, entry),
            itemLabel(entry.agenda_item_id),
            props.canRemove ? (
              <a href={ctx.href(`${entryPath(access.meeting.id, entry.id)}/remove`)}>
                {t('meetings_dossier.remove')}
                <span class="visually-hidden"> {entry.title}</span>
              </a>
            ) : (
              ''
            ),
          ])}
        />
      )}
      {props.canAdd ? (
        <>
          <h2 id="add-file">{t('meetings_dossier.form.file_title')}</h2>
          <Form ctx={ctx} action={ctx.href(`${dossierPath(access.meeting.id)}/files`)} enctype="multipart/form-data" aria-label={t('meetings_dossier.form.file_title')}>
            <FileField ctx={ctx} error={errors?.file} />
            <TextField
              name="file_title"
              label={t('meetings_dossier.form.title')}
              hint={t('meetings_dossier.form.file_title_hint')}
              value={values.file_title}
              error={errors?.file_title}
              maxlength={DOSSIER_TITLE_MAX}
              optional
            />
            <ItemSelect ctx={ctx} name="file_item" items={items} value={values.file_item} error={errors?.file_item} />
            <ButtonGroup>
              <Button>{t('meetings_dossier.form.upload')}</Button>
            </ButtonGroup>
          </Form>
          <h2 id="add-link">{t('meetings_dossier.form.link_title')}</h2>
          <Form ctx={ctx} action={ctx.href(`${dossierPath(access.meeting.id)}/links`)} aria-label={t('meetings_dossier.form.link_title')}>
            <TextField name="link_title" label={t('meetings_dossier.form.title')} value={values.link_title} error={errors?.link_title} maxlength={DOSSIER_TITLE_MAX} required />
            <TextField
              name="link_url"
              type="url"
              label={t('meetings_dossier.form.url')}
              hint={t('meetings_dossier.form.url_hint')}
              value={values.link_url}
              error={errors?.link_url}
              maxlength={DOSSIER_URL_MAX}
              spellcheck={false}
              inputmode="url"
              required
            />
            <ItemSelect ctx={ctx} name="link_item" items={items} value={values.link_item} error={errors?.link_item} />
            <ButtonGroup>
              <Button>{t('meetings_dossier.form.add_link')}</Button>
            </ButtonGroup>
          </Form>
        </>
      ) : null}
      <p>
        <a href={ctx.href(meetingPath(access.meeting.id))}>{t('meetings_dossier.back')}</a>
      </p>
    </Layout>
  );
}

/** "Remove this entry?" — the confirmation that works without JavaScript. */
export function RemoveEntryPage({ ctx, access, entry }: { ctx: ViewContext; access: MeetingAccess; entry: DossierEntry }) {
  const t = ctx.t;
  const title = t('meetings_dossier.remove_title', { title: entry.title });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, access, { label: t('meetings_dossier.remove') })}>
      <h1>{title}</h1>
      <p>{entryDescription(ctx, entry)}</p>
      <p>{t('meetings_dossier.remove_lead')}</p>
      <Form ctx={ctx} action={ctx.href(`${entryPath(access.meeting.id, entry.id)}/remove`)}>
        <ButtonGroup>
          <Button variant="warning">{t('meetings_dossier.remove_confirm')}</Button>
          <a href={ctx.href(dossierPath(access.meeting.id))}>{t('meetings_dossier.cancel')}</a>
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

/** A state refusal on its own page (409), with the way back. */
export function DossierRefusalPage({ ctx, access, message }: { ctx: ViewContext; access: MeetingAccess; message: string }) {
  const title = ctx.t('meetings_dossier.refused');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, access, { label: title })}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={ctx.href(dossierPath(access.meeting.id))}>{ctx.t('meetings_dossier.back_to_dossier')}</a>
      </p>
    </Layout>
  );
}

function lateReason(ctx: ViewContext, item: LateDossier): string {
  return item.entries === 0 ? ctx.t('meetings_dossier.late_list.empty') : ctx.t('meetings_dossier.late_list.added_late', { count: item.late_entries });
}

/** The late dossiers as a table: meeting, body, start, deadline, why. */
function LateTable({ ctx, items }: { ctx: ViewContext; items: readonly LateDossier[] }): Child {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={t('meetings_dossier.late_list.title')}
      captionHidden
      rowHeaders
      head={[t('meetings_dossier.late_list.meeting'), t('meetings_dossier.late_list.body'), t('meetings_dossier.late_list.starts'), t('meetings_dossier.late_list.deadline'), t('meetings_dossier.late_list.why')]}
      rows={items.map((item) => [
        <a href={ctx.href(dossierPath(item.meeting_id))}>
          <LocalizedText value={item.title} locale={ctx.locale} />
        </a>,
        <LocalizedText value={item.body_name} locale={ctx.locale} />,
        ctx.formatDate(item.starts_at, 'shortTime'),
        ctx.formatDate(item.deadline, 'shortTime'),
        lateReason(ctx, item),
      ])}
    />
  );
}

/** The secretariat's page: convened meetings still to come whose dossier is late. */
export function LateDossiersPage({ ctx, items }: { ctx: ViewContext; items: readonly LateDossier[] }) {
  const t = ctx.t;
  const title = t('meetings_dossier.late_list.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ label: t('meetings_dossier.crumbs.meetings'), href: ctx.href('/meetings') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('meetings_dossier.late_list.lead')}</p>
      {items.length === 0 ? (
        <EmptyState title={t('meetings_dossier.late_list.none_title')}>
          <p>{t('meetings_dossier.late_list.none')}</p>
        </EmptyState>
      ) : (
        <LateTable ctx={ctx} items={items} />
      )}
    </Layout>
  );
}

/**
 * The "My space" block for the secretariat: each late dossier a line with a link to it. The
 * lead wires it into the module's `mySpace` (see `lateDossiersBlock` in routes-dossier).
 */
export function LateDossiersBlock({ ctx, items }: { ctx: ViewContext; items: readonly LateDossier[] }) {
  const t = ctx.t;
  if (items.length === 0) return <p>{t('meetings_dossier.late_list.none')}</p>;
  return (
    <ul class="list">
      {items.map((item) => (
        <li>
          <a href={ctx.href(dossierPath(item.meeting_id))}>
            <LocalizedText value={item.title} locale={ctx.locale} />
          </a>{' '}
          — <LocalizedText value={item.body_name} locale={ctx.locale} />, {ctx.formatDate(item.starts_at, 'shortTime')}: {lateReason(ctx, item)}
        </li>
      ))}
    </ul>
  );
}
