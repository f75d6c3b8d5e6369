/** Each working group's overdue action items, for the steering group's page (data from `overdueActionsByGroup`). */
import { EmptyState, LocalizedText, Tag } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { OverdueGroup } from '../agreements-store.js';
import { agreementNumber } from './agreement-parts.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

/** A heading level-3 block per group with overdue items (title, owner, due date, agreement), or a line saying there are none. */
export function OverdueActionsByGroup({ ctx, groups }: { ctx: ViewContext; groups: OverdueGroup[] }) {
  if (groups.length === 0) {
    return (
      <EmptyState title={t(ctx, 'overdue_groups.none_title')} level={3}>
        <p>{t(ctx, 'overdue_groups.none')}</p>
      </EmptyState>
    );
  }
  return (
    <div class="overdue-groups">
      {groups.map((group) => (
        <section aria-labelledby={`overdue-group-${group.body_id}`}>
          <h3 id={`overdue-group-${group.body_id}`}>
            <LocalizedText value={group.name} locale={ctx.locale} as="a" href={ctx.href(`/bodies/${group.slug}/agreements`)} />{' '}
            <Tag kind="danger">{t(ctx, 'overdue_groups.count', { count: group.items.length })}</Tag>
          </h3>
          <ul>
            {group.items.map((item) => (
              <li>
                <a href={ctx.href(`/agreements/${item.agreement_id}#actions`)}>{item.title}</a>
                {' — '}
                {t(ctx, 'overdue_groups.item', {
                  owner: item.owner_name ?? '',
                  date: ctx.formatDate(item.due_on, 'short'),
                  number: agreementNumber({ year: item.agreement_year, number: item.agreement_number }),
                })}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
