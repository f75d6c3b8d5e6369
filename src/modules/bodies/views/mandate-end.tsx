/** Ending a mandate: what it is, the first day it no longer holds, and why (optional, public). */
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, ErrorSummary, Form, NotificationBanner, SummaryList, TextArea, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { MandateBody, MandateView } from '../mandates.js';
import { Day } from './body-parts.js';
import { OrganisationLink, roleText } from './mandate-parts.js';
import { BodyCaption, mandatesCrumbs } from './mandates.js';

export interface EndMandateProps {
  ctx: ViewContext;
  body: MandateBody;
  mandate: MandateView;
  values: { ends_on: string; end_reason: string };
  errors?: FieldErrors;
  /** Why the mandate cannot be ended (it already has), instead of the form. */
  refusal?: string;
}

export function EndMandatePage({ ctx, body, mandate, values, errors, refusal }: EndMandateProps) {
  const t = ctx.t;
  const name = pickTranslation(body.name, ctx.locale).text;
  const title = t('mandates.end.title', { person: mandate.person_name });
  const back = ctx.href(`/bodies/${body.slug}/mandates`);
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors} breadcrumbs={mandatesCrumbs(ctx, body, title)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <BodyCaption ctx={ctx} body={body} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: t('mandates.list.person'), value: mandate.person_name },
          { key: t('mandates.list.role'), value: roleText(ctx, mandate) },
          { key: t('mandates.list.college'), value: t(`mandates.colleges.${mandate.college}`) },
          { key: t('mandates.list.organisation'), value: <OrganisationLink ctx={ctx} mandate={mandate} /> },
          { key: t('mandates.list.since'), value: <Day ctx={ctx} date={mandate.starts_on} style="long" /> },
          ...(mandate.ends_on ? [{ key: t('mandates.list.until'), value: <Day ctx={ctx} date={mandate.ends_on} style="long" /> }] : []),
        ]}
      />
      {refusal ? (
        <>
          <NotificationBanner kind="info" title={t('mandates.end.refused_title')}>
            <p>{refusal}</p>
          </NotificationBanner>
          <p>
            <a href={back}>{t('mandates.end.cancel')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('mandates.end.lead', { person: mandate.person_name, body: name })}</p>
          <Form ctx={ctx} action={ctx.href(`/bodies/${body.slug}/mandates/${mandate.id}/end`)}>
            <TextField name="ends_on" type="date" label={t('mandates.end.ends_on')} hint={t('mandates.end.ends_on_hint', { example: '2026-03-15' })} value={values.ends_on} error={errors?.ends_on} />
            <TextArea name="end_reason" label={t('mandates.end.reason')} hint={t('mandates.end.reason_hint')} value={values.end_reason} error={errors?.end_reason} rows={3} maxlength={500} optional />
            <ButtonGroup>
              <Button variant="warning">{t('mandates.end.submit')}</Button>
              <a href={back}>{t('mandates.end.cancel')}</a>
            </ButtonGroup>
          </Form>
        </>
      )}
    </Layout>
  );
}
