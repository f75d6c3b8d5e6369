/** A meeting's agenda as the meeting page shows it: numbered items, their kind, presenter, duration, links; move buttons for who manages it. */
import type { Child } from 'hono/jsx';
import { Markdown } from '../../../kernel/markdown.js';
import { Button, EmptyState, LocalizedText, Tag, VisuallyHidden, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { Agenda, AgendaItem } from '../agenda-store.js';
import { linkKind } from '../links.js';
import type { AgendaKind } from '../tables.js';
import { textOf } from './meeting-parts.js';

const KIND_TAG: Record<AgendaKind, TagKind> = { information: 'neutral', deliberation: 'info', decision: 'warning' };

export function AgendaKindTag({ ctx, kind }: { ctx: ViewContext; kind: AgendaKind }) {
  return <Tag kind={KIND_TAG[kind]}>{ctx.t(`meetings.agenda.kinds.${kind}`)}</Tag>;
}

/** "1 h 30 min", "45 min". */
export function durationText(ctx: ViewContext, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return ctx.t('meetings.agenda.minutes', { minutes: rest });
  if (rest === 0) return ctx.t('meetings.agenda.hours', { hours });
  return ctx.t('meetings.agenda.hours_minutes', { hours, minutes: rest });
}

/** The item's links: resolved ones that the reader may follow; who manages sees every one. */
export function AgendaLinks({ ctx, item, manage }: { ctx: ViewContext; item: AgendaItem; manage: boolean }) {
  const shown = item.links.filter((link) => link.target && (link.target.visible || manage));
  if (shown.length === 0) return null;
  return (
    <div class="agenda-item__links">
      <p class="agenda-item__links-title">{ctx.t('meetings.agenda.links')}</p>
      <ul>
        {shown.map((link) => {
          const kind = linkKind(link.type);
          return (
            <li>
              {kind ? <span class="text-soft">{ctx.t(kind.labelKey)}: </span> : null}
              <a href={ctx.href(link.target?.href ?? '/')}>{link.target?.label}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One move of an item (a small form of its own: works without JavaScript). */
function MoveButton({ ctx, item, title, direction }: { ctx: ViewContext; item: AgendaItem; title: string; direction: 'up' | 'down' }) {
  return (
    <form method="post" action={ctx.href(`/agenda-items/${item.id}/move`)}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="direction" value={direction} />
      <Button variant="secondary">
        {ctx.t(direction === 'up' ? 'meetings.agenda.move_up' : 'meetings.agenda.move_down')}
        <VisuallyHidden> {title}</VisuallyHidden>
      </Button>
    </form>
  );
}

function MoveButtons({ ctx, item, first, last }: { ctx: ViewContext; item: AgendaItem; first: boolean; last: boolean }) {
  const title = textOf(ctx, item.title);
  return (
    <div class="button-group agenda-item__actions">
      {first ? null : <MoveButton ctx={ctx} item={item} title={title} direction="up" />}
      {last ? null : <MoveButton ctx={ctx} item={item} title={title} direction="down" />}
      <a href={ctx.href(`/agenda-items/${item.id}/edit`)}>
        {ctx.t('meetings.agenda.edit')}
        <VisuallyHidden> {title}</VisuallyHidden>
      </a>{' '}
      <a href={ctx.href(`/agenda-items/${item.id}/delete`)}>
        {ctx.t('meetings.agenda.delete')}
        <VisuallyHidden> {title}</VisuallyHidden>
      </a>
    </div>
  );
}

export interface AgendaListProps {
  ctx: ViewContext;
  meetingId: number;
  agenda: Agenda;
  /** The reader may change the agenda now (manages it, the meeting is a draft or convened). */
  editable: boolean;
  /** The reader manages the meeting (sees links to records visitors may not follow). */
  manage: boolean;
  /** What other sections show under an item (its dossier, its agreements). */
  underItem?: (itemId: number) => Child;
}

/** The agenda: an ordered list, numbered, with the total duration. */
export function AgendaList({ ctx, meetingId, agenda, editable, manage, underItem }: AgendaListProps) {
  const t = ctx.t;
  return (
    <section aria-labelledby="agenda-title" class="agenda">
      <h2 id="agenda-title">{t('meetings.agenda.title')}</h2>
      {agenda.items.length === 0 ? (
        <EmptyState title={t('meetings.agenda.empty_title')} level={3}>
          <p>{t(editable ? 'meetings.agenda.empty_manage' : 'meetings.agenda.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p>
            {t('meetings.agenda.count', { count: agenda.items.length })}
            {agenda.totalMinutes > 0 ? ` · ${t('meetings.agenda.total', { duration: durationText(ctx, agenda.totalMinutes) })}` : null}
          </p>
          <ol class="agenda__list">
            {agenda.items.map((item, index) => (
              <li class="agenda-item" id={`item-${item.id}`}>
                <h3 class="agenda-item__title">
                  <LocalizedText value={item.title} locale={ctx.locale} />
                </h3>
                <p class="agenda-item__meta">
                  <AgendaKindTag ctx={ctx} kind={item.kind} />
                  {item.presenter ? <span> · {t('meetings.agenda.presenter', { name: item.presenter })}</span> : null}
                  {item.duration_minutes ? <span> · {durationText(ctx, item.duration_minutes)}</span> : null}
                </p>
                {item.description ? <Markdown source={item.description} /> : null}
                <AgendaLinks ctx={ctx} item={item} manage={manage} />
                {underItem ? underItem(item.id) : null}
                {editable ? <MoveButtons ctx={ctx} item={item} first={index === 0} last={index === agenda.items.length - 1} /> : null}
              </li>
            ))}
          </ol>
        </>
      )}
      {editable ? (
        <p>
          <a class="button button--secondary" href={ctx.href(`/meetings/${meetingId}/agenda/new`)}>
            {t('meetings.agenda.add')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
