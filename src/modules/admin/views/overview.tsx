/** The administration's front page: where each administrative task lives. */
import { NotificationBanner } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';

const SECTIONS = ['people', 'invitations', 'audit', 'outbox'] as const;

export function AdministrationPage({ ctx, smtpConfigured }: { ctx: ViewContext; smtpConfigured: boolean }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      <p class="lead">{t('admin.overview.lead')}</p>
      {smtpConfigured ? null : (
        <NotificationBanner kind="warning" title={t('admin.outbox.smtp.off_title')}>
          <p>
            {t('admin.outbox.smtp.off_body')} <a href={ctx.href('/admin/outbox')}>{t('admin.overview.outbox_link')}</a>
          </p>
        </NotificationBanner>
      )}
      <div class="grid">
        {SECTIONS.map((section) => (
          <section class="card" aria-labelledby={`admin-${section}`}>
            <h2 id={`admin-${section}`}>
              <a href={ctx.href(`/admin/${section}`)}>{t(`admin.overview.${section}.title`)}</a>
            </h2>
            <p>{t(`admin.overview.${section}.body`)}</p>
          </section>
        ))}
      </div>
    </Layout>
  );
}
