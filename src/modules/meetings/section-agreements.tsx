// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { MeetingSection } from './sections.js';

export const agreementsSection: MeetingSection<null> = { id: 'agreements', order: 60, load: async () => null, render: () => null };
