/** An agenda item's forms: add, change (with its links: remove one, add one by kind and name), delete. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { Translatable } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, Form, NotificationBanner, Radios, Select, TextArea, TextField, VisuallyHidden } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { AGENDA_DESCRIPTION_MAX, AGENDA_TITLE_MAX, PRESENTER_MAX } from '../agenda.js';
import type { AgendaItem } from '../agenda-store.js';
import type { LinkMatch } from '../links.js';
import { linkKinds } from '../links.js';
import type { AgendaItemFormValues } from '../meetings-forms.js';
import { AGENDA_KINDS, type MeetingState } from '../tables.js';
import { MeetingFrame, textOf, type BodyRef } from './meeting-parts.js';

interface MeetingRef {
  id: number;
  title: Translatable;
  state: MeetingState;
}

function ItemFields({ ctx, values, errors }: { ctx: ViewContext; values: AgendaItemFormValues; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <>
      <TextField name="title_ca" label={t('meetings.agenda.fields.title_ca')} value={values.title_ca} error={errors?.title_ca} maxlength={AGENDA_TITLE_MAX} required lang="ca" />
      <TextField name="title_es" label={t('meetings.agenda.fields.title_es')} value={values.title_es} error={errors?.title_es} maxlength={AGENDA_TITLE_MAX} optional lang="es" />
      <TextField name="title_en" label={t('meetings.agenda.fields.title_en')} value={values.title_en} error={errors?.title_en} maxlength={AGENDA_TITLE_MAX} optional lang="en" />
      <Radios
        name="kind"
        legend={t('meetings.agenda.fields.kind')}
        options={AGENDA_KINDS.map((kind) => ({ value: kind, label: t(`meetings.agenda.kinds.${kind}`), hint: t(`meetings.agenda.kind_hints.${kind}`) }))}
        value={values.kind || 'information'}
        error={errors?.kind}
      />
      <TextField name="presenter" label={t('meetings.agenda.fields.presenter')} hint={t('meetings.agenda.hints.presenter')} value={values.presenter} error={errors?.presenter} maxlength={PRESENTER_MAX} optional />
      <TextField name="duration_minutes" type="text" inputmode="numeric" width="short" label={t('meetings.agenda.fields.duration_minutes')} hint={t('meetings.agenda.hints.duration_minutes')} value={values.duration_minutes} error={errors?.duration_minutes} maxlength={3} optional />
      <TextArea name="description" label={t('meetings.agenda.fields.description')} hint={t('meetings.hints.markdown')} value={values.description} error={errors?.description} rows={5} maxlength={AGENDA_DESCRIPTION_MAX} optional />
    </>
  );
}

/** Adding an item at the end of the agenda. */
export function NewAgendaItemPage({ ctx, body, meeting, values, errors }: { ctx: ViewContext; body: BodyRef; meeting: MeetingRef; values: AgendaItemFormValues; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  const title = t('meetings.agenda.new_title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title} errors={errors}>
      <div class="two-thirds">
        <Form ctx={ctx} action={ctx.href(`/meetings/${meeting.id}/agenda/new`)}>
          <ItemFields ctx={ctx} values={values} errors={errors} />
          <ButtonGroup>
            <Button>{t('meetings.agenda.create')}</Button>
            <a href={ctx.href(`/meetings/${meeting.id}#agenda-title`)}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}

/** What the "add a link" part of the form shows again: the kind and text typed, and the matches to pick from. */
export interface LinkSearch {
  type: string;
  query: string;
  matches: LinkMatch[];
}

export interface EditAgendaItemPageProps {
  ctx: ViewContext;
  body: BodyRef;
  meeting: MeetingRef;
  item: AgendaItem;
  values: AgendaItemFormValues;
  errors?: FieldErrors | undefined;
  link?: LinkSearch | undefined;
  linkErrors?: FieldErrors | undefined;
}

/** Changing an item; below, its links (remove one) and a form to add one without JavaScript. */
export function EditAgendaItemPage({ ctx, body, meeting, item, values, errors, link, linkErrors }: EditAgendaItemPageProps) {
  const t = ctx.t;
  const title = t('meetings.agenda.edit_title');
  const allErrors = errors ?? linkErrors;
  const kinds = linkKinds();
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title} errors={allErrors} caption={textOf(ctx, item.title)}>
      <div class="two-thirds">
        <Form ctx={ctx} action={ctx.href(`/agenda-items/${item.id}/edit`)}>
          <ItemFields ctx={ctx} values={values} errors={errors} />
          <ButtonGroup>
            <Button>{t('meetings.form.save')}</Button>
            <a href={ctx.href(`/meetings/${meeting.id}#item-${item.id}`)}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>

        <h2 id="links">{t('meetings.agenda.links')}</h2>
        {item.links.length === 0 ? (
          <p>{t('meetings.agenda.no_links')}</p>
        ) : (
          <ul class="list">
            {item.links.map((l) => {
              const kind = kinds.find((k) => k.type === l.type);
              const label = l.target?.label ?? t('meetings.agenda.link_gone', { id: l.id });
              return (
                <li>
                  {kind ? <span class="text-soft">{t(kind.labelKey)}: </span> : null}
                  {l.target ? <a href={ctx.href(l.target.href)}>{label}</a> : label}
                  <Form ctx={ctx} action={ctx.href(`/agenda-items/${item.id}/links/remove`)}>
                    <input type="hidden" name="type" value={l.type} />
                    <input type="hidden" name="target_id" value={String(l.id)} />
                    <Button variant="secondary">
                      {t('meetings.agenda.unlink')}
                      <VisuallyHidden> {label}</VisuallyHidden>
                    </Button>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}

        <h3>{t('meetings.agenda.add_link')}</h3>
        <Form ctx={ctx} action={ctx.href(`/agenda-items/${item.id}/links`)}>
          <Select
            name="link_type"
            label={t('meetings.agenda.fields.link_type')}
            options={kinds.map((k) => ({ value: k.type, label: t(k.labelKey) }))}
            value={link?.type ?? kinds[0]?.type ?? ''}
            error={linkErrors?.link_type}
          />
          <TextField name="link_query" label={t('meetings.agenda.fields.link_query')} hint={t('meetings.agenda.hints.link_query')} value={link?.query ?? ''} error={linkErrors?.link_query} maxlength={200} spellcheck={false} />
          {link && link.matches.length > 1 ? (
            <>
              <NotificationBanner kind="info" title={t('meetings.agenda.matches_title')}>
                <p>{t('meetings.agenda.matches', { count: link.matches.length })}</p>
              </NotificationBanner>
              <Radios name="link_id" legend={t('meetings.agenda.fields.link_id')} options={link.matches.map((m) => ({ value: String(m.id), label: m.label }))} error={linkErrors?.link_id} />
            </>
          ) : null}
          <ButtonGroup>
            <Button variant="secondary">{t('meetings.agenda.add_link_submit')}</Button>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}

/** Confirming an item's deletion. */
export function DeleteAgendaItemPage({ ctx, body, meeting, item }: { ctx: ViewContext; body: BodyRef; meeting: MeetingRef; item: AgendaItem }) {
  const t = ctx.t;
  const title = t('meetings.agenda.delete_title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title}>
      <div class="two-thirds">
        <p>{t('meetings.agenda.delete_lead', { title: textOf(ctx, item.title), position: item.position })}</p>
        <Form ctx={ctx} action={ctx.href(`/agenda-items/${item.id}/delete`)}>
          <ButtonGroup>
            <Button variant="warning">{t('meetings.agenda.delete_submit')}</Button>
            <a href={ctx.href(`/meetings/${meeting.id}#item-${item.id}`)}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}
