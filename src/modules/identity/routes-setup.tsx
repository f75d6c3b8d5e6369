/** HTTP for creating the first administrator through the link printed at the first start. */
import { isAppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import { linkProblemResponse, SAMPLE_TOKEN } from './routes-links.js';
import { clientOf, setSessionCookie } from './session-cookie.js';
import { checkSetupLink, createFirstAdmin } from './setup.js';
import { SetupPage } from './views/setup.js';

export const setupRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/setup/:token',
    policy: publicAccess,
    duringMfa: true,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      try {
        await checkSetupLink(c.get('services').database.db, token);
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'setup');
        if (answer) return answer;
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.html(<SetupPage ctx={viewContext(c)} token={token} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/setup/:token',
    policy: publicAccess,
    duringMfa: true,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      const form = await readForm(c);
      try {
        await checkSetupLink(c.get('services').database.db, token);
        const created = await createFirstAdmin(scopeOf(c), { ...form, token, client: clientOf(c) });
        setSessionCookie(c, created.sessionToken);
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'setup');
        if (answer) return answer;
        if (!isAppError(error, 'validation_failed')) throw error;
        c.status(422);
        return c.html(<SetupPage ctx={viewContext(c)} token={token} name={formString(form, 'name')} email={formString(form, 'email')} errors={error.fields} />);
      }
      setFlash(c, 'success', 'identity.setup.done');
      return c.redirect(`/${c.get('locale')}/account/two-factor?required=1`, 303);
    },
  },
];
