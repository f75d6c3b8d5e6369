/**
 * What the bodies' public pages show, read with a fixed number of queries whatever the number
 * of bodies, members or decisions: the tree of bodies, and one body's page with its composition,
 * members, working groups, decisions and what the person reading it may do there.
 */
import type { Queryable } from '../../db/types.js';
import { AppError } from '../../kernel/errors.js';
import { allows, type Actor } from '../../kernel/policy.js';
import { closeGroup, decideProposal, extendGroup, manageJoinRequests, startClosing, fileReport, viewFollowUp } from '../workgroups/policies.js';
import { daysBetween } from '../workgroups/dates.js';
import {
  findBodyBySlug,
  listBodyDecisions,
  listBodyTree,
  listWorkingGroupsUnder,
  type BodyDecisionView,
  type BodyListItem,
  type BodyRow,
} from './bodies-store.js';
import { compositionOf, type Composition } from './composition.js';
import { isFrozen } from './edit-body.js';
import { listMandates, type MandateView } from './mandates.js';
import { mandatesInTime } from './mandates-store.js';
import { NO_STANDING, spaceToday, standingOf, type Standing } from './membership.js';
import { loadBodyPageSections, type LoadedBodySection } from './page-sections.js';
import { manageBodies, manageMandates } from './policies.js';
import type { BodyState } from './tables.js';

/** A plenary with everything below it, as the tree page shows it. */
export interface BodyTree {
  plenary: BodyListItem;
  steering: BodyListItem[];
  /** Working groups below the plenary (directly or through the steering group), by state. */
  workingGroups: Record<BodyState, BodyListItem[]>;
}

export interface BodiesOverview {
  trees: BodyTree[];
  /** Bodies hanging from no plenary (not expected; shown so nothing is hidden). */
  others: BodyListItem[];
  today: string;
}

function byState(groups: BodyListItem[]): Record<BodyState, BodyListItem[]> {
  const result: Record<BodyState, BodyListItem[]> = { active: [], closing: [], proposed: [], closed: [], declined: [] };
  for (const group of groups) result[group.state].push(group);
  return result;
}

/** The tree of bodies (plenary → steering group and working groups), with members today; one query. */
export async function readBodiesOverview(db: Queryable, today: string = spaceToday()): Promise<BodiesOverview> {
  const bodies = await listBodyTree(db, today);
  const children = new Map<number, BodyListItem[]>();
  for (const body of bodies) {
    if (body.parent_id === null) continue;
    const list = children.get(body.parent_id) ?? [];
    list.push(body);
    children.set(body.parent_id, list);
  }
  const placed = new Set<number>();
  const trees: BodyTree[] = [];
  for (const plenary of bodies.filter((b) => b.kind === 'plenary' && b.parent_id === null)) {
    placed.add(plenary.id);
    // Everything below the plenary, however deep, kept in the tree's order.
    const below = new Set<number>();
    const pending = [plenary.id];
    while (pending.length > 0) {
      const id = pending.pop() as number;
      for (const child of children.get(id) ?? []) {
        if (below.has(child.id) || child.id === plenary.id) continue;
        below.add(child.id);
        pending.push(child.id);
      }
    }
    const descendants = bodies.filter((b) => below.has(b.id));
    for (const b of descendants) placed.add(b.id);
    trees.push({
      plenary,
      steering: descendants.filter((b) => b.kind === 'steering'),
      workingGroups: byState(descendants.filter((b) => b.kind === 'working_group')),
    });
  }
  return { trees, others: bodies.filter((b) => !placed.has(b.id)), today };
}

/** Links to the working groups' own pages (workgroups module), each shown only to who may use it. */
export type WorkingGroupAction = 'join' | 'join_requests' | 'decision' | 'extend' | 'close' | 'start_closing' | 'new_report';

/** What the person reading a body's page may do there. */
export interface BodyViewer {
  standing: Standing;
  canEdit: boolean;
  canManageMandates: boolean;
  /** The steering group's follow-up page of every working group. */
  canFollowUp: boolean;
  actions: WorkingGroupAction[];
}

export interface BodyPage {
  body: BodyRow;
  today: string;
  /** Days from today to the sunset date (negative once it has passed); null without one. */
  daysToSunset: number | null;
  composition: Composition;
  current: MandateView[];
  upcoming: MandateView[];
  past: MandateView[];
  /** For a plenary: the working groups below it. */
  workingGroups: BodyListItem[];
  decisions: BodyDecisionView[];
  viewer: BodyViewer;
  /** What other modules show on the page (meetings, agreements). */
  sections: LoadedBodySection[];
}

/** Which of the working groups' own pages the actor could use now, given the group's state. */
function workingGroupActions(actor: Actor | null, standing: Standing, body: BodyRow): WorkingGroupAction[] {
  if (body.kind !== 'working_group' || actor === null) return [];
  const resource = { standing, group: { id: body.id } };
  const actions: WorkingGroupAction[] = [];
  if (body.state === 'proposed' && allows(decideProposal, actor, resource)) actions.push('decision');
  if (body.state === 'active' && body.open && !standing.memberOf.has(body.id)) actions.push('join');
  if ((body.state === 'active' || body.state === 'closing') && allows(manageJoinRequests, actor, resource)) actions.push('join_requests');
  if ((body.state === 'active' || body.state === 'closing') && allows(fileReport, actor, resource)) actions.push('new_report');
  if ((body.state === 'active' || body.state === 'closing') && allows(extendGroup, actor, resource)) actions.push('extend');
  if (body.state === 'active' && allows(startClosing, actor, resource)) actions.push('start_closing');
  if (body.state === 'closing' && allows(closeGroup, actor, resource)) actions.push('close');
  return actions;
}

/**
 * One body's public page by slug (404 when there is none), read for `actor`: a fixed number
 * of queries whatever the number of members, groups or decisions.
 */
export async function readBodyPage(db: Queryable, slug: string, actor: Actor | null, today: string = spaceToday()): Promise<BodyPage> {
  const body = await findBodyBySlug(db, slug);
  if (!body) throw new AppError('not_found');
  const [standing, compositions, mandates, decisions, workingGroups] = await Promise.all([
    actor ? standingOf(db, actor.id, today) : Promise.resolve(NO_STANDING),
    compositionOf(db, [body.id], today),
    listMandates(db, [body.id], { includePast: true }),
    listBodyDecisions(db, body.id),
    body.kind === 'plenary' ? listWorkingGroupsUnder(db, body.id, today) : Promise.resolve([]),
  ]);
  const composition = compositions.get(body.id) ?? emptyComposition();
  const frozen = isFrozen(body);
  const viewer: BodyViewer = {
    standing,
    canEdit: !frozen && allows(manageBodies, actor, undefined),
    canManageMandates: allows(manageMandates, actor, { standing, body: { id: body.id, kind: body.kind } }),
    canFollowUp: body.kind === 'steering' && allows(viewFollowUp, actor, standing),
    actions: workingGroupActions(actor, standing, body),
  };
  const sections = await loadBodyPageSections(db, body, actor, standing);
  return {
    body,
    today,
    daysToSunset: body.sunset_on ? daysBetween(today, body.sunset_on) : null,
    composition,
    ...mandatesInTime(mandates, today),
    workingGroups,
    decisions,
    viewer,
    sections,
  };
}

/** The composition of a body with nobody in it. */
export function emptyComposition(): Composition {
  return { total: 0, byCollege: { council: 0, entity: 0, trajectory: 0, non_articulated: 0, expert: 0 }, byOrganisation: [], warnings: [] };
}
