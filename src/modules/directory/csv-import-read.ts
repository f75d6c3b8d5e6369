/**
 * Reading an organisations CSV, before anything touches the database: the bytes (size, UTF-8,
 * byte-order mark), the records (quotes, empty lines, at most `MAX_CSV_ROWS`) and the header
 * (every column known, the required ones there). A file that fails here is refused whole, with
 * one message that says how to fix it; rows that fail are the row checks' business.
 */
import { parse } from 'csv-parse/sync';
import { translate, type Locale, type Params } from '../../kernel/i18n/index.js';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, UTF8_BOM, type CsvColumn } from './csv-export.js';

/**
 * A message of the import's answer, rendered in the reader's language when shown: the page's,
 * or English on the command line.
 */
export type Localized = (locale: Locale) => string;

/** A catalog message as a `Localized`. */
export const message =
  (key: string, params?: Params): Localized =>
  (locale) =>
    translate(locale, key, params);

/** The largest file the import reads. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** The most organisations one import takes; a bigger registry is imported in several files. */
export const MAX_CSV_ROWS = 20_000;

/** One data record of the file: the line it starts on and its cells by column. */
export interface CsvLine {
  line: number;
  cells: Partial<Record<CsvColumn, string>>;
  /** The record has a different number of cells than the header has columns. */
  cellCount: number;
}

export interface CsvFile {
  columns: CsvColumn[];
  lines: CsvLine[];
}

/** Why a whole file is refused: a message for the file field. */
export class CsvFileProblem extends Error {
  constructor(readonly problem: Localized) {
    super('CSV file refused');
    this.name = 'CsvFileProblem';
  }
}

const refuse = (key: string, params?: Record<string, string | number>): never => {
  throw new CsvFileProblem(message(`directory_csv.file.${key}`, params));
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/**
 * The file's text: UTF-8, with or without a byte-order mark, line ends made `\n`. Refuses an
 * empty or too big file, a spreadsheet (.xlsx) or UTF-16 file, any byte sequence that is not
 * UTF-8 (a file saved as "CSV" in Windows-1252 or Latin-1), and NUL characters.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.length === 0) refuse('empty');
  if (bytes.length > MAX_CSV_BYTES) refuse('too_big', { max: `${MAX_CSV_BYTES / (1024 * 1024)} MB` });
  if (startsWith(bytes, ZIP_MAGIC)) refuse('spreadsheet');
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) refuse('utf16');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('not_utf8');
  }
  if (text.includes('\u0000')) refuse('binary');
  if (text.startsWith(UTF8_BOM)) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

/**
 * `,` as the file format says; `;` or a tab when the header is written with those (a spreadsheet
 * set to Catalan or Spanish saves "CSV" with `;`). Column names hold none of the three.
 */
function delimiterOf(text: string): string {
  const header = text.split('\n', 1)[0] ?? '';
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

const PARSE_OPTIONS = {
  info: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
} as const;

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * Refuses a file csv-parse could not read, naming the line where the trouble starts: for a
 * quote never closed, the first line of the record it opened (csv-parse itself stops at the end
 * of the file), found by reading again up to the last whole record.
 */
function parseFailure(error: unknown, text: string, delimiter: string): never {
  const failure = error as { code?: unknown; lines?: unknown; records?: unknown };
  let line = typeof failure.lines === 'number' ? failure.lines : 0;
  if (failure.code === 'CSV_QUOTE_NOT_CLOSED' && typeof failure.records === 'number') {
    const whole = failure.records > 0 ? (parse(text, { ...PARSE_OPTIONS, delimiter, to: failure.records }) as ParsedRecord[]) : [];
    const lines = text.split('\n');
    let next = whole.at(-1)?.info.lines ?? 0;
    while (next < lines.length - 1 && (lines[next] ?? '').trim() === '') next += 1;
    line = next + 1;
    refuse('quote_not_closed', { line });
  }
  return refuse('malformed', { line });
}

/**
 * The file's records, the header first, each with the line it starts on. Stops reading (and
 * refuses) as soon as there are more than `MAX_CSV_ROWS` data records, so a huge file costs
 * little. Empty lines, and lines of empty cells only, are skipped.
 */
function readRecords(text: string): Array<{ line: number; cells: string[] }> {
  const delimiter = delimiterOf(text);
  let parsed: ParsedRecord[];
  try {
    // The header, the most rows taken, and one more to know there are too many.
    parsed = parse(text, { ...PARSE_OPTIONS, delimiter, to: MAX_CSV_ROWS + 2 }) as ParsedRecord[];
  } catch (error) {
    parseFailure(error, text, delimiter);
  }
  if (parsed.length > MAX_CSV_ROWS + 1) refuse('too_many_rows', { max: MAX_CSV_ROWS });
  return parsed.map(({ record, info }) => {
    // `info.lines` is where the record ends; newlines inside quoted cells moved it on.
    const inner = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - inner, cells: record };
  });
}

const KNOWN = new Set<string>(CSV_COLUMNS);

/** The header's columns: all known, none twice, the required ones present. */
function readHeader(cells: string[]): CsvColumn[] {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const unknown = names.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    const shown = unknown.map((name) => (name === '' ? '""' : `"${name}"`)).join(', ');
    refuse('unknown_columns', { columns: shown, count: unknown.length, known: CSV_COLUMNS.join(', ') });
  }
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) refuse('repeated_columns', { columns: [...new Set(twice)].join(', ') });
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) refuse('missing_columns', { columns: missing.join(', '), count: missing.length });
  return names as CsvColumn[];
}

/**
 * Reads the whole file: its text, header and data records. Throws `CsvFileProblem` for a file
 * that cannot be taken at all (see `decodeCsv`; also a broken quote, an unknown, repeated or
 * missing column, no rows, or more than `MAX_CSV_ROWS` rows).
 */
export function readCsvFile(bytes: Uint8Array): CsvFile {
  const records = readRecords(decodeCsv(bytes));
  const [header, ...data] = records;
  if (!header) return refuse('empty');
  const columns = readHeader(header.cells);
  if (data.length === 0) refuse('no_rows');
  const lines = data.map(({ line, cells }): CsvLine => {
    const byColumn: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((column, i) => {
      byColumn[column] = cells[i] ?? '';
    });
    // Cells past the header's end that are empty (a spreadsheet's trailing commas) are harmless.
    let count = cells.length;
    while (count > columns.length && (cells[count - 1] ?? '').trim() === '') count -= 1;
    return { line, cells: byColumn, cellCount: count };
  });
  return { columns, lines };
}
