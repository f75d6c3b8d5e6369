/**
 * What every view receives about the request: language, the signed-in person, the CSRF token,
 * the flash message and navigation. Views are pure functions of this and their data.
 */
import type { DateStyle, Locale, Translate } from '../i18n/index.js';

export interface ViewUser {
  id: number;
  name: string;
  roles: string[];
}

export interface Flash {
  kind: 'success' | 'info' | 'warning' | 'error';
  message: string;
}

export interface NavEntry {
  /** Path without the locale prefix, e.g. `/bodies`. */
  path: string;
  /** Catalog key of the label. */
  labelKey: string;
}

export interface ViewContext {
  locale: Locale;
  t: Translate;
  /** The current path without the locale prefix (`/account`), for the language switcher. */
  path: string;
  /** The query string of the current request, including `?`, or ''. */
  search: string;
  user: ViewUser | null;
  csrfToken: string;
  flash: Flash | null;
  /** Main navigation entries the person may see. */
  nav: NavEntry[];
  /** A locale-prefixed href: `href('/account')` → `/ca/account`. */
  href(path: string): string;
  formatDate(value: Date | string, style?: DateStyle): string;
  formatNumber(value: number): string;
}
