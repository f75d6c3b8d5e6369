/**
 * The environment, read once at boot into a typed configuration. A bad value stops the process
 * with a message naming the variable; nothing is guessed later. Every variable is documented
 * here and in `.env.example`.
 */
import path from 'node:path';
import { z } from 'zod';

const onOff = (fallback: 'on' | 'off') => z.enum(['on', 'off']).default(fallback).transform((v) => v === 'on');

const schema = z.object({
  /** Port the web server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address the web server binds to; 0.0.0.0 to listen on every interface. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the embedded database (PGlite) keeps its files when DATABASE_URL is not set. */
  TEIXIT_DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL server (postgres://user:pass@host:5432/db). Unset: the embedded database. */
  DATABASE_URL: z.string().url().optional(),
  /** Public base URL used in e-mailed links and feeds; defaults to http://HOST:PORT. */
  TEIXIT_PUBLIC_URL: z.string().url().optional(),
  /** `on` loads the demo space into a new embedded database; `off` starts empty. */
  TEIXIT_DEMO: onOff('on'),
  /** The password of every demo account. */
  TEIXIT_DEMO_PASSWORD: z.string().min(12).default('teixit-demo-2026'),
  /** Secret for signed links and CSRF tokens (≥ 32 chars). Unset: generated once, kept in the database. */
  TEIXIT_SECRET: z.string().min(32).optional(),
  /** SMTP server for outgoing mail (smtp://user:pass@host:587). Unset: mail is held in the outbox. */
  SMTP_URL: z.string().url().optional(),
  /** The From address of outgoing mail. */
  MAIL_FROM: z.string().min(3).default('Teixit <no-reply@teixit.localhost>'),
  /** `on` lets anyone create an account from the sign-in page. */
  TEIXIT_OPEN_SIGNUP: onOff('off'),
  /** Minutes without activity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 30).default(120),
  /** Days after which a session ends even if used. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Writes are refused (not hung) when the data directory's disk has less free space than this. */
  TEIXIT_MIN_FREE_MB: z.coerce.number().int().min(0).default(256),
  /** Largest request body accepted, in bytes. */
  TEIXIT_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Writes (POST/PUT/PATCH/DELETE) one person, or one address for visitors, may make in 5 minutes. */
  TEIXIT_WRITE_LIMIT: z.coerce.number().int().min(1).default(300),
  /** `on` behind a reverse proxy: trust X-Forwarded-For/-Proto for client address and HTTPS. */
  TEIXIT_TRUST_PROXY: onOff('off'),
  /** `off` stops this process from running background jobs (mail delivery, reminders). */
  TEIXIT_JOBS: onOff('on'),
  /** `off` disables the render cache: visitors' pages, and signed-in people's pages kept per session. */
  TEIXIT_RENDER_CACHE: onOff('on'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  demo: boolean;
  demoPassword: string;
  secret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  openSignup: boolean;
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  minFreeBytes: number;
  bodyLimit: number;
  writeLimit: number;
  trustProxy: boolean;
  jobs: boolean;
  renderCache: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

/** Reads and checks the environment; throws an Error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const shownHost = e.HOST === '0.0.0.0' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.TEIXIT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.TEIXIT_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    demo: e.TEIXIT_DEMO,
    demoPassword: e.TEIXIT_DEMO_PASSWORD,
    secret: e.TEIXIT_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    openSignup: e.TEIXIT_OPEN_SIGNUP,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxDays: e.SESSION_MAX_DAYS,
    minFreeBytes: e.TEIXIT_MIN_FREE_MB * 1024 * 1024,
    bodyLimit: e.TEIXIT_BODY_LIMIT,
    writeLimit: e.TEIXIT_WRITE_LIMIT,
    trustProxy: e.TEIXIT_TRUST_PROXY,
    jobs: e.TEIXIT_JOBS,
    renderCache: e.TEIXIT_RENDER_CACHE,
    logLevel: e.LOG_LEVEL,
  };
}
