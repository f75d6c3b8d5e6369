/**
 * A real SMTP server on loopback for the journeys: the app under test delivers its outbox to it
 * (start the server with `SMTP_URL: mailbox.url`), and a journey waits for a message and reads
 * the link in it, as a person would from their inbox.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as received, with its subject and plain-text body decoded. */
export interface ReceivedMail {
  /** Envelope recipients, lower-case. */
  to: string[];
  subject: string;
  /** The `Content-Language` header, when the message has one. */
  language: string | undefined;
  text: string;
  raw: string;
}

/** The receiver and what it has received so far. */
export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`, for the app's SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /**
   * Waits for the first message to `to` among those received from index `since` on (take
   * `received.length` before the action that sends it), with `subject` when given.
   */
  waitFor(to: string, options?: { since?: number; subject?: string; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts a receiver that accepts every message, without authentication or TLS. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, options = {}) {
      const address = to.toLowerCase();
      const deadline = Date.now() + (options.timeoutMs ?? 30_000);
      for (;;) {
        const message = received
          .slice(options.since ?? 0)
          .find((m) => m.to.includes(address) && (options.subject === undefined || m.subject === options.subject));
        if (message) return message;
        if (Date.now() > deadline) {
          throw new Error(`no e-mail to ${to} arrived (received so far: ${received.map((m) => `${m.to.join(',')} «${m.subject}»`).join('; ') || 'none'})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix` (e.g. the app's URL + "/ca/invitation/"). */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const start = mail.text.indexOf(prefix);
  if (start === -1) throw new Error(`no link starting with ${prefix} in the e-mail «${mail.subject}»:\n${mail.text}`);
  return mail.text.slice(start).split(/\s/, 1)[0] ?? '';
}

/** Subject, language and plain-text body of a MIME message (single part, or the text/plain part). */
function parseMessage(raw: string): Omit<ReceivedMail, 'to'> {
  const { headers, body } = splitEntity(raw);
  const part = findTextPart(headers, body);
  return {
    subject: decodeWords(headers.get('subject') ?? ''),
    language: headers.get('content-language'),
    text: part ? decodeBody(part.headers, part.body) : '',
    raw,
  };
}

/** Headers (unfolded, names lower-case) and body of one MIME entity. */
function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The text/plain entity, looking inside multipart bodies. */
function findTextPart(headers: Map<string, string>, body: string): { headers: Map<string, string>; body: string } | undefined {
  const type = headers.get('content-type') ?? 'text/plain';
  if (!/^multipart\//i.test(type)) return /^text\/plain/i.test(type) ? { headers, body } : undefined;
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (!boundary) return undefined;
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = splitEntity(chunk.replace(/^\n/, ''));
    const found = findTextPart(part.headers, part.body);
    if (found) return found;
  }
  return undefined;
}

/** A body decoded from its transfer encoding and charset (UTF-8 assumed, as the app sends). */
function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1').toString('utf8');
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
