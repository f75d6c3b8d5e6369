/** How the meetings' form routes turn a refused command into what the form shows again. */
import { isAppError, type AppError, type FieldErrors } from '../../kernel/errors.js';

/**
 * The field errors of a refused form, keyed by the form's field names: a schema path such as
 * `title.ca` is the field `title_ca`; `aliases` renames a path (`reason` → `urgency_reason`).
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

/** A refusal the page shows and the person can act on: invalid input (422) or a rule or state in the way (409). */
export function formRefusal(error: unknown): AppError | null {
  if (isAppError(error, 'validation_failed') || isAppError(error, 'conflict') || isAppError(error, 'invalid_transition')) return error;
  return null;
}

/** The values of a meeting's form, as typed. */
export interface MeetingFormValues {
  title_ca: string;
  title_es: string;
  title_en: string;
  kind: string;
  format: string;
  place: string;
  online_url: string;
  date: string;
  start_time: string;
  end_time: string;
  description: string;
}

/** The values of an agenda item's form, as typed. */
export interface AgendaItemFormValues {
  title_ca: string;
  title_es: string;
  title_en: string;
  kind: string;
  presenter: string;
  duration_minutes: string;
  description: string;
}

/** A form's translatable field as the schema takes it (empty translations left out). */
export function translatableFrom(ca: string, es: string, en: string): { ca: string; es?: string; en?: string } {
  return { ca, ...(es.trim() ? { es } : {}), ...(en.trim() ? { en } : {}) };
}
