/** HTTP for password reset: ask for a link, then choose a new password through it. */
import { deleteCookie } from 'hono/cookie';
import { isAppError } from '../../kernel/errors.js';
import { SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { scopeOf } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import { checkLink } from './links.js';
import { requestPasswordReset, resetPassword } from './recovery.js';
import { linkProblemResponse, SAMPLE_TOKEN } from './routes-links.js';
import { NewPasswordPage, ResetRequestPage, ResetSentPage } from './views/recovery.js';

export const recoveryRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/password-reset',
    policy: publicAccess,
    handler: (c) => {
      if (c.req.query('sent') === '1') return c.html(<ResetSentPage ctx={viewContext(c)} />);
      return c.html(<ResetRequestPage ctx={viewContext(c)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/password-reset',
    policy: publicAccess,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await requestPasswordReset(scopeOf(c), form);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        c.status(422);
        return c.html(<ResetRequestPage ctx={viewContext(c)} email={formString(form, 'email')} errors={error.fields} />);
      }
      return c.redirect(`/${c.get('locale')}/password-reset?sent=1`, 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/password-reset/:token',
    policy: publicAccess,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      try {
        await checkLink(c.get('services').database.db, 'reset', token);
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'reset');
        if (answer) return answer;
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.html(<NewPasswordPage ctx={viewContext(c)} token={token} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/password-reset/:token',
    policy: publicAccess,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      const form = await readForm(c);
      try {
        await checkLink(c.get('services').database.db, 'reset', token);
        await resetPassword(scopeOf(c), { ...form, token });
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'reset');
        if (answer) return answer;
        if (!isAppError(error, 'validation_failed')) throw error;
        c.status(422);
        return c.html(<NewPasswordPage ctx={viewContext(c)} token={token} errors={error.fields} />);
      }
      // Every session of the person ended, this browser's too.
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      setFlash(c, 'success', 'identity.reset.done');
      return c.redirect(`/${c.get('locale')}/sign-in`, 303);
    },
  },
];
