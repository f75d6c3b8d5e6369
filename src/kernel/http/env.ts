/** The Hono environment every route sees: request id, language, the person and the services. */
import type { Context } from 'hono';
import type { Locale } from '../i18n/index.js';
import type { Actor, GlobalRole } from '../policy.js';
import type { RequestScope, Services } from '../services.js';
import type { Flash } from '../ui/context.js';

/** The signed-in state of a cookie session, as the identity module resolves it. */
export interface SessionState {
  id: number;
  userId: number;
  /** The person has TOTP on and has not yet given a code in this session. */
  mfaPending: boolean;
  /** The person's role requires 2FA and they have not enrolled yet. */
  mfaEnrollmentRequired: boolean;
  /** The person's saved language. */
  locale: Locale;
  /** The person's account as this request's session lookup read it. */
  account: SessionAccount;
}

/**
 * What the session lookup reads of the signed-in person, beyond the actor: pages that show the
 * person's own account use it instead of reading the same row again. It is read at the start of
 * each request, so it is as fresh as a read in the handler. No secrets (password hash, TOTP
 * secret), and no language: a GET may save the page's language as the person's after the lookup.
 * Named as the users table's columns, so an account row read from the database fits too.
 */
export interface SessionAccount {
  id: number;
  name: string;
  email: string | null;
  roles: GlobalRole[];
  gender: string | null;
  email_verified_at: Date | null;
  totp_enabled_at: Date | null;
}

export interface AppVariables {
  requestId: string;
  locale: Locale;
  services: Services;
  actor: Actor | null;
  session: SessionState | null;
  /** How the actor was identified: a browser session, an API token, or nobody. */
  authVia: 'session' | 'token' | 'none';
  csrfToken: string;
  flash: Flash | null;
  clientIp: string;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;

/** The scope a command or query runs in, from the request. */
export function scopeOf(c: AppContext): RequestScope {
  return {
    services: c.get('services'),
    actor: c.get('actor'),
    locale: c.get('locale'),
    requestId: c.get('requestId'),
    ip: c.get('clientIp'),
  };
}
