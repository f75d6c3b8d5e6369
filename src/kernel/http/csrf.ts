/**
 * CSRF protection for every cookie-authenticated write (and the sign-in form): a token bound to
 * the session — or, before sign-in, to a random visitor cookie — signed with the secret, sent
 * back in the form field `_csrf` or the `X-CSRF-Token` header. The Origin header, when present,
 * must be our own as well.
 */
import { getCookie, setCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import { randomToken, safeEqual, sign } from '../crypto.js';
import { AppError } from '../errors.js';
import { cookieOptions, SESSION_COOKIE, VISITOR_COOKIE } from './cookies.js';
import type { AppContext, AppEnv } from './env.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bindingOf(c: AppContext): string {
  const session = getCookie(c, SESSION_COOKIE);
  if (session) return `s:${session}`;
  let visitor = getCookie(c, VISITOR_COOKIE);
  if (!visitor || !/^[A-Za-z0-9_-]{20,64}$/.test(visitor)) {
    visitor = randomToken(18);
    setCookie(c, VISITOR_COOKIE, visitor, cookieOptions(c, { maxAge: 60 * 60 * 24 * 30 }));
  }
  return `v:${visitor}`;
}

/** The token for forms rendered in this request. */
export function csrfTokenFor(c: AppContext, binding = bindingOf(c)): string {
  return sign(c.get('services').secret, `csrf|${binding}`);
}

/** Gives the request its CSRF token and refuses unsafe requests without a valid one. */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const binding = bindingOf(c);
    const expected = csrfTokenFor(c, binding);
    c.set('csrfToken', expected);
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin && origin !== c.get('services').config.publicUrl) {
        throw new AppError('csrf_failed');
      }
      let sent = c.req.header('x-csrf-token');
      if (!sent) {
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
          const body = await c.req.parseBody();
          const field = body._csrf;
          sent = typeof field === 'string' ? field : undefined;
        }
      }
      if (!sent || !safeEqual(sent, expected)) throw new AppError('csrf_failed');
    }
    await next();
  };
}

/** Call after the session cookie changed (sign-in, sign-out) so new forms carry a fresh token. */
export function refreshCsrfToken(c: AppContext, sessionCookieValue: string | null): void {
  c.set('csrfToken', csrfTokenFor(c, sessionCookieValue ? `s:${sessionCookieValue}` : bindingOf(c)));
}
