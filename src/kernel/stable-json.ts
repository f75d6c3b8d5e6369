/**
 * JSON with object keys sorted at every level: the same value always gives the same text,
 * whatever order jsonb hands keys back in. The audit chain hashes this form.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A plain JSON copy (Dates become ISO strings), as it will read back from jsonb. */
export function toJsonValue<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(stableStringify(value));
}
