/** Cookie names and options in one place: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
import type { CookieOptions } from 'hono/utils/cookie';
import type { AppContext } from './env.js';

export const SESSION_COOKIE = 'teixit_session';
/** Binds a visitor's CSRF token before they have a session. */
export const VISITOR_COOKIE = 'teixit_visitor';
export const FLASH_COOKIE = 'teixit_flash';

/** Is the request on HTTPS (directly, or via a trusted proxy)? */
export function isHttps(c: AppContext): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.get('services').config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
}

export function cookieOptions(c: AppContext, extra: Partial<CookieOptions> = {}): CookieOptions {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), ...extra };
}
