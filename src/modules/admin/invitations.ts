/** The invitations still waiting to be accepted, with who was invited, by whom, until when. */
import type { Queryable } from '../../db/types.js';
import { findUsersByIds, listPendingInvitations, type GlobalRole } from '../identity/index.js';
import { isInvitationPending } from './people.js';

/** How many pending invitations the page lists; older ones expire within a week anyway. */
export const PENDING_LIMIT = 200;

export interface PendingInvitation {
  linkId: number;
  userId: number;
  email: string;
  name: string;
  roles: GlobalRole[];
  locale: string;
  invitedBy: string | undefined;
  invitedAt: Date;
  expiresAt: Date;
}

/** Pending invitations, newest first, in two queries whatever their number. */
export async function pendingInvitations(db: Queryable): Promise<PendingInvitation[]> {
  const links = await listPendingInvitations(db, PENDING_LIMIT);
  const ids = links.flatMap((link) => [link.user_id, link.created_by]).filter((id): id is number => id !== null);
  const people = new Map((await findUsersByIds(db, ids)).map((person) => [person.id, person]));
  const pending: PendingInvitation[] = [];
  for (const link of links) {
    const invitee = link.user_id === null ? undefined : people.get(link.user_id);
    if (!invitee || !isInvitationPending(invitee)) continue;
    pending.push({
      linkId: link.id,
      userId: invitee.id,
      email: link.email ?? invitee.email ?? '',
      name: invitee.name,
      roles: invitee.roles,
      locale: invitee.locale,
      invitedBy: link.created_by === null ? undefined : people.get(link.created_by)?.name,
      invitedAt: link.created_at,
      expiresAt: link.expires_at,
    });
  }
  return pending;
}
