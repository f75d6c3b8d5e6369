/**
 * "My bodies" in My space: where the person sits now, with their role, and a link to their
 * profile; for those who manage mandates, the bodies whose composition has warnings.
 */
import { LocalizedText, Table } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { WatchedBody } from '../composition.js';
import type { PersonMandate } from '../people.js';
import { bodyHref } from './body-parts.js';
import { periodText, roleText } from './mandate-parts.js';

export function MyBodies({ ctx, mandates, today }: { ctx: ViewContext; mandates: PersonMandate[]; today: string }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={t('mandates.my_bodies.caption')}
      captionHidden
      rowHeaders
      head={[t('mandates.profile.body'), t('mandates.profile.role'), t('mandates.profile.period')]}
      rows={mandates.map((m) => [
        <LocalizedText value={m.body_name} locale={ctx.locale} as="a" href={bodyHref(ctx, { slug: m.body_slug })} />,
        roleText(ctx, m),
        periodText(ctx, m, today),
      ])}
    />
  );
}

/** The bodies whose composition has warnings, each linked to its mandates page. */
export function BodiesToWatch({ ctx, bodies }: { ctx: ViewContext; bodies: WatchedBody[] }) {
  return (
    <>
      <p>{ctx.t('mandates.my_bodies.warnings_lead')}</p>
      <ul>
        {bodies.map((body) => (
          <li>
            <LocalizedText value={body.name} locale={ctx.locale} as="a" href={ctx.href(`/bodies/${body.slug}/mandates`)} />
            {': '}
            {ctx.t('mandates.my_bodies.warnings_count', { count: body.warnings })}
          </li>
        ))}
      </ul>
    </>
  );
}
