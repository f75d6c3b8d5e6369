/**
 * "Check your answers" before deleting the account: what goes, what stays, that it cannot be
 * undone, a last chance to download the data, and the password to confirm.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonGroup, ErrorSummary, Form, NotificationBanner, SummaryList, TextField } from '../../../kernel/ui/components.js';
import type { SessionAccount } from '../../../kernel/http/env.js';
import { DownloadForm } from './account-page.js';
import { accountCrumbs, BackToAccount } from './shared.js';

export function DeleteAccountPage(props: { ctx: ViewContext; user: SessionAccount; lastAdmin: boolean; errors?: FieldErrors | undefined }) {
  const { ctx, user, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.delete.title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.delete.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('account.delete.title')}</h1>
      <p class="lead">{t('account.delete.check_lead')}</p>
      <SummaryList
        rows={[
          { key: t('account.delete.account'), value: `${user.name} (${user.email ?? ''})` },
          { key: t('account.delete.what_goes'), value: t('account.delete.what_goes_text') },
          { key: t('account.delete.what_stays'), value: t('account.delete.what_stays_text') },
          { key: t('account.delete.undo'), value: t('account.delete.undo_text') },
        ]}
      />
      <h2>{t('account.delete.download_first_title')}</h2>
      <p>{t('account.delete.download_first')}</p>
      <DownloadForm ctx={ctx} />
      <h2>{t('account.delete.confirm_title')}</h2>
      {props.lastAdmin ? (
        <NotificationBanner kind="warning" title={t('account.delete.last_admin_title')}>
          <p>{t('account.delete.last_admin')}</p>
          <p>
            <BackToAccount ctx={ctx} />
          </p>
        </NotificationBanner>
      ) : (
        <Form ctx={ctx} action={ctx.href('/account/delete')}>
          <TextField
            name="password"
            type="password"
            label={t('account.delete.password_label')}
            autocomplete="current-password"
            error={errors?.password}
            required
          />
          <ButtonGroup>
            <Button variant="warning">{t('account.delete.submit')}</Button>
            <BackToAccount ctx={ctx} />
          </ButtonGroup>
        </Form>
      )}
    </Layout>
  );
}
