/**
 * Changing the password. When the form is sent back with a mistake, the password fields come
 * back empty on purpose: a password is never written into a page.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonGroup, ErrorSummary, Form, TextField } from '../../../kernel/ui/components.js';
import { accountCrumbs, BackToAccount } from './shared.js';

export function PasswordPage({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.password.title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.password.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('account.password.title')}</h1>
      <p>{t('account.password.lead')}</p>
      <Form ctx={ctx} action={ctx.href('/account/password')}>
        <TextField name="current_password" type="password" label={t('account.password.current')} autocomplete="current-password" error={errors?.current_password} required />
        <TextField
          name="new_password"
          type="password"
          label={t('account.password.new')}
          hint={t('account.password.new_hint')}
          autocomplete="new-password"
          error={errors?.new_password}
          required
        />
        <TextField
          name="new_password_confirmation"
          type="password"
          label={t('account.password.confirmation')}
          autocomplete="new-password"
          error={errors?.new_password_confirmation}
          required
        />
        <ButtonGroup>
          <Button>{t('account.password.submit')}</Button>
          <BackToAccount ctx={ctx} />
        </ButtonGroup>
      </Form>
    </Layout>
  );
}
