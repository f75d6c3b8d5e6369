/** Builds the `ViewContext` a page renders with, from the request. */
import { formatDate, formatNumber, translator } from '../i18n/index.js';
import { allows } from '../policy.js';
import type { NavEntry, ViewContext } from '../ui/context.js';
import type { AppContext } from './env.js';
import type { NavItem } from './module.js';

let navigation: NavItem[] = [];

/** Called once by the app with every module's navigation entries. */
export function setNavigation(items: NavItem[]): void {
  navigation = [...items].sort((a, b) => a.order - b.order);
}

/** The path after the locale prefix: `/ca/account` → `/account`. */
export function pathWithoutLocale(pathname: string): string {
  const stripped = pathname.replace(/^\/(ca|es|en)(?=\/|$)/, '');
  return stripped === '' ? '/' : stripped;
}

/** The view context of this request. */
export function viewContext(c: AppContext): ViewContext {
  const locale = c.get('locale');
  const actor = c.get('actor');
  const url = new URL(c.req.url);
  const nav: NavEntry[] = navigation.filter((item) => allows(item.policy, actor, undefined)).map(({ path, labelKey }) => ({ path, labelKey }));
  return {
    locale,
    t: translator(locale),
    path: pathWithoutLocale(url.pathname),
    search: url.search,
    user: actor ? { id: actor.id, name: actor.name, roles: actor.roles } : null,
    csrfToken: c.get('csrfToken') ?? '',
    flash: c.get('flash') ?? null,
    nav,
    href: (path: string) => `/${locale}${path === '/' ? '' : path}`,
    formatDate: (value, style) => formatDate(locale, value, style),
    formatNumber: (value) => formatNumber(locale, value),
  };
}
