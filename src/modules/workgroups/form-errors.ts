/** How this module's form routes turn a refused command into what the form shows again. */
import { isAppError, type AppError, type FieldErrors } from '../../kernel/errors.js';

/**
 * The field errors of a refused form, keyed by the form's field names: a schema path such as
 * `charter.objectives.ca` is the field `charter_objectives_ca`; `aliases` names the field for a
 * path that is a whole object (`name` → `name_ca`). The first message per field wins.
 */
export function formFieldErrors(fields: FieldErrors, aliases: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = aliases[path] ?? path.replace(/\./g, '_');
    errors[name] ??= message;
  }
  return errors;
}

/** A refusal the page shows and the person can act on: invalid input (422) or a rule or state in the way (409). */
export function formRefusal(error: unknown): AppError | null {
  if (isAppError(error, 'validation_failed') || isAppError(error, 'conflict') || isAppError(error, 'invalid_transition')) return error;
  return null;
}

/**
 * The errors keyed by the form's own fields: a message about a field the form does not have (a
 * rule of the mandate a step creates, about the person or their organisation) goes beside
 * `fallback`, so the error summary never links to nothing.
 */
export function onFormFields(errors: FieldErrors, fields: readonly string[], fallback: string): FieldErrors {
  const own: FieldErrors = {};
  const others: string[] = [];
  for (const [name, message] of Object.entries(errors)) {
    if (fields.includes(name)) own[name] = message;
    else others.push(message);
  }
  if (others.length > 0) own[fallback] = [own[fallback], ...others].filter((m) => m !== undefined).join(' ');
  return own;
}
