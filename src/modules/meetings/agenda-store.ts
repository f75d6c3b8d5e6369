/**
 * SQL of a meeting's agenda: the items in order with their links (resolved through the link
 * registry), and the writes the agenda commands make. Positions run 1..n without gaps; their
 * unique constraint is deferred to the commit, so moving an item shifts the others freely.
 */
import type { Selectable } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Locale } from '../../kernel/i18n/index.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { linkKey, resolveLinks, type LinkTarget } from './links.js';
import type { AgendaItemsTable, AgendaKind } from './tables.js';

export type AgendaItemRow = Selectable<AgendaItemsTable>;

/** A link of an item, resolved: `target` is undefined when its record is gone or its kind unknown. */
export interface AgendaLink {
  type: string;
  id: number;
  target: LinkTarget | undefined;
}

export interface AgendaItem extends AgendaItemRow {
  links: AgendaLink[];
}

export interface Agenda {
  items: AgendaItem[];
  /** Sum of the items' durations, in minutes (items without a duration count nothing). */
  totalMinutes: number;
}

function normalise(row: AgendaItemRow): AgendaItemRow {
  return { ...row, id: Number(row.id), meeting_id: Number(row.meeting_id), position: Number(row.position), duration_minutes: row.duration_minutes === null ? null : Number(row.duration_minutes) };
}

/**
 * The meeting's agenda in order, each item with its links resolved: two queries, plus one per
 * kind of record linked (whatever the number of items).
 */
export async function loadAgenda(db: Queryable, meetingId: number, locale: Locale): Promise<Agenda> {
  const [rows, links] = await Promise.all([
    db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute(),
    db
      .selectFrom('agenda_item_links as l')
      .innerJoin('agenda_items as i', 'i.id', 'l.agenda_item_id')
      .select(['l.agenda_item_id', 'l.target_type', 'l.target_id', 'l.position'])
      .where('i.meeting_id', '=', meetingId)
      .orderBy('l.agenda_item_id')
      .orderBy('l.position')
      .orderBy('l.target_type')
      .orderBy('l.target_id')
      .execute(),
  ]);
  const targets = await resolveLinks(db, links.map((l) => ({ target_type: l.target_type, target_id: Number(l.target_id) })), locale);
  const byItem = new Map<number, AgendaLink[]>();
  for (const link of links) {
    const itemId = Number(link.agenda_item_id);
    const id = Number(link.target_id);
    let list = byItem.get(itemId);
    if (!list) byItem.set(itemId, (list = []));
    list.push({ type: link.target_type, id, target: targets.get(linkKey(link.target_type, id)) });
  }
  const items = rows.map((row) => {
    const item = normalise(row);
    return { ...item, links: byItem.get(item.id) ?? [] };
  });
  return { items, totalMinutes: items.reduce((sum, item) => sum + (item.duration_minutes ?? 0), 0) };
}

/** One agenda item, or undefined. `forUpdate` is not needed: the commands lock the meeting. */
export async function findAgendaItem(db: Queryable, id: number): Promise<AgendaItemRow | undefined> {
  const row = await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** How many items the meeting's agenda has. */
export async function countAgendaItems(db: Queryable, meetingId: number): Promise<number> {
  const row = await db.selectFrom('agenda_items').select((eb) => eb.fn.countAll<string>().as('n')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface AgendaItemValues {
  kind: AgendaKind;
  title: Translatable;
  description: string;
  presenter: string;
  duration_minutes: number | null;
}

/** Adds an item at the end of the agenda; returns its id. */
export async function insertAgendaItemRow(trx: Trx, meetingId: number, values: AgendaItemValues): Promise<number> {
  const count = await countAgendaItems(trx, meetingId);
  const row = await trx
    .insertInto('agenda_items')
    .values({ meeting_id: meetingId, position: count + 1, kind: values.kind, title: JSON.stringify(values.title), description: values.description, presenter: values.presenter, duration_minutes: values.duration_minutes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateAgendaItemRow(trx: Trx, id: number, values: AgendaItemValues): Promise<void> {
  await trx
    .updateTable('agenda_items')
    .set({ kind: values.kind, title: JSON.stringify(values.title), description: values.description, presenter: values.presenter, duration_minutes: values.duration_minutes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Moves an item to `position` (clamped to 1..n), shifting the items between its old and new
 * place by one. Returns the position it ends at.
 */
export async function moveAgendaItemRow(trx: Trx, item: Pick<AgendaItemRow, 'id' | 'meeting_id' | 'position'>, position: number): Promise<number> {
  const count = await countAgendaItems(trx, item.meeting_id);
  const target = Math.min(Math.max(1, position), Math.max(1, count));
  if (target === item.position) return target;
  if (target < item.position) {
    await trx
      .updateTable('agenda_items')
      .set((eb) => ({ position: eb('position', '+', 1) }))
      .where('meeting_id', '=', item.meeting_id)
      .where('position', '>=', target)
      .where('position', '<', item.position)
      .execute();
  } else {
    await trx
      .updateTable('agenda_items')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('meeting_id', '=', item.meeting_id)
      .where('position', '>', item.position)
      .where('position', '<=', target)
      .execute();
  }
  await trx.updateTable('agenda_items').set({ position: target, updated_at: new Date() }).where('id', '=', item.id).execute();
  return target;
}

/** Deletes an item (its links go with it; dossier entries for it stay, for the whole meeting) and closes the gap. */
export async function deleteAgendaItemRow(trx: Trx, item: Pick<AgendaItemRow, 'id' | 'meeting_id' | 'position'>): Promise<void> {
  await trx.deleteFrom('agenda_items').where('id', '=', item.id).execute();
  await trx
    .updateTable('agenda_items')
    .set((eb) => ({ position: eb('position', '-', 1) }))
    .where('meeting_id', '=', item.meeting_id)
    .where('position', '>', item.position)
    .execute();
}

/** The item's links, in order. */
export async function linksOf(db: Queryable, itemId: number): Promise<Array<{ target_type: string; target_id: number }>> {
  const rows = await db.selectFrom('agenda_item_links').select(['target_type', 'target_id']).where('agenda_item_id', '=', itemId).orderBy('position').execute();
  return rows.map((row) => ({ target_type: row.target_type, target_id: Number(row.target_id) }));
}

/** Adds a link at the end of the item's links; false when the item already has it. */
export async function addLinkRow(trx: Trx, itemId: number, type: string, targetId: number): Promise<boolean> {
  const existing = await linksOf(trx, itemId);
  if (existing.some((l) => l.target_type === type && l.target_id === targetId)) return false;
  await trx.insertInto('agenda_item_links').values({ agenda_item_id: itemId, target_type: type, target_id: targetId, position: existing.length }).execute();
  return true;
}

/** Removes a link; false when the item had no such link. */
export async function removeLinkRow(trx: Trx, itemId: number, type: string, targetId: number): Promise<boolean> {
  const result = await trx.deleteFrom('agenda_item_links').where('agenda_item_id', '=', itemId).where('target_type', '=', type).where('target_id', '=', targetId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Replaces all of the item's links with these, in this order. */
export async function replaceLinkRows(trx: Trx, itemId: number, links: ReadonlyArray<{ type: string; id: number }>): Promise<void> {
  await trx.deleteFrom('agenda_item_links').where('agenda_item_id', '=', itemId).execute();
  if (links.length === 0) return;
  await trx
    .insertInto('agenda_item_links')
    .values(links.map((link, index) => ({ agenda_item_id: itemId, target_type: link.type, target_id: link.id, position: index })))
    .execute();
}
