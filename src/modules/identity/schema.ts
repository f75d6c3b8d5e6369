/** The zod inputs shared by the account forms: e-mail, name, and a new password typed twice. */
import { z } from 'zod';
import { newPasswordSchema } from './passwords.js';

/** An e-mail address, trimmed and lower-cased (accounts are found by their lower-cased address). */
export const emailField = z
  .string({ error: 'identity.fields.email_required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'identity.fields.email_required' })
  .max(254, { error: 'identity.fields.email_invalid' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'identity.fields.email_invalid' });

/** A person's name as they want it shown. */
export const nameField = z
  .string({ error: 'identity.fields.name_required' })
  .trim()
  .min(1, { error: 'identity.fields.name_required' })
  .max(200, { error: 'identity.fields.name_too_long' });

/** A single-use link's token, as it arrives in the path. */
export const linkTokenField = z.string().min(1).max(200);

/** A new password and its repetition; the repetition must match. */
export const passwordPair = {
  password: newPasswordSchema,
  password_confirm: z.string({ error: 'identity.fields.password_confirm_required' }).max(1024),
};

/** Refinement for objects with `passwordPair`: reports a mismatch on the repetition. */
export function passwordsMatch(value: { password: string; password_confirm: string }, ctx: z.RefinementCtx): void {
  if (value.password !== value.password_confirm) {
    ctx.addIssue({ code: 'custom', path: ['password_confirm'], message: 'identity.fields.password_mismatch' });
  }
}

/** What the route passes along so a command can open a session (never read from the form). */
export const clientDetails = z.object({
  user_agent: z.string().max(1000).nullable(),
  previous_cookie: z.string().max(200).nullable(),
});
export type ClientDetails = z.infer<typeof clientDetails>;
