/** The sign-in pages: e-mail and password, then the second factor when the person has one. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../../kernel/ui/components.js';

export function SignInPage(props: { ctx: ViewContext; email?: string; next?: string; errors?: FieldErrors; openSignup: boolean }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.sign_in.title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.sign_in.title')}</h1>
      <Form ctx={ctx} action={ctx.href('/sign-in')}>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="email"
          type="email"
          label={t('identity.fields.email')}
          autocomplete="username"
          spellcheck={false}
          value={props.email}
          error={errors?.email}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t('identity.fields.password')}
          autocomplete="current-password"
          error={errors?.password}
          required
        />
        <Button>{t('identity.sign_in.submit')}</Button>
      </Form>
      <p>
        <a href={ctx.href('/password-reset')}>{t('identity.sign_in.forgot')}</a>
      </p>
      {props.openSignup ? (
        <p>
          {t('identity.sign_in.no_account')} <a href={ctx.href('/sign-up')}>{t('identity.sign_in.sign_up')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function SecondFactorPage(props: { ctx: ViewContext; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.two_factor.step_title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.two_factor.step_title')}</h1>
      <p>{t('identity.two_factor.step_lead')}</p>
      <Form ctx={ctx} action={ctx.href('/sign-in/two-factor')}>
        <TextField
          name="code"
          label={t('identity.two_factor.code_label')}
          hint={t('identity.two_factor.code_hint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
          width="medium"
          error={errors?.code}
          required
        />
        <Button>{t('identity.two_factor.verify')}</Button>
      </Form>
      <Form ctx={ctx} action={ctx.href('/sign-out')}>
        <Button variant="secondary">{t('identity.sign_out.cancel_sign_in')}</Button>
      </Form>
    </Layout>
  );
}
