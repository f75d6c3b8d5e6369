/**
 * Writing the directory: creating an organisation and changing one, with its member_of links.
 * Both check the whole organisation as it would be (fields, the link rules of `rules.ts`, unique
 * names) before writing anything, so a refusal changes nothing; both are audited with what was
 * there before and after, and drop the visitors' cached pages that show organisations.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError, type FieldErrors } from '../../kernel/errors.js';
import { translate } from '../../kernel/i18n/index.js';
import { levelChangeMessage, levelChangeProblems, linkProblemMessage, loadDescendantIds, memberOfProblems, type LinkCandidate } from './rules.js';
import { manageOrganisations } from './policies.js';
import { compactTranslatable, crossFieldProblems, orderedFamilies, organisationChangesSchema, organisationFieldsSchema, type OrganisationFields } from './schema.js';
import {
  findLinkCandidates,
  findMemberCandidates,
  findNameClashes,
  insertOrganisation,
  lockDirectoryLinks,
  lockOrganisation,
  replaceParents,
  updateOrganisationRow,
  type OrganisationWithParents,
} from './store.js';

/** What the audit trail keeps of an organisation: every field a person can change. */
type Snapshot = OrganisationFields;

function snapshotOf(o: OrganisationWithParents): Snapshot {
  return {
    name: o.name,
    short_name: o.short_name,
    kind: o.kind,
    level: o.level,
    families: orderedFamilies(o.families) as Snapshot['families'],
    member_of: [...o.member_of].sort((a, b) => a - b),
    representative_since: o.representative_since,
    district: o.district as Snapshot['district'],
    website: o.website,
    description: compactTranslatable(o.description),
  };
}

/** The fields whose values differ, as `before` and `after` objects of only those fields. */
function differences(before: Snapshot, after: Snapshot): { before: Partial<Snapshot>; after: Partial<Snapshot> } {
  const changed = (Object.keys(after) as Array<keyof Snapshot>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}

/** 422 with these fields' messages, translated. */
function refused(tx: CommandTx, fields: Record<string, string>): AppError {
  const translated: FieldErrors = {};
  for (const [field, message] of Object.entries(fields)) translated[field] = message.startsWith('directory.') ? translate(tx.scope.locale, message) : message;
  return new AppError('validation_failed', { fields: translated });
}

/**
 * Refuses (409) a name or short name another organisation already uses, accents and capitals
 * aside: the sector and the CSV import tell organisations apart by them.
 */
async function refuseTakenNames(tx: CommandTx, wanted: Snapshot, exceptId: number | null): Promise<void> {
  const clashes = await findNameClashes(tx.trx, wanted, exceptId);
  if (clashes.short_name) {
    throw new AppError('conflict', { messageKey: 'directory.errors.short_name_taken', params: { short_name: wanted.short_name, name: clashes.short_name.name } });
  }
  if (clashes.name) throw new AppError('conflict', { messageKey: 'directory.errors.name_taken', params: { name: clashes.name.name } });
}

/** The organisations `ids` name, or 422 on `member_of` for ids that are no organisation. */
async function loadParents(tx: CommandTx, ids: readonly number[]): Promise<LinkCandidate[]> {
  const parents = await findLinkCandidates(tx.trx, ids);
  if (parents.length < ids.length) {
    const found = new Set(parents.map((p) => p.id));
    const missing = ids.filter((id) => !found.has(id));
    throw refused(tx, { member_of: translate(tx.scope.locale, 'directory.form.errors.member_of_unknown', { ids: missing.join(', '), count: missing.length }) });
  }
  return parents;
}

/** PostgreSQL's unique_violation, from either engine: the unique indexes back up `refuseTakenNames`. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function orConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', { messageKey: 'directory.errors.name_or_short_name_taken', cause: error });
    throw error;
  }
}

export interface OrganisationSaved {
  id: number;
  name: string;
  /** False when an update found nothing to change (nothing was written or audited). */
  changed: boolean;
}

/**
 * Creates an organisation with its member_of links. 422 for a field that breaks a rule (an
 * entity without a level, a council unit with one, a link the rules refuse — the message names
 * both organisations); 409 for a name or short name already in use.
 * @example const { id } = await createOrganisation(scopeOf(c), { name: 'Coop57 SCCL', short_name: 'Coop57', kind: 'entity', level: 1, member_of: [7] });
 */
export const createOrganisation = defineCommand({
  name: 'directory.organisations.create',
  input: organisationFieldsSchema,
  policy: manageOrganisations,
  run: async (tx, input): Promise<OrganisationSaved> => {
    const fieldProblems = crossFieldProblems(input);
    if (Object.keys(fieldProblems).length > 0) throw refused(tx, fieldProblems);
    await lockDirectoryLinks(tx.trx);
    await refuseTakenNames(tx, input, null);
    const parents = await loadParents(tx, input.member_of);
    const problems = memberOfProblems({ id: null, kind: input.kind, level: input.level }, parents, new Set());
    if (problems.length > 0) {
      throw refused(tx, { member_of: problems.map((p) => linkProblemMessage(tx.scope.locale, input, p.parent, p.reason)).join(' ') });
    }
    const id = await orConflict(() => insertOrganisation(tx.trx, input));
    await replaceParents(tx.trx, id, input.member_of);
    await tx.audit({ action: 'directory.organisations.create', subjectType: 'organisation', subjectId: id, after: { ...input } });
    tx.emit({ type: 'directory.organisation_created', tags: ['organisations'], payload: { id } });
    return { id, name: input.name, changed: true };
  },
});

export const organisationUpdateSchema = organisationChangesSchema.extend({
  id: z.coerce.number({ error: 'directory.form.errors.not_found' }).int().positive().max(Number.MAX_SAFE_INTEGER),
});

/**
 * Changes an organisation: the fields given, the others as they are (a form sends them all; the
 * API may send a few). The result is checked whole: its parents must stay above it and its
 * members below it, whatever changed. 404 for no such organisation; 422 and 409 as
 * `createOrganisation`. Nothing is written, audited or announced when nothing changes.
 * @example await updateOrganisation(scopeOf(c), { id: 12, level: 2, member_of: [4] });
 */
export const updateOrganisation = defineCommand({
  name: 'directory.organisations.update',
  input: organisationUpdateSchema,
  policy: manageOrganisations,
  run: async (tx, { id, ...changes }): Promise<OrganisationSaved> => {
    await lockDirectoryLinks(tx.trx);
    const current = await lockOrganisation(tx.trx, id);
    if (!current) throw new AppError('not_found');
    const before = snapshotOf(current);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<Snapshot>;
    const after: Snapshot = { ...before, ...defined };
    const fieldProblems = crossFieldProblems(after);
    if (Object.keys(fieldProblems).length > 0) throw refused(tx, fieldProblems);
    const diff = differences(before, after);
    if (Object.keys(diff.after).length === 0) return { id, name: current.name, changed: false };
    await refuseTakenNames(tx, after, id);

    const locale = tx.scope.locale;
    const subject = { id, kind: after.kind, level: after.level };
    const parents = await loadParents(tx, after.member_of);
    const descendants = await loadDescendantIds(tx.trx, id);
    const parentProblems = memberOfProblems(subject, parents, descendants);
    const memberProblems = levelChangeProblems(subject, [], await findMemberCandidates(tx.trx, id));
    // A refused parent is the member_of field's fault when the links were sent, else the new
    // level's (or kind's): that is what the person changed.
    const levelField = after.kind !== before.kind ? 'kind' : 'level';
    const fields: Record<string, string> = {};
    if (parentProblems.length > 0) {
      fields[changes.member_of !== undefined ? 'member_of' : levelField] = parentProblems.map((p) => linkProblemMessage(locale, after, p.parent, p.reason)).join(' ');
    }
    if (memberProblems.length > 0) {
      const messages = memberProblems.map((p) => levelChangeMessage(locale, after, p)).join(' ');
      fields[levelField] = fields[levelField] ? `${fields[levelField]} ${messages}` : messages;
    }
    if (Object.keys(fields).length > 0) throw refused(tx, fields);

    await orConflict(() => updateOrganisationRow(tx.trx, id, after));
    if (diff.after.member_of !== undefined) await replaceParents(tx.trx, id, after.member_of);
    await tx.audit({ action: 'directory.organisations.update', subjectType: 'organisation', subjectId: id, before: diff.before, after: diff.after });
    tx.emit({ type: 'directory.organisation_updated', tags: ['organisations'], payload: { id } });
    return { id, name: after.name, changed: true };
  },
});
