/** The page a verification link opens once the address is confirmed. */
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { ButtonLink } from '../../../kernel/ui/components.js';

export function EmailVerifiedPage(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('identity.verify.done_title')}>
      <h1>{t('identity.verify.done_title')}</h1>
      <p class="lead">{t('identity.verify.done_lead')}</p>
      {ctx.user ? (
        <ButtonLink href={ctx.href('/me')}>{t('identity.verify.continue')}</ButtonLink>
      ) : (
        <ButtonLink href={ctx.href('/sign-in')}>{t('identity.links.to_sign_in')}</ButtonLink>
      )}
    </Layout>
  );
}
