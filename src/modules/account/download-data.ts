/**
 * "Download my data": everything Teixit holds about the person, as one JSON document — the
 * account (without its password hash or 2FA secret), sessions and API tokens (without their
 * hashes), what they did (their audit entries), the mail sent to them, and each module's part
 * through the manifests' `personalData` hooks. Downloading is itself recorded.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand, type Command } from '../../kernel/commands.js';
import type { TeixitModule } from '../../kernel/http/module.js';
import { apiTokensForExport, sessionsForExport, type UserRow } from '../identity/index.js';
import { lockOwnAccount } from './own-account.js';
import { downloadData } from './policies.js';
import { auditEntriesByActor, mailToPerson } from './store.js';

/** The modules whose hooks are asked, read when the download happens (the list is built later). */
export type ModuleList = () => readonly TeixitModule[];

export const EXPORT_FORMAT = 'teixit-personal-data/1';
const AUDIT_BATCH = 1000;

/**
 * Long random strings in a message are the tokens of its links (a password reset, an
 * invitation). The person already received them; a copy in a file they may leave lying around
 * should not still open anything.
 */
function withoutLinkTokens(text: string): string {
  return text.replace(/[A-Za-z0-9_-]{32,}/g, '[…]');
}

function accountFields(user: UserRow) {
  return {
    id: String(user.id),
    name: user.name,
    email: user.email,
    email_verified_at: user.email_verified_at,
    locale: user.locale,
    roles: user.roles,
    status: user.status,
    gender: user.gender,
    two_factor_enabled_at: user.totp_enabled_at,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

async function auditEntriesOf(db: Queryable, userId: number) {
  const entries = [];
  let afterId = 0;
  for (;;) {
    const batch = await auditEntriesByActor(db, userId, afterId, AUDIT_BATCH);
    for (const row of batch) {
      entries.push({ at: row.at, action: row.action, subject_type: row.subject_type, subject_id: row.subject_id, before: row.before, after: row.after });
    }
    const last = batch.at(-1);
    if (batch.length < AUDIT_BATCH || !last) return entries;
    afterId = Number(last.id);
  }
}

/** Builds the command for a list of modules: it returns the document to send as a file. */
export function makeDownloadMyData(listModules: ModuleList): Command<z.ZodObject, Record<string, unknown>> {
  return defineCommand({
    name: 'account.download_data',
    input: z.object({}),
    policy: downloadData,
    load: lockOwnAccount,
    run: async (tx, _input, user) => {
      const db = tx.trx;
      // One after another: a transaction is one connection, and PGlite's is one session.
      const sessions = await sessionsForExport(db, user.id);
      const apiTokens = await apiTokensForExport(db, user.id);
      const audit = await auditEntriesOf(db, user.id);
      const mail = await mailToPerson(db, user.id, user.email);
      const modules: Record<string, unknown> = {};
      for (const module of listModules()) {
        if (module.personalData) modules[module.name] = await module.personalData(db, user.id);
      }
      await tx.audit({ action: 'account.download_data', subjectType: 'user', subjectId: user.id });
      return {
        format: EXPORT_FORMAT,
        generated_at: new Date(),
        account: accountFields(user),
        sessions: sessions.map((s) => ({ ...s, id: String(s.id) })),
        api_tokens: apiTokens.map((t) => ({ ...t, id: String(t.id) })),
        audit_entries: audit,
        mail: mail.map((m) => ({ ...m, id: String(m.id), text_body: withoutLinkTokens(m.text_body) })),
        modules,
      };
    },
  });
}
