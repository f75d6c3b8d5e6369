/**
 * A person's public profile: their name, current and past mandates ("2023–2025 · Persona
 * delegada de FCTC · Àmbit Participat") and the organisations they have sat for. Nothing else:
 * no e-mail, phone or gender, ever.
 */
import { EmptyState, LocalizedText, Table } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { PersonMandate, PublicProfile } from '../people.js';
import { bodyHref } from './body-parts.js';
import { periodText, roleText } from './mandate-parts.js';

function MandatesTable({ ctx, caption, mandates, today }: { ctx: ViewContext; caption: string; mandates: PersonMandate[]; today: string }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={caption}
      captionHidden
      rowHeaders
      head={[t('mandates.profile.period'), t('mandates.profile.role'), t('mandates.profile.body'), t('mandates.profile.college')]}
      rows={mandates.map((m) => [
        periodText(ctx, m, today),
        roleText(ctx, m),
        <LocalizedText value={m.body_name} locale={ctx.locale} as="a" href={bodyHref(ctx, { slug: m.body_slug })} />,
        t(`mandates.colleges.${m.college}`),
      ])}
    />
  );
}

export function PersonProfilePage({ ctx, profile, today }: { ctx: ViewContext; profile: PublicProfile; today: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={profile.person.name}>
      <h1>{profile.person.name}</h1>
      <p class="lead">{t('mandates.profile.lead')}</p>

      <h2>{t('mandates.profile.current_title')}</h2>
      {profile.current.length === 0 ? (
        <EmptyState title={t('mandates.profile.current_empty')} level={3} />
      ) : (
        <MandatesTable ctx={ctx} caption={t('mandates.profile.current_caption')} mandates={profile.current} today={today} />
      )}

      <h2>{t('mandates.profile.organisations_title')}</h2>
      {profile.organisations.length === 0 ? (
        <p>{t('mandates.profile.organisations_empty')}</p>
      ) : (
        <ul>
          {profile.organisations.map((o) => (
            <li>
              <a href={ctx.href(`/organisations/${o.id}`)}>{o.short_name}</a>
              {o.name !== o.short_name ? <> — {o.name}</> : null}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('mandates.profile.past_title')}</h2>
      {profile.past.length === 0 ? (
        <p>{t('mandates.profile.past_empty')}</p>
      ) : (
        <MandatesTable ctx={ctx} caption={t('mandates.profile.past_caption')} mandates={profile.past} today={today} />
      )}
    </Layout>
  );
}
