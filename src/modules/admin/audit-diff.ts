/** What an audit entry changed: the keys whose value differs between `before` and `after`. */
import { stableStringify } from '../../kernel/stable-json.js';

export interface ChangedField {
  /** The key inside before/after; '' when before/after are plain values rather than objects. */
  key: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

/**
 * The changed keys, sorted: a key only in `after` was added, only in `before` was removed.
 * @example changedFields({ roles: [] }, { roles: ['admin'] }) // [{ key: 'roles', before: [], after: ['admin'] }]
 */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  if (!isRecord(before) && !isRecord(after)) {
    return same(before, after) ? [] : [{ key: '', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.filter((key) => !same(b[key], a[key])).map((key) => ({ key, before: b[key], after: a[key] }));
}

/** A value as a person reads it in the change table: text as is, lists joined, the rest as JSON. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => ['string', 'number', 'boolean'].includes(typeof item))) return value.join(', ');
  return stableStringify(value);
}
