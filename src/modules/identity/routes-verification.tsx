/** HTTP for e-mail verification: the link from the mail confirms the address. */
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import { linkProblemResponse, SAMPLE_TOKEN } from './routes-links.js';
import { verifyEmail } from './verification.js';
import { EmailVerifiedPage } from './views/verification.js';

export const verificationRoutes: RouteDef[] = [
  {
    // A GET that writes, on purpose: the person only has to open the link from the mail. It is
    // safe to repeat in effect (the address is verified either way) and needs no CSRF token.
    kind: 'page',
    method: 'GET',
    path: '/verify-email/:token',
    policy: publicAccess,
    duringMfa: true,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      try {
        await verifyEmail(scopeOf(c), { token: c.req.param('token') ?? '' });
      } catch (error) {
        const answer = linkProblemResponse(c, error, 'verify');
        if (answer) return answer;
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.html(<EmailVerifiedPage ctx={viewContext(c)} />);
    },
  },
];
