/**
 * The minutes on the meeting page: their state with a link to them, the objections deadline
 * while they are circulated, the SHA-256 once approved. Minutes not yet approved are shown to
 * the body's members and those who run its meetings only; anyone else reads the last approved
 * minutes, or is told they are being written. One query.
 */
import { ButtonLink } from '../../kernel/ui/components.js';
import { readsOpenMinutes } from './minutes-access.js';
import { currentMinutes, type MinutesRow } from './minutes-store.js';
import { allows } from '../../kernel/policy.js';
import { manageMeetings } from './policies.js';
import type { MeetingSection } from './sections.js';
import { MinutesStateTag } from './views/minutes.js';

export interface MinutesSectionData {
  minutes: MinutesRow | undefined;
  /** May the reader write them (someone who runs the body's meetings)? */
  manage: boolean;
  /** May the reader see minutes not yet approved (a member, or who runs the meetings)? */
  open: boolean;
}

export const minutesSection: MeetingSection<MinutesSectionData> = {
  id: 'minutes',
  order: 40,
  load: async (db, access, actor) => {
    const open = readsOpenMinutes(actor, access.resource);
    return { minutes: await currentMinutes(db, access.meeting.id, { approvedOnly: !open }), manage: allows(manageMeetings, actor, access.resource), open };
  },
  render: ({ ctx, access, data }) => {
    const t = ctx.t;
    const { minutes } = data;
    const href = ctx.href(`/meetings/${access.meeting.id}/minutes`);
    if (!minutes && access.meeting.state !== 'held') return null;
    return (
      <section class="meeting-section" aria-labelledby="section-minutes" id="minutes">
        <h2 id="section-minutes">{t('meetings_minutes.section.title')}</h2>
        {minutes ? (
          <>
            <p>
              {t('meetings_minutes.state')} <MinutesStateTag ctx={ctx} state={minutes.state} />
              {minutes.corrects_id !== null ? ` ${t('meetings_minutes.section.correction')}` : null}
            </p>
            {minutes.state === 'circulated' && minutes.objections_until ? (
              <p>{t('meetings_minutes.objections_until', { date: ctx.formatDate(minutes.objections_until, 'long') })}</p>
            ) : null}
            {minutes.state === 'approved' ? (
              <p class="minutes-hash">
                <code>{`SHA-256: ${minutes.content_hash ?? ''}`}</code>
              </p>
            ) : null}
            <p>
              <a href={href}>{t('meetings_minutes.section.read')}</a>
            </p>
          </>
        ) : (
          <>
            <p>{t(data.open ? 'meetings_minutes.none_yet' : 'meetings_minutes.being_written')}</p>
            {data.manage ? (
              <ButtonLink href={href} variant="secondary">
                {t('meetings_minutes.section.write')}
              </ButtonLink>
            ) : null}
          </>
        )}
      </section>
    );
  },
};
