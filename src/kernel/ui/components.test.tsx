import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, translator, type Locale } from '../i18n/index.js';
import {
  Checkboxes,
  ErrorSummary,
  Form,
  LocalizedText,
  Pagination,
  Radios,
  Select,
  Table,
  Tag,
  TextArea,
  TextField,
} from './components.js';
import type { ViewContext, ViewUser } from './context.js';
import { Layout } from './layout.js';

function viewContext(overrides: Partial<ViewContext> & { locale?: Locale } = {}): ViewContext {
  const locale = overrides.locale ?? 'ca';
  return {
    locale,
    t: translator(locale),
    path: '/meetings/42',
    search: '?tab=agenda',
    user: null,
    csrfToken: 'token-123',
    flash: null,
    nav: [],
    href: (path) => `/${locale}${path === '/' ? '' : path}`,
    formatDate: (value, style) => formatDate(locale, value, style),
    formatNumber: (value) => formatNumber(locale, value),
    ...overrides,
  };
}

async function render(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

describe('the layout', () => {
  it('is a complete document in the page language, with a skip link to the main content', async () => {
    const html = await render(
      <Layout ctx={viewContext()} title="Reunions">
        <h1>Reunions</h1>
      </Layout>,
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="ca">');
    expect(html).toContain('<title>Reunions · Teixit</title>');
    expect(html).toMatch(/<a class="skip-link" href="#main">Salta al contingut principal<\/a>/);
    expect(html).toContain('<main class="main" id="main"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toContain('style=');
  });

  it('links each language to the same page, named in its own language', async () => {
    const html = await render(<Layout ctx={viewContext({ locale: 'es' })} title="Reuniones" />);
    expect(html).toContain('<html lang="es">');
    expect(html).toMatch(/href="\/ca\/meetings\/42\?tab=agenda" lang="ca" hreflang="ca">Català</);
    expect(html).toMatch(/href="\/es\/meetings\/42\?tab=agenda" lang="es" hreflang="es" aria-current="true">Español</);
    expect(html).toMatch(/href="\/en\/meetings\/42\?tab=agenda" lang="en" hreflang="en">English</);
  });

  it('offers a visitor the sign-in, and a signed-in person their space and a sign-out form', async () => {
    const visitor = await render(<Layout ctx={viewContext()} title="Inici" />);
    expect(visitor).toContain('href="/ca/sign-in"');

    const user: ViewUser = { id: 7, name: 'Núria <Puig>', roles: [] };
    const html = await render(<Layout ctx={viewContext({ user })} title="Inici" />);
    expect(html).toContain('Núria &lt;Puig&gt;');
    expect(html).toContain('href="/ca/me"');
    expect(html).toMatch(/<form[^>]*method="post" action="\/ca\/sign-out"><input type="hidden" name="_csrf" value="token-123"/);
  });

  it('marks the current section in the main navigation', async () => {
    const nav = [
      { path: '/bodies', labelKey: 'ui.nav.main' },
      { path: '/meetings', labelKey: 'ui.nav.main' },
    ];
    const html = await render(<Layout ctx={viewContext({ nav })} title="Reunió" />);
    expect(html).toContain('href="/ca/meetings" aria-current="true"');
    expect(html).not.toContain('href="/ca/bodies" aria-current');
  });

  it('announces a success as a status and an error as an alert', async () => {
    const ok = await render(
      <Layout ctx={viewContext({ flash: { kind: 'success', message: "La reunió s'ha convocat" } })} title="Reunió" />,
    );
    expect(ok).toMatch(/role="status"[^>]*>.*La reunió s&#39;ha convocat/s);
    const bad = await render(<Layout ctx={viewContext({ flash: { kind: 'error', message: 'No s’ha pogut' } })} title="Reunió" />);
    expect(bad).toContain('role="alert"');
  });

  it('links the footer to the accessibility statement, the API and the data licence', async () => {
    const html = await render(<Layout ctx={viewContext()} title="Inici" />);
    expect(html).toContain('href="/ca/accessibility"');
    expect(html).toContain('href="/ca/privacy"');
    expect(html).toContain('href="/api/openapi.json"');
    expect(html).toContain('CC BY 4.0');
  });
});

describe('a form sent back with errors', () => {
  const errors = { email: "Escriu una adreça de correu com nom@exemple.cat", college: 'Tria un col·legi' };

  async function page() {
    const ctx = viewContext({ path: '/sign-up', search: '' });
    return render(
      <Layout ctx={ctx} title="Alta" hasErrors>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Form ctx={ctx} action="/ca/sign-up" confirm="Segur?">
          <TextField name="name" label="Nom" value={'<script>alert("x")</script>'} hint="Com et diuen" />
          <TextField name="email" type="email" label="Correu" value="nuria@" error={errors.email} spellcheck={false} />
          <TextArea name="bio" label="Presentació" optional value="</textarea><b>x</b>" />
          <Select name="level" label="Nivell" options={[{ value: '1', label: 'Entitat' }, { value: '2', label: 'Federació' }]} value="2" />
          <Radios
            name="college"
            legend="Col·legi"
            error={errors.college}
            options={[{ value: 'entity', label: 'Entitats' }, { value: 'expert', label: 'Persones expertes' }]}
          />
          <Checkboxes name="topics" legend="Temes" options={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} values={['b']} />
        </Form>
      </Layout>,
    );
  }

  it('starts with a summary that links to each field in error', async () => {
    const html = await page();
    expect(html).toContain('<title>Error: Alta · Teixit</title>');
    expect(html).toMatch(/class="error-summary" role="alert" tabindex="-1"/);
    expect(html).toContain('<a href="#field-email">Escriu una adreça de correu com nom@exemple.cat</a>');
    expect(html).toContain('<a href="#field-college">Tria un col·legi</a>');
    // The targets exist: the email input, and the first radio of the group.
    expect(html).toMatch(/<input class="input input--full" id="field-email"/);
    expect(html).toMatch(/<input class="choice__input" id="field-college" name="college" type="radio"/);
  });

  it('marks the field invalid and ties it to its message, which says "Error:" to screen readers', async () => {
    const html = await page();
    const email = /<input[^>]*id="field-email"[^>]*>/.exec(html)?.[0] ?? '';
    expect(email).toContain('aria-invalid="true"');
    expect(email).toContain('aria-describedby="field-email-error"');
    expect(email).toContain('value="nuria@"');
    expect(email).toContain('spellcheck="false"');
    expect(html).toMatch(/<p class="error-message" id="field-email-error"><span class="visually-hidden">Error: <\/span>Escriu/);
    const name = /<input[^>]*id="field-name"[^>]*>/.exec(html)?.[0] ?? '';
    expect(name).not.toContain('aria-invalid');
    expect(name).toContain('aria-describedby="field-name-hint"');
    expect(html).toContain('<label class="label" for="field-name">Nom</label>');
  });

  it('keeps what was typed, escaped, never as markup', async () => {
    const html = await page();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(html).toContain('&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(html).toMatch(/<option value="2" selected="">Federació<\/option>/);
    expect(html).toMatch(/id="field-topics-2" name="topics" type="checkbox" value="b" checked=""/);
  });

  it('carries the CSRF token and asks before sending', async () => {
    const html = await page();
    expect(html).toMatch(/<form action="\/ca\/sign-up" method="post" class="form" novalidate="" data-confirm="Segur\?"><input type="hidden" name="_csrf" value="token-123"/);
    expect(html).toContain('<span class="label__optional"> (opcional)</span>');
  });
});

describe('other parts of the kit', () => {
  it('shows a translatable text in the page language, or in Catalan marked as such', async () => {
    expect(await render(<LocalizedText value={{ ca: 'Grup motor', es: 'Grupo motor' }} locale="es" />)).toBe('<span>Grupo motor</span>');
    expect(await render(<LocalizedText value={{ ca: 'Grup motor', en: ' ' }} locale="en" as="h1" />)).toBe('<h1 lang="ca">Grup motor</h1>');
  });

  it('names a scrollable table after its caption so keyboard users can reach it', async () => {
    const html = await render(<Table ctx={viewContext({ locale: 'en' })} caption="Attendance" head={['Organisation', 'People']} rows={[['Coop57', 2]]} numeric={[1]} rowHeaders />);
    expect(html).toContain('role="region" aria-label="Attendance" tabindex="0"');
    expect(html).toContain('Scroll the table sideways');
    expect(html).toContain('<th scope="row" class="table__cell">Coop57</th>');
  });

  it('paginates with a named navigation, and says nothing when one page is enough', async () => {
    const ctx = viewContext();
    const html = await render(<Pagination ctx={ctx} page={2} hasPrevious hasNext totalPages={3} hrefFor={(p) => `?page=${p}`} />);
    expect(html).toContain('<nav class="pagination" aria-label="Paginació">');
    expect(html).toContain('href="?page=1" rel="prev"');
    expect(html).toContain('Pàgina 2 de 3');
    expect(await render(<Pagination ctx={ctx} page={1} hasPrevious={false} hasNext={false} hrefFor={(p) => `?page=${p}`} />)).toBe('');
  });

  it('writes the state in words in every tag', async () => {
    expect(await render(<Tag kind="success">Aprovada</Tag>)).toBe('<strong class="tag tag--success">Aprovada</strong>');
  });
});
