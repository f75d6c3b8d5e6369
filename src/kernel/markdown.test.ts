import { describe, expect, it } from 'vitest';
import { renderMarkdownToString } from './markdown.js';

describe('markdown written by people', () => {
  it('keeps formatting, lists and safe links', () => {
    const html = renderMarkdownToString('# Acord\n\n**Aprovat** per consens:\n\n- punt u\n- [acta](https://example.cat/acta)');
    expect(html).toContain('<h2>Acord</h2>');
    expect(html).toContain('<strong>Aprovat</strong>');
    expect(html).toContain('<li>punt u</li>');
    expect(html).toContain('<a href="https://example.cat/acta" rel="nofollow ugc noopener">acta</a>');
  });

  it('never lets script, event handlers or javascript: links through', () => {
    const html = renderMarkdownToString(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) [d](data:text/html,hi) <a href="javascript:alert(1)">x</a>',
    );
    // Raw HTML comes out as visible, inert text; no tag carries a handler or a dangerous URL.
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|<a\s[^>]*href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('[clic](javascript:alert(1))');
  });
});
