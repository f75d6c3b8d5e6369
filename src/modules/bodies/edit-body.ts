/**
 * Editing a body: its name and purpose in the three languages, its composition rules and, for a
 * working group, whether it takes join requests, how often it reports and its charter. One zod
 * schema serves the edit page (through `changesFromForm`) and `PATCH /api/v1/bodies/{id}`.
 * A working group's sunset date is not changed here: extending it is a recorded decision of the
 * steering group (the workgroups module's extension, with a reason).
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { fieldError } from '../../kernel/validation.js';
import { lockBody, updateBodyRow, type BodyChanges, type BodyRow } from './bodies-store.js';
import { manageBodies } from './policies.js';
import { COLLEGES, type BodyState, type Charter } from './tables.js';

export const NAME_MAX = 200;
export const PURPOSE_MAX = 4000;
export const CHARTER_PART_MAX = 4000;
export const SEATS_MAX = 99;
export const LEVELS = [1, 2, 3, 4] as const;
export const CHARTER_PARTS = ['objectives', 'method', 'cadence', 'deliverables'] as const;
export type CharterPart = (typeof CHARTER_PARTS)[number];

/** Closed and declined groups are the record of what happened: nothing about them changes. */
export const FROZEN_STATES: ReadonlySet<BodyState> = new Set<BodyState>(['closed', 'declined']);

/** True when the body can no longer be edited. */
export function isFrozen(body: Pick<BodyRow, 'state'>): boolean {
  return FROZEN_STATES.has(body.state);
}

/** A translatable text: Catalan required, Spanish and English optional (empty means "not translated"). */
function translatable(max: number, keys: { required: string; tooLong: string }) {
  const other = z.string({ error: keys.tooLong }).trim().max(max, { error: keys.tooLong }).nullable().optional();
  return z.object(
    {
      ca: z.string({ error: keys.required }).trim().min(1, { error: keys.required }).max(max, { error: keys.tooLong }),
      es: other,
      en: other,
    },
    { error: keys.required },
  );
}

const charterPart = (part: CharterPart) =>
  translatable(CHARTER_PART_MAX, { required: `bodies.edit.errors.charter_${part}_required`, tooLong: 'bodies.edit.errors.charter_too_long' });

/** What may be changed; a field left out stays as it is. */
export const bodyChangesSchema = z.object({
  name: translatable(NAME_MAX, { required: 'bodies.edit.errors.name_required', tooLong: 'bodies.edit.errors.name_too_long' }).optional(),
  purpose: translatable(PURPOSE_MAX, { required: 'bodies.edit.errors.purpose_required', tooLong: 'bodies.edit.errors.purpose_too_long' })
    .nullable()
    .optional(),
  open: z.boolean({ error: 'bodies.edit.errors.open_required' }).optional(),
  rules: z
    .object(
      {
        seats_per_entity: z
          .number({ error: 'bodies.edit.errors.seats_invalid' })
          .int({ error: 'bodies.edit.errors.seats_invalid' })
          .min(1, { error: 'bodies.edit.errors.seats_invalid' })
          .max(SEATS_MAX, { error: 'bodies.edit.errors.seats_invalid' })
          .nullable()
          .optional(),
        allowed_colleges: z.array(z.enum(COLLEGES, { error: 'bodies.edit.errors.college_invalid' }), { error: 'bodies.edit.errors.college_invalid' }).max(20).optional(),
        allowed_levels: z
          .array(
            z.number({ error: 'bodies.edit.errors.level_invalid' }).int({ error: 'bodies.edit.errors.level_invalid' }).min(1, { error: 'bodies.edit.errors.level_invalid' }).max(4, { error: 'bodies.edit.errors.level_invalid' }),
            { error: 'bodies.edit.errors.level_invalid' },
          )
          .max(20)
          .optional(),
      },
      { error: 'bodies.edit.errors.rules_invalid' },
    )
    .optional(),
  report_interval_days: z
    .number({ error: 'bodies.edit.errors.report_interval_invalid' })
    .int({ error: 'bodies.edit.errors.report_interval_invalid' })
    .min(7, { error: 'bodies.edit.errors.report_interval_invalid' })
    .max(366, { error: 'bodies.edit.errors.report_interval_invalid' })
    .nullable()
    .optional(),
  charter: z
    .object(
      {
        objectives: charterPart('objectives').optional(),
        method: charterPart('method').optional(),
        cadence: charterPart('cadence').optional(),
        deliverables: charterPart('deliverables').optional(),
      },
      { error: 'bodies.edit.errors.charter_invalid' },
    )
    .nullable()
    .optional(),
});
export type BodyChangesInput = z.input<typeof bodyChangesSchema>;

export const updateBodySchema = bodyChangesSchema.extend({
  body_id: z.number().int().positive(),
});

/** The stored form of a translatable text: trimmed, untranslated languages left out. */
function cleanTranslatable(value: { ca: string; es?: string | null | undefined; en?: string | null | undefined }): Translatable {
  const result: Translatable = { ca: value.ca };
  if (value.es) result.es = value.es;
  if (value.en) result.en = value.en;
  return result;
}

/** Stable JSON for comparing stored and new values (jsonb does not keep key order). */
function same(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export interface BodyUpdated {
  body: BodyRow;
  /** False when every value sent was already the stored one: nothing was written or audited. */
  changed: boolean;
}

/** What an edit would write, and the changed values before and after, for the audit trail. */
export interface PlannedChanges {
  columns: BodyChanges;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Works out what `changes` would write to `body`, refusing what the rules do not allow: any
 * change to a closed or declined group (409), working-group fields on the plenary or the
 * steering group, a working group left without a full charter (422). Writes nothing, so a
 * caller may check an edit before doing something else it goes with.
 */
export function planBodyChanges(body: BodyRow, changes: z.output<typeof bodyChangesSchema>, locale: Locale): PlannedChanges {
  if (isFrozen(body)) throw new AppError('conflict', { messageKey: 'bodies.errors.frozen', params: { state: body.state } });
  const isWorkingGroup = body.kind === 'working_group';
  const planned: PlannedChanges = { columns: {}, before: {}, after: {} };
  const change = <K extends keyof BodyChanges>(column: K, stored: unknown, value: BodyChanges[K], audited: unknown = value) => {
    if (same(stored, audited)) return;
    planned.columns[column] = value;
    planned.before[column] = stored;
    planned.after[column] = audited;
  };

  if (changes.name) {
    const name = cleanTranslatable(changes.name);
    change('name', body.name, JSON.stringify(name), name);
  }
  if (changes.purpose !== undefined) {
    const purpose = changes.purpose === null ? null : cleanTranslatable(changes.purpose);
    change('purpose', body.purpose, purpose === null ? null : JSON.stringify(purpose), purpose);
  }
  const rules = changes.rules;
  if (rules?.seats_per_entity !== undefined) change('seats_per_entity', body.seats_per_entity, rules.seats_per_entity);
  if (rules?.allowed_colleges) {
    change('allowed_colleges', body.allowed_colleges, COLLEGES.filter((college) => rules.allowed_colleges?.includes(college)));
  }
  if (rules?.allowed_levels) {
    change('allowed_levels', body.allowed_levels.map(Number), LEVELS.filter((level) => rules.allowed_levels?.includes(level)));
  }

  // Join requests, reports and the charter belong to working groups. A client sending back
  // what it read (false, null) about a standing body is fine; asking for more is not.
  if (changes.open !== undefined) {
    if (changes.open && !isWorkingGroup) throw fieldError('open', 'bodies.edit.errors.only_working_groups', locale);
    change('open', body.open, changes.open);
  }
  if (changes.report_interval_days !== undefined) {
    if (changes.report_interval_days !== null && !isWorkingGroup) throw fieldError('report_interval_days', 'bodies.edit.errors.only_working_groups', locale);
    change('report_interval_days', body.report_interval_days, changes.report_interval_days);
  }
  if (changes.charter !== undefined) {
    if (changes.charter !== null && !isWorkingGroup) throw fieldError('charter', 'bodies.edit.errors.only_working_groups', locale);
    if (changes.charter === null && isWorkingGroup) throw fieldError('charter', 'bodies.edit.errors.charter_required', locale);
    if (changes.charter !== null) {
      const merged: Partial<Charter> = { ...(body.charter ?? {}) };
      for (const part of CHARTER_PARTS) {
        const value = changes.charter[part];
        if (value) merged[part] = cleanTranslatable(value);
      }
      // A group stored without a full charter must get one before anything else changes in it.
      const missing = CHARTER_PARTS.find((part) => !merged[part]);
      if (missing) throw fieldError(`charter.${missing}.ca`, `bodies.edit.errors.charter_${missing}_required`, locale);
      change('charter', body.charter, JSON.stringify(merged), merged);
    }
  }
  return planned;
}

/**
 * Changes a body's name, purpose, rules and (working groups) openness, report interval and
 * charter. Admins and officials only; a closed or declined group is frozen (409). Audited with
 * the changed values before and after; visitors' pages showing bodies are dropped from the cache.
 * @example await updateBody(scopeOf(c), { body_id: 3, name: { ca: 'Comunicació' }, open: true })
 */
export const updateBody = defineCommand({
  name: 'bodies.update',
  input: updateBodySchema,
  policy: manageBodies,
  run: async (tx, input): Promise<BodyUpdated> => {
    const body = await lockBody(tx.trx, input.body_id);
    if (!body) throw new AppError('not_found');
    const planned = planBodyChanges(body, input, tx.scope.locale);
    if (Object.keys(planned.columns).length === 0) return { body, changed: false };
    const updated = await updateBodyRow(tx.trx, body.id, planned.columns);
    // A body's name, purpose and rules are public record, and so is how they changed.
    await tx.audit({ action: 'bodies.update', subjectType: 'body', subjectId: body.id, before: planned.before, after: planned.after, visibility: 'public' });
    tx.emit({ type: 'bodies.updated', tags: ['bodies'], payload: { bodyId: body.id } });
    return { body: updated, changed: true };
  },
});

/** The edit page's fields, as the form names them (also the paths of their errors). */
export type EditForm = Record<string, string | string[]>;

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** One text of the form; a repeated field (never sent by the page) is kept as the list, so it fails validation. */
function text(form: EditForm, name: string): string | string[] {
  return form[name] ?? '';
}

/** A whole number typed in a box: blank is null, digits a number, anything else left for the schema to refuse. */
function wholeNumber(value: string | string[]): number | null | string | string[] {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A translatable text from three boxes; all blank is null (for optional texts). */
function translatableFrom(form: EditForm, prefix: string): { ca: unknown; es: unknown; en: unknown } | null {
  const value = { ca: text(form, `${prefix}.ca`), es: text(form, `${prefix}.es`), en: text(form, `${prefix}.en`) };
  const blank = [value.ca, value.es, value.en].every((v) => typeof v === 'string' && v.trim() === '');
  return blank ? null : value;
}

/**
 * The edit page's posted fields as the changes the command takes: every field the page shows
 * for this kind of body. Boxes left blank become null; values that cannot be what they should
 * (letters in a number box) are passed on as typed, for the schema to explain.
 */
export function changesFromForm(form: EditForm, kind: BodyRow['kind']): Record<string, unknown> {
  const name = translatableFrom(form, 'name') ?? { ca: '', es: '', en: '' };
  const changes: Record<string, unknown> = {
    name,
    purpose: translatableFrom(form, 'purpose'),
    rules: {
      seats_per_entity: wholeNumber(text(form, 'rules.seats_per_entity')),
      allowed_colleges: list(form['rules.allowed_colleges']),
      allowed_levels: list(form['rules.allowed_levels']).map((level) => (/^\d$/.test(level) ? Number(level) : level)),
    },
  };
  if (kind === 'working_group') {
    const open = text(form, 'open');
    // Neither answer chosen (or a made-up one): passed on as sent, for the schema to ask for one.
    changes.open = open === 'yes' ? true : open === 'no' ? false : open;
    changes.report_interval_days = wholeNumber(text(form, 'report_interval_days'));
    changes.charter = Object.fromEntries(CHARTER_PARTS.map((part) => [part, translatableFrom(form, `charter.${part}`) ?? { ca: '' }]));
  }
  return changes;
}
