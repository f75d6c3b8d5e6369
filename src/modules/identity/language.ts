/** A signed-in person's language is remembered: the language of the pages they open is theirs. */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { LOCALES } from '../../kernel/i18n/index.js';
import { AppError } from '../../kernel/errors.js';
import { signedIn } from '../../kernel/policy.js';
import { lockUser, updateUser } from './store.js';

/** Saves the language the person is now reading in as their own (audited). */
export const rememberLanguage = defineCommand({
  name: 'identity.remember_language',
  input: z.object({ locale: z.enum(LOCALES) }),
  policy: signedIn,
  run: async (tx, input) => {
    const actor = tx.scope.actor;
    if (!actor) throw new AppError('unauthenticated');
    const user = await lockUser(tx.trx, actor.id);
    if (!user || user.locale === input.locale) return;
    await updateUser(tx.trx, user.id, { locale: input.locale });
    await tx.audit({ action: 'identity.language_changed', subjectType: 'user', subjectId: user.id, before: { locale: user.locale }, after: { locale: input.locale } });
  },
});
