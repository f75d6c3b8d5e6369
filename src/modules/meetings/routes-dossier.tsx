/**
 * HTTP for a meeting's dossier: the managing page (`/meetings/:id/dossier`) with its upload and
 * link forms, removing an entry (a confirmation page, then a POST), the download of a file
 * (whoever may see the meeting), and the secretariat's list of late dossiers. Thin: reading the
 * forms, status codes, headers; the rules are in dossier.ts.
 *
 * The upload route declares its own body limit (UPLOAD_REQUEST_LIMIT): the app checks it before
 * any middleware reads the body — a declared Content-Length over it is refused at once, a
 * streamed body as soon as it passes it — with the localized 413 page. CSRF on the multipart
 * form: the kernel reads `_csrf` from the parsed multipart body (Hono keeps it parsed, so the
 * handler reads the same body again without a second pass over the stream).
 */
import type { MiddlewareHandler } from 'hono';
import { AppError, isAppError, type FieldErrors } from '../../kernel/errors.js';
import { safeDownloadHeaders } from '../../kernel/files/sniff.js';
import { scopeOf, type AppContext, type AppEnv } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { allows, authorize, publicAccess, signedIn } from '../../kernel/policy.js';
import type { RequestScope } from '../../kernel/services.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { MySpaceBlock } from '../account/index.js';
import { standingOf } from '../bodies/index.js';
import {
  addDossierFile, addDossierLink, agendaItemsOf, dossierRefusal, dossierStatus, lateDossiers, listDossier, removeDossierEntry, viewLateDossiers,
} from './dossier.js';
import { dossierFile, typeOfMedia, UPLOAD_REQUEST_LIMIT } from './files.js';
import { manageMeetings, viewMeeting } from './policies.js';
import { idParam, meetingFor, type MeetingAccess } from './store.js';
import { DossierPage, DossierRefusalPage, LateDossiersBlock, LateDossiersPage, RemoveEntryPage, dossierPath, type DossierFormValues } from './views/dossier.js';

const ID = '{[0-9]{1,15}}';
const SAMPLE = { id: '1', entryId: '1' };

const dbOf = (c: AppContext) => c.get('services').database.db;

/** The meeting of the path, for someone who runs its meetings (404 when they may not see it, 403 when they may only see it). */
function managedMeeting(c: AppContext): Promise<MeetingAccess> {
  return meetingFor(dbOf(c), c.get('actor'), idParam(c.req.param('id')), manageMeetings);
}

/** The managing page, with what a refused form sent and why (status 200, 409, 413 or 422). */
async function renderDossier(c: AppContext, access: MeetingAccess, extra: { values?: DossierFormValues; errors?: FieldErrors; refusal?: string; status?: 200 | 409 | 413 | 422 } = {}) {
  const db = dbOf(c);
  const [entries, items] = await Promise.all([listDossier(db, access.meeting.id), agendaItemsOf(db, access.meeting.id)]);
  const status = dossierStatus(access.meeting, access.body.rules.dossierDays, entries);
  return c.html(
    <DossierPage
      ctx={viewContext(c)}
      access={access}
      entries={entries}
      items={items}
      status={status}
      canAdd={dossierRefusal(access.meeting, 'add') === null}
      canRemove={dossierRefusal(access.meeting, 'remove') === null}
      values={extra.values}
      errors={extra.errors}
      refusal={extra.refusal}
    />,
    extra.status ?? 200,
  );
}

/** The command's field names as the form names them. */
function renamed(fields: FieldErrors, names: Record<string, string>, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(fields)) {
    const name = names[field] ?? fallback;
    errors[name] = errors[name] ? `${errors[name]} ${message}` : message;
  }
  return errors;
}

/** A refused dossier form shown again: 422 with the fields, 413 for a file too large, 409 for a state in the way. */
async function refused(c: AppContext, access: MeetingAccess, error: unknown, values: DossierFormValues, names: Record<string, string>, fallback: string) {
  const ctx = viewContext(c);
  if (isAppError(error, 'validation_failed')) return renderDossier(c, access, { values, errors: renamed(error.fields, names, fallback), status: 422 });
  if (isAppError(error, 'payload_too_large')) return renderDossier(c, access, { values, errors: { file: ctx.t(error.messageKey, error.params) }, status: 413 });
  if (isAppError(error, 'invalid_transition')) return renderDossier(c, access, { values, refusal: ctx.t(error.messageKey, error.params), status: 409 });
  throw error;
}

/** One string field of the parsed body ('' when absent, repeated or a file). */
function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The chosen file, if exactly one was sent (a text in its place, or none, counts as none). */
function chosenFile(body: Record<string, unknown>): File | null {
  const files = [body.file].flat().filter((value): value is File => typeof value === 'object' && value !== null && typeof (value as File).arrayBuffer === 'function');
  const file = files.length === 1 ? files[0] : undefined;
  if (!file || (file.size === 0 && file.name === '')) return null;
  return file;
}

/** Only administrators and the secretariat; the standing is read on every request. */
const mayViewLateDossiers: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  authorize(viewLateDossiers, actor, await standingOf(dbOf(c), actor?.id ?? null));
  await next();
};

/**
 * The "My space" block of late dossiers for an administrator or the secretariat (null for
 * anyone else, or when none is late). Two queries: the standing and the list.
 */
export async function lateDossiersBlock(scope: RequestScope, ctx: ViewContext): Promise<MySpaceBlock | null> {
  if (!scope.actor) return null;
  const db = scope.services.database.db;
  if (!allows(viewLateDossiers, scope.actor, await standingOf(db, scope.actor.id))) return null;
  const items = await lateDossiers(db);
  if (items.length === 0) return null;
  return {
    order: 15,
    title: ctx.t('meetings_dossier.late_list.block_title', { count: items.length }),
    body: <LateDossiersBlock ctx={ctx} items={items} />,
    more: { href: ctx.href('/meetings/late-dossiers'), label: ctx.t('meetings_dossier.late_list.more') },
  };
}

export const dossierRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/meetings/late-dossiers',
    policy: signedIn,
    middleware: [mayViewLateDossiers],
    handler: async (c) => c.html(<LateDossiersPage ctx={viewContext(c)} items={await lateDossiers(dbOf(c))} />),
  },
  {
    kind: 'page',
    method: 'GET',
    path: `/meetings/:id${ID}/dossier`,
    policy: signedIn,
    sample: SAMPLE,
    handler: async (c) => renderDossier(c, await managedMeeting(c)),
  },
  {
    kind: 'page',
    method: 'POST',
    path: `/meetings/:id${ID}/dossier/files`,
    policy: signedIn,
    sample: SAMPLE,
    bodyLimit: UPLOAD_REQUEST_LIMIT,
    handler: async (c) => {
      const access = await managedMeeting(c);
      const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
      const values: DossierFormValues = { file_title: field(body, 'file_title'), file_item: field(body, 'file_item') };
      const names = { file: 'file', title: 'file_title', agenda_item_id: 'file_item' };
      const file = chosenFile(body);
      if (!file) return renderDossier(c, access, { values, errors: { file: viewContext(c).t('meetings_dossier.errors.file_missing') }, status: 422 });
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        await addDossierFile(scopeOf(c), { meeting_id: access.meeting.id, agenda_item_id: values.file_item, title: values.file_title, file: { name: file.name, bytes } });
      } catch (error) {
        return refused(c, access, error, values, names, 'file');
      }
      setFlash(c, 'success', 'meetings_dossier.added_file');
      return c.redirect(`/${c.get('locale')}${dossierPath(access.meeting.id)}`, 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: `/meetings/:id${ID}/dossier/links`,
    policy: signedIn,
    sample: SAMPLE,
    handler: async (c) => {
      const access = await managedMeeting(c);
      const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
      const values: DossierFormValues = { link_title: field(body, 'link_title'), link_url: field(body, 'link_url'), link_item: field(body, 'link_item') };
      try {
        await addDossierLink(scopeOf(c), { meeting_id: access.meeting.id, agenda_item_id: values.link_item, title: values.link_title, url: values.link_url });
      } catch (error) {
        return refused(c, access, error, values, { title: 'link_title', url: 'link_url', agenda_item_id: 'link_item' }, 'link_title');
      }
      setFlash(c, 'success', 'meetings_dossier.added_link');
      return c.redirect(`/${c.get('locale')}${dossierPath(access.meeting.id)}`, 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: `/meetings/:id${ID}/dossier/:entryId${ID}/remove`,
    policy: signedIn,
    sample: SAMPLE,
    handler: async (c) => {
      const access = await managedMeeting(c);
      const entryId = idParam(c.req.param('entryId'));
      const entry = (await listDossier(dbOf(c), access.meeting.id)).find((candidate) => candidate.id === entryId);
      if (!entry) throw new AppError('not_found');
      const refusal = dossierRefusal(access.meeting, 'remove');
      const ctx = viewContext(c);
      if (refusal) return c.html(<DossierRefusalPage ctx={ctx} access={access} message={ctx.t(refusal.messageKey)} />, 409);
      return c.html(<RemoveEntryPage ctx={ctx} access={access} entry={entry} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: `/meetings/:id${ID}/dossier/:entryId${ID}/remove`,
    policy: signedIn,
    sample: SAMPLE,
    handler: async (c) => {
      const access = await managedMeeting(c);
      try {
        await removeDossierEntry(scopeOf(c), { meeting_id: access.meeting.id, entry_id: idParam(c.req.param('entryId')) });
      } catch (error) {
        if (!isAppError(error, 'invalid_transition')) throw error;
        const ctx = viewContext(c);
        return c.html(<DossierRefusalPage ctx={ctx} access={access} message={ctx.t(error.messageKey)} />, 409);
      }
      setFlash(c, 'success', 'meetings_dossier.removed');
      return c.redirect(`/${c.get('locale')}${dossierPath(access.meeting.id)}`, 303);
    },
  },
  {
    // The file itself, for whoever may see the meeting; 404 for anyone else, for a link and for
    // another meeting's entry. Served with the sniffed type, nosniff and a sandboxing CSP;
    // images are shown in place, everything else is downloaded (a sandboxed PDF shows blank in
    // some browsers, and office documents are never rendered by the browser).
    kind: 'page',
    method: 'GET',
    path: `/meetings/:id${ID}/dossier/:entryId${ID}`,
    policy: publicAccess,
    sample: SAMPLE,
    handler: async (c) => {
      const db = dbOf(c);
      const access = await meetingFor(db, c.get('actor'), idParam(c.req.param('id')), viewMeeting);
      const file = await dossierFile(db, access.meeting.id, idParam(c.req.param('entryId')));
      const type = file ? typeOfMedia(file.mediaType) : null;
      if (!file || !type) throw new AppError('not_found');
      const headers = safeDownloadHeaders(type, file.fileName ?? file.title, { inline: type.mime.startsWith('image/') });
      return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        // Never kept by a shared cache (a body may make its meetings private later); the ETag lets a browser revalidate.
        'Cache-Control': 'private, no-cache',
        ETag: `"${file.sha256}"`,
      });
    },
  },
];
