/** A new password typed twice, with the rules said up front: shared by every form that sets one. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { TextField } from '../../../kernel/ui/components.js';

export function NewPasswordFields(props: { ctx: ViewContext; errors?: FieldErrors | undefined }) {
  const { ctx, errors } = props;
  const t = ctx.t;
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t('identity.fields.new_password')}
        hint={t('identity.fields.new_password_hint')}
        autocomplete="new-password"
        error={errors?.password}
        required
      />
      <TextField
        name="password_confirm"
        type="password"
        label={t('identity.fields.password_confirm')}
        autocomplete="new-password"
        error={errors?.password_confirm}
        required
      />
    </>
  );
}
