// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { MeetingSection } from './sections.js';

export const attendanceSection: MeetingSection<null> = { id: 'attendance', order: 30, load: async () => null, render: () => null };
