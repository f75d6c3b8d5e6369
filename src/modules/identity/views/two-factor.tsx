/**
 * Two-factor authentication in the account: enrolling (QR code, key, first code), the recovery
 * codes shown once, and — once on — new recovery codes or turning it off.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonLink, ErrorSummary, Form, NotificationBanner, SummaryList, Tag, TextField } from '../../../kernel/ui/components.js';
import type { EnrolmentOffer } from '../enrolment.js';

/** The key in groups of four, easier to type from the screen. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function crumbs(ctx: ViewContext) {
  return [{ label: ctx.t('identity.enrol.account'), href: ctx.href('/account') }, { label: ctx.t('identity.enrol.title') }];
}

export function EnrolPage(props: { ctx: ViewContext; offer: EnrolmentOffer; required: boolean; errors?: FieldErrors }) {
  const { ctx, offer, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.enrol.title')} hasErrors={!!errors} breadcrumbs={props.required ? undefined : crumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.required ? (
        <NotificationBanner kind="warning" title={t('identity.enrol.required_title')}>
          <p>{t('identity.enrol.required_lead')}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('identity.enrol.title')}</h1>
      <p class="lead">{t('identity.enrol.lead')}</p>
      <h2>{t('identity.enrol.step_app')}</h2>
      <p>{t('identity.enrol.step_app_text')}</p>
      <h2>{t('identity.enrol.step_scan')}</h2>
      <p>{t('identity.enrol.step_scan_text')}</p>
      <p>
        <img src={offer.qrCode} width="200" height="200" alt={t('identity.enrol.qr_alt')} />
      </p>
      <p>
        {t('identity.enrol.key_label')} <code>{grouped(offer.secret)}</code>
      </p>
      <h2>{t('identity.enrol.step_code')}</h2>
      <Form ctx={ctx} action={ctx.href('/account/two-factor')}>
        <input type="hidden" name="secret" value={offer.secret} />
        <input type="hidden" name="signature" value={offer.signature} />
        <TextField
          name="code"
          label={t('identity.two_factor.code_label')}
          hint={t('identity.enrol.code_hint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
          width="medium"
          error={errors?.code}
          required
        />
        <Button>{t('identity.enrol.submit')}</Button>
      </Form>
      {props.required ? (
        <Form ctx={ctx} action={ctx.href('/sign-out')}>
          <Button variant="secondary">{t('identity.sign_out.submit')}</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

/** Shown once, right after enrolling or asking for new codes: only their hashes are kept. */
export function RecoveryCodesPage(props: { ctx: ViewContext; codes: string[]; justEnrolled: boolean }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.enrol.codes_title')}>
      {props.justEnrolled ? (
        <NotificationBanner kind="success" title={t('ui.flash.success')} live>
          <p>{t('identity.enrol.enabled')}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('identity.enrol.codes_title')}</h1>
      <p class="lead">{t('identity.enrol.codes_lead')}</p>
      <ol>
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>{t('identity.enrol.codes_once')}</p>
      <ButtonLink href={ctx.href(props.justEnrolled ? '/me' : '/account/two-factor')}>{t('identity.enrol.codes_saved')}</ButtonLink>
    </Layout>
  );
}

export function TwoFactorStatusPage(props: {
  ctx: ViewContext;
  enabledAt: Date;
  unusedCodes: number;
  requiredByRole: boolean;
  errors?: FieldErrors;
}) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.enrol.title')} hasErrors={!!errors} breadcrumbs={crumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.enrol.title')}</h1>
      <SummaryList
        rows={[
          {
            key: t('identity.enrol.state'),
            value: (
              <>
                <Tag kind="success">{t('identity.enrol.on')}</Tag> {t('identity.enrol.on_since', { date: ctx.formatDate(props.enabledAt, 'long') })}
              </>
            ),
          },
          { key: t('identity.enrol.codes_left_label'), value: t('identity.enrol.codes_left', { count: props.unusedCodes }) },
        ]}
      />
      <h2>{t('identity.enrol.regenerate_title')}</h2>
      <p>{t('identity.enrol.regenerate_lead')}</p>
      <Form ctx={ctx} action={ctx.href('/account/two-factor/recovery-codes')}>
        <TextField
          name="codes_password"
          type="password"
          label={t('identity.enrol.current_password')}
          autocomplete="current-password"
          error={errors?.codes_password}
          required
        />
        <Button variant="secondary">{t('identity.enrol.regenerate_submit')}</Button>
      </Form>
      <h2>{t('identity.enrol.disable_title')}</h2>
      {props.requiredByRole ? (
        <p>{t('identity.enrol.required_by_role')}</p>
      ) : (
        <>
          <p>{t('identity.enrol.disable_lead')}</p>
          <Form ctx={ctx} action={ctx.href('/account/two-factor/disable')} confirm={t('identity.enrol.disable_confirm')}>
            <TextField
              name="off_password"
              type="password"
              label={t('identity.enrol.current_password')}
              autocomplete="current-password"
              error={errors?.off_password}
              required
            />
            <Button variant="warning">{t('identity.enrol.disable_submit')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}
