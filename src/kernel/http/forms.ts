/** Reading HTML form posts into plain objects that the zod schemas validate. */
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
