/**
 * The request's `ViewContext`, made available to ui-kit components without passing it to each
 * one: `Layout` and `Form` provide it, and fields and tables read it for their few words of
 * their own ("Error:", "(optional)", the table scroll hint). hono/jsx keeps it per request
 * (AsyncLocalStorage), so one request never reads another's language.
 */
import { createContext, useContext } from 'hono/jsx';
import { DEFAULT_LOCALE, translate, type Params } from '../i18n/index.js';
import type { ViewContext } from './context.js';

export const ViewContextProvider = createContext<ViewContext | null>(null);

/**
 * Translates a ui-kit message with the nearest `ViewContext`: the one passed explicitly, else
 * the one provided by `Layout`/`Form`, else Catalan (a partial rendered on its own).
 */
export function useTranslate(explicit?: ViewContext | undefined): (key: string, params?: Params) => string {
  const ctx = explicit ?? useContext(ViewContextProvider);
  if (ctx) return ctx.t;
  return (key, params) => translate(DEFAULT_LOCALE, key, params);
}
