/**
 * The minutes ready to print: a plain document of its own (no site header, navigation or
 * script), styled by `/static/css/minutes-print.css` for screen and paper, with the state, the
 * approving meeting and the SHA-256 of the approved content.
 */
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import { LocalizedText } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { MinutesDocument } from '../minutes-content.js';
import type { MinutesRow } from '../minutes-store.js';
import { MinutesDocumentView } from './minutes-document.js';

export const PRINT_STYLESHEET = '/static/css/minutes-print.css';

export interface MinutesPrintProps {
  ctx: ViewContext;
  minutes: MinutesRow;
  doc: MinutesDocument;
  approvedIn: { id: number; title: Translatable } | null;
}

export function MinutesPrintPage({ ctx, minutes, doc, approvedIn }: MinutesPrintProps) {
  const t = ctx.t;
  const title = t('meetings_minutes.title', { meeting: pickTranslation(doc.meeting.title, ctx.locale).text });
  return (
    <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · Teixit`}</title>
          <link rel="stylesheet" href={PRINT_STYLESHEET} />
        </head>
        <body class="minutes-print">
          <main>
            <header class="minutes-print__header">
              <p class="minutes-print__body">
                <LocalizedText value={doc.body.name} locale={ctx.locale} />
              </p>
              <h1>{title}</h1>
              <p class="minutes-print__state">
                {t('meetings_minutes.state')} {t(`meetings_minutes.states.${minutes.state}`)}
                {minutes.state === 'circulated' && minutes.objections_until
                  ? ` — ${t('meetings_minutes.objections_until', { date: ctx.formatDate(minutes.objections_until, 'long') })}`
                  : null}
              </p>
              {minutes.corrects_id !== null ? <p>{t('meetings_minutes.corrects_print')}</p> : null}
            </header>
            <MinutesDocumentView ctx={ctx} doc={doc} />
            {minutes.state === 'approved' ? (
              <footer class="minutes-print__approval">
                <p>
                  {t('meetings_minutes.approved_on', { date: ctx.formatDate(new Date(minutes.approved_at ?? minutes.updated_at), 'long') })}{' '}
                  {approvedIn === null ? null : approvedIn.id === doc.meeting.id ? (
                    t('meetings_minutes.approved_in_same')
                  ) : (
                    <>
                      {t('meetings_minutes.approved_in')} <LocalizedText value={approvedIn.title} locale={ctx.locale} />
                    </>
                  )}
                </p>
                <p class="minutes-hash">
                  <code>{`SHA-256: ${minutes.content_hash ?? ''}`}</code>
                </p>
              </footer>
            ) : (
              <footer class="minutes-print__approval">
                <p>{t('meetings_minutes.not_approved_print')}</p>
              </footer>
            )}
            <p class="minutes-print__back">
              <a href={ctx.href(`/meetings/${doc.meeting.id}/minutes`)}>{t('meetings_minutes.print_back')}</a>
            </p>
          </main>
        </body>
    </html>
  );
}
