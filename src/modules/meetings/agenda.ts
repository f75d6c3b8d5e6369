/**
 * A meeting's agenda: items added, changed, moved up or down (or to a position), deleted, and
 * linked to records of any kind in the link registry. Editable while the meeting is a draft or
 * convened; once held or cancelled, its agenda is history. Audited like the meeting.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { translatableSchema } from '../../kernel/i18n/translatable.js';
import { fieldError } from '../../kernel/validation.js';
import {
  addLinkRow, deleteAgendaItemRow, findAgendaItem, insertAgendaItemRow, moveAgendaItemRow, removeLinkRow, replaceLinkRows, updateAgendaItemRow, type AgendaItemRow,
} from './agenda-store.js';
import { linkKind } from './links.js';
import { editRefusal, loadMeetingForChange } from './meetings.js';
import { manageMeetings, type MeetingResource } from './policies.js';
import { ID, type MeetingAccess } from './store.js';
import { AGENDA_KINDS } from './tables.js';

export const AGENDA_TITLE_MAX = 300;
export const AGENDA_DESCRIPTION_MAX = 10_000;
export const PRESENTER_MAX = 200;
/** Links one item may carry. */
export const LINKS_MAX = 20;

const idField = z.union([z.number().int().positive(), z.string().regex(ID)]).transform(Number);

const duration = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
    const number = typeof value === 'number' ? value : /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < 1 || number > 600) {
      ctx.issues.push({ code: 'custom', input: value, message: 'meetings.errors.duration' });
      return z.NEVER;
    }
    return number;
  });

/** An agenda item's fields, as a form or the API sends them. */
export const agendaItemFields = {
  kind: z.enum(AGENDA_KINDS, { error: 'meetings.errors.agenda_kind' }),
  title: translatableSchema(AGENDA_TITLE_MAX),
  description: z.string().max(AGENDA_DESCRIPTION_MAX, { error: 'meetings.errors.description_too_long' }).default('').transform((s) => s.trim()),
  presenter: z.string().trim().max(PRESENTER_MAX, { error: 'meetings.errors.presenter_too_long' }).default(''),
  duration_minutes: duration,
};

const linkInput = z.object({
  type: z.string().regex(/^[a-z_]{1,40}$/, { error: 'meetings.errors.link_type' }),
  id: idField,
});

/** The meeting, judged for someone who runs its meetings, locked; 409 once held or cancelled. */
function loadEditableMeeting(tx: CommandTx, meetingId: number): Promise<MeetingResource & { access: MeetingAccess }> {
  return loadMeetingForChange(tx, meetingId);
}

/** The item and its meeting (locked), or 404. */
async function loadItem(tx: CommandTx, itemId: number): Promise<MeetingResource & { access: MeetingAccess; item: AgendaItemRow }> {
  const item = await findAgendaItem(tx.trx, itemId);
  if (!item) throw new AppError('not_found');
  const loaded = await loadEditableMeeting(tx, item.meeting_id);
  // Read again under the meeting's lock: a concurrent move may have changed its position.
  const locked = await findAgendaItem(tx.trx, itemId);
  if (!locked) throw new AppError('not_found');
  return { ...loaded, item: locked };
}

function refuseUnlessEditable(access: MeetingAccess): void {
  const refused = editRefusal(access.meeting);
  if (refused) throw new AppError('invalid_transition', { messageKey: `meetings.errors.agenda_${access.meeting.state}` });
}

const visibility = (access: MeetingAccess): 'public' | 'internal' => (access.body.rules.public ? 'public' : 'internal');

/** Checks that every link names a registered kind and an existing record; 422 on `links` otherwise. */
async function checkLinks(tx: CommandTx, links: ReadonlyArray<{ type: string; id: number }>): Promise<void> {
  if (links.length > LINKS_MAX) throw fieldError('links', 'meetings.errors.links_too_many', tx.scope.locale, { max: LINKS_MAX });
  const byType = new Map<string, number[]>();
  for (const link of links) {
    if (!linkKind(link.type)) throw fieldError('links', 'meetings.errors.link_type', tx.scope.locale);
    byType.set(link.type, [...(byType.get(link.type) ?? []), link.id]);
  }
  for (const [type, ids] of byType) {
    const found = await linkKind(type)?.resolve(tx.trx, ids, tx.scope.locale);
    if (ids.some((id) => !found?.has(id))) throw fieldError('links', 'meetings.errors.link_missing', tx.scope.locale);
  }
}

function emitChanged(tx: CommandTx, access: MeetingAccess): void {
  tx.emit({ type: 'meetings.agenda_changed', tags: ['meetings'], payload: { id: access.meeting.id, body_id: access.body.id } });
}

async function touch(tx: CommandTx, meetingId: number): Promise<void> {
  await tx.trx.updateTable('meetings').set({ updated_at: new Date() }).where('id', '=', meetingId).execute();
}

export const addAgendaItemSchema = z.object({ meeting_id: idField, ...agendaItemFields, links: z.array(linkInput).optional() });

/** Adds an item at the end of the agenda (optionally with its links). */
export const addAgendaItem = defineCommand({
  name: 'meetings.agenda.add',
  input: addAgendaItemSchema,
  policy: manageMeetings,
  load: (tx, input) => loadEditableMeeting(tx, input.meeting_id),
  run: async (tx, input, { access }): Promise<number> => {
    refuseUnlessEditable(access);
    const links = dedupe(input.links ?? []);
    await checkLinks(tx, links);
    const values = { kind: input.kind, title: input.title, description: input.description, presenter: input.presenter, duration_minutes: input.duration_minutes };
    const id = await insertAgendaItemRow(tx.trx, access.meeting.id, values);
    if (links.length > 0) await replaceLinkRows(tx.trx, id, links);
    await touch(tx, access.meeting.id);
    await tx.audit({ action: 'meetings.agenda.add', subjectType: 'agenda_item', subjectId: id, after: { meeting_id: access.meeting.id, ...values, links }, visibility: visibility(access) });
    emitChanged(tx, access);
    return id;
  },
});

export const editAgendaItemSchema = z.object({
  item_id: idField,
  ...agendaItemFields,
  /** Moves the item to this position (1 = first). */
  position: z.number().int({ error: 'meetings.errors.position' }).min(1, { error: 'meetings.errors.position' }).max(10_000, { error: 'meetings.errors.position' }).optional(),
  /** Replaces the item's links when given. */
  links: z.array(linkInput).optional(),
});

/** Changes an item's fields (and, from the API, its position and links). */
export const editAgendaItem = defineCommand({
  name: 'meetings.agenda.edit',
  input: editAgendaItemSchema,
  policy: manageMeetings,
  load: (tx, input) => loadItem(tx, input.item_id),
  run: async (tx, input, { access, item }): Promise<void> => {
    refuseUnlessEditable(access);
    const values = { kind: input.kind, title: input.title, description: input.description, presenter: input.presenter, duration_minutes: input.duration_minutes };
    const links = input.links === undefined ? undefined : dedupe(input.links);
    if (links) await checkLinks(tx, links);
    await updateAgendaItemRow(tx.trx, item.id, values);
    let position = item.position;
    if (input.position !== undefined) position = await moveAgendaItemRow(tx.trx, item, input.position);
    if (links) await replaceLinkRows(tx.trx, item.id, links);
    await touch(tx, access.meeting.id);
    await tx.audit({
      action: 'meetings.agenda.edit',
      subjectType: 'agenda_item',
      subjectId: item.id,
      before: { kind: item.kind, title: item.title, description: item.description, presenter: item.presenter, duration_minutes: item.duration_minutes, position: item.position },
      after: { ...values, position, ...(links ? { links } : {}) },
      visibility: visibility(access),
    });
    emitChanged(tx, access);
  },
});

export const moveAgendaItemSchema = z.object({ item_id: idField, direction: z.enum(['up', 'down'], { error: 'meetings.errors.direction' }) });

/** Moves an item one place up or down (a no-op at either end). */
export const moveAgendaItem = defineCommand({
  name: 'meetings.agenda.move',
  input: moveAgendaItemSchema,
  policy: manageMeetings,
  load: (tx, input) => loadItem(tx, input.item_id),
  run: async (tx, input, { access, item }): Promise<number> => {
    refuseUnlessEditable(access);
    const position = await moveAgendaItemRow(tx.trx, item, item.position + (input.direction === 'up' ? -1 : 1));
    if (position !== item.position) {
      await touch(tx, access.meeting.id);
      await tx.audit({ action: 'meetings.agenda.move', subjectType: 'agenda_item', subjectId: item.id, before: { position: item.position }, after: { position }, visibility: visibility(access) });
      emitChanged(tx, access);
    }
    return position;
  },
});

export const deleteAgendaItemSchema = z.object({ item_id: idField });

/** Deletes an item; the items after it move up. */
export const deleteAgendaItem = defineCommand({
  name: 'meetings.agenda.delete',
  input: deleteAgendaItemSchema,
  policy: manageMeetings,
  load: (tx, input) => loadItem(tx, input.item_id),
  run: async (tx, _input, { access, item }): Promise<void> => {
    refuseUnlessEditable(access);
    const agreements = await tx.trx.selectFrom('agreements').select('id').where('agenda_item_id', '=', item.id).limit(1).execute();
    if (agreements.length > 0) throw new AppError('conflict', { messageKey: 'meetings.errors.item_has_agreements' });
    await deleteAgendaItemRow(tx.trx, item);
    await touch(tx, access.meeting.id);
    await tx.audit({ action: 'meetings.agenda.delete', subjectType: 'agenda_item', subjectId: item.id, before: { title: item.title, position: item.position, kind: item.kind }, visibility: visibility(access) });
    emitChanged(tx, access);
  },
});

export const linkSchema = z.object({ item_id: idField, type: z.string().regex(/^[a-z_]{1,40}$/, { error: 'meetings.errors.link_type' }), target_id: idField });

/** Links an item to a record (already linked: nothing changes). */
export const addAgendaLink = defineCommand({
  name: 'meetings.agenda.link',
  input: linkSchema,
  policy: manageMeetings,
  load: (tx, input) => loadItem(tx, input.item_id),
  run: async (tx, input, { access, item }): Promise<boolean> => {
    refuseUnlessEditable(access);
    await checkLinks(tx, [{ type: input.type, id: input.target_id }]);
    const existing = await tx.trx.selectFrom('agenda_item_links').select((eb) => eb.fn.countAll<string>().as('n')).where('agenda_item_id', '=', item.id).executeTakeFirst();
    if (Number(existing?.n ?? 0) >= LINKS_MAX) throw fieldError('link_query', 'meetings.errors.links_too_many', tx.scope.locale, { max: LINKS_MAX });
    const added = await addLinkRow(tx.trx, item.id, input.type, input.target_id);
    if (added) {
      await touch(tx, access.meeting.id);
      await tx.audit({ action: 'meetings.agenda.link', subjectType: 'agenda_item', subjectId: item.id, after: { type: input.type, id: input.target_id }, visibility: visibility(access) });
      emitChanged(tx, access);
    }
    return added;
  },
});

/** Removes a link from an item. */
export const removeAgendaLink = defineCommand({
  name: 'meetings.agenda.unlink',
  input: linkSchema,
  policy: manageMeetings,
  load: (tx, input) => loadItem(tx, input.item_id),
  run: async (tx, input, { access, item }): Promise<boolean> => {
    refuseUnlessEditable(access);
    const removed = await removeLinkRow(tx.trx, item.id, input.type, input.target_id);
    if (removed) {
      await touch(tx, access.meeting.id);
      await tx.audit({ action: 'meetings.agenda.unlink', subjectType: 'agenda_item', subjectId: item.id, before: { type: input.type, id: input.target_id }, visibility: visibility(access) });
      emitChanged(tx, access);
    }
    return removed;
  },
});

function dedupe(links: ReadonlyArray<{ type: string; id: number }>): Array<{ type: string; id: number }> {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = `${link.type}:${link.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
