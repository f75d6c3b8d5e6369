/**
 * Markdown written by people, rendered to HTML that is safe to show: markdown-it with raw HTML
 * off, then an allowlist sanitizer (defence in depth). Links may only be http(s) or mailto.
 * This and the layout are the only places allowed to emit raw HTML.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { raw } from 'hono/html';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });
markdown.validateLink = (url) => /^(https?:|mailto:|\/|#)/i.test(url.trim());

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's'],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // People's headings sit under the page's own <h1>: shift them down one level.
    h1: 'h2',
    a: (tagName: string, attribs: Record<string, string>) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow ugc noopener' },
    }),
  },
} satisfies sanitizeHtml.IOptions;
ALLOWED.allowedAttributes.a.push('rel');

/** Renders markdown to sanitized HTML text. */
export function renderMarkdownToString(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED);
}

/** Renders markdown for a JSX view (already sanitized, so it is emitted as HTML). */
export function Markdown({ source }: { source: string }) {
  return raw(`<div class="prose">${renderMarkdownToString(source)}</div>`);
}
