/**
 * Form parts of the ui kit. Every field follows one pattern: a `<label for>` (or a `<legend>`),
 * an optional hint, the error message when there is one, then the control. The control's id is
 * `field-<name>` so the error summary can link to it; `aria-describedby` points at the hint and
 * the error, and `aria-invalid` is set while the field is in error.
 */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../errors.js';
import type { ViewContext } from './context.js';
import { useTranslate, ViewContextProvider } from './render-context.js';

/** The id of the control for a field name, the target of the error summary's links. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** A value a field can show again: what the person typed, or what is stored. */
type FieldValue = string | number | null | undefined;

interface FieldBase {
  name: string;
  label: Child;
  hint?: Child;
  /** The message that says how to fix the field; shown beside it, linked from the summary. */
  error?: string | undefined;
  /** Shows "(optional)" after the label; fields are taken as required otherwise. */
  optional?: boolean;
  /** Makes the label the page's `<h1>`, for pages that ask one question. */
  pageHeading?: boolean;
}

/** The ids a field's parts get, and the `aria-describedby` value joining hint and error. */
function describe(name: string, hint: unknown, error: string | undefined) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Optional({ ctx, optional }: { ctx: ViewContext | undefined; optional?: boolean | undefined }) {
  const t = useTranslate(ctx);
  if (!optional) return null;
  return <span class="label__optional"> {t('ui.form.optional')}</span>;
}

/** The message beside a field in error, prefixed for screen readers. */
function ErrorMessage({ ctx, id, message }: { ctx: ViewContext | undefined; id: string | undefined; message: string | undefined }) {
  const t = useTranslate(ctx);
  if (!message || !id) return null;
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{t('ui.error.prefix')} </span>
      {message}
    </p>
  );
}

function Label(props: { ctx: ViewContext | undefined; forId: string; field: FieldBase }) {
  const { field } = props;
  const label = (
    <label class={field.pageHeading ? 'label label--page-heading' : 'label'} for={props.forId}>
      {field.label}
      <Optional ctx={props.ctx} optional={field.optional} />
    </label>
  );
  return field.pageHeading ? <h1 class="label-wrapper">{label}</h1> : label;
}

/**
 * The error summary at the top of a form that was sent back: a title and one link per field
 * in error, pointing at `#field-<name>`. enhance.js moves focus to it when the page loads.
 * Renders nothing when there are no errors.
 * @example <ErrorSummary ctx={ctx} errors={{ email: 'Escriu una adreça com nom@exemple.cat' }} />
 */
export function ErrorSummary(props: { ctx: ViewContext; errors: FieldErrors | null | undefined; title?: string }) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title" data-error-summary="">
      <h2 class="error-summary__title" id="error-summary-title">
        {props.title ?? props.ctx.t('ui.error.summaryTitle')}
      </h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export type TextFieldType =
  | 'text'
  | 'email'
  | 'password'
  | 'date'
  | 'datetime-local'
  | 'number'
  | 'url'
  | 'search'
  | 'tel';

export interface TextFieldProps extends FieldBase {
  /** Only needed outside `Layout`/`Form`, which provide it (for "Error:" and "(optional)"). */
  ctx?: ViewContext;
  value?: FieldValue;
  type?: TextFieldType;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'none' | 'text' | 'tel' | 'url' | 'email' | 'numeric' | 'decimal' | 'search';
  spellcheck?: boolean;
  /** Visual width, so the box hints at the expected answer: `short` for a year or a count. */
  width?: 'short' | 'medium' | 'full';
  min?: string | number;
  max?: string | number;
  step?: string | number;
  maxlength?: number;
  lang?: string;
}

/** Boxes as wide as the answer they expect. */
const DEFAULT_WIDTH: Partial<Record<TextFieldType, 'short' | 'medium'>> = {
  date: 'short',
  number: 'short',
  'datetime-local': 'medium',
  tel: 'medium',
};

/**
 * A one-line text input with its label, hint and error.
 * @example <TextField ctx={ctx} name="email" type="email" label={t('identity.email')} autocomplete="email" spellcheck={false} />
 */
export function TextField(props: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = describe(props.name, props.hint, props.error);
  const width = props.width ?? DEFAULT_WIDTH[props.type ?? 'text'] ?? 'full';
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <Label ctx={props.ctx} forId={id} field={props} />
      {props.hint ? <div class="hint" id={hintId}>{props.hint}</div> : null}
      <ErrorMessage ctx={props.ctx} id={errorId} message={props.error} />
      <input
        class={`input input--${width}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? undefined}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        min={props.min}
        max={props.max}
        step={props.step}
        maxlength={props.maxlength}
        lang={props.lang}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

export interface TextAreaProps extends FieldBase {
  ctx?: ViewContext;
  value?: FieldValue;
  rows?: number;
  required?: boolean;
  spellcheck?: boolean;
  maxlength?: number;
  autocomplete?: string;
  lang?: string;
}

/** A multi-line text box with its label, hint and error. */
export function TextArea(props: TextAreaProps) {
  const { id, hintId, errorId, describedBy } = describe(props.name, props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <Label ctx={props.ctx} forId={id} field={props} />
      {props.hint ? <div class="hint" id={hintId}>{props.hint}</div> : null}
      <ErrorMessage ctx={props.ctx} id={errorId} message={props.error} />
      <textarea
        class="textarea"
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        required={props.required}
        spellcheck={props.spellcheck}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete}
        lang={props.lang}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: Child;
}

export interface SelectProps extends FieldBase {
  ctx?: ViewContext;
  options: Option[];
  value?: FieldValue;
  required?: boolean;
  /** A first, empty option ("Choose…") so nothing is picked by accident. */
  placeholder?: string;
  autocomplete?: string;
}

/** A drop-down list. Prefer `Radios` when there are few options: they are all visible at once. */
export function Select(props: SelectProps) {
  const { id, hintId, errorId, describedBy } = describe(props.name, props.hint, props.error);
  const current = props.value == null ? undefined : String(props.value);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <Label ctx={props.ctx} forId={id} field={props} />
      {props.hint ? <div class="hint" id={hintId}>{props.hint}</div> : null}
      <ErrorMessage ctx={props.ctx} id={errorId} message={props.error} />
      <select
        class="select"
        id={id}
        name={props.name}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? (
          <option value="" selected={current === undefined || current === ''}>
            {props.placeholder}
          </option>
        ) : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === current}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ChoiceOption extends Option {
  hint?: Child;
}

interface ChoicesBase {
  ctx?: ViewContext;
  name: string;
  legend: Child;
  hint?: Child;
  error?: string | undefined;
  optional?: boolean;
  /** Makes the legend the page's `<h1>`, for pages that ask one question. */
  pageHeading?: boolean;
  options: ChoiceOption[];
  /** Lays short options side by side ("Yes / No") on wide screens. */
  inline?: boolean;
}

/** One set of radio buttons or checkboxes inside a `<fieldset>` with its `<legend>`. */
function Choices(props: ChoicesBase & { type: 'radio' | 'checkbox'; checked: Set<string> }) {
  const { hintId, errorId, describedBy } = describe(props.name, props.hint, props.error);
  const kind = props.type === 'radio' ? 'radios' : 'checkboxes';
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class={props.pageHeading ? 'legend legend--page-heading' : 'legend'}>
          {props.pageHeading ? <h1 class="legend__heading">{props.legend}</h1> : props.legend}
          <Optional ctx={props.ctx} optional={props.optional} />
        </legend>
        {props.hint ? <div class="hint" id={hintId}>{props.hint}</div> : null}
        <ErrorMessage ctx={props.ctx} id={errorId} message={props.error} />
        <div class={props.inline ? `${kind} ${kind}--inline` : kind}>
          {props.options.map((option, index) => {
            // The first control carries `field-<name>`, so the error summary lands on it.
            const id = index === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${index + 1}`;
            const itemHintId = option.hint ? `${id}-option-hint` : undefined;
            return (
              <div class="choice">
                <input
                  class="choice__input"
                  id={id}
                  name={props.name}
                  type={props.type}
                  value={option.value}
                  checked={props.checked.has(option.value)}
                  aria-describedby={itemHintId}
                  aria-invalid={props.error ? 'true' : undefined}
                />
                <label class="choice__label" for={id}>
                  {option.label}
                </label>
                {option.hint ? <div class="hint choice__hint" id={itemHintId}>{option.hint}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Radio buttons: pick exactly one. `value` is the one checked. */
export function Radios(props: ChoicesBase & { value?: FieldValue }) {
  const checked = new Set(props.value == null ? [] : [String(props.value)]);
  return <Choices {...props} type="radio" checked={checked} />;
}

/** Checkboxes: pick any number. `values` are the ones checked; all share the field's name. */
export function Checkboxes(props: ChoicesBase & { values?: readonly string[] | null }) {
  return <Choices {...props} type="checkbox" checked={new Set(props.values ?? [])} />;
}

/** The hidden CSRF token every POST form carries. `Form` adds it for you. */
export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

/**
 * A button. `primary` for the one main action of a page, `secondary` for the others, `warning`
 * for what destroys or cannot be undone (pair it with a `confirm` on the form).
 */
export function Button(props: {
  variant?: ButtonVariant;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  children?: Child;
}) {
  return (
    <button
      class={`button button--${props.variant ?? 'primary'}`}
      type={props.type ?? 'submit'}
      name={props.name}
      value={props.value}
      disabled={props.disabled}
    >
      {props.children}
    </button>
  );
}

/** A row of buttons and links at the end of a form. */
export function ButtonGroup({ children }: { children?: Child }) {
  return <div class="button-group">{children}</div>;
}

/**
 * A form. POST forms get the CSRF field. Browser validation is off (`novalidate`) so that
 * every mistake is explained the same way, by the server, with the error summary; `required`
 * on fields still tells assistive technology which ones are needed. `confirm` asks before
 * sending (enhance.js), for steps that cannot be undone.
 */
export function Form(props: {
  ctx: ViewContext;
  action: string;
  method?: 'get' | 'post';
  confirm?: string;
  enctype?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  id?: string;
  class?: string;
  /** A name for the form when a page has several (e.g. a search form): `role="search"` etc. */
  role?: 'search';
  'aria-label'?: string;
  children?: Child;
}) {
  const method = props.method ?? 'post';
  return (
    <form
      action={props.action}
      method={method}
      enctype={props.enctype}
      id={props.id}
      class={props.class ?? 'form'}
      role={props.role}
      aria-label={props['aria-label']}
      novalidate
      data-confirm={props.confirm}
    >
      {method === 'post' ? <CsrfField ctx={props.ctx} /> : null}
      <ViewContextProvider.Provider value={props.ctx}>{props.children}</ViewContextProvider.Provider>
    </form>
  );
}
