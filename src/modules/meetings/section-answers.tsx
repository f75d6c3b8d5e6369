// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { MeetingSection } from './sections.js';

export const answersSection: MeetingSection<null> = { id: 'answers', order: 10, load: async () => null, render: () => null };
