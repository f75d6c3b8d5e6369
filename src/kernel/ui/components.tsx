/**
 * The ui kit every module's views are built from, in the spirit of the GOV.UK Design System:
 * plain semantic HTML that `public/css/teixit.css` makes calm and readable. Import everything
 * from here; forms live in `forms.tsx`, tables and lists of facts in `tables.tsx`.
 */
import { jsx, type Child } from 'hono/jsx';
import type { Locale } from '../i18n/index.js';
import { pickTranslation, type Translatable } from '../i18n/translatable.js';
import type { ViewContext } from './context.js';

export * from './forms.js';
export * from './tables.js';
export { ViewContextProvider } from './render-context.js';

/** Text for screen readers only, e.g. the rest of a short link ("Change<hidden> the date</hidden>"). */
export function VisuallyHidden({ children }: { children?: Child }) {
  return <span class="visually-hidden">{children}</span>;
}

export type TagKind = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/**
 * The state of a record, as a word in a coloured box: *Esborrany*, *Convocada*, *Aprovada*.
 * The colour only repeats what the word says.
 */
export function Tag({ kind = 'neutral', children }: { kind?: TagKind; children?: Child }) {
  return <strong class={`tag tag--${kind}`}>{children}</strong>;
}

/** A link that looks like a button, for an action that opens a page (e.g. "Convoca una reunió"). */
export function ButtonLink(props: {
  href: string;
  variant?: 'primary' | 'secondary' | 'warning';
  /** A larger button with an arrow, for the one way into a service. */
  start?: boolean;
  children?: Child;
}) {
  const classes = ['button', `button--${props.variant ?? 'primary'}`, props.start ? 'button--start' : ''];
  return (
    <a class={classes.filter(Boolean).join(' ')} href={props.href} draggable="false">
      {props.children}
      {props.start ? (
        <span class="button__arrow" aria-hidden="true">
          →
        </span>
      ) : null}
    </a>
  );
}

export interface Crumb {
  label: Child;
  /** Omit for the current page, the last crumb. */
  href?: string | undefined;
}

/** Where this page sits: links back up the hierarchy, the current page last and unlinked. */
export function Breadcrumbs({ ctx, items }: { ctx: ViewContext; items: Crumb[] }) {
  if (items.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('ui.breadcrumbs')}>
      <ol class="breadcrumbs__list">
        {items.map((item) => (
          <li class="breadcrumbs__item">
            {item.href ? (
              <a class="breadcrumbs__link" href={item.href}>
                {item.label}
              </a>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export type BannerKind = 'info' | 'success' | 'warning' | 'error';

/**
 * A message at the top of a page: the outcome of what the person just did ("La reunió s'ha
 * convocat; 24 persones rebran la convocatòria") or something they need to know. With `live`
 * it is announced as soon as the page loads (status, or alert for errors and warnings).
 */
export function NotificationBanner(props: { kind?: BannerKind; title: string; live?: boolean; children?: Child }) {
  const kind = props.kind ?? 'info';
  const role = props.live ? (kind === 'error' || kind === 'warning' ? 'alert' : 'status') : 'region';
  return (
    <div class={`banner banner--${kind}`} role={role} aria-label={props.title}>
      <p class="banner__title">{props.title}</p>
      <div class="banner__content">{props.children}</div>
    </div>
  );
}

/** What a list says when it has nothing in it, and what to do about it. */
export function EmptyState({ title, level = 2, children }: { title: string; level?: 2 | 3; children?: Child }) {
  return (
    <div class="empty-state">
      {level === 2 ? <h2 class="empty-state__title">{title}</h2> : <h3 class="empty-state__title">{title}</h3>}
      {children ? <div class="empty-state__body">{children}</div> : null}
    </div>
  );
}

/** Extra help that most people don't need, folded away in a native `<details>`. */
export function Details({ summary, open, children }: { summary: Child; open?: boolean; children?: Child }) {
  return (
    <details class="details" open={open}>
      <summary class="details__summary">
        <span class="details__summary-text">{summary}</span>
      </summary>
      <div class="details__text">{children}</div>
    </details>
  );
}

export interface Task {
  title: Child;
  /** Omit when the task cannot be started yet. */
  href?: string | undefined;
  hint?: Child;
  status: { kind: TagKind; label: string };
}

/**
 * What someone still has to do, one task a row with its state: what a secretary has left
 * before a meeting. `id` keeps the ids unique when a page has two lists.
 */
export function TaskList({ id = 'tasks', items }: { id?: string; items: Task[] }) {
  return (
    <ul class="task-list">
      {items.map((task, index) => {
        const statusId = `${id}-${index + 1}-status`;
        const hintId = task.hint ? `${id}-${index + 1}-hint` : undefined;
        return (
          <li class={task.href ? 'task-list__item task-list__item--link' : 'task-list__item'}>
            <div class="task-list__name">
              {task.href ? (
                <a class="task-list__link" href={task.href} aria-describedby={[hintId, statusId].filter(Boolean).join(' ')}>
                  {task.title}
                </a>
              ) : (
                <span>{task.title}</span>
              )}
              {task.hint ? (
                <div class="task-list__hint" id={hintId}>
                  {task.hint}
                </div>
              ) : null}
            </div>
            <div class="task-list__status" id={statusId}>
              <Tag kind={task.status.kind}>{task.status.label}</Tag>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

type TextElement = 'span' | 'p' | 'div' | 'strong' | 'h1' | 'h2' | 'h3' | 'h4' | 'li' | 'dd' | 'td' | 'a';

/**
 * A translatable field (`{ca, es?, en?}`) in the page's language, falling back to Catalan and
 * then saying so with `lang="ca"` so screen readers switch voice.
 * @example <LocalizedText value={body.name} locale={ctx.locale} as="h1" />
 */
export function LocalizedText(props: {
  value: Translatable;
  locale: Locale;
  as?: TextElement;
  class?: string;
  href?: string;
}) {
  const { text, lang } = pickTranslation(props.value, props.locale);
  return jsx(
    props.as ?? 'span',
    { lang: lang === props.locale ? undefined : lang, class: props.class, href: props.href },
    text,
  );
}
