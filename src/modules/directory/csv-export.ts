/**
 * The organisations CSV: its columns (the same for export and import, so an exported file
 * imports back as "unchanged") and the export itself — one query with the directory's filters,
 * written as UTF-8 with a byte-order mark so spreadsheets read the accents right, and with
 * formula-looking cells made inert.
 */
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../../db/types.js';
import { searchOrganisations, type DirectoryRow, type OrganisationFilter } from './listings.js';
import { orderedFamilies } from './schema.js';

/** The columns, in file order. Lists (families, member_of) are separated by `;`. */
export const CSV_COLUMNS = [
  'external_id',
  'name',
  'short_name',
  'kind',
  'level',
  'families',
  'member_of',
  'representative_since',
  'district',
  'website',
  'description_ca',
  'description_es',
  'description_en',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns an import file must have; the others may be left out (the import then leaves those fields as they are). */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['name', 'short_name', 'kind'];

/** What separates the items of a list cell. */
export const LIST_SEPARATOR = ';';

/** The UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

// A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A cell as the export writes it: a value a spreadsheet would take for a formula (`=`, `+`, `-`,
 * `@`, tab, carriage return) gets a leading `'`, which makes it plain text. A value already
 * made of quotes before such a character gets one more, so `inertCell` is undone exactly by
 * `cellValue` and an export imports back unchanged.
 * @example inertCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value of a cell read from a file: the export's protecting `'` taken off again. */
export function cellValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** One organisation as a row of the CSV, every cell a string. */
export type CsvRecord = Record<CsvColumn, string>;

/**
 * The whole file: byte-order mark, header, rows; CRLF line ends (RFC 4180, and what spreadsheets
 * write); every cell made inert.
 */
export function writeOrganisationsCsv(records: readonly CsvRecord[]): string {
  const rows = records.map((record) => CSV_COLUMNS.map((column) => inertCell(record[column])));
  return UTF8_BOM + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' });
}

/** The export's largest answer: every organisation the directory can hold, many times over. */
const EXPORT_MAX_ROWS = 1_000_000;

/** An organisation of the directory as a CSV row, in the import's format. */
function recordOf(row: DirectoryRow): CsvRecord {
  return {
    external_id: row.external_id ?? '',
    name: row.name,
    short_name: row.short_name,
    kind: row.kind,
    level: row.level === null ? '' : String(row.level),
    families: orderedFamilies(row.families).join(LIST_SEPARATOR),
    member_of: row.parents.map((parent) => parent.short_name).join(LIST_SEPARATOR),
    representative_since: row.representative_since ?? '',
    district: row.district ?? '',
    website: row.website ?? '',
    description_ca: row.description?.ca ?? '',
    description_es: row.description?.es ?? '',
    description_en: row.description?.en ?? '',
  };
}

/**
 * Every organisation the directory's filters select (`q`, `kind`, `level`, `family`, `district`,
 * `representative`), by name, as the whole CSV file. The directory's own list query, unpaged:
 * a fixed number of queries whatever the number of organisations.
 */
export async function exportOrganisationsCsv(db: Queryable, filter: OrganisationFilter): Promise<string> {
  const { rows } = await searchOrganisations(db, filter, 0, EXPORT_MAX_ROWS);
  return writeOrganisationsCsv(rows.map(recordOf));
}
