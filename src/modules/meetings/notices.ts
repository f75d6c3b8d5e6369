// PLACEHOLDER (development scaffolding): replaced by the notices part of the module.
import type { CommandTx } from '../../kernel/commands.js';

/** Why members are written to about a meeting. */
export type NoticeOccasion = 'convened' | 'updated' | 'cancelled';

/** Writes the notice (or its update, or the cancellation) to every member of the meeting's body, through the outbox, in the command's transaction. */
export async function sendNotices(_tx: CommandTx, _meetingId: number, _occasion: NoticeOccasion): Promise<void> {}
