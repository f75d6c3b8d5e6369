/** Parts the account pages share: breadcrumbs back to the account, and the names of things. */
import type { Crumb } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { AccountLocale } from '../../identity/index.js';

/** Each language named in itself, so a person who cannot read the current one finds theirs. */
export const LANGUAGE_NAMES: Record<AccountLocale, string> = { ca: 'Català', es: 'Español', en: 'English' };

/** My space › Your account › `current` (the last crumb is the page itself). */
export function accountCrumbs(ctx: ViewContext, current?: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: ctx.t('account.my_space.title_short'), href: ctx.href('/me') }];
  crumbs.push(current === undefined ? { label: ctx.t('account.page.title') } : { label: ctx.t('account.page.title'), href: ctx.href('/account') });
  if (current !== undefined) crumbs.push({ label: current });
  return crumbs;
}

/** "Torna al compte", under a form, for leaving without changing anything. */
export function BackToAccount({ ctx }: { ctx: ViewContext }) {
  return <a href={ctx.href('/account')}>{ctx.t('account.back')}</a>;
}
