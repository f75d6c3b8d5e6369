/**
 * Identity's part of the demo space: fictitious people, one or more for each role, all with
 * the demo password (`TEIXIT_DEMO_PASSWORD`). The administrator and the council official must
 * use two-factor authentication; a demo cannot hold the secret of someone's phone, so they are
 * left unenrolled and asked to enrol on their first sign-in — what a real new account does.
 * Idempotent: a person whose e-mail already has an account is left as they are.
 */
import { appendAudit } from '../../kernel/audit/index.js';
import type { DemoContext } from '../../kernel/http/module.js';
import type { Services } from '../../kernel/services.js';
import { hashPassword } from './passwords.js';
import { findUserByEmail, insertUser } from './store.js';
import type { GlobalRole } from './tables.js';

export interface DemoPerson {
  /** The key later seeds use to find the person: `user:<key>` in `DemoContext.ids`. */
  key: string;
  email: string;
  name: string;
  roles: GlobalRole[];
  /** Who the person is in the demo's story, printed beside the account. */
  part: string;
}

/** The demo's people. Every name is made up; the organisations they speak for are real. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'admin', email: 'admin@demo.teixit.cat', name: 'Teresa Grau i Ribas', roles: ['admin'], part: 'admin (technical secretariat of the space)' },
  { key: 'official', email: 'tecnica@demo.teixit.cat', name: 'Elena Martí i Pujol', roles: ['official'], part: "official (Comissionat d'Economia Social)" },
  { key: 'delegate-xes', email: 'jordi.casals@demo.teixit.cat', name: 'Jordi Casals i Vidal', roles: [], part: 'participant: delegate of XES' },
  { key: 'delegate-fctc', email: 'laia.ferrer@demo.teixit.cat', name: 'Laia Ferrer i Soler', roles: [], part: 'participant: delegate of FCTC' },
  { key: 'delegate-confederacio', email: 'marc.vilaro@demo.teixit.cat', name: 'Marc Vilaró i Serra', roles: [], part: 'participant: delegate of La Confederació' },
  { key: 'trajectory', email: 'nuria.bosch@demo.teixit.cat', name: 'Núria Bosch i Camps', roles: [], part: 'participant: person with trajectory' },
  { key: 'member-coopolis', email: 'aina.roca@demo.teixit.cat', name: 'Aina Roca i Font', roles: [], part: 'participant: member of Coòpolis' },
];

/** Creates the demo's accounts that do not exist yet, records `user:<key>` ids and the accounts to print. */
export async function seedIdentityDemo(services: Services, demo: DemoContext): Promise<void> {
  // Hashing is slow on purpose: do it before the transaction, not while holding it.
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(demo.password)));
  await services.database.db.transaction().execute(async (trx) => {
    for (const [index, person] of DEMO_PEOPLE.entries()) {
      let user = await findUserByEmail(trx, person.email);
      if (!user) {
        user = await insertUser(trx, {
          email: person.email,
          name: person.name,
          locale: 'ca',
          password_hash: hashes[index] ?? null,
          roles: person.roles,
          email_verified_at: new Date(),
        });
        await appendAudit(
          trx,
          { action: 'identity.create_user', subjectType: 'user', subjectId: user.id, after: { name: user.name, roles: user.roles, demo: true } },
          { actorId: null, actorName: 'demo seed', requestId: null },
        );
      }
      demo.ids.set(`user:${person.key}`, user.id);
      demo.accounts.push({ email: person.email, name: person.name, role: person.part });
    }
  });
}
