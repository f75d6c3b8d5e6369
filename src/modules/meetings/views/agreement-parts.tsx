/** Pieces the agreements' pages share: the number, the method, the result table, action items with their state and lateness, a refusal page. */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import { ErrorSummary, NotificationBanner, Table, Tag, type Crumb, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { COLLEGES } from '../../bodies/tables.js';
import type { ActionItemRow } from '../agreements-store.js';
import type { ActionState, AgreementMethod, VoteResult } from '../tables.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

/** "2026/7": an agreement's number within its body and year. */
export function agreementNumber(agreement: { year: number; number: number }): string {
  return `${agreement.year}/${agreement.number}`;
}

/** A translatable text's words in the page's language (Catalan when untranslated). */
export function textOf(ctx: ViewContext, value: Translatable): string {
  return pickTranslation(value, ctx.locale).text;
}

/** The first words of a text, for lists. */
export function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A translatable text as paragraphs in the page's language, with `lang` when it falls back. */
export function AgreementText({ ctx, value }: { ctx: ViewContext; value: Translatable }) {
  const { text, lang } = pickTranslation(value, ctx.locale);
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return (
    <div class="agreement-text" lang={lang === ctx.locale ? undefined : lang}>
      {paragraphs.map((paragraph) => {
        const lines = paragraph.split('\n');
        return <p>{lines.map((line, index) => (index === 0 ? line : [<br />, line]))}</p>;
      })}
    </div>
  );
}

/** "By consensus" or the vote's outcome in a few words ("Vote: 12 a favor, 3 en contra"). */
export function methodSummary(ctx: ViewContext, method: AgreementMethod, result: VoteResult | null): string {
  if (method === 'consensus' || !result) return t(ctx, 'method.consensus');
  const parts = result.options.map((option) => `${ctx.formatNumber(option.count)} ${option.label}`);
  return t(ctx, 'method.vote_summary', { result: parts.join(', ') });
}

/** The vote's result: one row per option, its total and its count in each college that voted; then the named votes. */
export function ResultTable({ ctx, result }: { ctx: ViewContext; result: VoteResult }) {
  const colleges = COLLEGES.filter((college) => result.options.some((option) => option.by_college?.[college] !== undefined));
  const numeric = [1, ...colleges.map((_, index) => index + 2)];
  return (
    <>
      <Table
        ctx={ctx}
        caption={t(ctx, 'result.caption')}
        head={[t(ctx, 'result.option'), t(ctx, 'result.total'), ...colleges.map((college) => ctx.t(`mandates.colleges.${college}`))]}
        rows={result.options.map((option) => [option.label, ctx.formatNumber(option.count), ...colleges.map((college) => ctx.formatNumber(option.by_college?.[college] ?? 0))])}
        rowHeaders
        numeric={numeric}
      />
      {result.named && result.named.length > 0 ? (
        <Table
          ctx={ctx}
          caption={t(ctx, 'result.named_caption')}
          head={[t(ctx, 'result.voter'), t(ctx, 'result.vote')]}
          rows={result.named.map((vote) => [vote.name, result.options[vote.option]?.label ?? ''])}
          rowHeaders
        />
      ) : null}
    </>
  );
}

const STATE_KIND: Record<ActionState, TagKind> = { open: 'info', in_progress: 'warning', done: 'success', dropped: 'neutral' };

/** An action item's state in words, coloured. */
export function ActionStateTag({ ctx, state }: { ctx: ViewContext; state: ActionState }) {
  return <Tag kind={STATE_KIND[state]}>{t(ctx, `action_states.${state}`)}</Tag>;
}

/** Open or in progress and past its due date. */
export function isOverdue(item: Pick<ActionItemRow, 'state' | 'due_on'>, today: string): boolean {
  return (item.state === 'open' || item.state === 'in_progress') && item.due_on < today;
}

/** The due date, and "Overdue" in words (and a danger tag) when it has passed with the item still open. */
export function DueDate({ ctx, item, today }: { ctx: ViewContext; item: Pick<ActionItemRow, 'state' | 'due_on'>; today: string }) {
  const overdue = isOverdue(item, today);
  return (
    <span class={overdue ? 'action-due action-due--overdue' : 'action-due'}>
      {ctx.formatDate(item.due_on, 'short')}
      {overdue ? (
        <>
          {' '}
          <Tag kind="danger">{t(ctx, 'overdue')}</Tag>
        </>
      ) : null}
    </span>
  );
}

/** Who owns an action item: a person or an organisation. */
export function ownerName(item: Pick<ActionItemRow, 'owner_person_name' | 'owner_organisation_name'>): string {
  return item.owner_person_name ?? item.owner_organisation_name ?? '';
}

/** An agreement's action items as a table; `editHref` gives an item's change link when the reader may change it. */
export function ActionItemsTable(props: { ctx: ViewContext; items: ActionItemRow[]; today: string; caption: string; editHref?: (item: ActionItemRow) => string | null }) {
  const { ctx, items, today } = props;
  const withActions = props.editHref !== undefined && items.some((item) => props.editHref?.(item));
  return (
    <Table
      ctx={ctx}
      caption={props.caption}
      head={[t(ctx, 'actions.title'), t(ctx, 'actions.owner'), t(ctx, 'actions.due_on'), t(ctx, 'actions.state'), ...(withActions ? [<span class="visually-hidden">{t(ctx, 'actions.change')}</span>] : [])]}
      rows={items.map((item) => {
        const href = props.editHref?.(item) ?? null;
        return [
          item.title,
          ownerName(item),
          <DueDate ctx={ctx} item={item} today={today} />,
          <>
            <ActionStateTag ctx={ctx} state={item.state} />
            {item.state === 'done' && item.done_on ? <span class="text-soft"> {t(ctx, 'actions.done_on', { date: ctx.formatDate(item.done_on, 'short') })}</span> : null}
          </>,
          ...(withActions
            ? [
                href ? (
                  <a href={href}>
                    {t(ctx, 'actions.change')}
                    <span class="visually-hidden"> {item.title}</span>
                  </a>
                ) : (
                  ''
                ),
              ]
            : []),
        ];
      })}
      rowHeaders
    />
  );
}

/** A page of the agreements: breadcrumbs from the register, the error summary when a form came back. */
export function AgreementsLayout(props: { ctx: ViewContext; title: string; crumbs?: Crumb[]; errors?: FieldErrors | undefined; wide?: boolean; children?: Child }) {
  const { ctx } = props;
  const crumbs: Crumb[] = props.crumbs ?? [{ label: t(ctx, 'register.title'), href: ctx.href('/agreements') }, { label: props.title }];
  return (
    <Layout ctx={ctx} title={props.title} breadcrumbs={crumbs} wide={props.wide} hasErrors={!!props.errors && Object.keys(props.errors).length > 0}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.children}
    </Layout>
  );
}

/** What a refused step says (the meeting has not started, the minutes are approved), with a way back. */
export function AgreementRefusalPage({ ctx, title, message, back }: { ctx: ViewContext; title: string; message: string; back: { href: string; label: string } }) {
  return (
    <AgreementsLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <NotificationBanner kind="warning" title={t(ctx, 'refused')}>
        <p>{message}</p>
      </NotificationBanner>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </AgreementsLayout>
  );
}
