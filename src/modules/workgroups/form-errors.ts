/** How this module's form routes turn a refused command into what the form shows again. */
import type { FieldErrors } from '../../kernel/errors.js';

export { formFieldErrors, formRefusal } from '../../kernel/http/forms.js';

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
