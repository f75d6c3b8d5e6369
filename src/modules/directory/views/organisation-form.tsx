/** The form that adds an organisation to the directory or changes one: every field on one page. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, Checkboxes, ErrorSummary, Form, Radios, Select, TextArea, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { PARENTS_LISTED, type OrganisationRef } from '../listings.js';
import type { OrganisationFormValues } from '../organisation-form.js';
import { PARENT_NAME_MAX, type ParentField } from '../parent-field.js';
import { DESCRIPTION_MAX, DISTRICTS, FAMILIES, NAME_MAX, ORGANISATION_LEVELS, SHORT_NAME_MAX, WEBSITE_MAX, todayInBarcelona } from '../schema.js';
import { directoryCrumbs, districtText, familyText, levelText, organisationPath } from './parts.js';

export interface OrganisationFormPageProps {
  ctx: ViewContext;
  values: OrganisationFormValues;
  /** The organisations that may be chosen as parents, or (too many to list) those chosen and a name to type. */
  parents: ParentField;
  errors?: FieldErrors | undefined;
  /** Absent for a new organisation; the stored one (as saved, with its parents) when editing. */
  editing?: { id: number; name: string; short_name: string; parents: OrganisationRef[] } | undefined;
}

export function OrganisationFormPage({ ctx, values, parents, errors, editing }: OrganisationFormPageProps) {
  const t = ctx.t;
  const title = editing ? t('directory.form.edit_title', { name: editing.name }) : t('directory.form.new_title');
  const action = editing ? ctx.href(`${organisationPath(editing.id)}/edit`) : ctx.href('/organisations/new');
  const crumbs = editing
    ? directoryCrumbs(ctx, [{ label: editing.short_name, href: ctx.href(organisationPath(editing.id)) }, { label: t('directory.form.edit_crumb') }])
    : directoryCrumbs(ctx, [{ label: t('directory.form.new_crumb') }]);
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors && Object.keys(errors).length > 0} breadcrumbs={crumbs}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} class="form two-thirds">
        <TextField name="name" label={t('directory.form.name')} hint={t('directory.form.name_hint')} value={values.name} error={errors?.name} maxlength={NAME_MAX} required />
        <TextField
          name="short_name"
          label={t('directory.form.short_name')}
          hint={t('directory.form.short_name_hint')}
          value={values.short_name}
          error={errors?.short_name}
          maxlength={SHORT_NAME_MAX}
          width="medium"
          required
        />
        <Radios
          name="kind"
          legend={t('directory.form.kind')}
          value={values.kind}
          error={errors?.kind}
          options={[
            { value: 'entity', label: t('directory.kinds.entity'), hint: t('directory.form.kind_entity_hint') },
            { value: 'administration', label: t('directory.kinds.administration'), hint: t('directory.form.kind_administration_hint') },
          ]}
        />
        <Radios
          name="level"
          legend={t('directory.form.level')}
          hint={t('directory.form.level_hint')}
          value={values.level}
          error={errors?.level}
          options={ORGANISATION_LEVELS.map((level) => ({ value: String(level), label: t(`directory.levels.${level}`), hint: t(`directory.form.level_${level}_hint`) }))}
        />
        <ParentsField ctx={ctx} field={parents} values={values} errors={errors} editing={editing} />
        <Checkboxes
          name="families"
          legend={t('directory.form.families')}
          hint={t('directory.form.families_hint')}
          values={values.families}
          error={errors?.families}
          optional
          options={FAMILIES.map((family) => ({ value: family, label: familyText(ctx, family) }))}
        />
        <TextField
          name="representative_since"
          type="date"
          label={t('directory.form.representative_since')}
          hint={t('directory.form.representative_since_hint')}
          value={values.representative_since}
          error={errors?.representative_since}
          max={todayInBarcelona()}
          optional
        />
        <Select
          name="district"
          label={t('directory.form.district')}
          placeholder={t('directory.form.no_district')}
          options={DISTRICTS.map((district) => ({ value: district, label: districtText(ctx, district) }))}
          value={values.district}
          error={errors?.district}
          optional
        />
        <TextField
          name="website"
          type="url"
          label={t('directory.form.website')}
          hint={t('directory.form.website_hint')}
          value={values.website}
          error={errors?.website}
          maxlength={WEBSITE_MAX}
          spellcheck={false}
          autocomplete="url"
          optional
        />
        <TextArea
          name="description.ca"
          label={t('directory.form.description_ca')}
          hint={t('directory.form.description_hint')}
          value={values['description.ca']}
          error={errors?.['description.ca'] ?? errors?.description}
          maxlength={DESCRIPTION_MAX}
          lang="ca"
          optional
        />
        <TextArea
          name="description.es"
          label={t('directory.form.description_es')}
          value={values['description.es']}
          error={errors?.['description.es']}
          maxlength={DESCRIPTION_MAX}
          lang="es"
          optional
        />
        <TextArea
          name="description.en"
          label={t('directory.form.description_en')}
          value={values['description.en']}
          error={errors?.['description.en']}
          maxlength={DESCRIPTION_MAX}
          lang="en"
          optional
        />
        <ButtonGroup>
          <Button>{editing ? t('directory.form.save') : t('directory.form.create')}</Button>
          <a href={editing ? ctx.href(organisationPath(editing.id)) : ctx.href('/organisations')}>{t('directory.form.cancel')}</a>
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

/** A parent as its box shows it: "FCTC — Federació de Cooperatives…", its level beneath. */
function parentOption(ctx: ViewContext, o: OrganisationRef) {
  return { value: String(o.id), label: o.short_name === o.name ? o.name : `${o.short_name} — ${o.name}`, hint: levelText(ctx, o) };
}

/**
 * The parents (member_of): every possible one as a box to tick; or, when there are too many,
 * the chosen ones ticked (untick to remove), a box to type another's name, and the matches of
 * a name that found several, to tick. See parent-field.ts.
 */
function ParentsField(props: {
  ctx: ViewContext;
  field: ParentField;
  values: OrganisationFormValues;
  errors: FieldErrors | undefined;
  editing: OrganisationFormPageProps['editing'];
}) {
  const { ctx, field, values, errors, editing } = props;
  const t = ctx.t;
  if (field.mode === 'list') {
    // The organisation itself is never its own parent; the others are all offered, and the
    // rules explain a choice they refuse. Its current parents are offered too even when they
    // could no longer be chosen (links from before the rules), so saving never drops one unseen.
    const offered = new Set(field.options.map((o) => o.id));
    const options = [...field.options, ...(editing?.parents ?? []).filter((o) => !offered.has(o.id))].filter((o) => o.id !== editing?.id);
    return (
      <Checkboxes
        name="member_of"
        legend={t('directory.form.member_of')}
        hint={t('directory.form.member_of_hint')}
        values={values.member_of}
        error={errors?.member_of}
        optional
        options={options.map((o) => parentOption(ctx, o))}
      />
    );
  }
  const hasChosen = field.chosen.length > 0;
  return (
    <>
      {hasChosen ? (
        <Checkboxes
          name="member_of"
          legend={t('directory.form.member_of')}
          hint={t('directory.form.member_of_chosen_hint')}
          values={field.chosen.map((o) => String(o.id))}
          error={errors?.member_of}
          optional
          options={field.chosen.map((o) => parentOption(ctx, o))}
        />
      ) : null}
      <TextField
        name="parent_name"
        label={hasChosen ? t('directory.form.parent_name_another') : t('directory.form.member_of')}
        hint={t('directory.form.parent_name_hint', { count: PARENTS_LISTED })}
        value={values.parent_name}
        error={errors?.parent_name}
        maxlength={PARENT_NAME_MAX}
        spellcheck={false}
        autocomplete="off"
        optional
      />
      {field.matches.length > 0 ? (
        <Checkboxes
          name="parent_pick"
          legend={t('directory.form.parent_matches', { typed: field.typed })}
          hint={field.more ? `${t('directory.form.parent_matches_hint')} ${t('directory.form.parent_matches_more', { count: PARENTS_LISTED })}` : t('directory.form.parent_matches_hint')}
          values={[]}
          error={errors?.parent_pick}
          options={field.matches.map((o) => parentOption(ctx, o))}
        />
      ) : null}
    </>
  );
}
