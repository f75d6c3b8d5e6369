/** HTTP for the steering group's follow-up: the page (`/follow-up`) and its CSV (`/follow-up.csv`). */
import type { AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { authorize, signedIn } from '../../kernel/policy.js';
import { absoluteUrl } from '../identity/index.js';
import { followUp, followUpCsv, parseSort, sortFollowUp, type FollowUpItem, type SortDirection, type SortKey } from './follow-up.js';
import { spaceToday, standingOfActor } from './groups.js';
import { viewFollowUp } from './policies.js';
import { FollowUpPage } from './views/follow-up.js';

/** The rows for a reader allowed to see them, sorted as the query asks. */
async function sortedFollowUp(c: AppContext): Promise<{ items: FollowUpItem[]; sort: SortKey; dir: SortDirection; today: string }> {
  const db = c.get('services').database.db;
  authorize(viewFollowUp, c.get('actor'), await standingOfActor(db, c.get('actor')));
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
    // Every group's state, dates and reports (bodies, re-read each day), members (mandates, also
    // who may see the page), coordinators' names (people), entities and pending join requests.
    signedInCacheTags: ['bodies', 'mandates', 'people', 'organisations', 'join_requests'],
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
