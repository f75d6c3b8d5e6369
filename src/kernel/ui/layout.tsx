/**
 * The page every view is rendered into: the whole document, from the doctype to the footer.
 * No inline script or style anywhere (the CSP forbids them); the stylesheet and the small
 * enhancement script are files under `/static`.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { LOCALES, type Locale } from '../i18n/index.js';
import { Breadcrumbs, NotificationBanner, type Crumb } from './components.js';
import type { NavEntry, ViewContext } from './context.js';
import { ViewContextProvider } from './render-context.js';

/** Each language named in itself, so a person who cannot read the current one finds theirs. */
const LANGUAGE_NAMES: Record<Locale, string> = { ca: 'Català', es: 'Español', en: 'English' };

/** Creative Commons has a deed page in each of our languages. */
const LICENCE_URL = (locale: Locale) => `https://creativecommons.org/licenses/by/4.0/deed.${locale}`;

export interface LayoutProps {
  ctx: ViewContext;
  /** The page's own title, the same words as its `<h1>`; " · Teixit" is added. */
  title: string;
  breadcrumbs?: Crumb[];
  /** A wider page for dashboards and big tables; text stays in readable columns. */
  wide?: boolean;
  /** The page shows a form sent back with errors: the title starts with "Error:". */
  hasErrors?: boolean;
  children?: Child;
}

/** Is this navigation entry the page we are on, or a section containing it? */
function currentness(entry: NavEntry, path: string): 'page' | 'true' | undefined {
  if (path === entry.path) return 'page';
  if (entry.path !== '/' && path.startsWith(`${entry.path}/`)) return 'true';
  return undefined;
}

function LanguageSwitcher({ ctx }: { ctx: ViewContext }) {
  return (
    <nav class="language-switcher" aria-label={ctx.t('ui.language.label')}>
      <ul class="language-switcher__list">
        {LOCALES.map((locale) => (
          <li>
            <a
              class="language-switcher__link"
              href={`/${locale}${ctx.path === '/' ? '' : ctx.path}${ctx.search}`}
              lang={locale}
              hreflang={locale}
              aria-current={locale === ctx.locale ? 'true' : undefined}
            >
              {LANGUAGE_NAMES[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountArea({ ctx }: { ctx: ViewContext }) {
  if (!ctx.user) {
    return (
      <div class="account">
        <a class="account__link" href={ctx.href('/sign-in')}>
          {ctx.t('ui.account.signIn')}
        </a>
      </div>
    );
  }
  return (
    <div class="account">
      <a class="account__link account__name" href={ctx.href('/account')}>
        <span class="visually-hidden">{ctx.t('ui.account.signedInAs')} </span>
        {ctx.user.name}
      </a>
      <a class="account__link" href={ctx.href('/me')}>
        {ctx.t('ui.account.mySpace')}
      </a>
      <form class="account__sign-out" method="post" action={ctx.href('/sign-out')}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button class="account__link link-button" type="submit">
          {ctx.t('ui.account.signOut')}
        </button>
      </form>
    </div>
  );
}

function Header({ ctx }: { ctx: ViewContext }) {
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <div class="container site-header__bar-inner">
          <LanguageSwitcher ctx={ctx} />
          <AccountArea ctx={ctx} />
        </div>
      </div>
      <div class="site-header__brand">
        <div class="container site-header__brand-inner">
          <a class="brand" href={ctx.href('/')}>
            <img class="brand__mark" src="/static/favicon.svg" alt="" width="40" height="40" />
            <span class="brand__name">Teixit</span>
          </a>
          <p class="brand__space">{ctx.t('ui.space.name')}</p>
        </div>
      </div>
      {ctx.nav.length > 0 ? (
        <nav class="site-nav" aria-label={ctx.t('ui.nav.main')}>
          <ul class="container site-nav__list">
            {ctx.nav.map((entry) => (
              <li class="site-nav__item">
                <a class="site-nav__link" href={ctx.href(entry.path)} aria-current={currentness(entry, ctx.path)}>
                  {ctx.t(entry.labelKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function Footer({ ctx }: { ctx: ViewContext }) {
  return (
    <footer class="site-footer">
      <div class="container">
        <h2 class="visually-hidden">{ctx.t('ui.footer.heading')}</h2>
        <ul class="site-footer__links">
          <li>
            <a href={ctx.href('/accessibility')}>{ctx.t('ui.footer.accessibility')}</a>
          </li>
          <li>
            <a href={ctx.href('/privacy')}>{ctx.t('ui.footer.privacy')}</a>
          </li>
          <li>
            <a href="/api/openapi.json">{ctx.t('ui.footer.api')}</a>
          </li>
        </ul>
        <div class="site-footer__meta">
          <p class="site-footer__licence">
            {ctx.t('ui.footer.licence')}{' '}
            <a href={LICENCE_URL(ctx.locale)} rel="license">
              {ctx.t('ui.footer.licenceName')}
            </a>
          </p>
          <p class="site-footer__about">{ctx.t('ui.footer.about')}</p>
        </div>
      </div>
    </footer>
  );
}

/**
 * The whole HTML document around a page's content: skip link, header with navigation, account
 * and language switcher, breadcrumbs, the flash message, `<main id="main">` and the footer.
 * @example return c.html(<Layout ctx={ctx} title={t('meetings.title')}>…</Layout>);
 */
export function Layout(props: LayoutProps) {
  const { ctx } = props;
  const title = `${props.hasErrors ? `${ctx.t('ui.error.titlePrefix')} ` : ''}${props.title} · Teixit`;
  const flash = ctx.flash;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <meta name="color-scheme" content="light dark" />
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/css/teixit.css" />
          <script src="/static/js/enhance.js" defer></script>
        </head>
        <body class={props.wide ? 'layout--wide' : undefined}>
          <a class="skip-link" href="#main">
            {ctx.t('ui.skipLink')}
          </a>
          <Header ctx={ctx} />
          <div class="container page">
            {props.breadcrumbs ? <Breadcrumbs ctx={ctx} items={props.breadcrumbs} /> : null}
            <main class="main" id="main" tabindex={-1}>
              {flash ? (
                <NotificationBanner kind={flash.kind} title={ctx.t(`ui.flash.${flash.kind}`)} live>
                  <p>{flash.message}</p>
                </NotificationBanner>
              ) : null}
              <ViewContextProvider.Provider value={ctx}>{props.children}</ViewContextProvider.Provider>
            </main>
          </div>
          <Footer ctx={ctx} />
        </body>
      </html>
    </>
  );
}
