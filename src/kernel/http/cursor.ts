/**
 * The opaque cursors of the API's lists: the last id of a page, named by its list (`bodies:12`),
 * so the next page starts after it and a cursor of one list is refused by another.
 */
import { fieldError } from '../validation.js';
import type { AppContext } from './env.js';

/** The cursor of the page after the one ending at `lastId`. */
export function encodeCursor(list: string, lastId: number): string {
  return Buffer.from(`${list}:${lastId}`).toString('base64url');
}

/** The last id a cursor names; a 422 on `cursor` with `messageKey` when it is not one of this list's. */
export function decodeCursor(list: string, cursor: string, c: AppContext, messageKey: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(`${list}:`) ? text.slice(list.length + 1) : '';
  if (!/^[1-9][0-9]{0,14}$/.test(id)) throw fieldError('cursor', messageKey, c.get('locale'));
  return Number(id);
}
