/**
 * Changing a person's global roles (`admin`, `official`). The last active administrator cannot
 * lose the role: the platform would be left with nobody able to run it.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { lockActiveAdminIds, lockUser, requiresTwoFactor, updateUser, type GlobalRole } from '../identity/index.js';
import { GLOBAL_ROLES } from './people.js';
import { changeRoles } from './policies.js';

/** A form sends no box, one value or several. */
const rolesField = z.preprocess(
  (value) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(GLOBAL_ROLES, { error: 'admin.person.roles.invalid' })).max(GLOBAL_ROLES.length),
);

export const changeRolesSchema = z.object({
  userId: z.coerce.number().int().positive(),
  roles: rolesField,
});

export interface RolesChanged {
  name: string;
  changed: boolean;
  roles: GlobalRole[];
  /** The person now needs two-step verification and has not set it up: they must at their next page. */
  mustEnrolTwoFactor: boolean;
}

/**
 * Sets a person's global roles. Audited with the roles before and after; refuses (409) to take
 * `admin` from the last active administrator, and does nothing to a deleted account (404).
 * Sessions are not touched: the new roles apply from the person's next request.
 * @example await changePersonRoles(scopeOf(c), { userId: 12, roles: ['official'] })
 */
export const changePersonRoles = defineCommand({
  name: 'admin.people.change_roles',
  input: changeRolesSchema,
  policy: changeRoles,
  run: async (tx, input): Promise<RolesChanged> => {
    // Administrators first, in id order, then the person: the admin commands all lock in this
    // order, so two of them never wait for each other.
    const admins = await lockActiveAdminIds(tx.trx);
    const person = await lockUser(tx.trx, input.userId);
    if (!person || person.status === 'deleted') throw new AppError('not_found');
    const before = GLOBAL_ROLES.filter((role) => person.roles.includes(role));
    const after = GLOBAL_ROLES.filter((role) => input.roles.includes(role));
    if (before.join() === after.join()) return { name: person.name, changed: false, roles: after, mustEnrolTwoFactor: false };
    const losesAdmin = before.includes('admin') && !after.includes('admin');
    if (losesAdmin && person.status === 'active' && admins.every((id) => id === person.id)) {
      throw new AppError('conflict', { messageKey: 'admin.person.roles.last_admin' });
    }
    const updated = await updateUser(tx.trx, person.id, { roles: after });
    await tx.audit({
      action: 'admin.people.change_roles',
      subjectType: 'user',
      subjectId: person.id,
      before: { roles: before },
      after: { roles: after },
    });
    tx.emit({ type: 'identity.roles_changed', payload: { userId: person.id } });
    return {
      name: updated.name,
      changed: true,
      roles: after,
      mustEnrolTwoFactor: requiresTwoFactor(updated) && updated.totp_enabled_at === null,
    };
  },
});
