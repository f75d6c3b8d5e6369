/** The public site's own pages: home, the accessibility statement, privacy, and the health check. */
import { sql } from 'kysely';
import { publicAccess } from '../../kernel/policy.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { AccessibilityPage, HomePage, PrivacyPage } from './views/pages.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

export const siteRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/',
    policy: publicAccess,
    cacheTags: ['home'],
    handler: (c) => c.html(<HomePage ctx={viewContext(c)} />),
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/accessibility',
    policy: publicAccess,
    cacheTags: ['static'],
    handler: (c) => c.html(<AccessibilityPage ctx={viewContext(c)} />),
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/privacy',
    policy: publicAccess,
    cacheTags: ['static'],
    handler: (c) => c.html(<PrivacyPage ctx={viewContext(c)} />),
  },
  {
    kind: 'raw',
    method: 'GET',
    path: '/healthz',
    policy: publicAccess,
    handler: async (c) => {
      const { database } = c.get('services');
      await sql`SELECT 1`.execute(database.db);
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok', database: database.kind, version: VERSION });
    },
  },
];
