/** The first administrator's account, created from the link printed when the platform starts empty. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../../kernel/ui/components.js';
import { NewPasswordFields } from './password-fields.js';

export function SetupPage(props: { ctx: ViewContext; token: string; name?: string; email?: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.setup.title')} hasErrors={!!errors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('identity.setup.title')}</h1>
      <p class="lead">{t('identity.setup.lead')}</p>
      <Form ctx={ctx} action={ctx.href(`/setup/${props.token}`)}>
        <TextField name="name" label={t('identity.fields.name')} autocomplete="name" value={props.name} error={errors?.name} required />
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
        <NewPasswordFields ctx={ctx} errors={errors} />
        <p>{t('identity.setup.two_factor_next')}</p>
        <Button>{t('identity.setup.submit')}</Button>
      </Form>
    </Layout>
  );
}
