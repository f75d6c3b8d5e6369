/**
 * The dossier on the meeting page: the meeting's own files and links in the section, each
 * agenda item's under the item, each with its type and size in words; the deadline (the body's
 * `dossierDays` before the start) with "dossier late" when it is (see dossier.ts); and, for
 * those who run the meeting, a link to manage it. One query, whatever the dossier's size.
 */
import { allows } from '../../kernel/policy.js';
import { dossierStatus, listDossier, type DossierEntry, type DossierStatus } from './dossier.js';
import { manageMeetings } from './policies.js';
import type { MeetingSection } from './sections.js';
import { DossierDeadline, DossierList, dossierPath } from './views/dossier.js';

export interface DossierSectionData {
  entries: DossierEntry[];
  status: DossierStatus;
  canManage: boolean;
}

export const dossierSection: MeetingSection<DossierSectionData> = {
  id: 'dossier',
  order: 20,
  load: async (db, access, actor) => {
    const entries = await listDossier(db, access.meeting.id);
    return {
      entries,
      status: dossierStatus(access.meeting, access.body.rules.dossierDays, entries),
      canManage: allows(manageMeetings, actor, access.resource),
    };
  },
  render: ({ ctx, access, data }) => {
    const t = ctx.t;
    const own = data.entries.filter((entry) => entry.agenda_item_id === null);
    const forItems = data.entries.length - own.length;
    const showDeadline = access.meeting.state === 'draft' || access.meeting.state === 'convened';
    return (
      <section id="dossier" class="meeting-section meeting-section--dossier" aria-labelledby="dossier-title">
        <h2 id="dossier-title">{t('meetings_dossier.title')}</h2>
        {showDeadline ? <DossierDeadline ctx={ctx} status={data.status} /> : null}
        {data.entries.length === 0 ? <p>{t('meetings_dossier.section.empty')}</p> : <DossierList ctx={ctx} entries={own} />}
        {forItems > 0 ? <p class="text-soft">{t('meetings_dossier.section.under_items', { count: forItems })}</p> : null}
        {data.canManage ? (
          <p>
            <a href={ctx.href(dossierPath(access.meeting.id))}>{t('meetings_dossier.section.manage')}</a>
          </p>
        ) : null}
      </section>
    );
  },
  renderForItem: ({ ctx, data, itemId }) => {
    const entries = data.entries.filter((entry) => entry.agenda_item_id === itemId);
    if (entries.length === 0) return null;
    return (
      <div class="dossier dossier--item">
        <p class="dossier__heading">
          <strong>{ctx.t('meetings_dossier.section.item_heading')}</strong>
        </p>
        <DossierList ctx={ctx} entries={entries} />
      </div>
    );
  },
};
