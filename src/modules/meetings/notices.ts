/**
 * The notice of a meeting (convocatòria), its update, its cancellation and the reminder: one
 * e-mail to each person with an active mandate in the meeting's body (members, alternates,
 * observers, chairs… — once each, active accounts with an address), in their own language,
 * through the outbox in the transaction that made the change.
 *
 * The notice says what, when (Barcelona time), where (place and/or link), why so soon (the
 * urgency reason), the agenda and the dossier, links to the meeting's page, and — while answers
 * are taken — three one-click answer links (signed, valid until the meeting starts). It carries
 * the meeting as an `.ics` (`METHOD:REQUEST`, or `METHOD:CANCEL` for a cancellation) so calendar
 * apps add, move or strike it.
 *
 * A fixed number of queries whatever the size: the meeting, the recipients, the agenda, the dossier.
 */
import type { Queryable } from '../../db/types.js';
import type { CommandTx } from '../../kernel/commands.js';
import { CALENDAR_CONTENT_TYPE, renderCalendar, type CalendarMethod } from '../../kernel/ical.js';
import { formatDate, todayInSpace, translate, type Locale, type Params } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import type { MailMessage } from '../../kernel/mail/index.js';
import type { Services } from '../../kernel/services.js';
import { answerToken, mandateActiveOn } from './answers.js';
import { meetingEvent, meetingUrl } from './meeting-event.js';
import { findMeeting, type MeetingWithBody } from './store.js';
import { ANSWERS, type AgendaKind } from './tables.js';

/** Why members are written to about a meeting. */
export type NoticeOccasion = 'convened' | 'updated' | 'cancelled';

/** Every e-mail of this file: the three occasions, and the day-before reminder. */
export type NoticeKind = NoticeOccasion | 'reminder';

/** Someone a notice is written to. */
export interface NoticeRecipient {
  id: number;
  email: string;
  name: string;
  locale: Locale;
}

export interface AgendaLine {
  meeting_id: number;
  position: number;
  kind: AgendaKind;
  title: Translatable;
  presenter: string;
}

export interface DossierLine {
  meeting_id: number;
  id: number;
  title: string;
  file_id: number | null;
  url: string | null;
}

/** What a notice lists, per meeting. */
export interface NoticeContent {
  agenda: Map<number, AgendaLine[]>;
  dossier: Map<number, DossierLine[]>;
}

function asLocale(value: string): Locale {
  return value === 'es' || value === 'en' ? value : 'ca';
}

/** Everyone with an active mandate in the body on `day` who can receive e-mail, once each, by id; one query. */
export async function bodyRecipients(db: Queryable, bodyId: number, day: string = todayInSpace()): Promise<NoticeRecipient[]> {
  const rows = await db
    .selectFrom('mandates as md')
    .innerJoin('users as u', 'u.id', 'md.person_id')
    .select(['u.id', 'u.email', 'u.name', 'u.locale'])
    .distinct()
    .where('md.body_id', '=', bodyId)
    .where(mandateActiveOn(day))
    .where('u.status', '=', 'active')
    .where('u.email', 'is not', null)
    .orderBy('u.id')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), email: row.email ?? '', name: row.name, locale: asLocale(row.locale) }));
}

/** The agenda and the dossier of these meetings: two queries. */
export async function loadNoticeContent(db: Queryable, meetingIds: readonly number[]): Promise<NoticeContent> {
  const agenda = new Map<number, AgendaLine[]>();
  const dossier = new Map<number, DossierLine[]>();
  if (meetingIds.length === 0) return { agenda, dossier };
  const items = await db
      .selectFrom('agenda_items')
      .select(['meeting_id', 'position', 'kind', 'title', 'presenter'])
      .where('meeting_id', 'in', [...meetingIds])
      .orderBy('meeting_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
  const entries = await db
      .selectFrom('dossier_entries')
      .select(['meeting_id', 'id', 'title', 'file_id', 'url'])
      .where('meeting_id', 'in', [...meetingIds])
      .orderBy('meeting_id')
      .orderBy('id')
      .execute();
  for (const item of items) {
    const id = Number(item.meeting_id);
    const list = agenda.get(id) ?? [];
    list.push({ ...item, meeting_id: id, position: Number(item.position) });
    agenda.set(id, list);
  }
  for (const entry of entries) {
    const id = Number(entry.meeting_id);
    const list = dossier.get(id) ?? [];
    list.push({ ...entry, meeting_id: id, id: Number(entry.id), file_id: entry.file_id === null ? null : Number(entry.file_id) });
    dossier.set(id, list);
  }
  return { agenda, dossier };
}

/** The address of the answer link for this person, absolute, in their language; `answer` preselects one. */
export function answerUrl(services: Pick<Services, 'config' | 'secret'>, locale: Locale, found: MeetingWithBody, personId: number, answer?: string): string {
  const token = answerToken(services.secret, found.meeting.id, personId, new Date(found.meeting.starts_at));
  return `${services.config.publicUrl}/${locale}/answer/${token}${answer ? `?answer=${answer}` : ''}`;
}

/** The meeting as an `.ics` attachment, its texts in `locale`. */
export function calendarAttachment(services: Pick<Services, 'config'>, locale: Locale, found: MeetingWithBody, method: CalendarMethod): MailMessage['attachments'] {
  const event = meetingEvent(services, locale, found.meeting, found.body.name);
  const ics = renderCalendar({ method, events: [method === 'CANCEL' ? { ...event, status: 'CANCELLED' } : event] });
  return [
    {
      filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
      contentType: `${CALENDAR_CONTENT_TYPE}; method=${method}`,
      content: Buffer.from(ics, 'utf8').toString('base64'),
    },
  ];
}

/** The subject and text of one notice to one person, in their language (no attachment). */
export function composeNotice(
  services: Pick<Services, 'config' | 'secret'>,
  kind: NoticeKind,
  recipient: NoticeRecipient,
  found: MeetingWithBody,
  content: NoticeContent,
): MailMessage {
  const { meeting, body } = found;
  const locale = recipient.locale;
  const t = (key: string, params?: Params) => translate(locale, `meetings_notice.email.${key}`, params);
  const starts = new Date(meeting.starts_at);
  const ends = new Date(meeting.ends_at);
  const params: Params = {
    name: recipient.name,
    body: pickTranslation(body.name, locale).text,
    title: pickTranslation(meeting.title, locale).text,
    date: formatDate(locale, starts, 'longTime'),
    end: formatDate(locale, ends, 'time'),
    reason: meeting.cancel_reason ?? '',
    kind: translate(locale, `meetings_notice.meeting_kinds.${meeting.kind}`),
  };
  const page = meetingUrl(services, locale, meeting.id);
  const blocks: string[] = [t('greeting', params), t(`${kind}.intro`, params)];
  if (kind === 'cancelled' && meeting.cancel_reason) blocks.push(t('cancelled.reason', params));

  const facts = [`${params.title}`, t('when', params)];
  if (meeting.place) facts.push(t('where', { place: meeting.place }));
  if (meeting.online_url) facts.push(t('online', { url: meeting.online_url }));
  blocks.push(facts.join('\n'));
  if (kind !== 'cancelled' && meeting.urgency_reason) blocks.push(t('urgency', { reason: meeting.urgency_reason }));

  if (kind !== 'cancelled') {
    if (meeting.description.trim()) blocks.push(meeting.description.trim());
    const agenda = content.agenda.get(meeting.id) ?? [];
    blocks.push(
      [
        t('agenda'),
        ...(agenda.length === 0
          ? [t('agenda_empty')]
          : agenda.map((item, index) => {
              const line = `${index + 1}. ${pickTranslation(item.title, locale).text} (${translate(locale, `meetings_notice.agenda_kinds.${item.kind}`)})`;
              return item.presenter.trim() ? `${line} — ${t('presenter', { presenter: item.presenter.trim() })}` : line;
            })),
      ].join('\n'),
    );
    const dossier = content.dossier.get(meeting.id) ?? [];
    if (dossier.length > 0) {
      blocks.push([t('dossier'), ...dossier.map((entry) => `- ${entry.title}: ${entry.url ?? `${page}#dossier`}`)].join('\n'));
    }
  }
  blocks.push(t('page', { url: page }));
  if (kind !== 'cancelled') {
    blocks.push([t('answer_lead'), ...ANSWERS.map((answer) => `- ${t(`answer.${answer}`)}: ${answerUrl(services, locale, found, recipient.id, answer)}`), t('answer_until')].join('\n'));
  }
  blocks.push(t('signature'));
  return {
    to: recipient.email,
    toUserId: recipient.id,
    locale,
    subject: t(`${kind}.subject`, params),
    text: `${blocks.join('\n\n')}\n`,
  };
}

/**
 * Writes the notice (or its update, or the cancellation) to everyone with an active mandate in
 * the meeting's body today, through the outbox, in the command's transaction. Call it after the
 * change is written (and, for an update or a cancellation, after the SEQUENCE is raised), so the
 * e-mail and its `.ics` say what is now true.
 */
export async function sendNotices(tx: CommandTx, meetingId: number, occasion: NoticeOccasion): Promise<void> {
  const found = await findMeeting(tx.trx, meetingId);
  if (!found) return;
  const recipients = await bodyRecipients(tx.trx, found.body.id);
  const content = await loadNoticeContent(tx.trx, [meetingId]);
  const method: CalendarMethod = occasion === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const services = tx.scope.services;
  const attachments = new Map<Locale, MailMessage['attachments']>();
  for (const recipient of recipients) {
    let attachment = attachments.get(recipient.locale);
    if (!attachment) {
      attachment = calendarAttachment(services, recipient.locale, found, method);
      attachments.set(recipient.locale, attachment);
    }
    await tx.mail({ ...composeNotice(services, occasion, recipient, found, content), attachments: attachment });
  }
}
