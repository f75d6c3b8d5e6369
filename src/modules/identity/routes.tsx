/** HTTP for signing in and out, and the second-factor step. Thin: the rules live in the services. */
import { deleteCookie, getCookie } from 'hono/cookie';
import { isAppError } from '../../kernel/errors.js';
import { SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess, signedIn } from '../../kernel/policy.js';
import { definePolicy } from '../../kernel/policy.js';
import { safeNext, signIn, signOut } from './sign-in.js';
import { setSessionCookie } from './session-cookie.js';
import { passSecondFactor } from './two-factor.js';
import { SecondFactorPage, SignInPage } from './views/sign-in.js';

/** Someone who has a session but still owes their second factor. */
export const pendingSecondFactor = definePolicy<void>('identity.second_factor', { requiresSignIn: false }, () => true);

/**
 * Where a person lands once signed in: their space in the language they chose last (remembered
 * on their account), not the language the sign-in page happened to be shown in.
 */
const home = (c: AppContext, locale: Locale = c.get('session')?.locale ?? c.get('locale')) => `/${locale}/me`;

export const identityRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/sign-in',
    policy: publicAccess,
    duringMfa: true,
    handler: (c) => {
      if (c.get('actor')) return c.redirect(safeNext(c.req.query('next'), home(c)), 303);
      return c.html(<SignInPage ctx={viewContext(c)} next={c.req.query('next')} openSignup={c.get('services').config.openSignup} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/sign-in',
    policy: publicAccess,
    duringMfa: true,
    handler: async (c) => {
      const form = await readForm(c);
      const next = formString(form, 'next');
      try {
        const result = await signIn(scopeOf(c), form, { userAgent: c.req.header('user-agent') ?? null, previousCookie: getCookie(c, SESSION_COOKIE) });
        setSessionCookie(c, result.token);
        if (result.needsSecondFactor) {
          return c.redirect(`/${c.get('locale')}/sign-in/two-factor${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
        }
        setFlash(c, 'success', 'identity.sign_in.done');
        return c.redirect(safeNext(next, home(c, result.locale)), 303);
      } catch (error) {
        if (!isAppError(error) || !['validation_failed', 'unauthenticated', 'forbidden'].includes(error.code)) throw error;
        const t = viewContext(c).t;
        const errors = error.code === 'validation_failed' ? error.fields : { email: t(error.messageKey) };
        c.status(error.status as 401);
        return c.html(<SignInPage ctx={viewContext(c)} email={formString(form, 'email')} next={next} errors={errors} openSignup={c.get('services').config.openSignup} />);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/sign-in/two-factor',
    policy: pendingSecondFactor,
    duringMfa: true,
    handler: (c) => {
      const session = c.get('session');
      if (!session) return c.redirect(`/${c.get('locale')}/sign-in`, 303);
      if (!session.mfaPending) return c.redirect(home(c), 303);
      return c.html(<SecondFactorPage ctx={viewContext(c)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/sign-in/two-factor',
    policy: pendingSecondFactor,
    duringMfa: true,
    handler: async (c) => {
      const session = c.get('session');
      if (!session) return c.redirect(`/${c.get('locale')}/sign-in`, 303);
      const form = await readForm(c);
      try {
        await passSecondFactor(scopeOf(c), session.id, session.userId, form.code);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        c.status(422);
        return c.html(<SecondFactorPage ctx={viewContext(c)} errors={error.fields} />);
      }
      setFlash(c, 'success', 'identity.sign_in.done');
      return c.redirect(safeNext(c.req.query('next'), home(c)), 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/sign-out',
    policy: pendingSecondFactor,
    duringMfa: true,
    handler: async (c) => {
      const session = c.get('session');
      if (session) await signOut(scopeOf(c), session.id, session.userId);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      setFlash(c, 'info', 'identity.sign_out.done');
      return c.redirect(`/${c.get('locale')}`, 303);
    },
  },
];

export { signedIn };
