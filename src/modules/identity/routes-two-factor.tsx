/**
 * HTTP for two-factor authentication in the account: enrolling (reachable while a role still
 * requires it, when every other page redirects here), new recovery codes, turning it off.
 */
import { AppError, isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { confirmEnrolment, disableTwoFactor, enrolmentOffer, manageTwoFactor, regenerateRecoveryCodes, twoFactorState } from './enrolment.js';
import { requiresTwoFactor } from './sessions.js';
import { EnrolPage, RecoveryCodesPage, TwoFactorStatusPage } from './views/two-factor.js';

/** The signed-in person's session and two-factor state (the policy gate already demanded a person). */
async function load(c: AppContext) {
  const session = c.get('session');
  const state = session ? await twoFactorState(c.get('services'), session.userId) : null;
  if (!session || !state) throw new AppError('unauthenticated');
  return { session, ...state };
}

/** Shows the enrolment form, or the state and actions once two-factor is on. */
async function renderPage(c: AppContext, errors?: FieldErrors, previous?: { secret: string; signature: string }) {
  const { session, user, unusedCodes } = await load(c);
  const ctx = viewContext(c);
  c.header('Cache-Control', 'no-store');
  if (errors) c.status(422);
  if (!user.totp_enabled_at) {
    const offer = await enrolmentOffer(c.get('services'), user, previous);
    const required = c.req.query('required') === '1' || session.mfaEnrollmentRequired;
    return c.html(<EnrolPage ctx={ctx} offer={offer} required={required} errors={errors} />);
  }
  return c.html(<TwoFactorStatusPage ctx={ctx} enabledAt={user.totp_enabled_at} unusedCodes={unusedCodes} requiredByRole={requiresTwoFactor(user)} errors={errors} />);
}

/** Field errors of the shared `password` input, renamed to the field of the form that sent it. */
function renamePassword(errors: FieldErrors, field: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [key === 'password' ? field : key, message]));
}

export const twoFactorRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/account/two-factor',
    policy: manageTwoFactor,
    duringMfa: true,
    handler: (c) => renderPage(c),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/two-factor',
    policy: manageTwoFactor,
    duringMfa: true,
    handler: async (c) => {
      const { session } = await load(c);
      const form = await readForm(c);
      try {
        const codes = await confirmEnrolment(scopeOf(c), session.id, form);
        c.header('Cache-Control', 'no-store');
        return c.html(<RecoveryCodesPage ctx={viewContext(c)} codes={codes} justEnrolled />);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return renderPage(c, error.fields, { secret: formString(form, 'secret'), signature: formString(form, 'signature') });
      }
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/two-factor/recovery-codes',
    policy: manageTwoFactor,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        const codes = await regenerateRecoveryCodes(scopeOf(c), { password: formString(form, 'codes_password') });
        c.header('Cache-Control', 'no-store');
        return c.html(<RecoveryCodesPage ctx={viewContext(c)} codes={codes} justEnrolled={false} />);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return renderPage(c, renamePassword(error.fields, 'codes_password'));
      }
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/account/two-factor/disable',
    policy: manageTwoFactor,
    handler: async (c) => {
      const form = await readForm(c);
      try {
        await disableTwoFactor(scopeOf(c), { password: formString(form, 'off_password') });
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return renderPage(c, renamePassword(error.fields, 'off_password'));
      }
      setFlash(c, 'success', 'identity.enrol.disabled');
      return c.redirect(`/${c.get('locale')}/account/two-factor`, 303);
    },
  },
];
