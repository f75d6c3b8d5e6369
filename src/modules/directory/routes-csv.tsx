/**
 * HTTP for the organisations CSV: the import page and its upload (admins and officials), and the
 * public export with the directory's filters. Thin: reading the upload, status codes, headers.
 */
import { isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { exportOrganisationsCsv } from './csv-export.js';
import { importOrganisations, importRefused, readImportFile, type ImportReport } from './csv-import.js';
import { MAX_CSV_BYTES } from './csv-import-read.js';
import { organisationFilterOf, parseDirectoryQuery } from './directory.js';
import type { OrganisationFilter } from './listings.js';
import { importOrganisationsPolicy, viewDirectory } from './policies.js';
import { directoryPage } from './routes.js';
import { todayInBarcelona } from './schema.js';
import { ImportPage, type ImportOptionValues } from './views/import.js';

/** The upload's request: the file plus the form's other fields and multipart framing. */
const UPLOAD_REQUEST_LIMIT = MAX_CSV_BYTES + 64 * 1024;

/** A file name as the report shows it: no path, no control characters, not endless. */
function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

interface Upload {
  file: { name: string; bytes: Uint8Array } | null;
  options: ImportOptionValues;
}

/** The posted form: the file (when one was chosen) and the ticked options. */
async function readUpload(c: AppContext): Promise<Upload> {
  const body = await c.req.parseBody({ all: true });
  const ticked = new Set([body.options].flat().filter((v): v is string => typeof v === 'string'));
  const options = { skip_invalid: ticked.has('skip_invalid'), dry_run: ticked.has('dry_run') };
  const files = [body.file].flat().filter((v): v is File => typeof v === 'object' && v !== null && typeof (v as File).arrayBuffer === 'function');
  const chosen = files[0];
  if (!chosen || (chosen.size === 0 && chosen.name === '') || files.length > 1) return { file: null, options };
  return { file: { name: cleanFileName(chosen.name), bytes: new Uint8Array(await chosen.arrayBuffer()) }, options };
}

/** 200 when the import did what was asked (or checked it); 422 when rows with problems stopped it. */
function statusOf(report: ImportReport): 200 | 422 {
  return importRefused(report) ? 422 : 200;
}


export const csvRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/import',
    policy: importOrganisationsPolicy,
    handler: (c) => c.html(<ImportPage ctx={viewContext(c)} />),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/organisations/import',
    bodyLimit: UPLOAD_REQUEST_LIMIT,
    policy: importOrganisationsPolicy,
    handler: async (c) => {
      const upload = await readUpload(c);
      const ctx = viewContext(c);
      const page = (status: 200 | 409 | 422, extra: { errors?: FieldErrors; refusal?: string; report?: ImportReport }) =>
        c.html(<ImportPage ctx={ctx} values={upload.options} {...extra} />, status);
      if (!upload.file) return page(422, { errors: { file: ctx.t('directory_csv.file.missing') } });
      try {
        const file = readImportFile(upload.file, ctx.locale);
        const report = await importOrganisations(scopeOf(c), { file, skipInvalid: upload.options.skip_invalid, dryRun: upload.options.dry_run });
        return page(statusOf(report), { report });
      } catch (error) {
        if (isAppError(error, 'validation_failed') && error.fields.file) return page(422, { errors: { file: error.fields.file } });
        if (isAppError(error, 'conflict')) return page(409, { refusal: ctx.t(error.messageKey, error.params) });
        throw error;
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/export.csv',
    policy: viewDirectory,
    handler: async (c) => {
      let filter: OrganisationFilter;
      try {
        filter = organisationFilterOf(parseDirectoryQuery(c.req.query(), c.get('locale')));
      } catch (error) {
        // A filter it cannot take (a link edited by hand): the directory says which and how to fix it.
        if (isAppError(error, 'validation_failed')) return directoryPage(c);
        throw error;
      }
      const csv = await exportOrganisationsCsv(c.get('services').database.db, filter);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="organisations-${todayInBarcelona()}.csv"`,
        // The directory is public data under CC BY 4.0; a CSV cannot say so inside, so the answer does.
        Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
        'Cache-Control': 'no-cache',
      });
    },
  },
];
