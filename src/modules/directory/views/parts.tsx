/** Small pieces the directory's pages share: levels and families in words, links, breadcrumbs. */
import type { Crumb } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { OrganisationKind, OrganisationLevel } from '../tables.js';

/** "Nivell 2 · federació o xarxa", or "Unitat de l'Ajuntament" for a council unit. */
export function levelText(ctx: ViewContext, o: { kind: OrganisationKind; level: OrganisationLevel | null }): string {
  if (o.kind === 'administration' || o.level === null) return ctx.t('directory.kinds.administration');
  return ctx.t(`directory.levels.${o.level}`);
}

/** A family code in words; a code outside the fixed list (older data) as it is. */
export function familyText(ctx: ViewContext, family: string): string {
  const key = `directory.families.${family}`;
  const text = ctx.t(key);
  return text === key ? family : text;
}

/** A district code in words; a value outside the fixed list (older data) as it is. */
export function districtText(ctx: ViewContext, district: string): string {
  const key = `directory.districts.${district}`;
  const text = ctx.t(key);
  return text === key ? district : text;
}

/** Breadcrumbs starting at the directory; the last item is the current page. */
export function directoryCrumbs(ctx: ViewContext, items: Crumb[]): Crumb[] {
  return [{ label: ctx.t('directory.title'), href: ctx.href('/organisations') }, ...items];
}

/** The path of an organisation's page, without the locale. */
export const organisationPath = (id: number) => `/organisations/${id}`;

/** A query string from the parameters that are set, e.g. `?q=coop&page=2`; '' when none is. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
