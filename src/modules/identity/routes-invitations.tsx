/** HTTP for accepting an invitation: the invited person sets their name and password and is signed in. */
import { isAppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import { acceptInvitation, findInvitation } from './invitations.js';
import { linkProblemResponse, SAMPLE_TOKEN } from './routes-links.js';
import { clientOf, setSessionCookie } from './session-cookie.js';
import { AcceptInvitationPage } from './views/invitation.js';

export const invitationRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/invitation/:token',
    policy: publicAccess,
    duringMfa: true,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      try {
        const person = await findInvitation(c.get('services').database.db, token);
        c.header('Cache-Control', 'no-store');
        return c.html(<AcceptInvitationPage ctx={viewContext(c)} token={token} email={person.email ?? ''} name={person.name} />);
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'invite');
        if (answer) return answer;
        throw error;
      }
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/invitation/:token',
    policy: publicAccess,
    duringMfa: true,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      const form = await readForm(c);
      const locale = c.get('locale');
      try {
        const person = await findInvitation(c.get('services').database.db, token);
        try {
          const accepted = await acceptInvitation(scopeOf(c), { ...form, token, client: clientOf(c) });
          setSessionCookie(c, accepted.sessionToken);
          setFlash(c, 'success', 'identity.invitation.done');
          return c.redirect(accepted.needsEnrolment ? `/${locale}/account/two-factor?required=1` : `/${locale}/me`, 303);
        } catch (error) {
          if (!isAppError(error, 'validation_failed')) throw error;
          c.status(422);
          return c.html(<AcceptInvitationPage ctx={viewContext(c)} token={token} email={person.email ?? ''} name={formString(form, 'name')} errors={error.fields} />);
        }
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'invite');
        if (answer) return answer;
        throw error;
      }
    },
  },
];
