/** How the account's form routes tell a refused form from a real failure. */
import { isAppError, type FieldErrors } from '../../kernel/errors.js';

/**
 * The field errors of a form the rules refused (422), for re-rendering it; any other error is
 * rethrown to the one error handler.
 */
export function refusedFields(error: unknown): FieldErrors {
  if (isAppError(error, 'validation_failed')) return error.fields;
  throw error;
}
