/**
 * The rules of member_of links, shared by the directory's forms, its API and the CSV import.
 * A link goes upward only: a child belongs to a parent of a strictly higher level; council units
 * (`administration`) belong to no federation and have no members; and no link may close a
 * circle. The checks are pure: callers load the organisations involved (and, for cycles, the
 * child's descendants with `loadDescendantIds`) and turn each problem into a message with
 * `linkProblemMessage`.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { translate, type Locale } from '../../kernel/i18n/index.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

/** An organisation as the rules see it. */
export interface LinkCandidate {
  id: number;
  short_name: string;
  name: string;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
}

/** Why a link cannot be: `self` a link to itself, `cycle` into its own descendants, `administration` a council unit on either side, `not_higher` a parent whose level is not above the child's. */
export type LinkProblemReason = 'self' | 'cycle' | 'administration' | 'not_higher';

export interface LinkProblem {
  parent: LinkCandidate;
  reason: LinkProblemReason;
}

/** One side of a link as the messages name it: a name and a level (null for council units). */
export interface LinkEnd {
  name: string;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
}

/** The organisation being created or changed, with the kind and level it would have. */
export interface LinkSubject {
  /** Null for an organisation not created yet. */
  id: number | null;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
}

function problemOf(child: LinkSubject, parent: LinkCandidate, descendantIds: ReadonlySet<number>): LinkProblemReason | null {
  if (child.id !== null && parent.id === child.id) return 'self';
  if (child.kind === 'administration' || parent.kind === 'administration') return 'administration';
  // Before the level check: with consistent data a descendant is always lower, and "that would
  // make a circle" says more than "not a higher level".
  if (descendantIds.has(parent.id)) return 'cycle';
  if (child.level === null || parent.level === null || parent.level <= child.level) return 'not_higher';
  return null;
}

/**
 * Why `child` cannot be a member of each of `parents` (empty when all are fine). member_of goes
 * upward only: a parent is an entity of a strictly higher level; a council unit (administration)
 * belongs to no federation and has no members; a link back into the child's own descendants is
 * a cycle. One problem per refused parent, in the order given.
 * @example memberOfProblems({ id: null, kind: 'entity', level: 2 }, [coopolis], new Set())
 *   // [{ parent: coopolis, reason: 'not_higher' }] — Coòpolis is level 1
 */
export function memberOfProblems(
  child: LinkSubject,
  parents: readonly LinkCandidate[],
  descendantIds: ReadonlySet<number>,
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const parent of parents) {
    const reason = problemOf(child, parent, descendantIds);
    if (reason) problems.push({ parent, reason });
  }
  return problems;
}

/**
 * A link that would break if an organisation took a new kind or level: the organisation is the
 * child of its existing `parents` and the parent of its existing `members`.
 */
export interface LevelChangeProblem {
  /** `parent`: the organisation would no longer fit under `other`; `member`: `other` would no longer fit under it. */
  relation: 'parent' | 'member';
  other: LinkCandidate;
  reason: LinkProblemReason;
}

/**
 * When an organisation's kind or level changes, its parents must stay strictly higher and its
 * members strictly lower (and a council unit can have neither). Returns each existing link the
 * new kind and level would break; empty when they all still hold.
 * @example levelChangeProblems({ id: 8, kind: 'entity', level: 1 }, [ccc], [ecos])
 *   // [{ relation: 'member', other: ecos, reason: 'not_higher' }] — ECOS (level 1) can't sit under level 1
 */
export function levelChangeProblems(
  organisation: LinkSubject,
  parents: readonly LinkCandidate[],
  members: readonly LinkCandidate[],
): LevelChangeProblem[] {
  const problems: LevelChangeProblem[] = [];
  for (const parent of parents) {
    const reason = problemOf(organisation, parent, new Set());
    if (reason) problems.push({ relation: 'parent', other: parent, reason });
  }
  for (const member of members) {
    // The member is the child here, and the organisation (with its new level) its parent.
    const asParent: LinkCandidate = { id: organisation.id ?? -1, short_name: '', name: '', kind: organisation.kind, level: organisation.level };
    const reason = problemOf(member, asParent, new Set());
    if (reason) problems.push({ relation: 'member', other: member, reason });
  }
  return problems;
}

/** "nivell 2", or "unitat de l'Ajuntament" for a council unit. */
export function levelLabel(locale: Locale, end: Pick<LinkEnd, 'kind' | 'level'>): string {
  return end.kind === 'administration' || end.level === null
    ? translate(locale, 'directory.rules.council_unit')
    : translate(locale, 'directory.rules.level', { level: end.level });
}

/**
 * The message for a refused link, naming both organisations (and their levels), in `locale`.
 * @example linkProblemMessage('ca', coopolis, xes, 'not_higher')
 *   // "Coòpolis – Ateneu Cooperatiu de Barcelona (nivell 1) no pot ser membre de …"
 */
export function linkProblemMessage(locale: Locale, child: LinkEnd, parent: LinkEnd, reason: LinkProblemReason): string {
  return translate(locale, `directory.rules.${reason}`, {
    child: child.name,
    parent: parent.name,
    child_level: levelLabel(locale, child),
    parent_level: levelLabel(locale, parent),
  });
}

/** The message for a link a new kind or level would break; `organisation` has the new values. */
export function levelChangeMessage(locale: Locale, organisation: LinkEnd, problem: LevelChangeProblem): string {
  return problem.relation === 'parent'
    ? linkProblemMessage(locale, organisation, problem.other, problem.reason)
    : linkProblemMessage(locale, problem.other, organisation, problem.reason);
}

/**
 * Ids of every organisation below `id` (its members, their members…), one recursive query.
 * `UNION` (not `UNION ALL`) makes it end even on links that already form a circle.
 */
export async function loadDescendantIds(db: Queryable, id: number): Promise<Set<number>> {
  const result = await sql<{ id: number | string }>`
    WITH RECURSIVE below (id) AS (
      SELECT child_id FROM organisation_links WHERE parent_id = ${id}
      UNION
      SELECT l.child_id FROM organisation_links l JOIN below b ON l.parent_id = b.id
    )
    SELECT id FROM below`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}
