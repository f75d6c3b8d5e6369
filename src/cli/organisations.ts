/**
 * `teixit organisations import FILE.csv`: the directory's CSV import (the same checks, limits —
 * 5 MB and 20,000 rows a file —, report and audit entry as the import page), for a script run on
 * a schedule or a server with no browser at hand. The audit entry names "cli" as its actor.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendAudit } from '../kernel/audit/index.js';
import { isAppError } from '../kernel/errors.js';
import { bumpGenerations } from '../kernel/http/render-cache-store.js';
import { isLocale, translate, type Locale } from '../kernel/i18n/index.js';
import type { Services } from '../kernel/services.js';
import {
  countsAreWhatWouldHappen,
  importInTransaction,
  importRefused,
  outcomeOf,
  readImportFile,
  reportCounts,
  type ImportOptions,
  type ImportReport,
} from '../modules/directory/csv-import.js';
import { EXIT, fail, parseOptions, terminal, withServices, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';

const USAGE = `Usage: teixit organisations import FILE.csv [--skip-invalid] [--dry-run] [--locale ca|es|en]

Imports organisations from a CSV file with the columns of the directory's export
(external_id, name, short_name, kind, level, families, member_of, representative_since,
district, website, description_ca, description_es, description_en). Rows are matched by
external_id, else by name; importing the same file twice changes nothing the second time.

  --skip-invalid   import the rows without problems and leave out the others
                   (by default one row with a problem stops the whole import)
  --dry-run        only check the file and say what the import would do
  --locale         the language of the report (default en)

Exits with 0 when the file was imported (or checked), 1 when nothing was imported.`;

/** The report as plain lines: the outcome, the counts, and each row with problems. */
export function reportLines(report: ImportReport, locale: Locale): string[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const outcome = outcomeOf(report);
  const counts = reportCounts(report);
  const lines = [`${t(`directory_csv.report.outcome.${outcome}.title`)}. ${t(`directory_csv.report.outcome.${outcome}.body`, counts)}`];
  if (outcome === 'applied' && counts.rejected > 0) lines.push(t('directory_csv.report.outcome.applied.skipped', counts));
  if (outcome === 'checked' && counts.rejected > 0) lines.push(t('directory_csv.report.outcome.checked.problems', counts));
  const would = countsAreWhatWouldHappen(report) ? '_would' : '';
  lines.push(
    [
      `${t('directory_csv.report.rows')}: ${report.rows}`,
      `${t(`directory_csv.report.created${would}`)}: ${counts.created}`,
      `${t(`directory_csv.report.updated${would}`)}: ${counts.updated}`,
      `${t(`directory_csv.report.unchanged${would}`)}: ${counts.unchanged}`,
      `${t('directory_csv.report.rejected')}: ${counts.rejected}`,
    ].join(' · '),
  );
  for (const row of report.plan.rejected) {
    const who = row.short_name && row.short_name !== row.name ? `${row.name} (${row.short_name})` : row.name || row.short_name;
    lines.push(`  ${t('directory_csv.report.line')} ${row.line}${who ? ` · ${who}` : ''}`);
    for (const problem of row.problems) lines.push(`    - ${problem.column ? `${problem.column}: ` : ''}${problem.text(locale)}`);
  }
  return lines;
}

/**
 * Imports `file` into the directory, writes the report to `io`, and returns the exit code: 0 when
 * it imported or checked, 1 when the file or its rows stopped it (nothing changed).
 */
export async function importOrganisationsFromCli(
  services: Services,
  input: { file: string; options: ImportOptions; locale: Locale },
  io: CliOutput,
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input.file));
  } catch (error) {
    return fail(io, `Cannot read ${input.file}: ${(error as Error).message}`);
  }
  try {
    const file = readImportFile({ name: path.basename(input.file), bytes }, input.locale);
    const report = await services.database.db.transaction().execute(async (trx) => {
      const { report, audit } = await importInTransaction(trx, file, input.options);
      if (audit) {
        await appendAudit(trx, audit, { actorId: null, actorName: 'cli', requestId: null });
        // Running servers drop their visitors' copies of the directory pages within a second.
        await bumpGenerations(trx, ['organisations']);
      }
      return report;
    });
    const lines = reportLines(report, input.locale);
    if (importRefused(report)) {
      io.err(lines.join('\n'));
      return EXIT.failed;
    }
    io.out(lines.join('\n'));
    return EXIT.ok;
  } catch (error) {
    if (isAppError(error, 'validation_failed') && error.fields.file) return fail(io, error.fields.file);
    if (isAppError(error)) return fail(io, translate(input.locale, error.messageKey, error.params));
    throw error;
  }
}

/** `teixit organisations import …` */
export const organisationsCommand: CliCommand = async (config, args, parse) => {
  const parsed = parseOptions(
    parse,
    {
      args,
      allowPositionals: true,
      strict: true,
      options: { 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, locale: { type: 'string' } },
    },
    USAGE,
    terminal,
  );
  if (!parsed) return EXIT.usage;
  const [verb, file, ...rest] = parsed.positionals;
  const locale = parsed.values.locale ?? 'en';
  if (verb !== 'import' || !file || rest.length > 0 || !isLocale(locale)) {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  const options = { skipInvalid: parsed.values['skip-invalid'] ?? false, dryRun: parsed.values['dry-run'] ?? false };
  return withServices(config, (services) => importOrganisationsFromCli(services, { file, options, locale }, terminal));
};
