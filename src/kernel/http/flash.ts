/**
 * One-time messages after an action ("La reunió s'ha convocat"), carried across the redirect in
 * a short-lived cookie. Only a catalog key and its parameters travel, never free text.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasMessage, translate } from '../i18n/index.js';
import type { Flash } from '../ui/context.js';
import { cookieOptions, FLASH_COOKIE } from './cookies.js';
import type { AppContext } from './env.js';

interface StoredFlash {
  kind: Flash['kind'];
  key: string;
  params?: Record<string, string | number>;
}

/** Sets the message the next page shows. */
export function setFlash(c: AppContext, kind: Flash['kind'], key: string, params?: Record<string, string | number>): void {
  const value = Buffer.from(JSON.stringify({ kind, key, params } satisfies StoredFlash)).toString('base64url');
  setCookie(c, FLASH_COOKIE, value, cookieOptions(c, { maxAge: 60 }));
}

/** Reads and clears the pending message, translated into the request's language. */
export function takeFlash(c: AppContext): Flash | null {
  const value = getCookie(c, FLASH_COOKIE);
  if (!value) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    const stored = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as StoredFlash;
    if (!['success', 'info', 'warning', 'error'].includes(stored.kind) || !hasMessage(stored.key)) return null;
    const params = Object.fromEntries(
      Object.entries(stored.params ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    );
    return { kind: stored.kind, message: translate(c.get('locale'), stored.key, params) };
  } catch {
    return null;
  }
}
