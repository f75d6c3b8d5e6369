/**
 * Meetings of every body (issue 4): the notice with its agenda and dossier, members' answers,
 * calendars, attendance and quorum, the minutes and their approval, agreements and their action
 * items. The bodies themselves, and who sits in them, are the bodies module's.
 */
import type { MySpaceModule } from '../account/index.js';
import { publicAccess } from '../../kernel/policy.js';
import { registerBodyPageSection } from '../bodies/index.js';
import { bodyMeetingsSection } from './body-section.js';
import { startActionReminders } from './action-reminders.js';
import { startMeetingsClock } from './meetings-clock.js';
import { meetingsMySpace } from './my-space.js';
import { forgetMeetingsOf, meetingsPersonalData } from './personal-data.js';
import { startNoticeReminders } from './reminders.js';
import { seedMeetingsDemo } from './seed.js';
import { agreementRoutes } from './routes-agreements.js';
import { attendanceRoutes } from './routes-attendance.js';
import { calendarRoutes } from './routes-calendar.js';
import { dossierRoutes } from './routes-dossier.js';
import { meetingRoutes } from './routes-meetings.js';
import { minutesRoutes } from './routes-minutes.js';
import { noticeRoutes } from './routes-notices.js';

registerBodyPageSection(bodyMeetingsSection);

export const meetingsModule: MySpaceModule = {
  name: 'meetings',
  routes: [...meetingRoutes, ...noticeRoutes, ...dossierRoutes, ...attendanceRoutes, ...minutesRoutes, ...agreementRoutes, ...calendarRoutes],
  nav: [
    { path: '/meetings', labelKey: 'meetings.nav', policy: publicAccess, order: 35 },
    { path: '/calendar', labelKey: 'meetings_module.nav.calendar', policy: publicAccess, order: 40 },
    { path: '/agreements', labelKey: 'meetings_module.nav.agreements', policy: publicAccess, order: 45 },
  ],
  seedDemo: seedMeetingsDemo,
  start: (services) => {
    const stops = [startNoticeReminders(services), startActionReminders(services), startMeetingsClock(services)];
    return () => {
      for (const stop of stops) stop();
    };
  },
  personalData: meetingsPersonalData,
  mySpace: meetingsMySpace,
  // What the blocks show: meetings, answers, action items, dossiers (all 'meetings'), the
  // person's mandates and bodies, and the organisations they represent.
  mySpaceTags: ['meetings', 'mandates', 'bodies', 'organisations'],
  onAccountDeleted: forgetMeetingsOf,
};
