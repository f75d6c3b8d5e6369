/** Open sign-up (when the platform allows it): name, e-mail and password, then "check your e-mail". */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../../kernel/ui/components.js';

export function SignUpPage(props: { ctx: ViewContext; name?: string; email?: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.sign_up.title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.sign_up.title')}</h1>
      <p>{t('identity.sign_up.lead')}</p>
      <Form ctx={ctx} action={ctx.href('/sign-up')}>
        <TextField name="name" label={t('identity.fields.name')} autocomplete="name" value={props.name} error={errors?.name} required />
        <TextField
          name="email"
          type="email"
          label={t('identity.fields.email')}
          hint={t('identity.sign_up.email_hint')}
          autocomplete="email"
          spellcheck={false}
          value={props.email}
          error={errors?.email}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t('identity.fields.password')}
          hint={t('identity.fields.new_password_hint')}
          autocomplete="new-password"
          error={errors?.password}
          required
        />
        <Button>{t('identity.sign_up.submit')}</Button>
      </Form>
      <p>
        {t('identity.sign_up.have_account')} <a href={ctx.href('/sign-in')}>{t('identity.sign_in.title')}</a>
      </p>
    </Layout>
  );
}

/** The same answer whether the address was new or already had an account. */
export function SignUpSentPage(props: { ctx: ViewContext }) {
  const t = props.ctx.t;
  return (
    <Layout ctx={props.ctx} title={t('identity.sign_up.sent_title')}>
      <h1>{t('identity.sign_up.sent_title')}</h1>
      <p class="lead">{t('identity.sign_up.sent_lead')}</p>
      <p>{t('identity.sign_up.sent_hint')}</p>
    </Layout>
  );
}
