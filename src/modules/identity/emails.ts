/**
 * The texts of the identity e-mails, in the recipient's language: a subject and a plain-text
 * body with the absolute link and, for links, how long they work, in words.
 */
import { translate, type Locale, type Params } from '../../kernel/i18n/index.js';
import type { MailMessage } from '../../kernel/mail/index.js';

export type IdentityEmail = 'reset' | 'verify' | 'invite' | 'sign_up_existing';

/**
 * The subject and body of one e-mail, addressed to `to`, in `locale`.
 * @example composeEmail('reset', { to: 'anna@example.org', userId: 7, locale: 'es', name: 'Anna' }, { link })
 */
export function composeEmail(
  kind: IdentityEmail,
  recipient: { to: string; userId: number | null; locale: Locale; name: string },
  params: Params,
): MailMessage {
  const t = (key: string, extra?: Params) => translate(recipient.locale, `identity.emails.${key}`, extra);
  const text = [t('greeting', { name: recipient.name }), t(`${kind}.body`, params), t('signature')].join('\n\n');
  return {
    to: recipient.to,
    toUserId: recipient.userId,
    locale: recipient.locale,
    subject: t(`${kind}.subject`, params),
    text: `${text}\n`,
  };
}
