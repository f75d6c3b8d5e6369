/** HTTP for the account's security: the password, open sessions and personal API tokens. */
import { deleteCookie } from 'hono/cookie';
import { AppError } from '../../kernel/errors.js';
import { SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { createApiToken, revokeApiToken } from './api-tokens.js';
import { changePassword } from './change-password.js';
import { refusedFields } from './form-failure.js';
import { changePasswordPolicy, manageApiTokens, manageSessions, viewAccount } from './policies.js';
import { revokeSession, signOutOtherSessions } from './revoke-sessions.js';
import { NewTokenPage, TokenCreatedPage } from './views/api-tokens.js';
import { PasswordPage } from './views/password.js';

const accountPage = (c: AppContext) => `/${c.get('locale')}/account`;

/** The record id in the path; beyond what an id can be, there is no such record. */
function idParam(c: AppContext): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id)) throw new AppError('not_found');
  return id;
}

/** The browser session this request came with; pages always have one once past the policy gate. */
function currentSessionId(c: AppContext): number {
  const session = c.get('session');
  if (!session) throw new AppError('unauthenticated');
  return session.id;
}

export const securityRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/account/password',
    policy: viewAccount,
    handler: (c) => c.html(<PasswordPage ctx={viewContext(c)} />),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/password',
    policy: changePasswordPolicy,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await changePassword(scopeOf(c), currentSessionId(c), form);
      } catch (error) {
        const errors = refusedFields(error);
        c.status(422);
        return c.html(<PasswordPage ctx={viewContext(c)} errors={errors} />);
      }
      setFlash(c, 'success', 'account.flash.password_changed');
      return c.redirect(accountPage(c), 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/sessions/:id{[0-9]+}/revoke',
    policy: manageSessions,
    sample: { id: '1' },
    handler: async (c) => {
      const sessionId = idParam(c);
      await revokeSession(scopeOf(c), { session_id: sessionId });
      if (sessionId === c.get('session')?.id) {
        // Ending this very session is signing out.
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        setFlash(c, 'info', 'identity.sign_out.done');
        return c.redirect(`/${c.get('locale')}`, 303);
      }
      setFlash(c, 'success', 'account.flash.session_revoked');
      return c.redirect(`${accountPage(c)}#sessions`, 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/sessions/sign-out-others',
    policy: manageSessions,
    handler: async (c) => {
      const ended = await signOutOtherSessions(scopeOf(c), { keep_session_id: currentSessionId(c) });
      setFlash(c, 'success', 'account.flash.others_signed_out', { count: ended });
      return c.redirect(`${accountPage(c)}#sessions`, 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/account/tokens/new',
    policy: viewAccount,
    handler: (c) => c.html(<NewTokenPage ctx={viewContext(c)} />),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/tokens',
    policy: manageApiTokens,
    handler: async (c) => {
      const form = await readForm(c);
      let created;
      try {
        created = await createApiToken(scopeOf(c), form);
      } catch (error) {
        const errors = refusedFields(error);
        c.status(422);
        return c.html(<NewTokenPage ctx={viewContext(c)} name={formString(form, 'name')} errors={errors} />);
      }
      // No redirect: the token exists in full only in this response, which nothing may keep.
      c.header('Cache-Control', 'no-store');
      const apiUrl = `${c.get('services').config.publicUrl}/api/v1`;
      return c.html(<TokenCreatedPage ctx={viewContext(c)} name={created.row.name} token={created.token} apiUrl={apiUrl} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/tokens/:id{[0-9]+}/revoke',
    policy: manageApiTokens,
    sample: { id: '1' },
    handler: async (c) => {
      await revokeApiToken(scopeOf(c), { token_id: idParam(c) });
      setFlash(c, 'success', 'account.flash.token_revoked');
      return c.redirect(`${accountPage(c)}#tokens`, 303);
    },
  },
];
