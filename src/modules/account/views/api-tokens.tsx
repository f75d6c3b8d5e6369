/** Creating an API token: a name for it, then the token itself, shown this once. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonGroup, ButtonLink, ErrorSummary, Form, NotificationBanner, TextField } from '../../../kernel/ui/components.js';
import { accountCrumbs, BackToAccount } from './shared.js';

export function NewTokenPage({ ctx, name, errors }: { ctx: ViewContext; name?: string | undefined; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.tokens.new_title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.tokens.new_title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={ctx.href('/account/tokens')}>
        <TextField
          name="name"
          label={t('account.tokens.new_title')}
          pageHeading
          hint={t('account.tokens.name_hint')}
          maxlength={100}
          autocomplete="off"
          value={name}
          error={errors?.name}
          required
        />
        <p>{t('account.tokens.new_lead')}</p>
        <ButtonGroup>
          <Button>{t('account.tokens.submit')}</Button>
          <BackToAccount ctx={ctx} />
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

export function TokenCreatedPage({ ctx, name, token, apiUrl }: { ctx: ViewContext; name: string; token: string; apiUrl: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.tokens.created_title')} breadcrumbs={accountCrumbs(ctx, t('account.tokens.created_title'))}>
      <h1>{t('account.tokens.created_title')}</h1>
      <NotificationBanner kind="warning" title={t('account.tokens.copy_now_title')} live>
        <p>{t('account.tokens.copy_now', { name })}</p>
      </NotificationBanner>
      <h2>{t('account.tokens.your_token')}</h2>
      <pre tabindex={0}>
        <code>{token}</code>
      </pre>
      <h2>{t('account.tokens.how_title')}</h2>
      <p>{t('account.tokens.how')}</p>
      <pre tabindex={0}>
        <code>{`curl -H "Authorization: Bearer ${token}" \\
  ${apiUrl}/me`}</code>
      </pre>
      <ButtonLink href={ctx.href('/account')}>{t('account.tokens.done')}</ButtonLink>
    </Layout>
  );
}
