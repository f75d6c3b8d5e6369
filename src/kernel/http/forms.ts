/** Reading HTML form posts into plain objects that the zod schemas validate, and showing a refusal back on the form. */
import { isAppError, type AppError, type FieldErrors } from '../errors.js';
import type { AppContext } from './env.js';

/**
 * The posted form as an object of strings (repeated names become arrays), without `_csrf`.
 * Files are left out; upload routes read them on their own.
 */
export async function readForm(c: AppContext): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (Array.isArray(value)) form[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') form[key] = value;
  }
  return form;
}

/** One string field of a read form ('' when absent or repeated). */
export function formString(form: Record<string, string | string[]>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The field errors of a refused form, keyed by the form's field names: a schema path such as
 * `charter.objectives.ca` is the field `charter_objectives_ca`; `aliases` renames a path (a whole
 * object: `name` → `name_ca`; or a differently named field: `reason` → `urgency_reason`).
 * The first message per field wins.
 */
export function formFieldErrors(fields: FieldErrors, aliases: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = aliases[path] ?? path.replace(/\./g, '_');
    errors[name] ??= message;
  }
  return errors;
}

/** A refusal the page shows and the person can act on: invalid input (422) or a rule or state in the way (409); null for anything else. */
export function formRefusal(error: unknown): AppError | null {
  if (isAppError(error, 'validation_failed') || isAppError(error, 'conflict') || isAppError(error, 'invalid_transition')) return error;
  return null;
}
