/**
 * Reading an organisations CSV before the database is touched: the file is refused whole, with
 * a message that says how to fix it, when it is not UTF-8, has a wrong column, broken quotes or
 * too many rows; rows are read with their line numbers, whatever the line ends and quoting.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../kernel/i18n/index.js';
import { cellValue, inertCell } from './csv-export.js';
import { CsvFileProblem, MAX_CSV_BYTES, MAX_CSV_ROWS, readCsvFile } from './csv-import-read.js';
import { readRow, type RowReading } from './csv-import-rows.js';

const HEADER = 'external_id,name,short_name,kind,level,families,member_of,representative_since,district,website,description_ca,description_es,description_en';
const bytes = (text: string) => new TextEncoder().encode(text);

/** The message a refused file gets, in Catalan and English. */
function refusalOf(input: Uint8Array): { ca: string; en: string } {
  try {
    readCsvFile(input);
  } catch (error) {
    if (error instanceof CsvFileProblem) return { ca: error.problem('ca'), en: error.problem('en') };
    throw error;
  }
  throw new Error('the file was accepted');
}

function rowsOf(text: string): RowReading[] {
  const file = readCsvFile(bytes(text));
  return file.lines.map((line) => readRow(line, file.columns.length));
}

describe('reading the file', () => {
  it('reads a plain file with its line numbers', () => {
    const file = readCsvFile(bytes(`${HEADER}\n,Coop57 SCCL,Coop57,entity,1,ethical_finance;cooperative,XES,,,https://coop57.coop,Finances ètiques,,\n`));
    expect(file.columns).toHaveLength(13);
    expect(file.lines).toHaveLength(1);
    expect(file.lines[0]?.line).toBe(2);
    expect(file.lines[0]?.cells.name).toBe('Coop57 SCCL');
  });

  it('takes a UTF-8 byte-order mark, CRLF line ends, empty lines and lines of empty cells', () => {
    const text = `\uFEFFname,short_name,kind,level\r\n\r\nCoòpolis,Coòpolis,entity,1\r\n,,,\r\nAteneu,Ateneu,entity,1\r\n`;
    const file = readCsvFile(bytes(text));
    expect(file.columns).toEqual(['name', 'short_name', 'kind', 'level']);
    expect(file.lines.map((l) => [l.line, l.cells.name])).toEqual([
      [3, 'Coòpolis'],
      [5, 'Ateneu'],
    ]);
  });

  it('reads quoted values with commas, semicolons, doubled quotes and line breaks, and counts lines from where a row starts', () => {
    const text = `name,short_name,kind,level,description_ca\n"Fundació ""La Caixa"", de prova",FLC,entity,1,"Primera línia\nsegona línia"\nXarxa,XES,entity,2,"a, b; c"\n`;
    const file = readCsvFile(bytes(text));
    expect(file.lines.map((l) => [l.line, l.cells.name, l.cells.description_ca])).toEqual([
      [2, 'Fundació "La Caixa", de prova', 'Primera línia\nsegona línia'],
      [4, 'Xarxa', 'a, b; c'],
    ]);
  });

  it('reads a file a spreadsheet saved with semicolons, as Catalan and Spanish spreadsheets do', () => {
    const file = readCsvFile(bytes('name;short_name;kind;level;families\nCoop57;Coop57;entity;1;"cooperative;ethical_finance"\n'));
    expect(file.lines[0]?.cells).toMatchObject({ name: 'Coop57', families: 'cooperative;ethical_finance' });
  });

  it('takes column names whatever their capitals and spaces around them', () => {
    expect(readCsvFile(bytes(' Name , SHORT_NAME,kind\nA,B,entity\n')).columns).toEqual(['name', 'short_name', 'kind']);
  });

  it('refuses a file that is not UTF-8, saying to save it as CSV UTF-8', () => {
    // "Cooperativa Sagrada Família" as Windows-1252 saves it: í is the single byte 0xED.
    const latin1 = Uint8Array.from([...bytes('name,short_name,kind\nFam'), 0xed, ...bytes('lia,F,entity\n')]);
    const refusal = refusalOf(latin1);
    expect(refusal.ca).toBe(translate('ca', 'directory_csv.file.not_utf8'));
    expect(refusal.en).toContain('not UTF-8: save it as “CSV UTF-8”');
  });

  it('refuses UTF-16, a spreadsheet file, binary content and an empty file, each with its own message', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...bytes('n\u0000a\u0000')]);
    expect(refusalOf(utf16).en).toContain('UTF-16');
    expect(refusalOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])).en).toContain('spreadsheet');
    expect(refusalOf(bytes('name,short_name,kind\nA\u0000,B,entity\n')).en).toContain('does not look like a CSV');
    expect(refusalOf(new Uint8Array()).en).toBe(translate('en', 'directory_csv.file.empty'));
    expect(refusalOf(bytes('name,short_name,kind\n\n')).en).toBe(translate('en', 'directory_csv.file.no_rows'));
  });

  it('refuses a file over the size limit', () => {
    const big = new Uint8Array(MAX_CSV_BYTES + 1).fill(0x61);
    expect(refusalOf(big).en).toContain('larger than 5 MB');
  });

  it('names the unknown columns and the known ones', () => {
    const refusal = refusalOf(bytes('name,short_name,kind,nivell,web\nA,B,entity,1,x\n'));
    expect(refusal.en).toContain('"nivell", "web"');
    expect(refusal.en).toContain('external_id, name, short_name, kind, level');
    expect(refusalOf(bytes('name,short_name,kind,\nA,B,entity,\n')).en).toContain('""');
  });

  it('names the missing required columns, and repeated ones', () => {
    expect(refusalOf(bytes('name,level\nA,1\n')).en).toBe(translate('en', 'directory_csv.file.missing_columns', { columns: 'short_name, kind', count: 2 }));
    expect(refusalOf(bytes('name,short_name,kind,name\nA,B,entity,C\n')).en).toContain('appear twice: name');
  });

  it('refuses a quote that is never closed, naming its line', () => {
    const refusal = refusalOf(bytes('name,short_name,kind\nA,B,entity\n"C,D,entity\nE,F,entity\n'));
    expect(refusal.en).toContain('line 3');
  });

  it('refuses 100,000 rows quickly, before reading them all, and says to split the file', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `O${i},S${i},entity,1`).join('\n');
    const started = performance.now();
    const refusal = refusalOf(bytes(`name,short_name,kind,level\n${rows}\n`));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(refusal.en).toBe(translate('en', 'directory_csv.file.too_many_rows', { max: MAX_CSV_ROWS }));
  });

  it('takes exactly the most rows allowed', () => {
    const rows = Array.from({ length: MAX_CSV_ROWS }, (_, i) => `O${i},S${i},entity,1`).join('\n');
    expect(readCsvFile(bytes(`name,short_name,kind,level\n${rows}`)).lines).toHaveLength(MAX_CSV_ROWS);
  });
});

describe('reading a row', () => {
  it('gives the values of the columns present, lists split by ";", codes found by name too', () => {
    const [row] = rowsOf('name,short_name,kind,level,families,member_of,district,representative_since\n Coop57 SCCL , Coop57 ,Entity,1,Finances ètiques; cooperative,XES;FCTC;xes,Sant Martí,10/3/2022\n');
    expect(row).toMatchObject({
      ok: true,
      row: {
        line: 2,
        name: 'Coop57 SCCL',
        short_name: 'Coop57',
        external_id: undefined,
        member_of: ['XES', 'FCTC'],
        fields: { kind: 'entity', level: 1, families: ['cooperative', 'ethical_finance'], district: 'sant_marti', representative_since: '2022-03-10' },
      },
    });
  });

  it('leaves absent columns undefined, so that the import leaves those fields as they are', () => {
    const [row] = rowsOf('name,short_name,kind\nA,B,administration\n');
    expect(row?.ok && row.row.fields).toEqual({ name: 'A', short_name: 'B', kind: 'administration' });
    expect(row?.ok && row.row.member_of).toBeUndefined();
  });

  it('reports every problem of a row at once, each with its column', () => {
    const [row] = rowsOf('name,short_name,kind,level,families,district,website,representative_since\n,B,cooperativa,7,cooperativa,Badalona,coop57.coop,2022-02-30\n');
    expect(row?.ok).toBe(false);
    if (row?.ok !== false) return;
    const problems = Object.fromEntries(row.problems.map((p) => [p.column, p.text('en')]));
    expect(Object.keys(problems).sort()).toEqual(['district', 'families', 'kind', 'level', 'name', 'representative_since', 'website'].sort());
    expect(problems.kind).toContain('Write entity or administration');
    expect(problems.families).toContain('“cooperativa” is not a sector family');
    expect(problems.district).toContain('“Badalona” is not a district of Barcelona');
  });

  it('refuses a row with more or fewer values than the header, but not trailing empty cells', () => {
    const rows = rowsOf('name,short_name,kind\nA,B,entity,extra\nC,D\nE,F,entity,,\n');
    expect(rows.map((r) => r.ok)).toEqual([false, false, true]);
    expect(rows[0]?.ok === false && rows[0].problems[0]?.text('en')).toContain('has 4 values and the file has 3 columns');
  });

  it('takes the apostrophe the export puts before formula-looking cells off again', () => {
    const [row] = rowsOf(`name,short_name,kind,description_ca\n${inertCell('=Cooperativa')},${inertCell('+Coop')},entity,${inertCell('- una llista')}\n`);
    expect(row?.ok && [row.row.name, row.row.short_name, row.row.description.ca]).toEqual(['=Cooperativa', '+Coop', '- una llista']);
  });
});

describe('formula-safe cells', () => {
  it('prefixes what a spreadsheet would run, and only that, and reading undoes it exactly', () => {
    for (const value of ['=1+1', '+34 600', '-5', '@SUM(A1)', '\tx', "'=x", "''+y", 'Coop57', "L'Ateneu", "'quoted"]) {
      const cell = inertCell(value);
      expect(/^[=+\-@\t\r]/.test(cell), value).toBe(false);
      expect(cellValue(cell)).toBe(value);
    }
    expect(inertCell('Coop57')).toBe('Coop57');
    expect(inertCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
  });
});
