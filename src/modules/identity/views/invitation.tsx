/** Accepting an invitation: the invited person confirms their name and chooses a password. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ErrorSummary, Form, SummaryList, TextField } from '../../../kernel/ui/components.js';
import { NewPasswordFields } from './password-fields.js';

export function AcceptInvitationPage(props: { ctx: ViewContext; token: string; email: string; name: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.invitation.title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.invitation.title')}</h1>
      <p class="lead">{t('identity.invitation.lead')}</p>
      <SummaryList rows={[{ key: t('identity.fields.email'), value: props.email }]} />
      <Form ctx={ctx} action={ctx.href(`/invitation/${props.token}`)}>
        <TextField
          name="name"
          label={t('identity.fields.name')}
          hint={t('identity.invitation.name_hint')}
          autocomplete="name"
          value={props.name}
          error={errors?.name}
          required
        />
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Button>{t('identity.invitation.submit')}</Button>
      </Form>
    </Layout>
  );
}
