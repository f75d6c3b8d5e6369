/**
 * Issue 3, "Scale and speed": with 5,000 organisations, 20,000 people and 50 bodies, the
 * directory, the organisation and body pages, the organisation form, the bodies tree, the
 * secretariat's mandates page, a working group's reports and join requests, the steering group's
 * follow-up and the API lists answer, each with the same number of SQL statements as on a
 * database a hundred times smaller — nothing is read once per row. Issue 4 adds a meeting of 40
 * agenda items, 200 attendees and 30 agreements, and a register of 10,000 agreements.
 *
 * Both databases come from `loadScale` (test/support/scale.ts), so they hold the same shapes
 * (every level, state and kind of row) and differ only in size. The render cache is off: a
 * visitor's second visit would otherwise be answered without any query at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../src/db/connect.js';
import { createTestApp, type Agent, type TestApp } from './support/app.js';
import { browserFor, createPersona } from './support/personas.js';
import { loadScale, type ScaleResult, type ScaleSize } from './support/scale.js';

const SMALL: ScaleSize = { organisations: 50, people: 200, bodies: 10 };
const LARGE: ScaleSize = { organisations: 5000, people: 20_000, bodies: 50 };

interface Space {
  app: TestApp;
  scale: ScaleResult;
  visitor: Agent;
  admin: Agent;
}

async function space(size: ScaleSize): Promise<Space> {
  const app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const scale = await loadScale(app.services.database.db, size);
  const admin = await browserFor(app, await createPersona(app, 'admin'));
  return { app, scale, visitor: app.agent(), admin };
}

let small: Space;
let large: Space;

beforeAll(async () => {
  small = await space(SMALL);
  large = await space(LARGE);
});
afterAll(async () => {
  await small?.app.close();
  await large?.app.close();
});

/**
 * The statements one GET sends, after a first identical GET (which warms up what is built once
 * and, signed in, the once-a-minute "last seen" write).
 */
async function queriesFor(s: Space, who: 'visitor' | 'admin', path: string): Promise<{ status: number; queries: number }> {
  const agent = s[who];
  await (await agent.get(path)).arrayBuffer();
  const { result, queries } = await countQueries(s.app.services.database, async () => {
    const response = await agent.get(path);
    await response.arrayBuffer();
    return response.status;
  });
  return { status: result, queries };
}

interface PageCase {
  name: string;
  who: 'visitor' | 'admin';
  path: (scale: ScaleResult) => string;
}

const PAGES: PageCase[] = [
  { name: 'the directory', who: 'visitor', path: () => '/ca/organisations' },
  { name: 'the directory, second page', who: 'visitor', path: () => '/ca/organisations?page=2' },
  { name: 'the directory, filtered', who: 'visitor', path: () => '/ca/organisations?level=1&family=cooperative&district=gracia' },
  { name: 'the directory, representative entities', who: 'visitor', path: () => '/ca/organisations?representative=yes' },
  { name: 'the directory, searched', who: 'visitor', path: () => '/ca/organisations?q=cooperativa%20escala' },
  { name: 'an organisation page', who: 'visitor', path: (s) => `/ca/organisations/${s.sample.organisationId}` },
  { name: 'the new-organisation form', who: 'admin', path: () => '/ca/organisations/new' },
  { name: 'an organisation’s edit form', who: 'admin', path: (s) => `/ca/organisations/${s.sample.organisationId}/edit` },
  { name: 'the bodies tree', who: 'visitor', path: () => '/ca/bodies' },
  { name: 'the plenary page', who: 'visitor', path: () => '/ca/bodies/ambit-participat' },
  { name: 'the steering group page', who: 'visitor', path: () => '/ca/bodies/grup-motor' },
  { name: 'a working group page', who: 'visitor', path: (s) => `/ca/bodies/${s.sample.groupSlug}` },
  { name: 'the plenary page, signed in', who: 'admin', path: () => '/ca/bodies/ambit-participat' },
  { name: 'the plenary’s mandates (secretariat)', who: 'admin', path: () => '/ca/bodies/ambit-participat/mandates' },
  { name: 'a working group’s reports', who: 'visitor', path: (s) => `/ca/bodies/${s.sample.groupSlug}/reports` },
  { name: 'a working group’s join requests', who: 'admin', path: (s) => `/ca/bodies/${s.sample.groupSlug}/join-requests` },
  { name: 'a working group’s join form', who: 'admin', path: (s) => `/ca/bodies/${s.sample.groupSlug}/join` },
  { name: 'the working-group proposal form', who: 'admin', path: () => '/ca/working-groups/new' },
  { name: 'the follow-up page', who: 'admin', path: () => '/ca/follow-up' },
  { name: 'the follow-up as CSV', who: 'admin', path: () => '/ca/follow-up.csv' },
  { name: 'the API organisations', who: 'visitor', path: () => '/api/v1/organisations' },
  { name: 'the API organisations, a full page', who: 'visitor', path: () => '/api/v1/organisations?limit=100' },
  { name: 'the API organisations, filtered', who: 'visitor', path: () => '/api/v1/organisations?level=2&representative=true' },
  { name: 'the API bodies', who: 'visitor', path: () => '/api/v1/bodies' },
  { name: 'the API plenary', who: 'visitor', path: (s) => `/api/v1/bodies/${s.sample.plenaryId}` },
  { name: 'the API plenary mandates', who: 'visitor', path: (s) => `/api/v1/bodies/${s.sample.plenaryId}/mandates` },
  { name: 'the API working group mandates', who: 'visitor', path: (s) => `/api/v1/bodies/${s.sample.groupId}/mandates` },
  { name: 'the API working group reports', who: 'visitor', path: (s) => `/api/v1/bodies/${s.sample.groupId}/reports` },
  // Issue 4: the large meeting (40 items, 200 attendees, 30 agreements at the large size) and the
  // register of 10,000 agreements.
  { name: 'a meeting page', who: 'visitor', path: (s) => `/ca/meetings/${s.sample.meetingId}` },
  { name: 'a meeting page, for the secretariat', who: 'admin', path: (s) => `/ca/meetings/${s.sample.meetingId}` },
  { name: 'a meeting’s minutes', who: 'admin', path: (s) => `/ca/meetings/${s.sample.meetingId}/minutes` },
  { name: 'a meeting’s attendance form', who: 'admin', path: (s) => `/ca/meetings/${s.sample.meetingId}/attendance` },
  { name: 'the agreements register', who: 'visitor', path: () => '/ca/agreements' },
  { name: 'the agreements register, searched', who: 'visitor', path: () => '/ca/agreements?q=habitatge' },
  { name: 'the plenary’s agreements register', who: 'visitor', path: () => '/ca/bodies/ambit-participat/agreements' },
  { name: 'the space’s calendar, as a list', who: 'visitor', path: () => '/ca/calendar?view=list' },
  { name: 'the space’s meetings', who: 'visitor', path: () => '/ca/meetings' },
  { name: 'the API agreements', who: 'visitor', path: () => '/api/v1/agreements?limit=100' },
  { name: 'the API meeting attendance', who: 'visitor', path: (s) => `/api/v1/meetings/${s.sample.meetingId}/attendance` },
  { name: 'the API meeting agenda', who: 'visitor', path: (s) => `/api/v1/meetings/${s.sample.meetingId}/agenda-items` },
];

describe('pages and API lists at scale', () => {
  it('loads a space a hundred times larger than the small one', () => {
    expect(large.scale).toMatchObject({ organisations: 5000, representative: 100, people: 20_000, workingGroups: 48 });
    expect(large.scale.mandates).toBeGreaterThan(10 * small.scale.mandates / 2);
  });

  it.each(PAGES)('$name runs as many queries on the large space as on the small one', async ({ who, path }) => {
    const few = await queriesFor(small, who, path(small.scale));
    const many = await queriesFor(large, who, path(large.scale));
    expect(few.status, path(small.scale)).toBe(200);
    expect(many.status, path(large.scale)).toBe(200);
    expect(many.queries, `${path(large.scale)}: ${few.queries} queries on the small space`).toBe(few.queries);
  });
});
