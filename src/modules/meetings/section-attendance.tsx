/**
 * The meeting page's attendance block: once attendance is recorded, who attended by
 * organisation (names only), the quorum line and the table per college; for those who run the
 * meetings, a link to record or change it. Two queries, whatever the number of members.
 */
import { ButtonLink } from '../../kernel/ui/components.js';
import { allows } from '../../kernel/policy.js';
import { attendanceRefusal } from './attendance.js';
import { manageMeetings } from './policies.js';
import { loadMeetingAttendance, type MeetingAttendance } from './quorum.js';
import type { MeetingSection } from './sections.js';
import { AttendeesList, CollegeTable, QuorumLine } from './views/attendance-parts.js';

export interface AttendanceSectionData {
  attendance: MeetingAttendance;
  /** May the reader record attendance now? */
  canRecord: boolean;
  /** Does the reader run the meetings (guests named)? */
  manages: boolean;
}

export const attendanceSection: MeetingSection<AttendanceSectionData> = {
  id: 'attendance',
  order: 30,
  async load(db, access, actor) {
    const manages = allows(manageMeetings, actor, access.resource);
    const attendance = await loadMeetingAttendance(db, access.meeting, access.body.rules);
    return { attendance, manages, canRecord: manages && attendanceRefusal(access.meeting) === null };
  },
  render({ ctx, access, data }) {
    const { attendance, canRecord, manages } = data;
    if (attendance.attendees.length === 0 && !canRecord) return null;
    const t = ctx.t;
    return (
      <section class="meeting-section" id="attendance" aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('meetings_attendance.section.title')}</h2>
        {attendance.attendees.length === 0 ? (
          <p>{t('meetings_attendance.section.none')}</p>
        ) : (
          <>
            <QuorumLine ctx={ctx} quorum={attendance.quorum} />
            <CollegeTable ctx={ctx} quorum={attendance.quorum} />
            <AttendeesList ctx={ctx} attendees={attendance.attendees} showGuests={manages} />
          </>
        )}
        {canRecord ? (
          <ButtonLink href={ctx.href(`/meetings/${access.meeting.id}/attendance`)} variant="secondary">
            {t(attendance.attendees.length === 0 ? 'meetings_attendance.section.record' : 'meetings_attendance.section.edit')}
          </ButtonLink>
        ) : null}
      </section>
    );
  },
};
