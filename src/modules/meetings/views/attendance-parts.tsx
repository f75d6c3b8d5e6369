/** What the attendance form and the meeting page share: the quorum line, the table per college, the attendees by organisation. */
import { Table } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { COLLEGES } from '../../bodies/tables.js';
import { attendeesByOrganisation, type AttendeeRow, type Quorum } from '../quorum.js';

/** "Quorum reached: 23 of 40 members (57 %); 50 % needed." */
export function quorumText(ctx: ViewContext, quorum: Quorum): string {
  return ctx.t(`meetings_attendance.quorum.${quorum.basis}.${quorum.reached ? 'reached' : 'not_reached'}`, {
    present: quorum.present,
    total: quorum.total,
    share: quorum.share,
    percent: quorum.percent,
  });
}

export function QuorumLine({ ctx, quorum }: { ctx: ViewContext; quorum: Quorum }) {
  return (
    <p class={quorum.reached ? 'quorum quorum--reached' : 'quorum quorum--not-reached'}>
      <strong>{quorumText(ctx, quorum)}</strong>
    </p>
  );
}

/** Present or represented / seated members, one row per college that has seats. */
export function CollegeTable({ ctx, quorum }: { ctx: ViewContext; quorum: Quorum }) {
  const t = ctx.t;
  const rows = COLLEGES.filter((college) => quorum.by_college[college].total > 0).map((college) => [
    t(`mandates.colleges.${college}`),
    ctx.formatNumber(quorum.by_college[college].present),
    ctx.formatNumber(quorum.by_college[college].total),
  ]);
  if (rows.length === 0) return null;
  return (
    <Table
      ctx={ctx}
      caption={t('meetings_attendance.quorum.college_caption')}
      head={[t('meetings_attendance.quorum.college'), t('meetings_attendance.quorum.present'), t('meetings_attendance.quorum.total')]}
      rows={rows}
      rowHeaders
      numeric={[1, 2]}
    />
  );
}

/**
 * Who attended, by the organisation they represented: names only (those acting as
 * representatives are public), never contact details. Guests are counted, not named, unless
 * `showGuests` (for those who run the meetings).
 */
export function AttendeesList({ ctx, attendees, showGuests, headingLevel = 3 }: { ctx: ViewContext; attendees: readonly AttendeeRow[]; showGuests: boolean; headingLevel?: 3 | 4 }) {
  const t = ctx.t;
  const listed = attendees.filter((attendee) => showGuests || !attendee.guest);
  const guests = attendees.length - listed.length;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class="attendees">
      {attendeesByOrganisation(listed).map((group) => (
        <section class="attendees__group">
          <Heading>{group.organisation ?? t('meetings_attendance.section.individuals')}</Heading>
          <ul>
            {group.people.map((person) => (
              <li>
                {person.name}
                {person.on_behalf_of_name ? ` (${t('meetings_attendance.section.on_behalf', { name: person.on_behalf_of_name })})` : null}
                {person.guest ? ` (${t('meetings_attendance.section.guest')})` : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {guests > 0 ? <p>{t('meetings_attendance.section.guests', { count: guests })}</p> : null}
    </div>
  );
}
