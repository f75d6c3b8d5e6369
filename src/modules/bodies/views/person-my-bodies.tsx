/** "My bodies" in My space: where the person sits now, with their role, and a link to their profile. */
import { LocalizedText, Table } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
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
