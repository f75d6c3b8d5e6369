/** One agreement's stable page: its number, body, meeting and agenda item, text, method and result, and its action items. */
import { ButtonLink, LocalizedText, SummaryList } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { ActionItemRow, AgreementRow } from '../agreements-store.js';
import { ActionItemsTable, agreementNumber, AgreementsLayout, AgreementText, ResultTable } from './agreement-parts.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

export interface AgreementPageProps {
  ctx: ViewContext;
  agreement: AgreementRow;
  items: ActionItemRow[];
  today: string;
  /** May the reader edit it (runs the body's meetings, minutes not approved)? */
  canEdit: boolean;
  /** May the reader add action items? */
  canAddActions: boolean;
  /** The action items the reader may change (owner, representative, or who runs the meetings). */
  changeable: ReadonlySet<number>;
}

export function AgreementPage({ ctx, agreement, items, today, canEdit, canAddActions, changeable }: AgreementPageProps) {
  const number = agreementNumber(agreement);
  const title = t(ctx, 'agreement_title', { number });
  return (
    <AgreementsLayout ctx={ctx} title={title}>
      <span class="caption">
        <LocalizedText value={agreement.body_name} locale={ctx.locale} />
      </span>
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: t(ctx, 'fields.number'), value: number },
          { key: t(ctx, 'fields.body'), value: <LocalizedText value={agreement.body_name} locale={ctx.locale} as="a" href={ctx.href(`/bodies/${agreement.body_slug}/agreements`)} /> },
          {
            key: t(ctx, 'fields.meeting'),
            value: (
              <>
                <LocalizedText value={agreement.meeting_title} locale={ctx.locale} as="a" href={ctx.href(`/meetings/${agreement.meeting_id}`)} />
                {', '}
                <time datetime={agreement.adopted_on}>{ctx.formatDate(agreement.adopted_on, 'long')}</time>
              </>
            ),
          },
          {
            key: t(ctx, 'fields.agenda_item'),
            value: (
              <a href={ctx.href(`/meetings/${agreement.meeting_id}#item-${agreement.agenda_item_id}`)}>
                {agreement.agenda_item_position}. <LocalizedText value={agreement.agenda_item_title} locale={ctx.locale} />
              </a>
            ),
          },
          { key: t(ctx, 'fields.method'), value: t(ctx, `method.${agreement.method}`) },
        ]}
      />
      <h2>{t(ctx, 'fields.text')}</h2>
      <AgreementText ctx={ctx} value={agreement.text} />
      {agreement.method === 'vote' && agreement.result ? (
        <>
          <h2>{t(ctx, 'result.title')}</h2>
          <ResultTable ctx={ctx} result={agreement.result} />
        </>
      ) : null}
      {canEdit ? (
        <p>
          <ButtonLink variant="secondary" href={ctx.href(`/agreements/${agreement.id}/edit`)}>
            {t(ctx, 'edit')}
          </ButtonLink>
        </p>
      ) : null}
      <h2 id="actions">{t(ctx, 'actions.heading')}</h2>
      {items.length === 0 ? (
        <p>{t(ctx, 'actions.none')}</p>
      ) : (
        <ActionItemsTable
          ctx={ctx}
          items={items}
          today={today}
          caption={t(ctx, 'actions.caption', { number })}
          editHref={(item) => (changeable.has(item.id) ? ctx.href(`/action-items/${item.id}/edit`) : null)}
        />
      )}
      {canAddActions ? (
        <p>
          <ButtonLink variant="secondary" href={ctx.href(`/agreements/${agreement.id}/actions/new`)}>
            {t(ctx, 'actions.add')}
          </ButtonLink>
        </p>
      ) : null}
    </AgreementsLayout>
  );
}
