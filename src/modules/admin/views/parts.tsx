/** Small pieces every administration page shares: breadcrumbs, role, status and 2FA tags. */
import type { Crumb } from '../../../kernel/ui/components.js';
import { Tag, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';

/** Each language named in itself, as the language switcher names them. */
export const LANGUAGE_NAMES: Record<string, string> = { ca: 'Català', es: 'Español', en: 'English' };

/** Breadcrumbs starting at the administration's overview; the last item is the current page. */
export function adminCrumbs(ctx: ViewContext, items: Crumb[]): Crumb[] {
  return [{ label: ctx.t('admin.title'), href: ctx.href('/admin') }, ...items];
}

/** A person's global roles as tags, or a dash when they have none. */
export function RoleTags({ ctx, roles }: { ctx: ViewContext; roles: readonly string[] }) {
  if (roles.length === 0) return <span>{ctx.t('admin.roles.none')}</span>;
  return (
    <span>
      {roles.map((role, index) => (
        <>
          {index > 0 ? ' ' : null}
          <Tag kind="info">{ctx.t(`admin.roles.${role}`)}</Tag>
        </>
      ))}
    </span>
  );
}

const STATUS_KIND: Record<string, TagKind> = { active: 'success', disabled: 'danger', deleted: 'neutral', invited: 'warning' };

/** Where an account is: active, invited (no password yet), disabled or deleted. */
export function AccountStatusTag({ ctx, status, invitationPending }: { ctx: ViewContext; status: string; invitationPending?: boolean }) {
  const shown = invitationPending ? 'invited' : status;
  return <Tag kind={STATUS_KIND[shown] ?? 'neutral'}>{ctx.t(`admin.status.${shown}`)}</Tag>;
}

/** Two-step verification on or off; off is a warning for those whose role requires it. */
export function TwoFactorTag({ ctx, enabled, required }: { ctx: ViewContext; enabled: boolean; required: boolean }) {
  if (enabled) return <Tag kind="success">{ctx.t('admin.two_factor.on')}</Tag>;
  return <Tag kind={required ? 'warning' : 'neutral'}>{ctx.t(required ? 'admin.two_factor.owed' : 'admin.two_factor.off')}</Tag>;
}

/** A date and time as people read it, inside `<time>` for machines. */
export function When({ ctx, at, style = 'shortTime' }: { ctx: ViewContext; at: Date; style?: 'short' | 'shortTime' | 'longTime' }) {
  return <time datetime={at.toISOString()}>{ctx.formatDate(at, style)}</time>;
}

/** A query string from the filters that are set, e.g. `?q=nuria&page=2`; '' when none is. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
