import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { drainJobs } from '../jobs/index.js';
import { enqueueMail, listOutbox } from './index.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the mail outbox without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds the message where administrators can read it, and schedules no delivery', async () => {
    const { db } = t.services.database;
    await db.transaction().execute((trx) => enqueueMail(trx, t.services, { to: 'Marta@Example.org', locale: 'ca', subject: 'Invitació', text: 'Obre aquest enllaç' }));
    const [message] = await listOutbox(db, { to: 'marta@example.org' }, 5);
    expect(message).toMatchObject({ status: 'held', subject: 'Invitació', text_body: 'Obre aquest enllaç' });
    expect(await t.runJobs()).toBe(0);
  });
});

describe('the mail outbox with SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Teixit <no-reply@teixit.test>' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a committed message over SMTP through the job runner and marks it sent', async () => {
    const { db } = t.services.database;
    await db.transaction().execute((trx) =>
      enqueueMail(trx, t.services, { to: 'jordi@example.org', locale: 'es', subject: 'Convocatoria', text: 'Orden del día: presupuesto' }),
    );
    expect(await drainJobs(t.services)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['jordi@example.org']);
    expect(smtp.received[0]?.raw).toContain('Subject: Convocatoria');
    expect(smtp.received[0]?.raw).toContain('Content-Language: es');
    const [message] = await listOutbox(db, { to: 'jordi@example.org' }, 1);
    expect(message?.status).toBe('sent');
    expect(message?.sent_at).toBeInstanceOf(Date);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const { db } = t.services.database;
    const before = smtp.received.length;
    await db
      .transaction()
      .execute(async (trx) => {
        await enqueueMail(trx, t.services, { to: 'ghost@example.org', locale: 'ca', subject: 'Mai', text: 'no' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await drainJobs(t.services);
    expect(smtp.received.length).toBe(before);
    expect(await listOutbox(db, { to: 'ghost@example.org' }, 1)).toHaveLength(0);
  });

  it('keeps a message and retries it later when the SMTP server is down', async () => {
    const down = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'Teixit <no-reply@teixit.test>' });
    try {
      const { db } = down.services.database;
      await db.transaction().execute((trx) => enqueueMail(trx, down.services, { to: 'later@example.org', locale: 'ca', subject: 'Reintent', text: 'x' }));
      await drainJobs(down.services);
      const [message] = await listOutbox(db, { to: 'later@example.org' }, 1);
      expect(message?.status).toBe('queued');
      expect(message?.attempts).toBe(1);
      expect(message?.last_error).toBeTruthy();
      const job = await db.selectFrom('jobs').select(['status', 'run_at']).where('kind', '=', 'mail.deliver').executeTakeFirstOrThrow();
      expect(job.status).toBe('pending');
      expect(job.run_at.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await down.close();
    }
  });
});
