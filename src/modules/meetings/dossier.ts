/**
 * A meeting's dossier: the files (PDF, office documents, images — the type read from the bytes)
 * and links the members read before the session, for the whole meeting or for one agenda item.
 *
 * When it may change: entries are added while the meeting is a draft, convened, or held (what
 * was shown at the session is added for the record afterwards); they are removed only before
 * the session (draft or convened) — once held, what the dossier held is part of the record. A
 * cancelled meeting's dossier does not change.
 *
 * The deadline: the body's `dossierDays` (meeting rules) × 24 hours before the start. The
 * dossier is late when that moment has passed and the dossier is empty, or an entry was added
 * after it. Only a convened meeting still to come is reported late (the secretariat's list and
 * the meeting page); afterwards it is history.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { MAX_UPLOAD_BYTES, sniffFileType } from '../../kernel/files/sniff.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { definePolicy, hasRole } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import type { Standing } from '../bodies/index.js';
import type { BodyKind } from '../bodies/tables.js';
import { displayFileName, fileSizeInWords, storeFile } from './files.js';
import { manageMeetings, type MeetingResource } from './policies.js';
import { DEFAULT_DOSSIER_DAYS } from './rules.js';
import { meetingFor, touchMeeting, type MeetingAccess, type MeetingRow } from './store.js';

export const DOSSIER_TITLE_MAX = 200;
export const DOSSIER_URL_MAX = 2000;

/** The list of meetings whose dossier is late: administrators and the space's secretariat. */
export const viewLateDossiers = definePolicy<Standing>('meetings.dossier.late', { requiresSignIn: true }, (actor, standing) => actor !== null && (hasRole(actor, 'admin') || standing.secretariat));

/** One entry of a dossier: a stored file (with its type and size) or a link. */
export interface DossierEntry {
  id: number;
  meeting_id: number;
  agenda_item_id: number | null;
  title: string;
  file_name: string | null;
  url: string | null;
  media_type: string | null;
  byte_size: number | null;
  created_at: Date;
}

/** Every entry of a meeting's dossier, the meeting's own first, then in the order they were added. One query. */
export async function listDossier(db: Queryable, meetingId: number): Promise<DossierEntry[]> {
  const rows = await db
    .selectFrom('dossier_entries as d')
    .leftJoin('stored_files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.meeting_id', 'd.agenda_item_id', 'd.title', 'd.file_name', 'd.url', 'd.created_at', 'f.media_type', 'f.byte_size'])
    .where('d.meeting_id', '=', meetingId)
    .orderBy(sql`d.agenda_item_id NULLS FIRST`)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    meeting_id: Number(row.meeting_id),
    agenda_item_id: row.agenda_item_id === null ? null : Number(row.agenda_item_id),
    byte_size: row.byte_size === null ? null : Number(row.byte_size),
    created_at: new Date(row.created_at),
  }));
}

/** The agenda items of a meeting, in order, for the dossier's forms and list. One query. */
export async function agendaItemsOf(db: Queryable, meetingId: number): Promise<Array<{ id: number; position: number; title: Translatable }>> {
  const rows = await db.selectFrom('agenda_items').select(['id', 'position', 'title']).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
  return rows.map((row) => ({ id: Number(row.id), position: Number(row.position), title: row.title }));
}

/** When the dossier must be complete: `dossierDays` × 24 hours before the start. */
export function dossierDeadline(meeting: Pick<MeetingRow, 'starts_at'>, dossierDays: number): Date {
  return new Date(new Date(meeting.starts_at).getTime() - dossierDays * 24 * 3600_000);
}

/** The dossier's state against its deadline, as the meeting page shows it. */
export interface DossierStatus {
  deadline: Date;
  /** A convened meeting still to come whose deadline has passed with an empty dossier or an entry added late. */
  late: boolean;
}

/** Whether the dossier of this meeting is late now (see the module comment). */
export function dossierStatus(meeting: Pick<MeetingRow, 'starts_at' | 'state'>, dossierDays: number, entries: readonly Pick<DossierEntry, 'created_at'>[], now: Date = new Date()): DossierStatus {
  const deadline = dossierDeadline(meeting, dossierDays);
  const upcoming = meeting.state === 'convened' && new Date(meeting.starts_at).getTime() > now.getTime();
  const passed = deadline.getTime() <= now.getTime();
  const late = upcoming && passed && (entries.length === 0 || entries.some((entry) => entry.created_at.getTime() > deadline.getTime()));
  return { deadline, late };
}

/** A meeting whose dossier is late, for the secretariat. */
export interface LateDossier {
  meeting_id: number;
  title: Translatable;
  starts_at: Date;
  deadline: Date;
  body_slug: string;
  body_name: Translatable;
  /** Entries in the dossier, and how many of them came after the deadline. */
  entries: number;
  late_entries: number;
}

/** The body's dossier days in SQL: its own, or its kind's default (rules.ts). */
const dossierDaysSql = sql<number>`COALESCE(b.dossier_days, CASE b.kind ${sql.join(
  (Object.entries(DEFAULT_DOSSIER_DAYS) as Array<[BodyKind, number]>).map(([kind, days]) => sql`WHEN ${kind} THEN ${days}::int`),
  sql` `,
)} END)`;
/** A meeting's dossier deadline in SQL (meetings as `m` joined to their body as `b`). */
export const dossierDeadlineSql = sql<Date>`(m.starts_at - (${dossierDaysSql} * interval '24 hours'))`;
const deadlineSql = dossierDeadlineSql;

/** Convened meetings still to come whose dossier is late at `now`, the soonest first. One query. */
export async function lateDossiers(db: Queryable, now: Date = new Date()): Promise<LateDossier[]> {
  const entries = sql<number>`(SELECT count(*) FROM dossier_entries d WHERE d.meeting_id = m.id)`;
  const lateEntries = sql<number>`(SELECT count(*) FROM dossier_entries d WHERE d.meeting_id = m.id AND d.created_at > ${deadlineSql})`;
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.title', 'm.starts_at', 'b.slug', 'b.name'])
    .select([deadlineSql.as('deadline'), entries.as('entries'), lateEntries.as('late_entries')])
    .where('m.state', '=', 'convened')
    .where('m.starts_at', '>', now)
    .where(sql<boolean>`${deadlineSql} <= ${now}`)
    .where(sql<boolean>`(${entries} = 0 OR ${lateEntries} > 0)`)
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
  return rows.map((row) => ({
    meeting_id: Number(row.id),
    title: row.title,
    starts_at: new Date(row.starts_at),
    deadline: new Date(row.deadline),
    body_slug: row.slug,
    body_name: row.name,
    entries: Number(row.entries),
    late_entries: Number(row.late_entries),
  }));
}

/** Why the dossier cannot be changed this way now (409), or null. */
export function dossierRefusal(meeting: Pick<MeetingRow, 'state'>, change: 'add' | 'remove'): AppError | null {
  if (meeting.state === 'cancelled') return new AppError('invalid_transition', { messageKey: 'meetings_dossier.errors.cancelled' });
  if (change === 'remove' && meeting.state === 'held') return new AppError('invalid_transition', { messageKey: 'meetings_dossier.errors.held_remove' });
  return null;
}

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const titleSchema = z.string().trim().max(DOSSIER_TITLE_MAX);
/** An agenda item's id, or '' / absent for the meeting as a whole. */
const itemSchema = z
  .union([z.literal(''), idSchema])
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));

const fileInput = z.object({
  meeting_id: idSchema,
  agenda_item_id: itemSchema,
  title: titleSchema,
  file: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }),
});

const linkInput = z.object({
  meeting_id: idSchema,
  agenda_item_id: itemSchema,
  title: titleSchema.min(1),
  url: z.string().trim().min(1).max(DOSSIER_URL_MAX),
});

const removeInput = z.object({ meeting_id: idSchema, entry_id: idSchema });

type Loaded = MeetingResource & { access: MeetingAccess };

/** The meeting, locked, for someone who runs its meetings (404 when they may not even see it). */
async function loadForManaging(tx: CommandTx, meetingId: number): Promise<Loaded> {
  const access = await meetingFor(tx.trx, tx.scope.actor, meetingId, manageMeetings, { forUpdate: true });
  return { ...access.resource, access };
}

/** Refuses an agenda item that is not this meeting's (422 on the field). */
async function checkItem(tx: CommandTx, meetingId: number, itemId: number | null): Promise<void> {
  if (itemId === null) return;
  const found = await tx.trx.selectFrom('agenda_items').select('id').where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!found) throw fieldError('agenda_item_id', 'meetings_dossier.errors.item_unknown', tx.scope.locale);
}

async function record(tx: CommandTx, access: MeetingAccess, action: string, subjectId: number, detail: Record<string, unknown>): Promise<void> {
  await touchMeeting(tx.trx, access.meeting.id);
  await tx.audit({
    action,
    subjectType: 'dossier_entry',
    subjectId,
    after: { meeting_id: access.meeting.id, ...detail },
    visibility: access.body.rules.public ? 'public' : 'internal',
  });
  tx.emit({ type: 'meetings.dossier_changed', tags: ['meetings'], payload: { meeting_id: access.meeting.id } });
}

/** Inserts a dossier entry (a stored file or a link) added by the actor, and records it (audit, event). */
async function insertEntry(
  tx: CommandTx,
  access: MeetingAccess,
  entry: { agenda_item_id: number | null; title: string; file_id: number | null; file_name: string | null; url: string | null },
  action: string,
  detail: Record<string, unknown>,
): Promise<{ id: number }> {
  const row = await tx.trx
    .insertInto('dossier_entries')
    .values({ meeting_id: access.meeting.id, ...entry, added_by: tx.scope.actor?.id ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await record(tx, access, action, id, detail);
  return { id };
}

/**
 * Adds a file to a meeting's dossier. The type is read from the bytes and must be one the
 * dossier takes (PDF, ODT/ODS/ODP, DOCX/XLSX/PPTX, PNG/JPEG/GIF/WebP): anything else — an
 * executable renamed `.pdf` — is refused (422) and nothing is stored; so is an empty file, and
 * one over MAX_UPLOAD_BYTES (413). The title defaults to the file's name.
 */
export const addDossierFile = defineCommand({
  name: 'meetings.dossier.add_file',
  input: fileInput,
  policy: manageMeetings,
  load: (tx, input) => loadForManaging(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<{ id: number }> => {
    const { locale, actor } = tx.scope;
    const refusal = dossierRefusal(access.meeting, 'add');
    if (refusal) throw refusal;
    const name = displayFileName(input.file.name);
    const bytes = input.file.bytes;
    if (bytes.byteLength === 0) throw fieldError('file', name ? 'meetings_dossier.errors.file_empty' : 'meetings_dossier.errors.file_missing', locale);
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      throw new AppError('payload_too_large', { messageKey: 'meetings_dossier.errors.file_too_large', params: { max: fileSizeInWords(locale, MAX_UPLOAD_BYTES) } });
    }
    const type = sniffFileType(bytes);
    if (!type) throw fieldError('file', 'meetings_dossier.errors.file_type', locale);
    await checkItem(tx, access.meeting.id, input.agenda_item_id);
    const title = input.title || name.replace(/\.[^.]{1,10}$/, '') || name || type.extension;
    const fileId = await storeFile(tx.trx, { bytes, type, uploadedBy: actor?.id ?? null });
    const entry = { agenda_item_id: input.agenda_item_id, title, file_id: fileId, file_name: name || `document.${type.extension}`, url: null };
    return insertEntry(tx, access, entry, 'meetings.dossier.add_file', { agenda_item_id: input.agenda_item_id, title, file_name: name, media_type: type.mime, byte_size: bytes.byteLength });
  },
});

/** Adds a link (http or https only) to a meeting's dossier. */
export const addDossierLink = defineCommand({
  name: 'meetings.dossier.add_link',
  input: linkInput,
  policy: manageMeetings,
  load: (tx, input) => loadForManaging(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<{ id: number }> => {
    const { locale } = tx.scope;
    const refusal = dossierRefusal(access.meeting, 'add');
    if (refusal) throw refusal;
    const url = webAddress(input.url);
    if (!url) throw fieldError('url', 'meetings_dossier.errors.url', locale);
    await checkItem(tx, access.meeting.id, input.agenda_item_id);
    const entry = { agenda_item_id: input.agenda_item_id, title: input.title, file_id: null, file_name: null, url };
    return insertEntry(tx, access, entry, 'meetings.dossier.add_link', { agenda_item_id: input.agenda_item_id, title: input.title, url });
  },
});

/** An absolute http(s) address with a host and no credentials, as the URL parser writes it; null otherwise (`javascript:`, `data:`, relative…). */
export function webAddress(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const href = url.href;
  return href.length <= DOSSIER_URL_MAX ? href : null;
}

/** Removes an entry (and its stored file) from the dossier of a meeting not yet held. */
export const removeDossierEntry = defineCommand({
  name: 'meetings.dossier.remove',
  input: removeInput,
  policy: manageMeetings,
  load: (tx, input) => loadForManaging(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<void> => {
    const refusal = dossierRefusal(access.meeting, 'remove');
    if (refusal) throw refusal;
    const removed = await tx.trx
      .deleteFrom('dossier_entries')
      .where('id', '=', input.entry_id)
      .where('meeting_id', '=', access.meeting.id)
      .returning(['title', 'file_id', 'file_name', 'url'])
      .executeTakeFirst();
    if (!removed) throw new AppError('not_found');
    if (removed.file_id !== null) await tx.trx.deleteFrom('stored_files').where('id', '=', removed.file_id).execute();
    await record(tx, access, 'meetings.dossier.remove', input.entry_id, { title: removed.title, file_name: removed.file_name, url: removed.url });
  },
});
