/** HTTP for the steering group's follow-up: the page (`/follow-up`) and its CSV (`/follow-up.csv`). */
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { authorize, signedIn } from '../../kernel/policy.js';
import { absoluteUrl } from '../identity/index.js';
import { followUp, followUpCsv, parseSort, sortFollowUp, type FollowUpItem, type SortDirection, type SortKey } from './follow-up.js';
import { spaceToday, standingOfActor } from './groups.js';
import { viewFollowUp } from './policies.js';
import { FollowUpPage } from './views/follow-up.js';

/**
 * Only the steering group, the secretariat, admins and officials read the follow-up. Their
 * standing comes from their mandates, so it is checked as route middleware, which runs on every
 * request, also when the page is answered from the render cache (a seat that ended at midnight
 * closes the page at once).
 */
const mayFollowUp: MiddlewareHandler<AppEnv> = async (c, next) => {
  authorize(viewFollowUp, c.get('actor'), await standingOfActor(c.get('services').database.db, c.get('actor')));
  await next();
};

/** The rows, sorted as the query asks (for a reader `mayFollowUp` let through). */
async function sortedFollowUp(c: AppContext): Promise<{ items: FollowUpItem[]; sort: SortKey; dir: SortDirection; today: string }> {
  const db = c.get('services').database.db;
  const today = spaceToday();
  const { sort, dir } = parseSort(c.req.query());
  const items = sortFollowUp(await followUp(db, today), sort, dir, c.get('locale'));
  return { items, sort, dir, today };
}

export const followUpRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/follow-up',
    policy: signedIn,
    middleware: [mayFollowUp],
    // Every group's state, dates and reports (bodies, re-read each day), members (mandates) and
    // pending join requests.
    signedInCacheTags: ['bodies', 'mandates', 'join_requests'],
    handler: async (c) => {
      const { items, sort, dir, today } = await sortedFollowUp(c);
      c.header('Cache-Control', 'private, no-store');
      return c.html(<FollowUpPage ctx={viewContext(c)} items={items} sort={sort} dir={dir} today={today} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/follow-up.csv',
    policy: signedIn,
    middleware: [mayFollowUp],
    handler: async (c) => {
      const { items, today } = await sortedFollowUp(c);
      const locale = c.get('locale');
      const services = c.get('services');
      const csv = followUpCsv(items, locale, (slug) => absoluteUrl(services, locale, `/bodies/${slug}`));
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="working-groups-${today}.csv"`,
        'Cache-Control': 'private, no-store',
      });
    },
  },
];
