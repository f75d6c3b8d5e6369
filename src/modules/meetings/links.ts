/**
 * The link registry: what an agenda item may point at. Any module registers a kind of record
 * (`registerLinkKind`) with a way to resolve many ids at once — one query per kind for a whole
 * page, whatever the number of items — and, optionally, a search by name so a form can add a
 * link without JavaScript (type a name or an id, pick among the matches). This module registers
 * a body (working group), a working group's report and an organisation; later modules add
 * documents and plan measures the same way.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import type { Locale } from '../../kernel/i18n/index.js';

/** What a link shows: its label, where it goes (a path without the locale, e.g. `/bodies/grup-motor`), and whether visitors may follow it. */
export interface LinkTarget {
  label: string;
  href: string;
  /** False when the record is not public (the link is then shown only to who manages the meeting). */
  visible: boolean;
}

/** A match of a search by name, for the "add a link" form. */
export interface LinkMatch {
  id: number;
  label: string;
}

export interface LinkKind {
  /** The value stored in `agenda_item_links.target_type`: lower-case letters and `_`, at most 40. */
  type: string;
  /** Catalog key of the kind's name ("Grup de treball"). */
  labelKey: string;
  /** The records these ids name, in ONE query; ids with no record are left out of the map. */
  resolve(db: Queryable, ids: readonly number[], locale: Locale): Promise<Map<number, LinkTarget>>;
  /** Records whose name matches `text` (accents ignored), at most `limit`: one query. */
  search?(db: Queryable, text: string, limit: number, locale: Locale): Promise<LinkMatch[]>;
  /**
   * The render-cache tags whose events change these records' labels or visibility (e.g.
   * `['organisations']`): a visitor's copy of a page showing links carries them.
   */
  cacheTags?: readonly string[];
}

const kinds = new Map<string, LinkKind>();
/** The tag lists of pages that show links: each kind registered later adds its tags to them. */
const pagesShowingLinks: string[][] = [];

function addTags(list: string[], tags: readonly string[]): void {
  for (const tag of tags) if (!list.includes(tag)) list.push(tag);
}

/** Registers a kind of record agenda items may link to. Registering a type twice replaces it. */
export function registerLinkKind(kind: LinkKind): void {
  if (!/^[a-z_]{1,40}$/.test(kind.type)) throw new Error(`link kind type must be [a-z_]{1,40}: ${kind.type}`);
  kinds.set(kind.type, kind);
  for (const list of pagesShowingLinks) addTags(list, kind.cacheTags ?? []);
}

/**
 * The cache tags of a page that shows agenda links: `base` and every kind's tags, now and as
 * kinds register later (a module loaded after this one adding documents or plan measures).
 * The list is the route's own: the render cache reads it on each request.
 */
export function withLinkTags(base: readonly string[]): string[] {
  const list = [...base];
  for (const kind of kinds.values()) addTags(list, kind.cacheTags ?? []);
  pagesShowingLinks.push(list);
  return list;
}

/** The registered kind of this type, or undefined. */
export function linkKind(type: string): LinkKind | undefined {
  return kinds.get(type);
}

/** Every registered kind, in registration order. */
export function linkKinds(): LinkKind[] {
  return [...kinds.values()];
}

/** A stored link: a record of some kind. */
export interface LinkRef {
  target_type: string;
  target_id: number;
}

/** The key a resolved link is found under: `type:id`. */
export const linkKey = (type: string, id: number): string => `${type}:${id}`;

/**
 * Resolves every link of a page: one query per kind present, run together. Links of an
 * unregistered kind, or to records that no longer exist, are absent from the map.
 */
export async function resolveLinks(db: Queryable, links: readonly LinkRef[], locale: Locale): Promise<Map<string, LinkTarget>> {
  const idsByType = new Map<string, Set<number>>();
  for (const link of links) {
    if (!kinds.has(link.target_type)) continue;
    let ids = idsByType.get(link.target_type);
    if (!ids) idsByType.set(link.target_type, (ids = new Set()));
    ids.add(Number(link.target_id));
  }
  const resolved = new Map<string, LinkTarget>();
  const results = await Promise.all(
    [...idsByType].map(async ([type, ids]) => [type, await (kinds.get(type) as LinkKind).resolve(db, [...ids], locale)] as const),
  );
  for (const [type, targets] of results) {
    for (const [id, target] of targets) resolved.set(linkKey(type, id), target);
  }
  return resolved;
}

/**
 * The records of `type` that `text` names: an id (digits, or `#12`) that exists, or the
 * matches of the kind's search. Empty when the kind is unknown.
 */
export async function findLinkTargets(db: Queryable, type: string, text: string, limit: number, locale: Locale): Promise<LinkMatch[]> {
  const kind = kinds.get(type);
  const typed = text.trim();
  if (!kind || typed === '') return [];
  const asId = /^#?([1-9][0-9]{0,14})$/.exec(typed);
  if (asId) {
    const id = Number(asId[1]);
    const found = await kind.resolve(db, [id], locale);
    const target = found.get(id);
    if (target) return [{ id, label: target.label }];
  }
  return kind.search ? kind.search(db, typed, limit, locale) : [];
}

// --- The kinds this module knows -------------------------------------------------------------

const name = (value: Translatable, locale: Locale): string => pickTranslation(value, locale).text;

/** Words typed, folded as names are (accents and case ignored), for LIKE. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

registerLinkKind({
  type: 'body',
  cacheTags: ['bodies'],
  labelKey: 'meetings.links.kinds.body',
  async resolve(db, ids, locale) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('bodies').select(['id', 'slug', 'name', 'state']).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((row) => [Number(row.id), { label: name(row.name, locale), href: `/bodies/${row.slug}`, visible: row.state !== 'declined' }]));
  },
  async search(db, text, limit, locale) {
    const rows = await db
      .selectFrom('bodies')
      .select(['id', 'name'])
      .where(sql<boolean>`teixit_fold(name->>'ca' || ' ' || coalesce(name->>'es', '') || ' ' || coalesce(name->>'en', '') || ' ' || slug) LIKE teixit_fold(${likePattern(text)})`)
      .orderBy('position')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: Number(row.id), label: name(row.name, locale) }));
  },
});

registerLinkKind({
  type: 'body_report',
  cacheTags: ['bodies'],
  labelKey: 'meetings.links.kinds.body_report',
  async resolve(db, ids, locale) {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('body_reports as r')
      .innerJoin('bodies as b', 'b.id', 'r.body_id')
      .select(['r.id', 'r.period_start', 'r.period_end', 'r.kind', 'b.slug', 'b.name'])
      .where('r.id', 'in', [...ids])
      .execute();
    return new Map(
      rows.map((row) => [
        Number(row.id),
        { label: `${name(row.name, locale)}: ${row.period_start} – ${row.period_end}`, href: `/bodies/${row.slug}/reports#report-${row.id}`, visible: true },
      ]),
    );
  },
  async search(db, text, limit, locale) {
    const rows = await db
      .selectFrom('body_reports as r')
      .innerJoin('bodies as b', 'b.id', 'r.body_id')
      .select(['r.id', 'r.period_start', 'r.period_end', 'b.name'])
      .where(sql<boolean>`teixit_fold(b.name->>'ca' || ' ' || coalesce(b.name->>'es', '') || ' ' || coalesce(b.name->>'en', '') || ' ' || b.slug) LIKE teixit_fold(${likePattern(text)})`)
      .orderBy('r.period_end', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: Number(row.id), label: `${name(row.name, locale)}: ${row.period_start} – ${row.period_end}` }));
  },
});

registerLinkKind({
  type: 'organisation',
  cacheTags: ['organisations'],
  labelKey: 'meetings.links.kinds.organisation',
  async resolve(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('organisations').select(['id', 'name', 'short_name']).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((row) => [Number(row.id), { label: row.short_name && row.short_name !== row.name ? `${row.name} (${row.short_name})` : row.name, href: `/organisations/${row.id}`, visible: true }]));
  },
  async search(db, text, limit) {
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'short_name'])
      .where(sql<boolean>`teixit_fold(name || ' ' || short_name) LIKE teixit_fold(${likePattern(text)})`)
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: Number(row.id), label: row.short_name && row.short_name !== row.name ? `${row.name} (${row.short_name})` : row.name }));
  },
});
