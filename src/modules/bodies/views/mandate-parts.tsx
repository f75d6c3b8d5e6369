/**
 * How mandates are said on every page: the role with the organisation, the period in years, and
 * the composition warnings shown to those who manage a body's mandates.
 */
import { NotificationBanner } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { warningMessage, type CompositionWarning } from '../composition.js';
import type { MandateView } from '../mandates.js';

/**
 * The role as people say it: an entity's member is its delegate ("Persona delegada de FCTC");
 * anyone sitting for an organisation is named with it, unless a column beside already says it.
 */
export function roleText(
  ctx: ViewContext,
  mandate: Pick<MandateView, 'college' | 'role' | 'organisation_short_name'>,
  options: { withOrganisation?: boolean } = {},
): string {
  const role = mandate.college === 'entity' && mandate.role === 'member' ? ctx.t('mandates.roles.delegate') : ctx.t(`mandates.roles.${mandate.role}`);
  if (mandate.organisation_short_name === null || options.withOrganisation === false) return role;
  return ctx.t('mandates.role_for', { role, organisation: mandate.organisation_short_name });
}

/** The last day a mandate holds: the day before `ends_on`, which is the first day it no longer does. */
function lastDayHeld(endsOn: string): string {
  const day = new Date(`${endsOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The period of a mandate in years, as the record says it: "2023–2025", "2024" (within one
 * year), "Des de 2023" (still held), "A partir del 3 de març de 2027" (not started yet).
 */
export function periodText(ctx: ViewContext, mandate: Pick<MandateView, 'starts_on' | 'ends_on'>, today: string): string {
  const from = mandate.starts_on.slice(0, 4);
  if (mandate.starts_on > today) return ctx.t('mandates.period.from_day', { date: ctx.formatDate(mandate.starts_on) });
  if (mandate.ends_on === null || mandate.ends_on > today) return ctx.t('mandates.period.since', { year: from });
  const to = lastDayHeld(mandate.ends_on).slice(0, 4);
  return to === from ? ctx.t('mandates.period.year', { year: from }) : ctx.t('mandates.period.years', { from, to });
}

/** The organisation a mandate is held for, linked to its page, or "A títol individual". */
export function OrganisationLink({ ctx, mandate }: { ctx: ViewContext; mandate: Pick<MandateView, 'organisation_id' | 'organisation_short_name' | 'organisation_name'> }) {
  if (mandate.organisation_id === null) return <>{ctx.t('mandates.individual')}</>;
  return (
    <a href={ctx.href(`/organisations/${mandate.organisation_id}`)}>
      {mandate.organisation_short_name ?? mandate.organisation_name ?? ''}
    </a>
  );
}

/** The person's public profile, linked by name; the pseudonym alone for a deleted account, which has none. */
export function PersonLink({ ctx, mandate }: { ctx: ViewContext; mandate: Pick<MandateView, 'person_id' | 'person_name' | 'person_deleted'> }) {
  if (mandate.person_deleted) return <>{mandate.person_name}</>;
  return <a href={ctx.href(`/people/${mandate.person_id}`)}>{mandate.person_name}</a>;
}

/**
 * The composition warnings as a banner, with the counts behind them: only for pages that those
 * who manage the body's mandates read (`bodies.mandates.manage`). Nothing when there are none.
 */
export function CompositionWarnings({ ctx, warnings, title, lead }: { ctx: ViewContext; warnings: readonly CompositionWarning[]; title: string; lead: string }) {
  if (warnings.length === 0) return null;
  return (
    <NotificationBanner kind="warning" title={title}>
      <p>{lead}</p>
      <ul>
        {warnings.map((warning) => (
          <li>{warningMessage(ctx.t, warning, 'managers')}</li>
        ))}
      </ul>
    </NotificationBanner>
  );
}
