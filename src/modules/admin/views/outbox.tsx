/**
 * The mail outbox: every message newest first with its state, and one message's full text.
 * A message's HTML is shown only as escaped source, never rendered.
 */
import type { OutboxRow } from '../../../kernel/mail/index.js';
import type { FieldErrors } from '../../../kernel/errors.js';
import {
  Button, ButtonGroup, Details, EmptyState, ErrorSummary, Form, NotificationBanner, Select, SummaryList, Table, Tag, TextField, type TagKind,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { OUTBOX_STATUSES } from '../outbox.js';
import { adminCrumbs, LANGUAGE_NAMES, queryString, When } from './parts.js';

const STATUS_KIND: Record<OutboxRow['status'], TagKind> = { queued: 'info', held: 'warning', sent: 'success', failed: 'danger' };

export function OutboxStatusTag({ ctx, status }: { ctx: ViewContext; status: OutboxRow['status'] }) {
  return <Tag kind={STATUS_KIND[status]}>{ctx.t(`admin.outbox.status.${status}`)}</Tag>;
}

/** Whether mail leaves the server at all, said on every outbox page. */
function DeliveryBanner({ ctx, smtpConfigured }: { ctx: ViewContext; smtpConfigured: boolean }) {
  const t = ctx.t;
  return smtpConfigured ? (
    <NotificationBanner kind="info" title={t('admin.outbox.smtp.on_title')}>
      <p>{t('admin.outbox.smtp.on_body')}</p>
    </NotificationBanner>
  ) : (
    <NotificationBanner kind="warning" title={t('admin.outbox.smtp.off_title')}>
      <p>{t('admin.outbox.smtp.off_body')}</p>
    </NotificationBanner>
  );
}

export interface OutboxFilterValues {
  status: string;
  to: string;
}

export interface OutboxPageProps {
  ctx: ViewContext;
  smtpConfigured: boolean;
  filters: OutboxFilterValues;
  /** Absent when the filters did not validate. */
  result?: { messages: OutboxRow[]; olderThan: number | undefined };
  paged?: boolean;
  errors?: FieldErrors;
}

/** The list of messages. */
export function OutboxPage({ ctx, smtpConfigured, filters, result, paged, errors }: OutboxPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('admin.outbox.title')} wide hasErrors={!!errors} breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.outbox.title') }])}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('admin.outbox.title')}</h1>
      <DeliveryBanner ctx={ctx} smtpConfigured={smtpConfigured} />
      <Form ctx={ctx} method="get" action={ctx.href('/admin/outbox')} role="search" aria-label={t('admin.outbox.filters.label')}>
        <Select
          name="status"
          label={t('admin.outbox.filters.status')}
          placeholder={t('admin.outbox.filters.any_status')}
          options={OUTBOX_STATUSES.map((status) => ({ value: status, label: t(`admin.outbox.status.${status}`) }))}
          value={filters.status}
          error={errors?.status}
          optional
        />
        <TextField name="to" type="email" label={t('admin.outbox.filters.to')} value={filters.to} error={errors?.to} spellcheck={false} optional />
        <ButtonGroup>
          <Button>{t('admin.outbox.filters.submit')}</Button>
          <a href={ctx.href('/admin/outbox')}>{t('admin.outbox.filters.clear')}</a>
        </ButtonGroup>
      </Form>
      {result ? <OutboxList ctx={ctx} filters={filters} result={result} paged={paged ?? false} /> : null}
    </Layout>
  );
}

function OutboxList({ ctx, filters, result, paged }: { ctx: ViewContext; filters: OutboxFilterValues; result: NonNullable<OutboxPageProps['result']>; paged: boolean }) {
  const t = ctx.t;
  if (result.messages.length === 0) {
    return (
      <EmptyState title={t('admin.outbox.empty.title')}>
        <p>{t('admin.outbox.empty.body')}</p>
      </EmptyState>
    );
  }
  const rows = result.messages.map((message) => [
    <a href={ctx.href(`/admin/outbox/${message.id}`)} lang={message.locale}>
      {message.subject}
    </a>,
    message.to_address,
    <OutboxStatusTag ctx={ctx} status={message.status} />,
    <When ctx={ctx} at={message.created_at} />,
    message.sent_at ? <When ctx={ctx} at={message.sent_at} /> : t('admin.outbox.not_sent'),
  ]);
  return (
    <>
      <Table
        ctx={ctx}
        caption={t('admin.outbox.table.caption')}
        captionHidden
        rowHeaders
        head={[t('admin.outbox.table.subject'), t('admin.outbox.table.to'), t('admin.outbox.table.status'), t('admin.outbox.table.created'), t('admin.outbox.table.sent')]}
        rows={rows}
      />
      <nav class="pagination" aria-label={t('admin.outbox.pages')}>
        {paged ? (
          <a class="pagination__link pagination__link--previous" href={ctx.href(`/admin/outbox${queryString({ ...filters })}`)}>
            <span class="pagination__arrow" aria-hidden="true">
              ←
            </span>
            {t('admin.outbox.newest')}
          </a>
        ) : (
          <span class="pagination__spacer" />
        )}
        {result.olderThan !== undefined ? (
          <a class="pagination__link pagination__link--next" href={ctx.href(`/admin/outbox${queryString({ ...filters, before: result.olderThan })}`)} rel="next">
            {t('admin.outbox.older')}
            <span class="pagination__arrow" aria-hidden="true">
              →
            </span>
          </a>
        ) : (
          <span class="pagination__spacer" />
        )}
      </nav>
    </>
  );
}

/**
 * A plain-text body as it reads in a mail program: paragraphs at blank lines, line breaks kept,
 * long links wrapped rather than cut off.
 */
function MessageText({ text, lang }: { text: string; lang: string }) {
  const paragraphs = text.replace(/\r\n/g, '\n').trim().split(/\n{2,}/);
  return (
    <div class="card" lang={lang}>
      {paragraphs.map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, index) => (
            <>
              {index > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

/** Source code (a message's HTML) in a region that scrolls sideways on a narrow screen. */
function SourceCode({ label, text }: { label: string; text: string }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabindex={0}>
      <pre>
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** One message: its facts, its text as sent, and its HTML as source. */
export function OutboxMessagePage({ ctx, smtpConfigured, message }: { ctx: ViewContext; smtpConfigured: boolean; message: OutboxRow }) {
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      title={message.subject}
      breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.outbox.title'), href: ctx.href('/admin/outbox') }, { label: <span lang={message.locale}>{message.subject}</span> }])}
    >
      <span class="caption">{t('admin.outbox.message.caption', { id: message.id })}</span>
      <h1 lang={message.locale}>{message.subject}</h1>
      {message.status === 'held' ? (
        <NotificationBanner kind="warning" title={t('admin.outbox.message.held_title')}>
          <p>{t(smtpConfigured ? 'admin.outbox.message.held_body_smtp' : 'admin.outbox.message.held_body')}</p>
        </NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: t('admin.outbox.message.to'), value: message.to_address },
          { key: t('admin.outbox.message.status'), value: <OutboxStatusTag ctx={ctx} status={message.status} /> },
          { key: t('admin.outbox.message.language'), value: LANGUAGE_NAMES[message.locale] ?? message.locale },
          { key: t('admin.outbox.message.created'), value: <When ctx={ctx} at={message.created_at} style="longTime" /> },
          { key: t('admin.outbox.message.sent'), value: message.sent_at ? <When ctx={ctx} at={message.sent_at} style="longTime" /> : t('admin.outbox.not_sent') },
          { key: t('admin.outbox.message.attempts'), value: ctx.formatNumber(message.attempts) },
          ...(message.last_error ? [{ key: t('admin.outbox.message.last_error'), value: message.last_error }] : []),
          ...(message.attachments.length > 0
            ? [{ key: t('admin.outbox.message.attachments'), value: message.attachments.map((a) => `${a.filename} (${a.contentType})`).join(', ') }]
            : []),
        ]}
      />
      <h2>{t('admin.outbox.message.text')}</h2>
      <MessageText text={message.text_body} lang={message.locale} />
      {message.html_body ? (
        <Details summary={t('admin.outbox.message.html')}>
          <p>{t('admin.outbox.message.html_hint')}</p>
          <SourceCode label={t('admin.outbox.message.html')} text={message.html_body} />
        </Details>
      ) : null}
      <p>
        <a href={ctx.href('/admin/outbox')}>{t('admin.outbox.message.back')}</a>
      </p>
    </Layout>
  );
}
