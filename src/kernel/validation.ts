/**
 * One way to validate input: a zod schema, shared by the form and the API. Failures become a
 * 422 `AppError` whose field messages are already in the request's language. A schema's own
 * message may be a catalog key (`identity.password.too_short`), translated here.
 */
import { z } from 'zod';
import { AppError, type FieldErrors } from './errors.js';
import { hasMessage, translate, type Locale } from './i18n/index.js';

const zodLocales = { ca: z.locales.ca(), es: z.locales.es(), en: z.locales.en() };

/** Parses `input` or throws a localized 422 listing each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(input, { error: zodLocales[locale].localeError });
  if (result.success) return result.data;
  throw validationError(result.error, locale);
}

/** Turns a ZodError into the 422 AppError with field paths like `email` or `text.ca`. */
export function validationError(error: z.ZodError, locale: Locale): AppError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = hasMessage(issue.message) ? translate(locale, issue.message) : issue.message;
  }
  return new AppError('validation_failed', { fields });
}

/** A field error thrown by a rule outside the schema (e.g. "this e-mail is already invited"). */
export function fieldError(field: string, messageKey: string, locale: Locale, params?: Record<string, string | number>): AppError {
  return new AppError('validation_failed', { fields: { [field]: translate(locale, messageKey, params) } });
}
