/**
 * The meeting page's agreements: under each agenda item, the agreements taken on it (number,
 * text, method and result, action items) and, for whoever runs the meetings while the meeting
 * is under way, a link to record one; and a block listing them all. Two queries, whatever their
 * number.
 */
import { todayInSpace } from '../../kernel/i18n/index.js';
import { allows } from '../../kernel/policy.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import { recordingRefusal } from './agreements.js';
import { actionItemsOfMeeting, agreementsOfMeeting, type ActionItemRow, type AgreementRow } from './agreements-store.js';
import { manageMeetings } from './policies.js';
import type { MeetingSection } from './sections.js';
import { ActionItemsTable, agreementNumber, AgreementText, excerpt, methodSummary, ResultTable, textOf } from './views/agreement-parts.js';

export interface AgreementsSectionData {
  agreements: AgreementRow[];
  items: ActionItemRow[];
  /** May the reader record an agreement now (runs the meetings; the meeting is under way; minutes not approved)? */
  canRecord: boolean;
  today: string;
}

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

function ItemAgreement({ ctx, agreement, items, today }: { ctx: ViewContext; agreement: AgreementRow; items: ActionItemRow[]; today: string }) {
  const number = agreementNumber(agreement);
  return (
    <article class="agreement" aria-labelledby={`agreement-${agreement.id}`} id={`agreement-${agreement.id}-block`}>
      <h4 id={`agreement-${agreement.id}`}>
        <a href={ctx.href(`/agreements/${agreement.id}`)}>{t(ctx, 'agreement_title', { number })}</a>
      </h4>
      <AgreementText ctx={ctx} value={agreement.text} />
      <p class="text-soft">{methodSummary(ctx, agreement.method, agreement.result)}</p>
      {agreement.method === 'vote' && agreement.result && agreement.result.options.some((o) => o.by_college) ? <ResultTable ctx={ctx} result={agreement.result} /> : null}
      {items.length > 0 ? <ActionItemsTable ctx={ctx} items={items} today={today} caption={t(ctx, 'actions.caption', { number })} /> : null}
    </article>
  );
}

export const agreementsSection: MeetingSection<AgreementsSectionData> = {
  id: 'agreements',
  order: 60,
  load: async (db, access, actor) => {
    const [agreements, items] = await Promise.all([agreementsOfMeeting(db, access.meeting.id), actionItemsOfMeeting(db, access.meeting.id)]);
    const canRecord = allows(manageMeetings, actor, access.resource) && recordingRefusal(access.meeting) === null;
    return { agreements, items, canRecord, today: todayInSpace() };
  },
  render: ({ ctx, data }) => {
    if (data.agreements.length === 0) return null;
    return (
      <section class="meeting-section" aria-labelledby="section-agreements">
        <h2 id="section-agreements">{t(ctx, 'section.title')}</h2>
        <ol class="agreement-list">
          {data.agreements.map((agreement) => {
            const open = data.items.filter((item) => item.agreement_id === agreement.id && (item.state === 'open' || item.state === 'in_progress')).length;
            return (
              <li>
                <a href={ctx.href(`/agreements/${agreement.id}`)}>{t(ctx, 'agreement_title', { number: agreementNumber(agreement) })}</a>
                {': '}
                {excerpt(textOf(ctx, agreement.text), 140)}
                {open > 0 ? <span class="text-soft"> ({t(ctx, 'register.open_actions', { count: open })})</span> : null}
              </li>
            );
          })}
        </ol>
      </section>
    );
  },
  renderForItem: ({ ctx, data, itemId }) => {
    const agreements = data.agreements.filter((agreement) => agreement.agenda_item_id === itemId);
    if (agreements.length === 0 && !data.canRecord) return null;
    return (
      <div class="item-agreements">
        {agreements.map((agreement) => (
          <ItemAgreement ctx={ctx} agreement={agreement} items={data.items.filter((item) => item.agreement_id === agreement.id)} today={data.today} />
        ))}
        {data.canRecord ? (
          <p>
            <a href={ctx.href(`/agenda-items/${itemId}/agreements/new`)}>{t(ctx, 'section.record')}</a>
          </p>
        ) : null}
      </div>
    );
  },
};
