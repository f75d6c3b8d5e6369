/** Views of the site's own pages. */
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { ButtonLink } from '../../../kernel/ui/components.js';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('site.home.title')}>
      <h1>{t('site.home.title')}</h1>
      <p class="lead">{t('site.home.lead')}</p>
      <p>{t('site.home.what')}</p>
      <h2>{t('site.home.functions_title')}</h2>
      <ul>
        <li>{t('site.home.function_contrast')}</li>
        <li>{t('site.home.function_policies')}</li>
        <li>{t('site.home.function_groups')}</li>
      </ul>
      {ctx.user ? (
        <ButtonLink href={ctx.href('/me')}>{t('site.home.go_to_my_space')}</ButtonLink>
      ) : (
        <>
          <h2>{t('site.home.take_part_title')}</h2>
          <p>{t('site.home.take_part')}</p>
          <ButtonLink href={ctx.href('/sign-in')}>{t('site.home.sign_in')}</ButtonLink>
        </>
      )}
    </Layout>
  );
}

export function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('site.accessibility.title')}>
      <h1>{t('site.accessibility.title')}</h1>
      <p>{t('site.accessibility.commitment')}</p>
      <h2>{t('site.accessibility.status_title')}</h2>
      <p>{t('site.accessibility.status')}</p>
      <h2>{t('site.accessibility.how_title')}</h2>
      <ul>
        <li>{t('site.accessibility.how_keyboard')}</li>
        <li>{t('site.accessibility.how_zoom')}</li>
        <li>{t('site.accessibility.how_languages')}</li>
        <li>{t('site.accessibility.how_nojs')}</li>
      </ul>
      <h2>{t('site.accessibility.feedback_title')}</h2>
      <p>{t('site.accessibility.feedback')}</p>
      <p>
        <a href="mailto:accessibilitat@teixit.localhost">accessibilitat@teixit.localhost</a>
      </p>
      <h2>{t('site.accessibility.enforcement_title')}</h2>
      <p>{t('site.accessibility.enforcement')}</p>
    </Layout>
  );
}

export function PrivacyPage({ ctx }: { ctx: ViewContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('site.privacy.title')}>
      <h1>{t('site.privacy.title')}</h1>
      <p>{t('site.privacy.lead')}</p>
      <h2>{t('site.privacy.public_title')}</h2>
      <p>{t('site.privacy.public')}</p>
      <h2>{t('site.privacy.private_title')}</h2>
      <p>{t('site.privacy.private')}</p>
      <h2>{t('site.privacy.rights_title')}</h2>
      <p>{t('site.privacy.rights')}</p>
    </Layout>
  );
}
