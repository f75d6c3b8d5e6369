/** The session cookie, set in one place for every way of getting a session (sign-in, invitation, setup). */
import { setCookie } from 'hono/cookie';
import { cookieOptions, SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { refreshCsrfToken } from '../../kernel/http/csrf.js';
import type { AppContext } from '../../kernel/http/env.js';

/** Sets the new session's cookie and gives this response's forms a CSRF token bound to it. */
export function setSessionCookie(c: AppContext, token: string): void {
  const maxAge = c.get('services').config.sessionMaxDays * 24 * 3600;
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, { maxAge }));
  refreshCsrfToken(c, token);
}
