/** The session cookie, set in one place for every way of getting a session (sign-in, invitation, setup). */
import { getCookie, setCookie } from 'hono/cookie';
import { cookieOptions, SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { refreshCsrfToken } from '../../kernel/http/csrf.js';
import type { AppContext } from '../../kernel/http/env.js';

/** Sets the new session's cookie and gives this response's forms a CSRF token bound to it. */
export function setSessionCookie(c: AppContext, token: string): void {
  const maxAge = c.get('services').config.sessionMaxDays * 24 * 3600;
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, { maxAge }));
  refreshCsrfToken(c, token);
}

/** What a command that opens a session needs from the request (never taken from the form). */
export function clientOf(c: AppContext): { user_agent: string | null; previous_cookie: string | null } {
  return { user_agent: c.req.header('user-agent') ?? null, previous_cookie: getCookie(c, SESSION_COOKIE) ?? null };
}
