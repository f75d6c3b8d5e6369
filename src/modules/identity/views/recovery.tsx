/** The password-reset pages: ask for a link, "check your e-mail", and choose a new password. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../../kernel/ui/components.js';
import { NewPasswordFields } from './password-fields.js';

export function ResetRequestPage(props: { ctx: ViewContext; email?: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.reset.title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.reset.title')}</h1>
      <p>{t('identity.reset.lead')}</p>
      <Form ctx={ctx} action={ctx.href('/password-reset')}>
        <TextField
          name="email"
          type="email"
          label={t('identity.fields.email')}
          autocomplete="email"
          spellcheck={false}
          value={props.email}
          error={errors?.email}
          required
        />
        <Button>{t('identity.reset.submit')}</Button>
      </Form>
      <p>
        <a href={ctx.href('/sign-in')}>{t('identity.reset.back_to_sign_in')}</a>
      </p>
    </Layout>
  );
}

/** The same answer whether the address has an account or not. */
export function ResetSentPage(props: { ctx: ViewContext }) {
  const t = props.ctx.t;
  return (
    <Layout ctx={props.ctx} title={t('identity.reset.sent_title')}>
      <h1>{t('identity.reset.sent_title')}</h1>
      <p class="lead">{t('identity.reset.sent_lead')}</p>
      <p>{t('identity.reset.sent_hint')}</p>
      <p>
        <a href={props.ctx.href('/password-reset')}>{t('identity.reset.try_again')}</a>
      </p>
    </Layout>
  );
}

export function NewPasswordPage(props: { ctx: ViewContext; token: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.reset.new_title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.reset.new_title')}</h1>
      <p>{t('identity.reset.new_lead')}</p>
      <Form ctx={ctx} action={ctx.href(`/password-reset/${props.token}`)}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Button>{t('identity.reset.new_submit')}</Button>
      </Form>
    </Layout>
  );
}
