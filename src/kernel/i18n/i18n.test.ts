import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatDate, formatNumber, loadCatalog, negotiateLocale, translate, LOCALES, type Locale } from './index.js';

type Message = string | Record<string, string>;
const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)])) as Record<Locale, Map<string, Message>>;
const OTHERS = LOCALES.filter((l) => l !== 'ca');

/** The `{name}` placeholders of a message (of every form, for a plural one). */
function placeholders(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')));
}

describe('message catalogs', () => {
  it('have every Catalan key in Spanish and English, and no key that Catalan lacks', () => {
    const problems: string[] = [];
    for (const locale of OTHERS) {
      const missing = [...catalogs.ca.keys()].filter((key) => !catalogs[locale].has(key));
      const extra = [...catalogs[locale].keys()].filter((key) => !catalogs.ca.has(key));
      if (missing.length > 0) problems.push(`missing in ${locale}: ${missing.join(', ')}`);
      if (extra.length > 0) problems.push(`in ${locale} but not in ca: ${extra.join(', ')}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('keep every placeholder of the Catalan message in its translations', () => {
    const problems: string[] = [];
    for (const [key, source] of catalogs.ca) {
      for (const locale of OTHERS) {
        const translated = catalogs[locale].get(key);
        if (translated === undefined) continue;
        const lost = [...placeholders(source)].filter((name) => !placeholders(translated).has(name));
        if (lost.length > 0) problems.push(`${locale} ${key} lacks {${lost.join('}, {')}}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('write a plural message as a plural in every language, each with an "other" form', () => {
    const problems: string[] = [];
    for (const [key, source] of catalogs.ca) {
      for (const locale of LOCALES) {
        const message = catalogs[locale].get(key);
        if (message === undefined) continue;
        if (typeof message !== typeof source) problems.push(`${locale} ${key}: plural in one language, plain text in another`);
        else if (typeof message === 'object' && !message.other) problems.push(`${locale} ${key}: no "other" form`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('have no empty message', () => {
    const empty: string[] = [];
    for (const locale of LOCALES) {
      for (const [key, message] of catalogs[locale]) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        if (texts.some((text) => text.trim() === '')) empty.push(`${locale} ${key}`);
      }
    }
    expect(empty, `empty messages: ${empty.join(', ')}`).toEqual([]);
  });

  it('translate with placeholders, numbers written the local way', () => {
    expect(translate('ca', 'errors.rate_limited', { seconds: 1200 })).toContain('1.200 segons');
    expect(translate('en', 'errors.rate_limited', { seconds: 1200 })).toContain('1,200 seconds');
  });

  it('show a missing key as the key itself, not as a blank', () => {
    expect(translate('es', 'nothing.here.at_all')).toBe('nothing.here.at_all');
  });
});

describe('negotiateLocale', () => {
  it('takes the preferred supported language by quality', () => {
    expect(negotiateLocale('fr-FR, es;q=0.8, en;q=0.9')).toBe('en');
    expect(negotiateLocale('es-ES,es;q=0.9,ca;q=0.8')).toBe('es');
    expect(negotiateLocale('en-GB')).toBe('en');
  });

  it('falls back to Catalan for nothing, an unsupported language, or a refused one', () => {
    expect(negotiateLocale(undefined)).toBe('ca');
    expect(negotiateLocale('')).toBe('ca');
    expect(negotiateLocale('fr, de;q=0.5')).toBe('ca');
    expect(negotiateLocale('es;q=0, *;q=0.1')).toBe('ca');
  });
});

describe('formatDate and formatNumber', () => {
  // 17:00 UTC is 18:00 in Barcelona (CET, before the summer-time change of 29 March).
  const evening = new Date('2026-03-12T17:00:00Z');

  it('say a date as people do in each language, in Barcelona time', () => {
    expect(formatDate('ca', evening, 'long')).toBe('dijous, 12 de març del 2026');
    expect(formatDate('es', evening, 'long')).toBe('jueves, 12 de marzo de 2026');
    expect(formatDate('en', evening, 'long')).toBe('Thursday, 12 March 2026');
    expect(formatDate('ca', evening, 'longTime')).toContain('18:00');
  });

  it('keep a calendar date on its day whatever the time zone', () => {
    expect(formatDate('ca', '2026-01-01', 'long')).toBe('dijous, 1 de gener del 2026');
  });

  it('write numbers with each language separators', () => {
    expect(formatNumber('ca', 12345.5)).toBe('12.345,5');
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
  });
});

describe('plural messages', () => {
  // The real catalogs may have no plural yet: a fixture catalog proves the selection itself.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'teixit-i18n-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function withFixture() {
    const messages: Record<Locale, unknown> = {
      ca: { pending: { zero: 'Cap aportació pendent', one: 'Una aportació pendent', other: '{count} aportacions pendents' }, title: 'Aportacions' },
      es: { pending: { one: 'Una aportación pendiente', other: '{count} aportaciones pendientes' }, title: 'Aportaciones' },
      en: { pending: { one: 'One contribution waiting', other: '{count} contributions waiting' } },
    };
    for (const locale of LOCALES) {
      mkdirSync(path.join(dir, locale), { recursive: true });
      writeFileSync(path.join(dir, locale, 'sample.json'), JSON.stringify(messages[locale]));
    }
    vi.resetModules();
    vi.doMock('node:url', async (importOriginal) => {
      const url = await importOriginal<typeof import('node:url')>();
      return { ...url, fileURLToPath: (href: string | URL) => (String(href).endsWith('/locales/') ? `${dir}/` : url.fileURLToPath(href)) };
    });
    const i18n = await import('./index.js');
    vi.doUnmock('node:url');
    return i18n;
  }

  it('picks the form by count, with a zero form where the language has one', async () => {
    const i18n = await withFixture();
    expect(i18n.translate('ca', 'sample.pending', { count: 0 })).toBe('Cap aportació pendent');
    expect(i18n.translate('ca', 'sample.pending', { count: 1 })).toBe('Una aportació pendent');
    expect(i18n.translate('ca', 'sample.pending', { count: 2500 })).toBe('2.500 aportacions pendents');
    expect(i18n.translate('es', 'sample.pending', { count: 0 })).toBe('0 aportaciones pendientes');
    expect(i18n.translate('en', 'sample.pending', { count: 1 })).toBe('One contribution waiting');
    expect(i18n.translate('en', 'sample.pending', { count: 3 })).toBe('3 contributions waiting');
  });

  it('reads a plural as one message, and falls back to Catalan for a missing key', async () => {
    const i18n = await withFixture();
    expect(i18n.loadCatalog('ca', dir).get('sample.pending')).toMatchObject({ one: 'Una aportació pendent' });
    expect(i18n.translate('en', 'sample.title')).toBe('Aportacions');
  });
});

describe('Catalan elision', () => {
  it("writes d' before a name that starts with a vowel sound, and de before any other", () => {
    expect(translate('ca', 'admin.person.back', { name: 'Elena Martí' })).toBe("Torna a la fitxa d'Elena Martí");
    expect(translate('ca', 'admin.person.back', { name: 'Hug Roca' })).toBe("Torna a la fitxa d'Hug Roca");
    expect(translate('ca', 'admin.person.back', { name: 'Jordi Casals' })).toBe('Torna a la fitxa de Jordi Casals');
    expect(translate('es', 'admin.person.back', { name: 'Elena Martí' })).toContain('de Elena Martí');
  });
});
