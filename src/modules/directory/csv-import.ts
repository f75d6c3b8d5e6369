/**
 * Importing organisations from a CSV file (the columns of `csv-export.ts`): idempotent — a row is
 * matched by `external_id`, else by name — so importing the same file twice changes nothing the
 * second time. One transaction and a fixed number of statements, whatever the number of rows.
 *
 * By default it is all or nothing: one row with a problem and nothing changes, the report saying
 * which rows and why. With `skipInvalid` the other rows go in. With `dryRun` nothing changes
 * either way: the report says what the import would do. One audit entry records the import (the
 * file's SHA-256, the counts, and before/after of every field it changed).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Trx } from '../../db/types.js';
import type { AuditInput } from '../../kernel/audit/index.js';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { CsvFileProblem, readCsvFile } from './csv-import-read.js';
import { readRow, type RowReading } from './csv-import-rows.js';
import { planImport, storedColumns, type ChangedField, type ImportPlan } from './csv-import-plan.js';
import {
  deleteLinks,
  findLinksAround,
  findOrganisationsForImport,
  foldAll,
  insertLinks,
  insertOrganisations,
  lockOrganisationsTable,
  updateOrganisations,
  type StoredLink,
} from './csv-import-store.js';
import { importOrganisationsPolicy } from './policies.js';
import { lockDirectoryLinks } from './store.js';

export interface ImportOptions {
  /** Import the valid rows and leave out the others (default: any invalid row stops it all). */
  skipInvalid: boolean;
  /** Only check: say what would happen and change nothing. */
  dryRun: boolean;
}

/** A file read and checked row by row, ready to be planned against the database. */
export interface ImportFile {
  name: string;
  sha256: string;
  bytes: number;
  readings: RowReading[];
}

export interface ImportReport {
  file: Pick<ImportFile, 'name' | 'sha256' | 'bytes'>;
  /** Data rows in the file. */
  rows: number;
  options: ImportOptions;
  /** The changes were written. False for a dry run, and when invalid rows stopped it. */
  applied: boolean;
  plan: ImportPlan;
}

/**
 * Reads an uploaded file: bytes → rows checked field by field. A file that cannot be taken at
 * all (not UTF-8, too big, more than 20,000 rows, a wrong column…) is a 422 on the `file` field,
 * in `locale`, before the database is touched.
 */
export function readImportFile(file: { name: string; bytes: Uint8Array }, locale: Locale): ImportFile {
  try {
    const csv = readCsvFile(file.bytes);
    return {
      name: file.name,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes.length,
      readings: csv.lines.map((line) => readRow(line, csv.columns.length)),
    };
  } catch (error) {
    if (error instanceof CsvFileProblem) throw new AppError('validation_failed', { fields: { file: error.problem(locale) } });
    throw error;
  }
}

/** What one import changed, for the audit entry: the fields before and after, by organisation id. */
interface AppliedChanges {
  createdIds: number[];
  before: Record<string, Partial<Record<ChangedField, unknown>>>;
  after: Record<string, Partial<Record<ChangedField, unknown>>>;
}

/** PostgreSQL's unique_violation, from either engine. */
const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** Writes the plan: one INSERT, one UPDATE, one DELETE and one INSERT of links at most. */
async function applyPlan(trx: Trx, plan: ImportPlan): Promise<AppliedChanges> {
  const newIds = await insertOrganisations(trx, plan.created.map((row) => row.values));
  const createdIdByNode = new Map(plan.created.map((row) => [row.nodeId, newIds.get(row.values.short_name)]));
  const realId = (nodeId: number): number => {
    const id = nodeId > 0 ? nodeId : createdIdByNode.get(nodeId);
    if (id === undefined) throw new Error(`The import lost track of the organisation of node ${nodeId}.`);
    return id;
  };

  await updateOrganisations(
    trx,
    plan.updated.filter((row) => row.changed.some((field) => field !== 'member_of')).map((row) => ({ id: row.nodeId, ...row.values })),
  );

  const removed: StoredLink[] = [];
  const added: StoredLink[] = [];
  for (const row of [...plan.created, ...plan.updated]) {
    if (row.parents === undefined) continue;
    const child = realId(row.nodeId);
    const wanted = new Set(row.parents.map(realId));
    const stored = new Set(row.existing?.member_of ?? []);
    for (const parent of stored) if (!wanted.has(parent)) removed.push({ child_id: child, parent_id: parent });
    for (const parent of wanted) if (!stored.has(parent)) added.push({ child_id: child, parent_id: parent });
  }
  await deleteLinks(trx, removed);
  await insertLinks(trx, added);

  const changes: AppliedChanges = { createdIds: plan.created.map((row) => realId(row.nodeId)), before: {}, after: {} };
  for (const row of plan.updated) {
    const existing = row.existing;
    if (!existing) continue;
    const stored = storedColumns(existing);
    const before: Partial<Record<ChangedField, unknown>> = {};
    const after: Partial<Record<ChangedField, unknown>> = {};
    for (const field of row.changed) {
      if (field === 'member_of') {
        before.member_of = [...existing.member_of].sort((a, b) => a - b);
        after.member_of = (row.parents ?? []).map(realId).sort((a, b) => a - b);
      } else {
        before[field] = stored[field];
        after[field] = row.values[field];
      }
    }
    changes.before[row.nodeId] = before;
    changes.after[row.nodeId] = after;
  }
  return changes;
}

/**
 * Plans the import of `file` on the database as it is, and applies it unless it is a dry run or
 * invalid rows stop it. Runs inside the caller's transaction, after taking the directory's link
 * lock and locking the organisations table against other writers: nothing can change between
 * the checks and the writes. Returns the report and, when something changed, the audit entry to
 * record. For the command below and the CLI.
 */
export async function importInTransaction(trx: Trx, file: ImportFile, options: ImportOptions): Promise<{ report: ImportReport; audit: AuditInput | null }> {
  await lockDirectoryLinks(trx);
  await lockOrganisationsTable(trx);

  const strings = file.readings.flatMap((r) => (r.ok ? [r.row.name, r.row.short_name, ...(r.row.member_of ?? [])] : [r.name, r.short_name]));
  const unique = [...new Set(strings)];
  const foldedValues = await foldAll(trx, unique);
  const folded = new Map(unique.map((value, i) => [value, foldedValues[i] ?? value]));
  const fold = (value: string) => folded.get(value) ?? value;

  const okRows = file.readings.flatMap((r) => (r.ok ? [r.row] : []));
  const organisations = await findOrganisationsForImport(trx, {
    externalIds: okRows.flatMap((row) => (row.external_id ? [row.external_id] : [])),
    foldedNames: file.readings.map((r) => fold(r.ok ? r.row.name : r.name)),
    foldedShortNames: unique.map(fold),
  });
  const links = await findLinksAround(trx, organisations.map((o) => o.id));
  const plan = planImport(file.readings, { organisations, links, fold });

  const report: ImportReport = {
    file: { name: file.name, sha256: file.sha256, bytes: file.bytes },
    rows: file.readings.length,
    options,
    applied: false,
    plan,
  };
  const stopped = plan.rejected.length > 0 && !options.skipInvalid;
  if (options.dryRun || stopped || plan.created.length + plan.updated.length === 0) return { report, audit: null };

  let changes: AppliedChanges;
  try {
    changes = await applyPlan(trx, plan);
  } catch (error) {
    // The table lock makes this all but impossible; should it happen, the import is refused whole.
    if (isUniqueViolation(error)) throw new AppError('conflict', { messageKey: 'directory_csv.errors.changed_meanwhile', cause: error });
    throw error;
  }
  report.applied = true;
  const audit: AuditInput = {
    action: 'directory.organisations.import',
    subjectType: 'organisation',
    before: { changes: changes.before },
    after: {
      file: { name: file.name, sha256: file.sha256, bytes: file.bytes, rows: report.rows },
      mode: options.skipInvalid ? 'skip_invalid' : 'all_or_nothing',
      counts: { created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged.length, rejected: plan.rejected.length },
      created_ids: changes.createdIds,
      changes: changes.after,
    },
  };
  return { report, audit };
}

/**
 * Which story the report tells: `applied` (something changed), `checked` (a dry run),
 * `stopped` (rows with problems and no skipping: nothing changed), `nothing_valid` (skipping,
 * but no row was good), `nothing_to_do` (every row already as the file says).
 */
export type ImportOutcome = 'applied' | 'checked' | 'stopped' | 'nothing_valid' | 'nothing_to_do';

export function outcomeOf(report: ImportReport): ImportOutcome {
  if (report.options.dryRun) return 'checked';
  if (report.applied) return 'applied';
  if (report.plan.rejected.length > 0) return report.options.skipInvalid ? 'nothing_valid' : 'stopped';
  return 'nothing_to_do';
}

/** Rows with problems stopped the import: nothing changed, and the person has something to fix. */
export const importRefused = (report: ImportReport): boolean => ['stopped', 'nothing_valid'].includes(outcomeOf(report));

/** Nothing was written though rows could be: the counts tell what the import would do ("would be created"). */
export const countsAreWhatWouldHappen = (report: ImportReport): boolean => ['checked', 'stopped', 'nothing_valid'].includes(outcomeOf(report));

/** The report's numbers, as the report's messages take them (`count` is the rows with problems, for plurals). */
export function reportCounts(report: ImportReport) {
  const { plan } = report;
  return {
    created: plan.created.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged.length,
    rejected: plan.rejected.length,
    valid: plan.created.length + plan.updated.length + plan.unchanged.length,
    rows: report.rows,
    count: plan.rejected.length,
  };
}

const importInput = z.object({
  file: z.custom<ImportFile>((value) => typeof value === 'object' && value !== null && Array.isArray((value as ImportFile).readings)),
  skipInvalid: z.boolean(),
  dryRun: z.boolean(),
});

/**
 * The import as a command of the signed-in person (see `importInTransaction`). Read the file
 * with `readImportFile` first.
 * @example const report = await importOrganisations(scopeOf(c), { file: readImportFile(upload, locale), skipInvalid: false, dryRun: false });
 */
export const importOrganisations = defineCommand({
  name: 'directory.organisations.import',
  input: importInput,
  policy: importOrganisationsPolicy,
  run: async (tx, input): Promise<ImportReport> => {
    const { report, audit } = await importInTransaction(tx.trx, input.file, { skipInvalid: input.skipInvalid, dryRun: input.dryRun });
    if (audit) {
      await tx.audit(audit);
      tx.emit({ type: 'directory.organisations_imported', tags: ['organisations'], payload: { created: report.plan.created.length, updated: report.plan.updated.length } });
    }
    return report;
  },
});
