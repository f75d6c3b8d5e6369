/**
 * Changing one's own name, language and (private) gender. Each is a command with its audit
 * entry; the gender's value never reaches the audit trail, only whether one was given.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { LOCALES } from '../../kernel/i18n/index.js';
import { nameField, updateUser } from '../identity/index.js';
import { lockOwnAccount } from './own-account.js';
import { updateProfile } from './policies.js';

/** The same name rules as sign-up and invitations. */
export const nameSchema = z.object({ name: nameField });

/** Sets the name people see on everything the person does in the space. */
export const updateName = defineCommand({
  name: 'account.update_name',
  input: nameSchema,
  policy: updateProfile,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    if (input.name === user.name) return;
    await updateUser(tx.trx, user.id, { name: input.name });
    await tx.audit({ action: 'account.update_name', subjectType: 'user', subjectId: user.id, before: { name: user.name }, after: { name: input.name } });
    // Public pages that show people's names carry the `people` tag.
    tx.emit({ type: 'account.renamed', tags: ['people'], payload: { userId: user.id } });
  },
});

export const languageSchema = z.object({
  locale: z.enum(LOCALES, { error: 'account.language.required' }),
});

/** Sets the language of the interface and of the e-mails the person receives. */
export const changeLanguage = defineCommand({
  name: 'account.change_language',
  input: languageSchema,
  policy: updateProfile,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    if (input.locale === user.locale) return;
    await updateUser(tx.trx, user.id, { locale: input.locale });
    await tx.audit({
      action: 'account.change_language',
      subjectType: 'user',
      subjectId: user.id,
      before: { locale: user.locale },
      after: { locale: input.locale },
    });
  },
});

/** The answers offered; only counted, for the parity of bodies, and never published. */
export const GENDERS = ['woman', 'man', 'non_binary', 'prefer_not_to_say'] as const;
export type Gender = (typeof GENDERS)[number];

export const genderSchema = z.object({
  gender: z.enum(GENDERS, { error: 'account.gender.required' }),
});

/** Records the person's answer about gender. */
export const recordGender = defineCommand({
  name: 'account.record_gender',
  input: genderSchema,
  policy: updateProfile,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    if (input.gender === user.gender) return;
    await updateUser(tx.trx, user.id, { gender: input.gender });
    // The bodies' parity warnings count it (without saying whose it is).
    tx.emit({ type: 'account.gender_recorded', tags: ['people'], payload: { userId: user.id } });
    // Whether an answer was given, never which: the audit trail is read by administrators.
    await tx.audit({
      action: 'account.record_gender',
      subjectType: 'user',
      subjectId: user.id,
      before: { gender_given: user.gender !== null },
      after: { gender_given: true },
    });
  },
});
