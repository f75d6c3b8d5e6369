/** Pieces the working groups' pages share: the page frame, breadcrumbs, the state tag, the charter, a refusal. */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import { ButtonLink, ErrorSummary, LocalizedText, NotificationBanner, Select, SummaryList, Tag, TextField, type Crumb, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { OrganisationField } from '../organisation-field.js';
import { ORGANISATIONS_LISTED, type BodyState, type Charter, type GroupRow } from '../store.js';

/** The same colours as the bodies' pages: the word says the state, the colour repeats it. */
const STATE_KIND: Record<BodyState, TagKind> = {
  active: 'success',
  closing: 'warning',
  proposed: 'info',
  closed: 'neutral',
  declined: 'neutral',
};

/** Where the group is in its life: *Proposat*, *Actiu*, *En tancament*… */
export function StateTag({ ctx, state }: { ctx: ViewContext; state: BodyState }) {
  return <Tag kind={STATE_KIND[state]}>{ctx.t(`workgroups.states.${state}`)}</Tag>;
}

/** The group's name in the page's language (Catalan when untranslated). */
export function nameOf(ctx: ViewContext, name: Translatable): string {
  return pickTranslation(name, ctx.locale).text;
}

/** Bodies › the group › this page. */
export function groupCrumbs(ctx: ViewContext, group: Pick<GroupRow, 'slug' | 'name'>, current: string): Crumb[] {
  return [
    { label: ctx.t('workgroups.crumbs.bodies'), href: ctx.href('/bodies') },
    { label: <LocalizedText value={group.name} locale={ctx.locale} />, href: ctx.href(`/bodies/${group.slug}`) },
    { label: current },
  ];
}

/** A translatable text as paragraphs, in the page's language, marked when it falls back to Catalan. */
export function Paragraphs({ ctx, value }: { ctx: ViewContext; value: Translatable }) {
  const { text, lang } = pickTranslation(value, ctx.locale);
  return <PlainText text={text} lang={lang === ctx.locale ? undefined : lang} />;
}

/** Text someone typed, as paragraphs split on blank lines, line breaks kept. */
export function PlainText({ text, lang }: { text: string; lang?: string | undefined }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return (
    <div lang={lang}>
      {paragraphs.map((paragraph) => {
        const lines = paragraph.split('\n');
        return <p>{lines.map((line, index) => (index === 0 ? line : [<br />, line]))}</p>;
      })}
    </div>
  );
}

/** The charter as facts: objectives, method, cadence, deliverables. */
export function CharterList({ ctx, charter }: { ctx: ViewContext; charter: Charter | null }) {
  if (!charter) return <p>{ctx.t('workgroups.charter.none')}</p>;
  const parts = ['objectives', 'method', 'cadence', 'deliverables'] as const;
  return (
    <SummaryList
      rows={parts.map((part) => ({
        key: ctx.t(`workgroups.charter.${part}`),
        value: <Paragraphs ctx={ctx} value={charter[part]} />,
      }))}
    />
  );
}

/**
 * A page about one working group: breadcrumbs to it, the error summary when a form came back,
 * the group's name above the page's heading, and the content in a reading column.
 */
export function GroupPage(props: { ctx: ViewContext; group: Pick<GroupRow, 'slug' | 'name'>; title: string; errors?: FieldErrors | undefined; children: Child }) {
  const { ctx, group, title, errors } = props;
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors && Object.keys(errors).length > 0} breadcrumbs={groupCrumbs(ctx, group, title)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption">
        <LocalizedText value={group.name} locale={ctx.locale} />
      </span>
      <h1>{title}</h1>
      <div class="two-thirds">{props.children}</div>
    </Layout>
  );
}

/**
 * A page that says why the action cannot be done now (the group is not awaiting a decision, is
 * closed…), with the way back to the group. Rendered with status 409.
 */
export function RefusalPage(props: { ctx: ViewContext; group: Pick<GroupRow, 'slug' | 'name' | 'state'>; title: string; message: string; children?: Child }) {
  const { ctx, group } = props;
  return (
    <Layout ctx={ctx} title={props.title} breadcrumbs={groupCrumbs(ctx, group, props.title)}>
      <h1>{props.title}</h1>
      <NotificationBanner kind="warning" title={ctx.t('workgroups.refusal.title')}>
        <p>{props.message}</p>
      </NotificationBanner>
      <p>
        {ctx.t('workgroups.refusal.state')} <StateTag ctx={ctx} state={group.state} />
      </p>
      {props.children}
      <ButtonLink variant="secondary" href={ctx.href(`/bodies/${group.slug}`)}>
        {ctx.t('workgroups.refusal.back')}
      </ButtonLink>
    </Layout>
  );
}

export interface OrganisationPickerProps {
  ctx: ViewContext;
  field: OrganisationField;
  label: string;
  hint: string;
  /** The empty choice of the full list ("Tria una entitat", "A títol individual"). */
  placeholder: string;
  optional?: boolean;
  /** The organisation picked (`organisation_id`). */
  value: string;
  /** Errors by field: `organisation_id` (the list) and `organisation_name` (what was typed). */
  errors: FieldErrors | undefined;
}

/**
 * The organisation a person acts for: a plain list when there are few, or a box to type its
 * name and, once typed, the entities that match to pick from (see organisation-field.ts).
 */
export function OrganisationPicker(props: OrganisationPickerProps) {
  const { ctx, field } = props;
  const t = ctx.t;
  const options = field.options.map((o) => ({ value: String(o.id), label: o.level === null ? o.name : t('workgroups.organisation_with_level', { name: o.name, level: o.level }) }));
  if (field.mode === 'list') {
    return <Select name="organisation_id" label={props.label} hint={props.hint} options={options} placeholder={props.placeholder} value={props.value} error={props.errors?.organisation_id} optional={props.optional} />;
  }
  return (
    <>
      <TextField
        name="organisation_name"
        label={props.label}
        hint={`${props.hint} ${t('workgroups.organisation_field.name_hint')}`}
        value={field.typed}
        error={props.errors?.organisation_name}
        maxlength={200}
        spellcheck={false}
        autocomplete="organization"
        optional={props.optional}
      />
      {options.length > 0 ? (
        <Select
          name="organisation_id"
          label={t('workgroups.organisation_field.matches', { typed: field.typed })}
          hint={field.more ? t('workgroups.organisation_field.more', { count: ORGANISATIONS_LISTED }) : undefined}
          options={options}
          placeholder={t('workgroups.organisation_field.choose')}
          value={props.value}
          error={props.errors?.organisation_id}
        />
      ) : null}
    </>
  );
}
