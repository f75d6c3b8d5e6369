// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { MeetingSection } from './sections.js';

export const minutesSection: MeetingSection<null> = { id: 'minutes', order: 40, load: async () => null, render: () => null };
