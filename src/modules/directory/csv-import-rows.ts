/**
 * One CSV record → the values it gives, checked field by field with the same schema as the
 * directory's forms and API (`schema.ts`). Only the columns the file has are read: an absent
 * column leaves that field as it is; an empty cell in a present column empties the field.
 */
import { LOCALES, translate } from '../../kernel/i18n/index.js';
import { DESCRIPTION_MAX, DISTRICTS, FAMILIES, MEMBER_OF_MAX, ORGANISATION_KINDS, organisationChangesSchema, type OrganisationChanges } from './schema.js';
import { cellValue, LIST_SEPARATOR, type CsvColumn } from './csv-export.js';
import { message, type CsvLine, type Localized } from './csv-import-read.js';

/** How long an id from another registry may be. */
export const EXTERNAL_ID_MAX = 100;

/** Why a row cannot be imported: a message, and the column it is about when there is one. */
export interface RowProblem {
  column?: CsvColumn;
  text: Localized;
}

export type DescriptionLanguage = 'ca' | 'es' | 'en';

/** A row whose cells passed the field checks. `undefined` everywhere means "column absent". */
export interface RowValues {
  line: number;
  /** Null when the cell is empty: the row is then matched by name. */
  external_id: string | null | undefined;
  name: string;
  short_name: string;
  /** The checked fields of the organisation (name, short name, kind… not member_of nor description). */
  fields: Omit<OrganisationChanges, 'member_of' | 'description'>;
  /** Short names of the organisations it is a member of, once each. */
  member_of: string[] | undefined;
  /** The description's texts, per language column present ('' empties that language). */
  description: Partial<Record<DescriptionLanguage, string>>;
}

export type RowReading = { ok: true; row: RowValues } | { ok: false; line: number; name: string; short_name: string; problems: RowProblem[] };

const DESCRIPTION_COLUMNS: Record<DescriptionLanguage, CsvColumn> = { ca: 'description_ca', es: 'description_es', en: 'description_en' };

/** A list cell: items separated by `;`, trimmed, empty ones dropped. */
export function listCell(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A code or label as the lookups compare them: no accents, capitals, spaces, dashes or underscores. */
const loose = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-·.']+/g, '');

/** Each code, and its label in every language, → the code. */
function codeIndex(codes: readonly string[], labels: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const code of codes) {
    index.set(loose(code), code);
    for (const locale of LOCALES) index.set(loose(translate(locale, `${labels}.${code}`)), code);
  }
  return index;
}

let lookups: { families: Map<string, string>; districts: Map<string, string> } | undefined;
/** Families and districts by code or by name in any language ("Sant Martí", "sant_marti"). */
function codeLookups() {
  lookups ??= { families: codeIndex(FAMILIES, 'directory.families'), districts: codeIndex(DISTRICTS, 'directory.districts') };
  return lookups;
}

/** The fields a row's cells are checked with: the forms' and API's, less member_of and description (read apart). */
const rowFieldsSchema = organisationChangesSchema.omit({ member_of: true, description: true });

/** The schema's message (a catalog key, or zod's own text) for a field of the row. */
function schemaProblem(column: CsvColumn, key: string): RowProblem {
  return { column, text: (locale) => (key.startsWith('directory.') ? translate(locale, key) : key) };
}

/**
 * Checks one record's cells. Each problem names its column; a row with problems is reported
 * with all of them at once, so one round of corrections is enough.
 */
export function readRow(record: CsvLine, columnCount: number): RowReading {
  const cells = record.cells;
  const has = (column: CsvColumn) => cells[column] !== undefined;
  const cell = (column: CsvColumn) => cellValue((cells[column] ?? '').trim()).trim();
  const problems: RowProblem[] = [];
  const name = cell('name');
  const shortName = cell('short_name');

  if (record.cellCount !== columnCount) {
    problems.push({ text: message('directory_csv.rows.cell_count', { count: record.cellCount, columns: columnCount }) });
  }

  let externalId: string | null | undefined;
  if (has('external_id')) {
    externalId = cell('external_id') || null;
    if (externalId !== null && externalId.length > EXTERNAL_ID_MAX) {
      problems.push({ column: 'external_id', text: message('directory_csv.rows.external_id_too_long', { max: EXTERNAL_ID_MAX }) });
    }
  }

  const input: Record<string, unknown> = { name, short_name: shortName, kind: cell('kind').toLowerCase() };
  if (!(ORGANISATION_KINDS as readonly string[]).includes(input.kind as string)) {
    problems.push({ column: 'kind', text: message('directory_csv.rows.kind_invalid', { value: cell('kind') }) });
    delete input.kind;
  }
  if (has('level')) input.level = cell('level');
  if (has('families')) {
    const given = listCell(cell('families'));
    const unknown = given.filter((family) => !codeLookups().families.has(loose(family)));
    if (unknown.length > 0) problems.push({ column: 'families', text: message('directory_csv.rows.families_invalid', { values: unknown.join(', '), count: unknown.length, codes: FAMILIES.join(', ') }) });
    else input.families = given.map((family) => codeLookups().families.get(loose(family)));
  }
  if (has('representative_since')) input.representative_since = cell('representative_since');
  if (has('district') && cell('district') !== '') {
    const district = codeLookups().districts.get(loose(cell('district')));
    if (district) input.district = district;
    else problems.push({ column: 'district', text: message('directory_csv.rows.district_invalid', { value: cell('district'), codes: DISTRICTS.join(', ') }) });
  } else if (has('district')) {
    input.district = null;
  }
  if (has('website')) input.website = cell('website');
  const parsed = rowFieldsSchema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? '') as CsvColumn;
      if (seen.has(column)) continue;
      seen.add(column);
      problems.push(schemaProblem(column, issue.message));
    }
  }

  let memberOf: string[] | undefined;
  if (has('member_of')) {
    const seen = new Set<string>();
    memberOf = listCell(cell('member_of')).filter((short) => !seen.has(short.toLowerCase()) && seen.add(short.toLowerCase()));
    if (memberOf.length > MEMBER_OF_MAX) problems.push({ column: 'member_of', text: message('directory.form.errors.member_of_too_many') });
  }

  const description: Partial<Record<DescriptionLanguage, string>> = {};
  for (const [language, column] of Object.entries(DESCRIPTION_COLUMNS) as Array<[DescriptionLanguage, CsvColumn]>) {
    if (!has(column)) continue;
    description[language] = cell(column);
    if (cell(column).length > DESCRIPTION_MAX) problems.push({ column, text: message('directory.form.errors.description_too_long') });
  }

  if (problems.length > 0 || !parsed.success) return { ok: false, line: record.line, name, short_name: shortName, problems };
  return {
    ok: true,
    row: { line: record.line, external_id: externalId, name: parsed.data.name ?? name, short_name: parsed.data.short_name ?? shortName, fields: parsed.data, member_of: memberOf, description },
  };
}
