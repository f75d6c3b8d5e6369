// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { MeetingSection } from './sections.js';

export const dossierSection: MeetingSection<null> = { id: 'dossier', order: 20, load: async () => null, render: () => null };
