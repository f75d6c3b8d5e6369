/**
 * Who reads which minutes. Minutes being written (draft) or under review (circulated) are the
 * body's own business: its members and those who run its meetings read them. Everyone else who
 * may see the meeting — visitors of a public body's meetings, people outside the body — reads
 * approved minutes only, the public record; before approval they are told the minutes are being
 * written.
 */
import type { Actor } from '../../kernel/policy.js';
import type { MinutesRow } from './minutes-store.js';
import { isMember, runsMeetings, type MeetingResource } from './policies.js';

/** May this reader see minutes that are not approved yet (a member of the body, or who runs its meetings)? */
export function readsOpenMinutes(actor: Actor | null, resource: MeetingResource): boolean {
  return isMember(actor, resource) || runsMeetings(actor, resource);
}

/** The versions of a meeting's minutes (oldest first) this reader may see. */
export function visibleVersions(versions: MinutesRow[], open: boolean): MinutesRow[] {
  return open ? versions : versions.filter((v) => v.state === 'approved');
}
