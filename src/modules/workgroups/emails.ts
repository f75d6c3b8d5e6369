/**
 * The working groups' e-mails, each written in its recipient's own language (the group's name
 * and dates too), through the outbox in the same transaction as the change they tell of.
 */
import type { Trx } from '../../db/types.js';
import { formatDate, translate, type Locale, type Params } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import { enqueueMail, type MailMessage } from '../../kernel/mail/index.js';
import type { Services } from '../../kernel/services.js';
import { absoluteUrl, findUsersByIds } from '../identity/index.js';

export type WorkgroupEmail =
  | 'proposed'
  | 'approved'
  | 'approved_coordinator'
  | 'declined'
  | 'join_requested'
  | 'join_accepted'
  | 'join_declined'
  | 'join_closed'
  | 'sunset_reminder'
  | 'closing'
  | 'final_report';

/** What an e-mail says, given the recipient's language: its placeholders and the page it links to. */
export interface EmailContent {
  params: (locale: Locale) => Params;
  /** The page the e-mail points at, without the locale (`/bodies/grup/decision`). */
  path: string;
}

/** The group's name in `locale` (Catalan when it has no translation). */
export function groupName(name: Translatable, locale: Locale): string {
  return pickTranslation(name, locale).text;
}

/** A calendar date as people of `locale` say it. */
export function spokenDate(date: string, locale: Locale): string {
  return formatDate(locale, date, 'long');
}

function asLocale(value: string): Locale {
  return value === 'es' || value === 'en' ? value : 'ca';
}

/** The subject and body of one e-mail to one person. */
export function composeEmail(
  services: Pick<Services, 'config'>,
  kind: WorkgroupEmail,
  recipient: Recipient,
  content: EmailContent,
): MailMessage {
  const locale = recipient.locale;
  const params = { ...content.params(locale), link: absoluteUrl(services, locale, content.path) };
  const t = (key: string, extra?: Params) => translate(locale, `workgroups.emails.${key}`, extra);
  const text = [t('greeting', { name: recipient.name }), t(`${kind}.body`, params), t('signature')].join('\n\n');
  return { to: recipient.email, toUserId: recipient.id, locale, subject: t(`${kind}.subject`, params), text: `${text}\n` };
}

/** Someone an e-mail can be written to: an active account with an address. */
export interface Recipient {
  id: number;
  email: string;
  name: string;
  locale: Locale;
}

/** The people among `personIds` who can receive e-mail, by id, in one query. */
export async function loadRecipients(trx: Trx, personIds: readonly number[]): Promise<Map<number, Recipient>> {
  const people = await findUsersByIds(trx, [...new Set(personIds)]);
  const recipients = new Map<number, Recipient>();
  for (const person of people) {
    if (person.status !== 'active' || !person.email) continue;
    recipients.set(Number(person.id), { id: Number(person.id), email: person.email, name: person.name, locale: asLocale(person.locale) });
  }
  return recipients;
}

/**
 * Writes the e-mail to each of these people, once each and in their language, into the outbox
 * inside `trx`; ids not in `recipients` (no address, account not active) are left out. Returns
 * how many e-mails were written.
 */
export async function mailRecipients(
  trx: Trx,
  services: Pick<Services, 'config'>,
  recipients: ReadonlyMap<number, Recipient>,
  personIds: readonly number[],
  kind: WorkgroupEmail,
  content: EmailContent,
): Promise<number> {
  let sent = 0;
  for (const id of [...new Set(personIds)].sort((a, b) => a - b)) {
    const recipient = recipients.get(id);
    if (!recipient) continue;
    await enqueueMail(trx, services, composeEmail(services, kind, recipient, content));
    sent += 1;
  }
  return sent;
}

/** `loadRecipients` then `mailRecipients`: the e-mail to these people, in their languages. */
export async function mailPeople(
  trx: Trx,
  services: Pick<Services, 'config'>,
  personIds: readonly number[],
  kind: WorkgroupEmail,
  content: EmailContent,
): Promise<number> {
  if (personIds.length === 0) return 0;
  return mailRecipients(trx, services, await loadRecipients(trx, personIds), personIds, kind, content);
}
