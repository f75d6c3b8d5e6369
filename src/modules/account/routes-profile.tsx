/**
 * HTTP for the account's details: the "Change" pages for name, language and gender, and asking
 * for a new link to confirm the e-mail address.
 */
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { sendVerificationEmail } from '../identity/index.js';
import { refusedFields } from './form-failure.js';
import { requestVerification, updateProfile, viewAccount } from './policies.js';
import { loadOwnAccount, sessionAccount } from './read-account.js';
import { changeLanguage, recordGender, updateName } from './update-profile.js';
import { GenderPage, LanguagePage, NamePage } from './views/profile-forms.js';

const accountPage = (c: AppContext, locale: string = c.get('locale')) => `/${locale}/account`;

export const profileRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/account/name',
    policy: viewAccount,
    handler: async (c) => {
      return c.html(<NamePage ctx={viewContext(c)} value={sessionAccount(c).name} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/name',
    policy: updateProfile,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await updateName(scopeOf(c), form);
      } catch (error) {
        const errors = refusedFields(error);
        c.status(422);
        return c.html(<NamePage ctx={viewContext(c)} value={formString(form, 'name')} errors={errors} />);
      }
      setFlash(c, 'success', 'account.flash.name_saved');
      return c.redirect(accountPage(c), 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/account/language',
    policy: viewAccount,
    handler: async (c) => {
      const user = await loadOwnAccount(scopeOf(c));
      return c.html(<LanguagePage ctx={viewContext(c)} value={user.locale} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/language',
    policy: updateProfile,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await changeLanguage(scopeOf(c), form);
      } catch (error) {
        const errors = refusedFields(error);
        c.status(422);
        return c.html(<LanguagePage ctx={viewContext(c)} value={formString(form, 'locale')} errors={errors} />);
      }
      // The same page in the new language: the flash is read there, so it speaks it too.
      setFlash(c, 'success', 'account.flash.language_saved');
      return c.redirect(accountPage(c, formString(form, 'locale')), 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/account/gender',
    policy: viewAccount,
    handler: async (c) => {
      return c.html(<GenderPage ctx={viewContext(c)} value={sessionAccount(c).gender} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/gender',
    policy: updateProfile,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await recordGender(scopeOf(c), form);
      } catch (error) {
        const errors = refusedFields(error);
        c.status(422);
        return c.html(<GenderPage ctx={viewContext(c)} value={formString(form, 'gender')} errors={errors} />);
      }
      setFlash(c, 'success', 'account.flash.gender_saved');
      return c.redirect(accountPage(c), 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/verification-email',
    policy: requestVerification,
    handler: async (c) => {
      await sendVerificationEmail(scopeOf(c));
      setFlash(c, 'success', 'account.flash.verification_sent');
      return c.redirect(`${accountPage(c)}#details`, 303);
    },
  },
];
