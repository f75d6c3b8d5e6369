/** HTTP for open sign-up; every path answers 404 while the platform has it off (the default). */
import { AppError, isAppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import { signUp } from './sign-up.js';
import { SignUpPage, SignUpSentPage } from './views/sign-up.js';

function requireOpenSignup(c: AppContext): void {
  if (!c.get('services').config.openSignup) throw new AppError('not_found');
}

export const signUpRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/sign-up',
    policy: publicAccess,
    handler: (c) => {
      requireOpenSignup(c);
      if (c.req.query('sent') === '1') return c.html(<SignUpSentPage ctx={viewContext(c)} />);
      if (c.get('actor')) return c.redirect(`/${c.get('locale')}/me`, 303);
      return c.html(<SignUpPage ctx={viewContext(c)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/sign-up',
    policy: publicAccess,
    handler: async (c) => {
      requireOpenSignup(c);
      const form = await readForm(c);
      try {
        await signUp(scopeOf(c), form);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        c.status(422);
        return c.html(<SignUpPage ctx={viewContext(c)} name={formString(form, 'name')} email={formString(form, 'email')} errors={error.fields} />);
      }
      return c.redirect(`/${c.get('locale')}/sign-up?sent=1`, 303);
    },
  },
];
