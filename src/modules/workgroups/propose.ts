/**
 * Proposing a working group: anyone signed in writes its charter (objectives, method, meeting
 * cadence, deliverables) and a sunset date; the group waits, `proposed`, for the steering group.
 */
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { latestSunset } from './dates.js';
import { groupName, mailPeople, spokenDate } from './emails.js';
import { spaceToday } from './groups.js';
import { proposeGroup } from './policies.js';
import { proposalSchema } from './schema.js';
import { findOrganisation, findPlenaryId, insertDecision, insertGroup, insertProposalOrganisation, lockSlugChoice, slugsLike, steeringOrAdminIds, type GroupRow } from './store.js';

/** Room left in the table's 80 characters for a `-<n>` suffix. */
const SLUG_BASE_MAX = 70;
/** Words a slug may not be alone, as other pages live at `/bodies/<word>`. */
const RESERVED_SLUGS = new Set(['new', 'export', 'import', 'tree', 'search']);

/**
 * The slug a Catalan name suggests: accents and the *ela geminada* folded, lower case, words
 * joined by hyphens, at most 70 characters; `grup` when nothing is left, and never digits alone
 * (a reference made of digits is read as an id).
 * @example slugFromName("Contractació pública responsable") // "contractacio-publica-responsable"
 */
export function slugFromName(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/l[·.]l/g, 'll');
  const words = folded.split(/[^a-z0-9]+/).filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word.slice(0, SLUG_BASE_MAX) : `${slug}-${word}`;
    if (next.length > SLUG_BASE_MAX) break;
    slug = next;
  }
  if (slug === '') return 'grup';
  if (/^[0-9-]+$/.test(slug) || RESERVED_SLUGS.has(slug)) return `grup-${slug}`.slice(0, SLUG_BASE_MAX).replace(/-$/, '');
  return slug;
}

/** `base`, or `base-2`, `base-3`… whichever is free among `taken`. */
export function firstFreeSlug(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Proposes a working group under the plenary: state `proposed`, open, with its charter, sunset
 * date (after today, at most 24 months ahead), the organisation levels it admits and its report
 * interval. The proposer is recorded (and the organisation they act for, if they chose one);
 * the steering group (or, while it has no members, the administrators) is e-mailed that a
 * proposal awaits them. Audited (public).
 * @example const group = await proposeWorkingGroup(scopeOf(c), { name: { ca: 'Comunicació' }, … })
 */
export const proposeWorkingGroup = defineCommand({
  name: 'workgroups.propose',
  input: proposalSchema,
  policy: proposeGroup,
  run: async (tx, input): Promise<GroupRow> => {
    const { locale, actor } = tx.scope;
    if (!actor) throw new AppError('unauthenticated');
    const today = spaceToday();
    if (input.sunset_on <= today) throw fieldError('sunset_on', 'workgroups.errors.sunset_past', locale);
    const latest = latestSunset(today);
    if (input.sunset_on > latest) throw fieldError('sunset_on', 'workgroups.errors.sunset_too_far', locale, { latest: formatDate(locale, latest) });

    if (input.organisation_id !== null) {
      const organisation = await findOrganisation(tx.trx, input.organisation_id);
      if (!organisation || organisation.kind !== 'entity') throw fieldError('organisation_id', 'workgroups.errors.organisation_unknown', locale);
      if (organisation.level === null || !input.allowed_levels.includes(organisation.level)) {
        throw fieldError('organisation_id', 'workgroups.errors.proposer_level_not_allowed', locale, { organisation: organisation.name, level: organisation.level ?? 0 });
      }
    }

    const plenaryId = await findPlenaryId(tx.trx);
    if (plenaryId === undefined) throw new AppError('conflict', { messageKey: 'workgroups.errors.no_plenary' });
    await lockSlugChoice(tx.trx);
    const base = slugFromName(input.name.ca);
    const slug = firstFreeSlug(base, await slugsLike(tx.trx, base));

    const group = await insertGroup(tx.trx, {
      slug,
      parent_id: plenaryId,
      name: input.name,
      purpose: input.purpose,
      charter: input.charter,
      sunset_on: input.sunset_on,
      allowed_levels: input.allowed_levels,
      report_interval_days: input.report_interval_days,
      proposed_by: actor.id,
    });
    if (input.organisation_id !== null) await insertProposalOrganisation(tx.trx, group.id, input.organisation_id);
    await insertDecision(tx.trx, { body_id: group.id, action: 'proposed', decided_by: actor.id });
    await tx.audit({
      action: 'workgroups.propose',
      subjectType: 'body',
      subjectId: group.id,
      after: {
        slug,
        name: input.name,
        sunset_on: input.sunset_on,
        allowed_levels: input.allowed_levels,
        report_interval_days: input.report_interval_days,
        organisation_id: input.organisation_id,
      },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.proposed', tags: ['bodies'], payload: { body_id: group.id } });

    const steering = (await steeringOrAdminIds(tx.trx, today)).filter((id) => id !== actor.id);
    await mailPeople(tx.trx, tx.scope.services, steering, 'proposed', {
      params: (to) => ({ group: groupName(input.name, to), proposer: actor.name, sunset: spokenDate(input.sunset_on, to) }),
      path: `/bodies/${slug}/decision`,
    });
    return group;
  },
});
