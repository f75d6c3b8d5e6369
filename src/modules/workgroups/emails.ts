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
  | 'sunset_reminder'
  | 'closing';

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
  recipient: { email: string; id: number; locale: Locale; name: string },
  content: EmailContent,
): MailMessage {
  const locale = recipient.locale;
  const params = { ...content.params(locale), link: absoluteUrl(services, locale, content.path) };
  const t = (key: string, extra?: Params) => translate(locale, `workgroups.emails.${key}`, extra);
  const text = [t('greeting', { name: recipient.name }), t(`${kind}.body`, params), t('signature')].join('\n\n');
  return { to: recipient.email, toUserId: recipient.id, locale, subject: t(`${kind}.subject`, params), text: `${text}\n` };
}

/**
 * Writes the e-mail to each of these people (once each, in their language) into the outbox
 * inside `trx`. People without an address or whose account is not active are left out.
 * Returns how many e-mails were written.
 */
export async function mailPeople(
  trx: Trx,
  services: Pick<Services, 'config'>,
  personIds: readonly number[],
  kind: WorkgroupEmail,
  content: EmailContent,
): Promise<number> {
  const people = await findUsersByIds(trx, [...new Set(personIds)]);
  let sent = 0;
  for (const person of people.sort((a, b) => a.id - b.id)) {
    if (person.status !== 'active' || !person.email) continue;
    const message = composeEmail(services, kind, { email: person.email, id: Number(person.id), locale: asLocale(person.locale), name: person.name }, content);
    await enqueueMail(trx, services, message);
    sent += 1;
  }
  return sent;
}
