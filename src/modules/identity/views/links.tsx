/** What a person sees when an e-mailed link cannot be used: why, and what to do instead. */
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { ButtonLink } from '../../../kernel/ui/components.js';
import type { LinkProblem } from '../links.js';

/** The link's use, which decides the way forward the page offers. */
export type LinkUse = 'reset' | 'verify' | 'invite' | 'setup';

export function LinkProblemPage(props: { ctx: ViewContext; reason: LinkProblem; use: LinkUse }) {
  const { ctx, reason, use } = props;
  const t = ctx.t;
  const title = t(`identity.links.${reason}_title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(`identity.links.problem.${reason}`)}</p>
      <p>{t(`identity.links.next.${use}`)}</p>
      {use === 'reset' ? (
        <ButtonLink href={ctx.href('/password-reset')}>{t('identity.links.ask_again')}</ButtonLink>
      ) : use === 'verify' ? (
        <ButtonLink href={ctx.href(ctx.user ? '/account' : '/sign-in')}>{t(ctx.user ? 'identity.links.to_account' : 'identity.links.to_sign_in')}</ButtonLink>
      ) : (
        <ButtonLink href={ctx.href('/sign-in')}>{t('identity.links.to_sign_in')}</ButtonLink>
      )}
    </Layout>
  );
}
