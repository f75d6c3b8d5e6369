/**
 * ESLint (flat config): typescript-eslint's recommended rules without type information
 * (tsc already checks types, and this stays fast), eslint-plugin-security as errors minus
 * its noisy rules, and project rules that keep raw HTML and raw SQL in the few files that
 * are reviewed for them.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';

/** Raw HTML: only the markdown renderer (it sanitizes) and the layout may emit it. */
const RAW_HTML_FILES = ['src/kernel/markdown.ts', 'src/kernel/ui/layout.tsx'];
/** Raw SQL: only stores and the database layer may build it. */
const RAW_SQL_FILES = ['src/**/store.ts', 'src/db/**'];

const noRawHtml = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML: render text through JSX (it escapes), or markdown through src/kernel/markdown.ts.',
  },
  {
    selector: "ImportDeclaration[source.value=/^hono\\u002F(html|utils\\u002Fhtml)$/] ImportSpecifier[imported.name='raw']",
    message: "No raw() from 'hono/html' outside src/kernel/markdown.ts and src/kernel/ui/layout.tsx: it skips escaping.",
  },
  {
    selector: "CallExpression[callee.name='raw']",
    message: "No raw() outside src/kernel/markdown.ts and src/kernel/ui/layout.tsx: it skips escaping.",
  },
];

const noRawSql = [
  {
    selector: "CallExpression[callee.object.name='sql'][callee.property.name=/^(raw|lit|unsafe)$/]",
    message: 'No sql.raw / sql.lit / sql.unsafe outside store.ts files and src/db/: use sql`…${value}` parameters or sql.ref/sql.table.',
  },
];

/** Node's globals, for plain .js files (TypeScript files get theirs from tsc). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortController', 'AbortSignal',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask',
    'structuredClone', 'TextEncoder', 'TextDecoder', 'globalThis'].map((name) => [name, 'readonly']),
);
/** The browser's globals, for the little JS in public/. */
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'navigator', 'location', 'history', 'console', 'fetch', 'URL', 'URLSearchParams',
    'FormData', 'HTMLElement', 'Event', 'CustomEvent', 'setTimeout', 'clearTimeout', 'requestAnimationFrame',
    'localStorage', 'sessionStorage'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['node_modules/**', 'data/**', '.tmp/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { security },
    rules: {
      ...Object.fromEntries(Object.keys(security.configs.recommended.rules).map((rule) => [rule, 'error'])),
      // Noisy for this code base: every obj[key] and every path built from config.
      'security/detect-object-injection': 'off',
      'security/detect-non-literal-fs-filename': 'off',
      // Flags every comparison of a variable named token/password (even `=== undefined`);
      // secrets are compared with crypto.timingSafeEqual, which review checks.
      'security/detect-possible-timing-attacks': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
      }],
      'no-restricted-syntax': ['error', ...noRawHtml, ...noRawSql],
    },
  },
  { files: RAW_SQL_FILES, rules: { 'no-restricted-syntax': ['error', ...noRawHtml] } },
  { files: RAW_HTML_FILES, rules: { 'no-restricted-syntax': ['error', ...noRawSql] } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ignores: ['public/**'], languageOptions: { globals: nodeGlobals } },
  { files: ['public/**/*.js'], languageOptions: { globals: browserGlobals } },
);
