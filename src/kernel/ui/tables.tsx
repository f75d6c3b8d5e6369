/**
 * Tabular and key–value parts of the ui kit: data tables that stay readable on a phone, the
 * summary list of a record's facts, and pagination for long lists.
 */
import type { Child } from 'hono/jsx';
import type { ViewContext } from './context.js';
import { useTranslate } from './render-context.js';

export interface TableProps {
  /** Says what the table shows; also the name of its scrollable region. */
  caption: string;
  /** Hides the caption visually when a heading just above already says the same. */
  captionHidden?: boolean;
  head: Child[];
  rows: Child[][];
  /** The first cell of each row names the row (`<th scope="row">`), e.g. a person or a date. */
  rowHeaders?: boolean;
  /** Indexes of columns holding numbers: right-aligned, with tabular figures. */
  numeric?: number[];
  ctx?: ViewContext;
}

/**
 * A data table. It sits in a region that scrolls sideways on narrow screens, with a visible hint
 * there; the region is focusable and named after the caption so it can be scrolled with the
 * keyboard.
 * @example <Table caption="Assistència" head={['Entitat', 'Persones']} rows={[['Coop57', 2]]} numeric={[1]} />
 */
export function Table(props: TableProps) {
  const t = useTranslate(props.ctx);
  const numeric = new Set(props.numeric ?? []);
  const cellClass = (index: number) => (numeric.has(index) ? 'table__cell table__cell--numeric' : 'table__cell');
  return (
    <div class="table-wrapper">
      {/* The caption is shown above the scrolling region, where it cannot scroll out of view;
          screen readers get it from the real <caption> and the region's name. */}
      {props.captionHidden ? null : (
        <p class="table__title" aria-hidden="true">
          {props.caption}
        </p>
      )}
      <p class="table-hint" aria-hidden="true">
        {t('ui.table.scrollHint')}
      </p>
      <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
        <table class="table">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              {props.head.map((cell, index) => (
                <th scope="col" class={cellClass(index)}>
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                {row.map((cell, index) =>
                  index === 0 && props.rowHeaders ? (
                    <th scope="row" class={cellClass(index)}>
                      {cell}
                    </th>
                  ) : (
                    <td class={cellClass(index)}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export interface SummaryAction {
  href: string;
  /** The visible word, e.g. "Canvia". */
  label: Child;
  /** Said after the label to screen readers only, so "Canvia" becomes "Canvia la data". */
  context?: string;
}

export interface SummaryRow {
  key: Child;
  value: Child;
  action?: SummaryAction | undefined;
}

/**
 * The facts of a record as a description list: one row per fact, with an optional action
 * ("Change") per row, as on a "check your answers" page.
 */
export function SummaryList({ rows, bordered = true }: { rows: SummaryRow[]; bordered?: boolean }) {
  const withActions = rows.some((row) => row.action);
  return (
    <dl class={bordered ? 'summary-list' : 'summary-list summary-list--plain'}>
      {rows.map((row) => (
        <div class="summary-list__row">
          <dt class="summary-list__key">{row.key}</dt>
          <dd class="summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd class="summary-list__actions">
              <a href={row.action.href}>
                {row.action.label}
                {row.action.context ? <span class="visually-hidden"> {row.action.context}</span> : null}
              </a>
            </dd>
          ) : withActions ? (
            <dd class="summary-list__actions" />
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export interface PaginationProps {
  ctx: ViewContext;
  /** The current page, from 1. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** When known, shown as "Page 2 of 5". */
  totalPages?: number;
  hrefFor(page: number): string;
}

/**
 * Previous / next links for a long list, with the current page in words. Renders nothing when
 * the list fits on one page.
 */
export function Pagination(props: PaginationProps) {
  const { ctx, page } = props;
  if (!props.hasPrevious && !props.hasNext) return null;
  const where =
    props.totalPages !== undefined
      ? ctx.t('ui.pagination.pageOf', { page, total: props.totalPages })
      : ctx.t('ui.pagination.page', { page });
  return (
    <nav class="pagination" aria-label={ctx.t('ui.pagination.label')}>
      {props.hasPrevious ? (
        <a class="pagination__link pagination__link--previous" href={props.hrefFor(page - 1)} rel="prev">
          <span class="pagination__arrow" aria-hidden="true">
            ←
          </span>
          {ctx.t('ui.pagination.previous')}
        </a>
      ) : (
        <span class="pagination__spacer" />
      )}
      <p class="pagination__current">{where}</p>
      {props.hasNext ? (
        <a class="pagination__link pagination__link--next" href={props.hrefFor(page + 1)} rel="next">
          {ctx.t('ui.pagination.next')}
          <span class="pagination__arrow" aria-hidden="true">
            →
          </span>
        </a>
      ) : (
        <span class="pagination__spacer" />
      )}
    </nav>
  );
}
