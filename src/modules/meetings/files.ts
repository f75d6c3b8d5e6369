/**
 * The dossier's stored files: bytes kept in `stored_files` with their SHA-256, the type read from
 * the bytes (kernel/files/sniff.ts, never the name or the browser's Content-Type) and their size;
 * what a person sees of a file (a clean name, its type and size in words); and the request limit
 * of the upload route, so that a body over it is refused before it is read.
 */
import { createHash } from 'node:crypto';
import type { Queryable, Trx } from '../../db/types.js';
import { ALLOWED_DOCUMENT_TYPES, MAX_UPLOAD_BYTES, type KnownFileType } from '../../kernel/files/sniff.js';
import { INTL_TAG, type Locale } from '../../kernel/i18n/index.js';

/** The upload's request: the file plus the form's other fields and the multipart framing. */
export const UPLOAD_REQUEST_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024;

const MAX_DISPLAY_NAME = 150;
// C0/C1 controls and DEL, and the bidirectional marks and overrides that make `acta\u202Efdp.exe` read as `actaexe.pdf`.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name as the dossier shows and stores it: no folders, no control or bidirectional
 * characters, no leading dots, not endless (the extension kept). '' when nothing is left.
 * @example displayFileName('C:\\fakepath\\acta\u202Efdp.exe') // → 'actafdp.exe'
 */
export function displayFileName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .replace(UNSAFE_IN_NAME, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  const chars = Array.from(base);
  if (chars.length <= MAX_DISPLAY_NAME) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return chars.slice(0, MAX_DISPLAY_NAME - extension.length).join('') + extension;
}

/** The accepted type a stored media type names (what `sniffFileType` gave at upload), or null. */
export function typeOfMedia(mediaType: string | null): KnownFileType | null {
  return ALLOWED_DOCUMENT_TYPES.find((type) => type.mime === mediaType) ?? null;
}

/**
 * A size as people read it, in the locale's numbers: bytes, kB or MB (powers of 1024, as the
 * upload limit is counted).
 * @example fileSizeInWords('ca', 1_572_864) // → '1,5 MB'
 */
export function fileSizeInWords(locale: Locale, bytes: number): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(INTL_TAG[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** Keeps the bytes of an upload whose type was sniffed; returns the stored file's id. */
export async function storeFile(trx: Trx, file: { bytes: Uint8Array; type: KnownFileType; uploadedBy: number | null }): Promise<number> {
  const row = await trx
    .insertInto('stored_files')
    .values({
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      media_type: file.type.mime,
      byte_size: file.bytes.byteLength,
      content: file.bytes,
      uploaded_by: file.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A dossier file with its bytes, for download. */
export interface StoredDossierFile {
  title: string;
  fileName: string | null;
  mediaType: string;
  sha256: string;
  content: Uint8Array;
}

/** The file of a meeting's dossier entry (undefined for a link, another meeting's entry, or none). One query. */
export async function dossierFile(db: Queryable, meetingId: number, entryId: number): Promise<StoredDossierFile | undefined> {
  const row = await db
    .selectFrom('dossier_entries as d')
    .innerJoin('stored_files as f', 'f.id', 'd.file_id')
    .select(['d.title', 'd.file_name', 'f.media_type', 'f.sha256', 'f.content'])
    .where('d.id', '=', entryId)
    .where('d.meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { title: row.title, fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content: row.content };
}
