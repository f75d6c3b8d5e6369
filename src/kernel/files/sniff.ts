/**
 * What an uploaded file really is, read from its bytes, and how to serve it back safely.
 *
 * The name and the Content-Type a browser sends are whatever the uploader chose: an executable
 * renamed `acta.pdf` arrives as `application/pdf`. So the type is decided here, from the content
 * only, against a short list of formats a meeting dossier needs; anything else is refused (null).
 * Refused on purpose: SVG and HTML (they carry script), executables and scripts (`MZ`, ELF,
 * Mach-O, `#!`), ZIPs that are not an office document, macro-enabled OOXML, and every format not
 * listed, however harmless, because each accepted format is a format we promise to serve safely.
 *
 * ZIP-based formats (ODF, OOXML) are read from the ZIP's central directory, so `sniffFileType`
 * needs the whole file, not a prefix: uploads are held in memory up to MAX_UPLOAD_BYTES anyway.
 * Why the central directory and not a walk over local headers: it is the ZIP's own index (what
 * every unzip tool and office suite reads), it lists every entry even when local headers carry
 * no sizes (streamed writers set bit 3 and put sizes in a data descriptor after the data, so
 * local headers cannot be walked), and finding it at the very end also refuses a truncated upload.
 */

/**
 * The largest upload accepted: 20 MB (20 × 1024 × 1024 bytes). A dossier is agendas, minutes,
 * reports and photos; a scanned 50-page PDF is well under this. The HTTP layer must enforce it
 * before reading the body into memory (sniffing needs the whole file for ZIP-based types).
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type FileKind = 'pdf' | 'odt' | 'ods' | 'odp' | 'docx' | 'xlsx' | 'pptx' | 'png' | 'jpeg' | 'gif' | 'webp';

/** A type we accept: its kind, the exact MIME type we serve it with, its extension (no dot). */
export interface KnownFileType {
  readonly kind: FileKind;
  readonly mime: string;
  readonly extension: string;
}

const TYPES = {
  pdf: { kind: 'pdf', mime: 'application/pdf', extension: 'pdf' },
  odt: { kind: 'odt', mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  ods: { kind: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
  odp: { kind: 'odp', mime: 'application/vnd.oasis.opendocument.presentation', extension: 'odp' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: { kind: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
  png: { kind: 'png', mime: 'image/png', extension: 'png' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', extension: 'jpg' },
  gif: { kind: 'gif', mime: 'image/gif', extension: 'gif' },
  webp: { kind: 'webp', mime: 'image/webp', extension: 'webp' },
} as const satisfies { [K in FileKind]: KnownFileType & { kind: K } };

/** Every type an upload may have, in the order forms list them (e.g. for an `accept` attribute). */
export const ALLOWED_DOCUMENT_TYPES: readonly KnownFileType[] = Object.freeze(Object.values(TYPES));

/** Types a browser may show in place (under a sandboxing CSP); office documents are always downloaded. */
const INLINE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['pdf', 'png', 'jpeg', 'gif', 'webp']);

/**
 * The real type of a file from its bytes, or null when it is not one we accept (or is empty,
 * truncated or malformed). Never throws, whatever the input.
 * @example sniffFileType(new TextEncoder().encode('%PDF-1.7\n…')) // → { kind: 'pdf', mime: 'application/pdf', extension: 'pdf' }
 */
export function sniffFileType(bytes: Uint8Array): KnownFileType | null {
  // PDF: the header at offset 0. Readers tolerate it anywhere in the first 1024 bytes; we do
  // not, so a file that is something else first and a PDF after (a polyglot) is refused.
  if (startsWithAscii(bytes, 0, '%PDF-') && isDigit(bytes[5])) return TYPES.pdf;
  // PNG: the 8-byte signature, then the IHDR chunk that must come first.
  if (startsWith(bytes, 0, PNG_SIGNATURE) && startsWithAscii(bytes, 12, 'IHDR')) return TYPES.png;
  // JPEG: start-of-image marker followed by another marker.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return TYPES.jpeg;
  if ((startsWithAscii(bytes, 0, 'GIF87a') || startsWithAscii(bytes, 0, 'GIF89a')) && bytes.length >= 13) return TYPES.gif;
  // WebP: a RIFF container (4-byte size in between) whose form type is WEBP, then a VP8 chunk.
  if (startsWithAscii(bytes, 0, 'RIFF') && startsWithAscii(bytes, 8, 'WEBPVP8')) return TYPES.webp;
  if (startsWith(bytes, 0, ZIP_LOCAL_HEADER)) return sniffZip(bytes);
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;

const ODF_MIMETYPES: ReadonlyMap<string, KnownFileType> = new Map<string, KnownFileType>([
  [TYPES.odt.mime, TYPES.odt],
  [TYPES.ods.mime, TYPES.ods],
  [TYPES.odp.mime, TYPES.odp],
]);

/** OOXML packages are told apart by the folder of their main part. */
const OOXML_FOLDERS: ReadonlyArray<readonly [string, KnownFileType]> = [
  ['word/', TYPES.docx],
  ['xl/', TYPES.xlsx],
  ['ppt/', TYPES.pptx],
];

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * ODF: the first local entry is `mimetype`, stored uncompressed, holding one of the three ODF
 * MIME types (ODF 1.2 part 3, §3.3), and the package has its manifest and content.
 * OOXML: `[Content_Types].xml` and parts under exactly one of `word/`, `xl/`, `ppt/`; a
 * `vbaProject.bin` makes it a macro-enabled document (.docm/.xlsm/.pptm), which we refuse.
 * A ZIP matching both (a crafted polyglot) or neither is refused.
 */
function sniffZip(bytes: Uint8Array): KnownFileType | null {
  const entries = readCentralDirectory(bytes);
  if (!entries) return null;
  const names = new Set(entries.map((entry) => entry.name));

  const odf = sniffOdf(bytes, entries, names);
  const ooxml = sniffOoxml(entries, names);
  if (odf && ooxml) return null;
  return odf ?? ooxml;
}

function sniffOdf(bytes: Uint8Array, entries: readonly ZipEntry[], names: ReadonlySet<string>): KnownFileType | null {
  const indexed = entries.find((entry) => entry.localHeaderOffset === 0);
  if (!indexed || indexed.name !== 'mimetype' || indexed.method !== 0) return null;
  if (!names.has('META-INF/manifest.xml') || !names.has('content.xml')) return null;

  const local = readLocalHeader(bytes, 0);
  if (!local || local.name !== 'mimetype' || local.method !== 0) return null;
  // With bit 3 set the local header may carry zero sizes; the central directory has them.
  const size = local.usesDataDescriptor ? indexed.compressedSize : local.compressedSize;
  if (size !== indexed.uncompressedSize || size > 100) return null;
  if (local.dataOffset + size > bytes.length) return null;
  const mimetype = ascii(bytes, local.dataOffset, size);
  return ODF_MIMETYPES.get(mimetype) ?? null;
}

function sniffOoxml(entries: readonly ZipEntry[], names: ReadonlySet<string>): KnownFileType | null {
  if (!names.has('[Content_Types].xml')) return null;
  if (entries.some((entry) => entry.name.toLowerCase().endsWith('vbaproject.bin'))) return null;
  const found = OOXML_FOLDERS.filter(([folder]) => entries.some((entry) => entry.name.startsWith(folder) && entry.name.length > folder.length));
  const only = found.length === 1 ? found[0] : undefined;
  return only ? only[1] : null;
}

/**
 * The entries listed in the ZIP's central directory, or null when the buffer is not a whole,
 * well-formed single-disk ZIP (truncated, split, ZIP64, or with data around it).
 */
function readCentralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) return null;

  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesOnDisk = view.getUint16(end + 8, true);
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  // 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": no office suite writes that for a file
  // under MAX_UPLOAD_BYTES, so it is refused rather than parsed.
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount || entryCount === 0xffff) return null;
  // The directory ends exactly where the end record starts: nothing is prepended or inserted.
  if (directoryOffset + directorySize !== end) return null;

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) return null;
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (localHeaderOffset >= directoryOffset) return null;
    entries.push({
      name: decodeName(bytes, at + 46, nameLength),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset,
    });
    at = next;
  }
  return at === end && entries.length > 0 ? entries : null;
}

/** The offset of the end-of-central-directory record (the last one whose comment ends the file), or -1. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === ZIP_END_OF_CENTRAL_DIRECTORY && at + 22 + view.getUint16(at + 20, true) === view.byteLength) {
      return at;
    }
  }
  return -1;
}

function readLocalHeader(bytes: Uint8Array, at: number) {
  if (at + 30 > bytes.length || !startsWith(bytes, at, ZIP_LOCAL_HEADER)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  if (at + 30 + nameLength + extraLength > bytes.length) return null;
  return {
    name: decodeName(bytes, at + 30, nameLength),
    usesDataDescriptor: (view.getUint16(at + 6, true) & 0x0008) !== 0,
    method: view.getUint16(at + 8, true),
    compressedSize: view.getUint32(at + 18, true),
    dataOffset: at + 30 + nameLength + extraLength,
  };
}

const utf8 = new TextDecoder('utf-8');

/** Entry names are UTF-8 or CP437; the names we look for are ASCII, the same in both. */
function decodeName(bytes: Uint8Array, at: number, length: number): string {
  return utf8.decode(bytes.subarray(at, at + length));
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function startsWith(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  if (at + expected.length > bytes.length) return false;
  return expected.every((byte, i) => bytes[at + i] === byte);
}

function startsWithAscii(bytes: Uint8Array, at: number, expected: string): boolean {
  return startsWith(bytes, at, Array.from(expected, (char) => char.charCodeAt(0)));
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** Response headers for serving a stored file: all four are always present. */
export interface SafeDownloadHeaders {
  'Content-Type': string;
  'Content-Disposition': string;
  'X-Content-Type-Options': 'nosniff';
  'Content-Security-Policy': string;
}

/**
 * The headers to serve a stored file with. The Content-Type is the sniffed type's, never the
 * one sent at upload; `nosniff` stops the browser guessing another. Office documents are always
 * downloaded (`attachment`); PDF and images are shown in place only when `inline` is asked for.
 * The CSP `default-src 'none'; sandbox` is sent on every file: should a browser render one as a
 * page anyway, it runs no script, loads nothing and gets an opaque origin (no cookies, no
 * same-origin access). Known cost: Safari (and some older Chrome) show a sandboxed PDF as a
 * blank page, so a page linking a PDF inline should also offer the plain download. The filename is sent twice (RFC 6266): `filename*` in RFC 5987 UTF-8,
 * and a plain ASCII `filename` for old clients; it is cleaned of paths, control and
 * bidirectional characters, and given the sniffed type's extension if it lacks it.
 * @example
 * safeDownloadHeaders(type, "Acta d'octubre — 2026.pdf", { inline: true })['Content-Disposition']
 * // → `inline; filename="Acta d'octubre _ 2026.pdf"; filename*=UTF-8''Acta%20d%27octubre%20%E2%80%94%202026.pdf`
 */
export function safeDownloadHeaders(type: KnownFileType, filename: string, options: { inline?: boolean } = {}): SafeDownloadHeaders {
  const disposition = options.inline && INLINE_KINDS.has(type.kind) ? 'inline' : 'attachment';
  const name = downloadName(filename, type);
  return {
    'Content-Type': type.mime,
    'Content-Disposition': `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
}

const MAX_NAME_LENGTH = 150;
// C0/C1 controls and DEL (CR/LF header injection among them), and the bidirectional marks,
// embeddings, overrides and isolates that make `acta\u202Efdp.exe` read as `actaexe.pdf`.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// A lone UTF-16 surrogate (not valid Unicode) would make encodeURIComponent throw.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The name a person will see when saving: no folders, no invisible characters, the right extension. */
function downloadName(filename: string, type: KnownFileType): string {
  const base = (filename.split(/[/\\]/).pop() ?? '')
    .replace(UNSAFE_IN_NAME, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, ''); // no hidden dot-file, no `..`
  const extensions = type.kind === 'jpeg' ? ['.jpg', '.jpeg'] : [`.${type.extension}`];
  const hasExtension = extensions.some((extension) => base.toLowerCase().endsWith(extension) && base.length > extension.length);
  const named = hasExtension ? base : `${base || 'document'}.${type.extension}`;
  const chars = Array.from(named);
  if (chars.length <= MAX_NAME_LENGTH) return named;
  // Too long: shorten the stem, keep the extension.
  const extension = named.slice(named.lastIndexOf('.'));
  return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension;
}

/** ASCII for the quoted `filename`: accents dropped, anything else outside a safe set becomes `_`. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 !#$&'()+,.\-=@[\]^_`{}~]/g, '_');
}

/** RFC 5987 value-chars: percent-encoded UTF-8, with the few characters encodeURIComponent keeps also encoded. */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
