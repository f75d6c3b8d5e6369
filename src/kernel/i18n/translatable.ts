/**
 * Translatable fields: `{ca, es, en}` with `ca` required, stored as jsonb and rendered in the
 * request's locale with a fallback to Catalan (marked with `lang` so screen readers switch voice).
 */
import { z } from 'zod';
import type { Locale } from './index.js';

export interface Translatable {
  ca: string;
  es?: string | undefined;
  en?: string | undefined;
}

/** The zod schema for a translatable field; `max` bounds each language's text. */
export function translatableSchema(max = 5000) {
  const text = z.string().trim().max(max);
  return z.object({
    ca: text.min(1),
    es: text.optional(),
    en: text.optional(),
  });
}

/** The text to show in `locale`, and the language it is really in (for a `lang` attribute). */
export function pickTranslation(value: Translatable, locale: Locale): { text: string; lang: Locale } {
  const wanted = value[locale];
  if (wanted && wanted.trim() !== '') return { text: wanted, lang: locale };
  return { text: value.ca, lang: 'ca' };
}
