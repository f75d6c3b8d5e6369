/**
 * A visitor's copy of a meeting page shows the records its agenda links to: a kind of record
 * registered by a module loaded later (documents, plan measures) names its cache tags, and the
 * page is dropped when those records change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { registerLinkKind } from './links.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let stopCache: () => void;
const db = () => app.services.database.db;
const labels = new Map<number, string>([[7, 'Guia de contractació, versió 1']]);

beforeAll(async () => {
  app = await createTestApp();
  stopCache = app.built.renderCache.start();
  // Registered after the app is built, as a module loaded later would.
  registerLinkKind({
    type: 'test_document',
    labelKey: 'meetings.links.kinds.organisation',
    cacheTags: ['documents'],
    resolve: (_db, ids) => Promise.resolve(new Map(ids.filter((id) => labels.has(id)).map((id) => [id, { label: labels.get(id) ?? '', href: `/documents/${id}`, visible: true }]))),
  });
});
afterAll(async () => {
  stopCache();
  await app?.close();
});

describe("the meeting page's cache tags", () => {
  it("carry every link kind's tags, also of a kind registered later", () => {
    const route = app.built.routes.find((r) => r.kind === 'page' && r.method === 'GET' && r.path === '/meetings/:id{[0-9]+}');
    expect(route?.kind === 'page' ? route.cacheTags : undefined).toEqual(expect.arrayContaining(['meetings', 'bodies', 'organisations', 'people', 'documents']));
  });

  it("drop a visitor's copy when a linked record of that kind changes", async () => {
    const meeting = await insertMeeting(db(), { state: 'convened' });
    const item = await insertAgendaItem(db(), meeting, { title: 'Contractació pública responsable' });
    await db().insertInto('agenda_item_links').values({ agenda_item_id: item, target_type: 'test_document', target_id: 7 }).execute();
    const visitor = app.agent();
    expect(await (await visitor.get(`/ca/meetings/${meeting}`)).text()).toContain('Guia de contractació, versió 1');
    labels.set(7, 'Guia de contractació, versió 2');
    // Still the kept copy until the documents' event.
    expect(await (await visitor.get(`/ca/meetings/${meeting}`)).text()).toContain('versió 1');
    await app.services.events.publish([{ type: 'test.document_updated', tags: ['documents'] }], (error) => {
      throw error;
    });
    expect(await (await visitor.get(`/ca/meetings/${meeting}`)).text()).toContain('Guia de contractació, versió 2');
  });
});
