/**
 * A meeting's dossier through the pages those who run meetings use: a real PDF uploaded and
 * downloaded with safe headers, an executable renamed `.pdf` and an empty file refused with
 * nothing stored, a 300 MB body refused 413 before it is read, `javascript:` links refused,
 * private bodies' files hidden, what may change in which state, the late-dossier rule and the
 * secretariat's list, and a fixed number of queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { MAX_UPLOAD_BYTES } from '../../kernel/files/sniff.js';
import { formatDate, formatNumber, translate, translator, type Locale } from '../../kernel/i18n/index.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, createPersona, type Persona } from '../../../test/support/personas.js';
import { insertGroup, insertMandate } from '../bodies/bodies-test-support.js';
import { dossierStatus, lateDossiers, listDossier, webAddress } from './dossier.js';
import { displayFileName, fileSizeInWords, UPLOAD_REQUEST_LIMIT } from './files.js';
import { viewMeeting } from './policies.js';
import { dossierSection } from './section-dossier.js';
import { meetingFor } from './store.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let admin: Persona;
let adminBrowser: Agent;
let participant: Agent;
let member: Agent;
let visitor: Agent;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);
const MZ = new TextEncoder().encode('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.');

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off', TEIXIT_WRITE_LIMIT: '100000' });
  admin = await createPersona(app, 'admin');
  adminBrowser = await browserFor(app, admin);
  participant = await browserFor(app, await createPersona(app, 'participant'));
  member = await browserFor(app, await createPersona(app, 'member'));
  visitor = app.agent();
});
afterAll(() => app?.close());

const db = () => app.services.database.db;
/** A view context as a request in `locale` by a visitor would give. */
function viewContextFor(locale: Locale): ViewContext {
  return {
    locale,
    t: translator(locale),
    path: '/',
    search: '',
    user: null,
    csrfToken: '',
    flash: null,
    nav: [],
    href: (path) => `/${locale}${path}`,
    formatDate: (value, style) => formatDate(locale, value, style),
    formatNumber: (value) => formatNumber(locale, value),
  };
}
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

interface UploadOptions {
  name?: string;
  title?: string;
  item?: number | string;
  as?: Agent;
  locale?: string;
  csrf?: boolean;
}

async function upload(meetingId: number, content: Uint8Array, options: UploadOptions = {}): Promise<{ status: number; html: string; location: string | null }> {
  const agent = options.as ?? adminBrowser;
  const form = new FormData();
  if (options.csrf !== false) form.append('_csrf', agent.csrfToken());
  form.append('file_title', options.title ?? '');
  form.append('file_item', options.item === undefined ? '' : String(options.item));
  form.append('file', new Blob([content], { type: 'application/pdf' }), options.name ?? 'acta.pdf');
  const response = await agent.request('POST', `/${options.locale ?? 'en'}/meetings/${meetingId}/dossier/files`, { body: form });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

async function counts(): Promise<{ entries: number; files: number }> {
  const entries = await db().selectFrom('dossier_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const files = await db().selectFrom('stored_files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { entries: Number(entries.n), files: Number(files.n) };
}

async function lastEntryId(meetingId: number): Promise<number> {
  const entries = await listDossier(db(), meetingId);
  const last = entries.at(-1);
  if (!last) throw new Error('no entry');
  return last.id;
}

describe('uploading and downloading', () => {
  it('takes a real PDF, stores its bytes with their hash, type and size, and serves it back with safe headers to anyone who may see the meeting', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const sent = await upload(meeting, PDF, { name: 'C:\\fakepath\\Acta d\u2019octubre\u202E.pdf', title: 'Acta de la sessió anterior' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/en/meetings/${meeting}/dossier`);
    expect(await counts()).toEqual({ entries: before.entries + 1, files: before.files + 1 });
    const stored = await db().selectFrom('dossier_entries as d').innerJoin('stored_files as f', 'f.id', 'd.file_id').selectAll('f').select(['d.file_name', 'd.title']).where('d.meeting_id', '=', meeting).executeTakeFirstOrThrow();
    expect(stored.media_type).toBe('application/pdf');
    expect(Number(stored.byte_size)).toBe(PDF.byteLength);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The name is cleaned of its folders and its right-to-left override.
    expect(stored.file_name).toBe('Acta d\u2019octubre.pdf');

    const page = await adminBrowser.get(`/en/meetings/${meeting}/dossier`);
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain('Acta de la sessió anterior');
    expect(html).toContain(`PDF document, ${fileSizeInWords('en', PDF.byteLength)}`);

    const id = await lastEntryId(meeting);
    for (const agent of [visitor, participant, member]) {
      const download = await agent.get(`/en/meetings/${meeting}/dossier/${id}`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Acta d_octubre\.pdf"; filename\*=UTF-8''Acta%20d%E2%80%99octubre\.pdf$/);
      expect(download.headers.get('cache-control')).toBe('private, no-cache');
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    }
  });

  it('serves an image in place, with its sniffed type and a Content-Security-Policy that runs no script from it', async () => {
    const meeting = await insertMeeting(db());
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    expect((await upload(meeting, png, { name: 'foto.pdf', title: 'Foto' })).status).toBe(303);
    const download = await visitor.get(`/en/meetings/${meeting}/dossier/${await lastEntryId(meeting)}`);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^inline; filename="foto\.pdf\.png"/);
    // The file's own `default-src 'none'; sandbox` is replaced by the site's CSP in app.ts's
    // secureHeaders (it overwrites): still no inline script, no plugin, no framing.
    const csp = download.headers.get('content-security-policy') ?? '';
    expect(csp).toBe("default-src 'none'; sandbox");
  });

  it.each([
    ['an ELF executable', ELF],
    ['a Windows executable', MZ],
    ['a script', new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n')],
    ['an HTML page', new TextEncoder().encode('<!doctype html><script>alert(1)</script>')],
  ])('refuses %s named .pdf with a clear, localized 422, storing nothing', async (_what, bytes) => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const refused = await upload(meeting, bytes, { name: 'acta.pdf', title: 'Acta' });
    expect(refused.status).toBe(422);
    expect(text(refused.html)).toContain(en('meetings_dossier.errors.file_type'));
    // What the person typed is kept.
    expect(refused.html).toContain('value="Acta"');
    const inCatalan = await upload(meeting, bytes, { locale: 'ca' });
    expect(inCatalan.status).toBe(422);
    expect(text(inCatalan.html)).toContain(translate('ca', 'meetings_dossier.errors.file_type'));
    expect(await counts()).toEqual(before);
  });

  it('refuses an empty file, and a form with no file', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const empty = await upload(meeting, new Uint8Array(0), { name: 'buit.pdf' });
    expect(empty.status).toBe(422);
    expect(text(empty.html)).toContain(en('meetings_dossier.errors.file_empty'));
    const form = new FormData();
    form.append('_csrf', adminBrowser.csrfToken());
    form.append('file', 'not a file');
    const none = await adminBrowser.request('POST', `/en/meetings/${meeting}/dossier/files`, { body: form });
    expect(none.status).toBe(422);
    expect(text(await none.text())).toContain(en('meetings_dossier.errors.file_missing'));
    expect(await counts()).toEqual(before);
  });

  it('refuses a multipart upload without the CSRF token', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    expect((await upload(meeting, PDF, { csrf: false })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('puts a file under an agenda item of the meeting, and refuses an item of another meeting', async () => {
    const meeting = await insertMeeting(db());
    const item = await insertAgendaItem(db(), meeting, { title: 'Pressupost' });
    const other = await insertAgendaItem(db(), await insertMeeting(db()));
    expect((await upload(meeting, PDF, { item })).status).toBe(303);
    expect((await listDossier(db(), meeting))[0]?.agenda_item_id).toBe(item);
    const before = await counts();
    const refused = await upload(meeting, PDF, { item: other });
    expect(refused.status).toBe(422);
    expect(text(refused.html)).toContain(en('meetings_dossier.errors.item_unknown'));
    expect(await counts()).toEqual(before);
  });
});

describe('a 300 MB upload', () => {
  const boundary = '----teixit-dossier-test';
  const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="enorme.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);

  /** A body of `total` bytes made as it is read, counting what the server pulled. */
  function streamedBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          sent += head.byteLength;
          controller.enqueue(head);
          return;
        }
        if (sent >= total) {
          controller.close();
          return;
        }
        const size = Math.min(chunk.byteLength, total - sent);
        sent += size;
        controller.enqueue(size === chunk.byteLength ? chunk : chunk.subarray(0, size));
      },
    });
    return { stream, pulled: () => sent };
  }

  async function send(meeting: number, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<Response> {
    const cookie = [...adminBrowser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return app.built.app.request(`/en/meetings/${meeting}/dossier/files`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': adminBrowser.csrfToken(), ...headers },
    } as RequestInit);
  }

  it('is refused 413 with the localized page as soon as the stream passes the limit, storing nothing', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const body = streamedBody(300 * 1024 * 1024);
    const response = await send(meeting, body.stream);
    expect(response.status).toBe(413);
    expect(text(await response.text())).toContain(en('errors.payload_too_large'));
    // Read no further than the limit (and the chunk that crossed it, and one the stream had ready).
    expect(body.pulled()).toBeLessThanOrEqual(UPLOAD_REQUEST_LIMIT + 2 * 1024 * 1024);
    expect(await counts()).toEqual(before);
  });

  it('is refused 413 before a byte is read when it says its size', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const body = streamedBody(300 * 1024 * 1024);
    const response = await send(meeting, body.stream, { 'content-length': String(300 * 1024 * 1024) });
    expect(response.status).toBe(413);
    const page = text(await response.text());
    expect(page).toContain(en('errors.payload_too_large'));
    expect(body.pulled()).toBeLessThanOrEqual(head.byteLength + 1024 * 1024);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file just over the size limit (within the request limit) with 413 on the form, naming the limit', async () => {
    const meeting = await insertMeeting(db());
    const before = await counts();
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PDF);
    const refused = await upload(meeting, big);
    expect(refused.status).toBe(413);
    expect(text(refused.html)).toContain(en('meetings_dossier.errors.file_too_large', { max: fileSizeInWords('en', MAX_UPLOAD_BYTES) }));
    expect(await counts()).toEqual(before);
  });
});

describe('links', () => {
  const addLink = (meeting: number, url: string, title = 'Informe', agent: Agent = adminBrowser) =>
    agent.post(`/en/meetings/${meeting}/dossier/links`, { link_title: title, link_url: url, link_item: '' });

  it('adds an http(s) link, shown with rel="noopener noreferrer"', async () => {
    const meeting = await insertMeeting(db());
    const added = await addLink(meeting, 'https://example.org/informe?any=1');
    expect(added.status).toBe(303);
    const page = await (await adminBrowser.get(`/en/meetings/${meeting}/dossier`)).text();
    expect(page).toContain('<a href="https://example.org/informe?any=1" rel="noopener noreferrer"');
    expect(text(page)).toContain(en('meetings_dossier.entry.link', { host: 'example.org' }));
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', '/relative/path', 'ftp://example.org/f', 'https://user:pass@example.org/'])(
    'refuses %s with a localized 422, storing nothing',
    async (url) => {
      const meeting = await insertMeeting(db());
      const before = await counts();
      const refused = await addLink(meeting, url);
      expect(refused.status).toBe(422);
      expect(text(await refused.text())).toContain(en('meetings_dossier.errors.url'));
      expect(await counts()).toEqual(before);
    },
  );

  it('asks for a title', async () => {
    const meeting = await insertMeeting(db());
    const refused = await addLink(meeting, 'https://example.org', '   ');
    expect(refused.status).toBe(422);
  });

  it('webAddress keeps only absolute http(s) addresses', () => {
    expect(webAddress('https://exemple.cat/a b')).toBe('https://exemple.cat/a%20b');
    expect(webAddress(' javascript:alert(1)')).toBeNull();
    expect(webAddress('http:///nohost')).toBe('http://nohost/');
  });
});

describe('who may see and change it', () => {
  it("hides a private body's files from visitors and people outside it (404), and shows them to its members", async () => {
    const group = await insertGroup(db());
    const meeting = await insertMeeting(db(), { body_id: group.id });
    expect((await upload(meeting, PDF)).status).toBe(303);
    const path = `/en/meetings/${meeting}/dossier/${await lastEntryId(meeting)}`;
    expect((await visitor.get(path)).status).toBe(404);
    expect((await participant.get(path)).status).toBe(404);
    expect((await member.get(path)).status).toBe(404);
    const inside = await app.createUser({});
    await insertMandate(db(), { body_id: group.id, person_id: inside.id });
    const insider = await browserFor(app, { name: 'participant', user: inside, token: null });
    expect((await insider.get(path)).status).toBe(200);
    // A link entry, an unknown entry and another meeting's entry are not files here.
    expect((await adminBrowser.get(`/en/meetings/${meeting}/dossier/999999`)).status).toBe(404);
    const other = await insertMeeting(db());
    expect((await adminBrowser.get(`/en/meetings/${other}/dossier/${await lastEntryId(meeting)}`)).status).toBe(404);
  });

  it('lets only those who run meetings manage the dossier', async () => {
    const meeting = await insertMeeting(db());
    expect((await member.get(`/en/meetings/${meeting}/dossier`)).status).toBe(403);
    const before = await counts();
    expect((await upload(meeting, PDF, { as: member })).status).toBe(403);
    expect((await upload(meeting, PDF, { as: participant })).status).toBe(403);
    expect(await counts()).toEqual(before);
    const privateMeeting = await insertMeeting(db(), { body_id: (await insertGroup(db())).id });
    expect((await participant.get(`/en/meetings/${privateMeeting}/dossier`)).status).toBe(404);
    // The chair of a body runs its meetings.
    const chairUser = await app.createUser({});
    await insertMandate(db(), { body_id: 1, person_id: chairUser.id, role: 'chair' });
    const chair = await browserFor(app, { name: 'participant', user: chairUser, token: null });
    expect((await chair.get(`/en/meetings/${meeting}/dossier`)).status).toBe(200);
    expect((await upload(meeting, PDF, { as: chair })).status).toBe(303);
  });

  it('removes an entry after a confirmation page, deleting its file; not once the meeting is held', async () => {
    const meeting = await insertMeeting(db());
    expect((await upload(meeting, PDF, { title: 'A treure' })).status).toBe(303);
    const id = await lastEntryId(meeting);
    const confirm = await adminBrowser.get(`/en/meetings/${meeting}/dossier/${id}/remove`);
    expect(confirm.status).toBe(200);
    expect(text(await confirm.text())).toContain(en('meetings_dossier.remove_title', { title: 'A treure' }));
    const before = await counts();
    const removed = await adminBrowser.post(`/en/meetings/${meeting}/dossier/${id}/remove`);
    expect(removed.status).toBe(303);
    expect(await counts()).toEqual({ entries: before.entries - 1, files: before.files - 1 });
    expect((await adminBrowser.post(`/en/meetings/${meeting}/dossier/${id}/remove`)).status).toBe(404);

    const held = await insertMeeting(db(), { state: 'held', starts_at: new Date(Date.now() - 7 * 24 * 3600_000) });
    // Added after the session, for the record.
    expect((await upload(held, PDF, { title: 'Presentació' })).status).toBe(303);
    const kept = await lastEntryId(held);
    const afterHeld = await counts();
    const refused = await adminBrowser.post(`/en/meetings/${held}/dossier/${kept}/remove`);
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain(en('meetings_dossier.errors.held_remove'));
    expect(await counts()).toEqual(afterHeld);
  });

  it("does not change a cancelled meeting's dossier", async () => {
    const meeting = await insertMeeting(db(), { state: 'cancelled' });
    const before = await counts();
    const refused = await upload(meeting, PDF);
    expect(refused.status).toBe(409);
    expect(text(refused.html)).toContain(en('meetings_dossier.errors.cancelled'));
    expect((await adminBrowser.post(`/en/meetings/${meeting}/dossier/links`, { link_title: 'x', link_url: 'https://example.org' })).status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe('the deadline and late dossiers', () => {
  const day = 24 * 3600_000;
  const now = new Date();

  async function entryAt(meetingId: number, createdAt: Date): Promise<void> {
    await db().insertInto('dossier_entries').values({ meeting_id: meetingId, title: 'Document', url: 'https://example.org/doc', created_at: createdAt }).execute();
  }

  it('is late when the deadline has passed and the dossier is empty, or an entry came after it — for convened meetings still to come', async () => {
    // The plenary's papers are due 5 days before (rules.ts).
    const empty = await insertMeeting(db(), { starts_at: new Date(now.getTime() + 2 * day) });
    const onTime = await insertMeeting(db(), { starts_at: new Date(now.getTime() + 2 * day) });
    await entryAt(onTime, new Date(now.getTime() - 4 * day));
    const added = await insertMeeting(db(), { starts_at: new Date(now.getTime() + 2 * day) });
    await entryAt(added, new Date(now.getTime() - 4 * day));
    await entryAt(added, new Date(now.getTime() - 1 * day));
    const notYetDue = await insertMeeting(db(), { starts_at: new Date(now.getTime() + 20 * day) });
    const draft = await insertMeeting(db(), { state: 'draft', starts_at: new Date(now.getTime() + 2 * day) });
    const past = await insertMeeting(db(), { starts_at: new Date(now.getTime() - 2 * day) });
    // A working group's are due 1 day before: 2 days ahead, not yet due.
    const group = await insertGroup(db());
    const groupMeeting = await insertMeeting(db(), { body_id: group.id, starts_at: new Date(now.getTime() + 2 * day) });
    await db().updateTable('bodies').set({ dossier_days: 3 }).where('id', '=', (await insertGroup(db())).id).execute();

    const late = await lateDossiers(db(), now);
    const lateIds = late.map((item) => item.meeting_id);
    expect(lateIds).toEqual(expect.arrayContaining([empty, added]));
    for (const id of [onTime, notYetDue, draft, past, groupMeeting]) expect(lateIds).not.toContain(id);
    expect(late.find((item) => item.meeting_id === added)).toMatchObject({ entries: 2, late_entries: 1 });
    expect(late.find((item) => item.meeting_id === empty)).toMatchObject({ entries: 0, late_entries: 0 });
    const emptyRow = late.find((item) => item.meeting_id === empty);
    expect(emptyRow?.deadline.getTime()).toBe(new Date(now.getTime() + 2 * day - 5 * day).getTime());

    // The meeting page's status says the same.
    for (const [id, expected] of [[empty, true], [onTime, false], [added, true], [notYetDue, false], [draft, false], [past, false], [groupMeeting, false]] as const) {
      const access = await meetingFor(db(), null, id, viewMeeting).catch(() => null);
      const found = access ?? (await meetingFor(db(), { id: admin.user!.id, name: 'a', roles: ['admin'] }, id, viewMeeting));
      const status = dossierStatus(found.meeting, found.body.rules.dossierDays, await listDossier(db(), id), now);
      expect(status.late, `meeting ${id}`).toBe(expected);
    }

    // A body's own rule counts: 3 days for this group, so a meeting 2 days ahead is late.
    const strict = await insertGroup(db());
    await db().updateTable('bodies').set({ dossier_days: 3 }).where('id', '=', strict.id).execute();
    const strictMeeting = await insertMeeting(db(), { body_id: strict.id, starts_at: new Date(now.getTime() + 2 * day) });
    expect((await lateDossiers(db(), now)).map((item) => item.meeting_id)).toContain(strictMeeting);
  });

  it('lists them for administrators and the secretariat only', async () => {
    const meeting = await insertMeeting(db(), { title: 'Plenari amb retard', starts_at: new Date(Date.now() + day) });
    const page = await adminBrowser.get('/en/meetings/late-dossiers');
    expect(page.status).toBe(200);
    expect(text(await page.text())).toContain('Plenari amb retard');
    expect((await participant.get('/en/meetings/late-dossiers')).status).toBe(403);
    expect((await member.get('/en/meetings/late-dossiers')).status).toBe(403);
    const secretaryUser = await app.createUser({});
    await insertMandate(db(), { body_id: 1, person_id: secretaryUser.id, role: 'secretary' });
    const secretary = await browserFor(app, { name: 'participant', user: secretaryUser, token: null });
    const theirs = await secretary.get('/en/meetings/late-dossiers');
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).toContain(`/en/meetings/${meeting}/dossier`);
  });
});

describe('the meeting page section', () => {
  it("lists the meeting's own entries, each item's under it, with type and size in words, and the deadline", async () => {
    const meeting = await insertMeeting(db(), { starts_at: new Date(Date.now() + 24 * 3600_000) });
    const item = await insertAgendaItem(db(), meeting);
    expect((await upload(meeting, PDF, { title: 'Ordre del dia' })).status).toBe(303);
    expect((await upload(meeting, PDF, { title: 'Pressupost detallat', item })).status).toBe(303);
    const access = await meetingFor(db(), null, meeting, viewMeeting);
    const data = await dossierSection.load(db(), access, null);
    const ctx = viewContextFor('en');
    const section = text(String(await dossierSection.render({ ctx, access, data })));
    expect(section).toContain('Ordre del dia');
    expect(section).not.toContain('Pressupost detallat');
    expect(section).toContain(`PDF document, ${fileSizeInWords('en', PDF.byteLength)}`);
    expect(section).toContain(en('meetings_dossier.late'));
    expect(section).not.toContain(en('meetings_dossier.section.manage'));
    const under = text(String(await dossierSection.renderForItem?.({ ctx, access, data, itemId: item })));
    expect(under).toContain('Pressupost detallat');
    const managing = await dossierSection.load(db(), access, { id: admin.user!.id, name: 'Admin', roles: ['admin'] });
    expect(text(String(await dossierSection.render({ ctx, access, data: managing })))).toContain(en('meetings_dossier.section.manage'));
  });
});

describe('on the meeting page', () => {
  it('visitors see the dossier of a public meeting, with its links kept from the opener and the referrer', async () => {
    const meeting = await insertMeeting(db());
    const item = await insertAgendaItem(db(), meeting, { title: 'Pressupost' });
    expect((await upload(meeting, PDF, { title: 'Ordre del dia complet' })).status).toBe(303);
    expect((await adminBrowser.post(`/en/meetings/${meeting}/dossier/links`, { link_title: 'Informe del grup', link_url: 'https://example.org/informe', link_item: String(item) })).status).toBe(303);
    const page = await visitor.get(`/en/meetings/${meeting}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(text(html)).toContain('Ordre del dia complet');
    expect(html).toContain('<a href="https://example.org/informe" rel="noopener noreferrer"');
    expect(html).toContain(`/en/meetings/${meeting}/dossier/`);
    expect(text(html)).not.toContain(en('meetings_dossier.section.manage'));
  });
});

describe('query counts', () => {
  it('the section and the managing page cost the same with 2 entries as with 40', async () => {
    const small = await insertMeeting(db());
    const large = await insertMeeting(db());
    for (const [meeting, count] of [[small, 2], [large, 40]] as const) {
      const items = [await insertAgendaItem(db(), meeting), await insertAgendaItem(db(), meeting)];
      for (let i = 0; i < count; i += 1) {
        const file = await db().insertInto('stored_files').values({ sha256: 'x'.repeat(64), media_type: 'application/pdf', byte_size: PDF.byteLength, content: PDF }).returning('id').executeTakeFirstOrThrow();
        await db().insertInto('dossier_entries').values({ meeting_id: meeting, agenda_item_id: i % 3 === 0 ? null : items[i % 2]!, title: `Document ${i}`, file_id: file.id, file_name: `doc-${i}.pdf` }).execute();
      }
    }
    const sectionQueries = async (meeting: number) => {
      const access = await meetingFor(db(), null, meeting, viewMeeting);
      return (await countQueries(app.services.database, () => dossierSection.load(db(), access, null))).queries;
    };
    expect(await sectionQueries(small)).toBe(1);
    expect(await sectionQueries(large)).toBe(1);
    const pageQueries = async (meeting: number) => {
      await adminBrowser.get(`/en/meetings/${meeting}/dossier`);
      const { result, queries } = await countQueries(app.services.database, () => adminBrowser.get(`/en/meetings/${meeting}/dossier`));
      expect(result.status).toBe(200);
      return queries;
    };
    expect(await pageQueries(large)).toBe(await pageQueries(small));
    const late = await countQueries(app.services.database, () => lateDossiers(db()));
    expect(late.queries).toBe(1);
  });
});

describe('file names', () => {
  it('are shown without folders, control or bidirectional characters, and not endless', () => {
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('C:\\Users\\x\\acta\u202Efdp.exe')).toBe('actafdp.exe');
    expect(displayFileName('a\r\nb.pdf')).toBe('ab.pdf');
    expect(displayFileName('...ocult.pdf')).toBe('ocult.pdf');
    const long = displayFileName(`${'a'.repeat(400)}.pdf`);
    expect(Array.from(long)).toHaveLength(150);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
