/**
 * The meetings' block in "My space": the coming meetings of the bodies the person sits in, with
 * the answer they gave (or a nudge to give one). Other parts add to the block what they own:
 * the person's action items, and the late dossiers the secretariat watches.
 */
import type { Child } from 'hono/jsx';
import { todayInSpace } from '../../kernel/i18n/index.js';
import type { RequestScope } from '../../kernel/services.js';
import type { MySpaceBlock } from '../account/index.js';
import { listActionItems, type OwnActionRow } from './agreements-store.js';
import { comingMeetingsOf, type ComingMeeting } from './overview-store.js';
import { lateDossiersBlock } from './routes-dossier.js';
import { DueDate } from './views/agreement-parts.js';
import { LocalizedText, Tag } from '../../kernel/ui/components.js';
import type { ViewContext } from '../../kernel/ui/context.js';

/** How many coming meetings, and action items, the block lists. */
const SHOWN = 5;

export function ComingMeetings({ ctx, meetings }: { ctx: ViewContext; meetings: ComingMeeting[] }): Child {
  const t = ctx.t;
  if (meetings.length === 0) return <p>{t('meetings_module.my_space.none')}</p>;
  return (
    <ul>
      {meetings.map((meeting) => (
        <li>
          <a href={ctx.href(`/meetings/${meeting.id}`)}>
            <LocalizedText value={meeting.title} locale={ctx.locale} />
          </a>{' '}
          (<LocalizedText value={meeting.body_name} locale={ctx.locale} />) —{' '}
          <time datetime={meeting.starts_at.toISOString()}>{ctx.formatDate(meeting.starts_at, 'longTime')}</time>{' '}
          {meeting.answer ? (
            <Tag kind="success">{t(`meetings_module.my_space.answer.${meeting.answer}`)}</Tag>
          ) : (
            <Tag kind="warning">{t('meetings_module.my_space.unanswered')}</Tag>
          )}
        </li>
      ))}
    </ul>
  );
}

function MyActions({ ctx, items, today }: { ctx: ViewContext; items: OwnActionRow[]; today: string }): Child {
  const t = ctx.t;
  if (items.length === 0) return <p>{t('meetings_module.my_space.no_actions')}</p>;
  return (
    <ul>
      {items.map((item) => (
        <li>
          <a href={ctx.href(`/agreements/${item.agreement_id}`)}>{item.title}</a> (<LocalizedText value={item.body_name} locale={ctx.locale} />) —{' '}
          <DueDate ctx={ctx} item={item} today={today} />
        </li>
      ))}
    </ul>
  );
}

/**
 * "My space": the person's coming meetings and what they have to do (their action items, and
 * those of the organisations they represent), then, for the secretariat, the late dossiers.
 * Three queries, four for the secretariat.
 */
export async function meetingsMySpace(scope: RequestScope, ctx: ViewContext): Promise<MySpaceBlock[] | null> {
  if (!scope.actor) return null;
  const db = scope.services.database.db;
  const today = todayInSpace();
  const coming = await comingMeetingsOf(db, scope.actor.id, today, SHOWN);
  const actions = await listActionItems(db, { ownerPersonId: scope.actor.id, pending: true, order: 'due', limit: SHOWN, today });
  const blocks: MySpaceBlock[] = [];
  if (coming.length > 0 || actions.length > 0) {
    blocks.push({
      order: 20,
      title: ctx.t('meetings_module.my_space.title'),
      body: (
        <>
          <h3>{ctx.t('meetings_module.my_space.coming')}</h3>
          <ComingMeetings ctx={ctx} meetings={coming} />
          <h3>{ctx.t('meetings_module.my_space.actions')}</h3>
          <MyActions ctx={ctx} items={actions} today={today} />
        </>
      ),
      more: { href: ctx.href('/actions'), label: ctx.t('meetings_module.my_space.more_actions') },
    });
  }
  const late = await lateDossiersBlock(scope, ctx);
  if (late) blocks.push(late);
  return blocks.length > 0 ? blocks : null;
}
