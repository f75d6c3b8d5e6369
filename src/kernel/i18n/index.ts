/**
 * Message catalogs and locale formatting. Catalogs live in `locales/<locale>/<namespace>.json`;
 * a key is `<namespace>.<path.inside.the.file>`. Catalan is the source: a key missing in
 * Spanish or English is a test failure (see i18n.test.ts), and at run time falls back to Catalan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['ca', 'es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ca';

/** BCP 47 tags used for Intl formatting and `<html lang>`. */
export const INTL_TAG: Record<Locale, string> = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };
export const TIME_ZONE = 'Europe/Madrid';

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

type Catalog = Map<string, string | Record<string, string>>;

const LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // A leaf object whose keys are plural categories is one plural message.
    if (entries.length > 0 && entries.every(([k, v]) => PLURAL_KEYS.has(k) && typeof v === 'string')) {
      into.set(prefix, value as Record<string, string>);
      return;
    }
    for (const [k, v] of entries) flatten(prefix ? `${prefix}.${k}` : k, v, into);
  }
}
const PLURAL_KEYS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** Reads every catalog file of a locale into a flat map of keys. */
export function loadCatalog(locale: Locale, dir = LOCALES_DIR): Catalog {
  const catalog: Catalog = new Map();
  const localeDir = path.join(dir, locale);
  for (const file of readdirSync(localeDir).filter((f) => f.endsWith('.json')).sort()) {
    const namespace = path.basename(file, '.json');
    flatten(namespace, JSON.parse(readFileSync(path.join(localeDir, file), 'utf8')), catalog);
  }
  return catalog;
}

let catalogs: Record<Locale, Catalog> | undefined;
function allCatalogs(): Record<Locale, Catalog> {
  catalogs ??= { ca: loadCatalog('ca'), es: loadCatalog('es'), en: loadCatalog('en') };
  return catalogs;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** A word starting with a vowel sound in Catalan: a vowel, or an h before one ("Hug", "Elena"). */
const CATALAN_ELIDES = /^(?:[aeiouàèéíïòóúü]|h[aeiouàèéíïòóúü])/iu;

function interpolate(template: string, params: Params | undefined, locale: Locale): string {
  if (!params) return template;
  if (locale === 'ca') {
    // Catalan writes "d'Elena", not "de Elena": the catalog says "de {person}" and the value decides.
    template = template.replace(/(^|[^\p{L}])([Dd])e \{(\w+)\}/gu, (whole, before: string, d: string, name: string) => {
      const value = params[name];
      return typeof value === 'string' && CATALAN_ELIDES.test(value) ? `${before}${d}'{${name}}` : whole;
    });
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** Is `value` one of the supported locales? */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** True when the key exists in the Catalan catalog. */
export function hasMessage(key: string): boolean {
  return allCatalogs().ca.has(key);
}

/**
 * Translates `key` into `locale`, interpolating `{name}` placeholders; a message written as
 * `{ "one": …, "other": … }` is chosen by `params.count`. An unknown key comes back as the key
 * itself, so a missing message is visible rather than blank.
 * @example translate('ca', 'meetings.pending', { count: 3 }) // "3 aportacions pendents"
 */
export function translate(locale: Locale, key: string, params?: Params): string {
  const all = allCatalogs();
  const message = all[locale].get(key) ?? all.ca.get(key);
  if (message === undefined) return key;
  if (typeof message === 'string') return interpolate(message, params, locale);
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(INTL_TAG[locale]);
    pluralRules.set(locale, rules);
  }
  const count = Number(params?.count ?? 0);
  const form = message[count === 0 && message.zero ? 'zero' : rules.select(count)] ?? message.other ?? key;
  return interpolate(form, params, locale);
}

/** A `t` bound to one locale. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Every key of every locale, for the completeness test. */
export function catalogKeys(): Record<Locale, Set<string>> {
  const all = allCatalogs();
  return { ca: new Set(all.ca.keys()), es: new Set(all.es.keys()), en: new Set(all.en.keys()) };
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
/** A number as people of that locale write it (1.234,5 in Catalan). */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale]);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

export type DateStyle = 'long' | 'longTime' | 'short' | 'shortTime' | 'time';
const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  longTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  shortTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as people say it, in Barcelona's time zone: "dijous, 12 de març de 2026, 18:00".
 * Accepts a Date or a `YYYY-MM-DD` string (a calendar date, shown without time).
 */
export function formatDate(locale: Locale, value: Date | string, style: DateStyle = 'long'): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  const cacheKey = `${locale}:${style}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAG[locale], { ...DATE_OPTIONS[style], timeZone: TIME_ZONE });
    dateFormats.set(cacheKey, format);
  }
  return format.format(date);
}

/** Built once: a formatter costs tens of microseconds and memory the process keeps. */
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (`YYYY-MM-DD`) it is in Barcelona at `now`: the space's "today". */
export function todayInSpace(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return isoDayFormat.format(now);
}

/** A wall-clock reading, each part zero-padded: `{ year: '2026', month: '03', …, second: '00' }`. */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** What the clocks in Barcelona read at `instant` (one formatter, built once). */
export function wallClockInSpace(instant: Date): WallClock {
  const clock: WallClock = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const { type, value } of wallClockFormat.formatToParts(instant)) {
    if (type in clock) clock[type as keyof WallClock] = value;
  }
  return clock;
}

/**
 * Picks the best supported locale from an `Accept-Language` header, by quality; `ca` by default.
 */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const entry of ranked) if (isLocale(entry.lang)) return entry.lang;
  return DEFAULT_LOCALE;
}
