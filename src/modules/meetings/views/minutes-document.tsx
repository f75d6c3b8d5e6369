/**
 * The acta as a document, the same on the minutes page and its printable page: the meeting's
 * facts, who attended by organisation, the summary, and the agenda with the deliberation and
 * the agreements (with their action items) under each item.
 */
import { Markdown } from '../../../kernel/markdown.js';
import { LocalizedText, SummaryList } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { MinutesAgreement, MinutesDocument } from '../minutes-content.js';

function formatTime(ctx: ViewContext, value: string | null): string {
  return value === null ? ctx.t('meetings_minutes.document.unknown') : ctx.formatDate(new Date(value), 'longTime');
}

function Agreement({ ctx, agreement }: { ctx: ViewContext; agreement: MinutesAgreement }) {
  const t = ctx.t;
  return (
    <div class="minutes-agreement">
      <h4>{t('meetings_minutes.document.agreement', { number: agreement.number })}</h4>
      <LocalizedText value={agreement.text} locale={ctx.locale} as="p" />
      <p>
        {t('meetings_minutes.document.method')}: {t(`meetings_minutes.methods.${agreement.method}`)}
        {agreement.result && agreement.result.options.length > 0
          ? ` — ${agreement.result.options.map((option) => `${option.label}: ${ctx.formatNumber(option.count)}`).join('; ')}`
          : null}
      </p>
      {agreement.action_items.length > 0 ? (
        <>
          <p>{t('meetings_minutes.document.actions')}</p>
          <ul>
            {agreement.action_items.map((action) => (
              <li>
                {t('meetings_minutes.document.action', {
                  title: action.title,
                  owner: [action.owner_person, action.owner_organisation].filter((o) => o !== null).join(', ') || t('meetings_minutes.document.unknown'),
                  date: ctx.formatDate(action.due_on, 'short'),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The acta; headings start at `<h2>` (the page holds the `<h1>`). */
export function MinutesDocumentView({ ctx, doc }: { ctx: ViewContext; doc: MinutesDocument }) {
  const t = ctx.t;
  const people = doc.attendance.reduce((n, group) => n + group.people.length, 0);
  return (
    <div class="minutes-document">
      <SummaryList
        rows={[
          { key: t('meetings_minutes.document.body'), value: <LocalizedText value={doc.body.name} locale={ctx.locale} /> },
          { key: t('meetings_minutes.document.meeting'), value: <LocalizedText value={doc.meeting.title} locale={ctx.locale} /> },
          { key: t('meetings_minutes.document.place'), value: doc.place ?? t('meetings_minutes.document.unknown') },
          { key: t('meetings_minutes.document.started_at'), value: formatTime(ctx, doc.started_at) },
          { key: t('meetings_minutes.document.ended_at'), value: formatTime(ctx, doc.ended_at) },
        ]}
      />
      <h2>{t('meetings_minutes.document.attendance')}</h2>
      {people === 0 ? (
        <p>{t('meetings_minutes.document.no_attendance')}</p>
      ) : (
        <>
          <p>{t('meetings_minutes.document.attendance_count', { count: people })}</p>
          {doc.attendance.map((group) => (
            <section class="minutes-attendance-group">
              <h3>
                {group.organisation
                  ? group.organisation.short_name && group.organisation.short_name !== group.organisation.name
                    ? `${group.organisation.name} (${group.organisation.short_name})`
                    : group.organisation.name
                  : t('meetings_minutes.document.individuals')}
              </h3>
              <ul>
                {group.people.map((person) => (
                  <li>
                    {person.name}
                    {' — '}
                    {t(`meetings_minutes.colleges.${person.college}`)}
                    {person.on_behalf_of ? `, ${t('meetings_minutes.document.on_behalf_of', { name: person.on_behalf_of.name })}` : null}
                    {person.guest ? `, ${t('meetings_minutes.document.guest')}` : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      {doc.summary ? (
        <>
          <h2>{t('meetings_minutes.document.summary')}</h2>
          <Markdown source={doc.summary} />
        </>
      ) : null}
      <h2>{t('meetings_minutes.document.agenda')}</h2>
      {doc.agenda.length === 0 ? (
        <p>{t('meetings_minutes.document.no_agenda')}</p>
      ) : (
        doc.agenda.map((item, index) => (
          <section class="minutes-item" id={`item-${item.id}`}>
            <h3>
              {`${index + 1}. `}
              <LocalizedText value={item.title} locale={ctx.locale} />
            </h3>
            <p class="text-soft">
              {t(`meetings_minutes.kinds.${item.kind}`)}
              {item.presenter ? ` · ${t('meetings_minutes.document.presenter', { name: item.presenter })}` : null}
            </p>
            {item.deliberation ? <Markdown source={item.deliberation} /> : <p>{t('meetings_minutes.document.no_deliberation')}</p>}
            {item.agreements.map((agreement) => (
              <Agreement ctx={ctx} agreement={agreement} />
            ))}
          </section>
        ))
      )}
    </div>
  );
}
