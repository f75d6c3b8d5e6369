/** `/bodies/:slug/meeting-rules`: the body's meeting rules form (those who run its meetings; see body-rules.ts). */
import { isAppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { authorize, signedIn } from '../../kernel/policy.js';
import { standingOf } from '../bodies/index.js';
import { bodyRulesResource, rulesBody, updateBodyRules, type RulesBody } from './body-rules.js';
import { BodyRulesPage, storedRulesValues, type BodyRulesValues } from './body-rules-view.js';
import { manageMeetings } from './policies.js';

/** The body of the path, once the reader is known to run its meetings (404, 401, 403 otherwise). */
async function bodyForRules(c: AppContext): Promise<RulesBody> {
  const db = c.get('services').database.db;
  const body = await rulesBody(db, { slug: c.req.param('slug') ?? '' });
  const actor = c.get('actor');
  const standing = await standingOf(db, actor?.id ?? null);
  authorize(manageMeetings, actor, bodyRulesResource(standing, body));
  return body;
}

const FIELDS = ['notice_days', 'dossier_days', 'quorum_basis', 'quorum_percent', 'meetings_public', 'named_votes'] as const;

export const bodyRulesRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/meeting-rules',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const body = await bodyForRules(c);
      return c.html(<BodyRulesPage ctx={viewContext(c)} body={body} values={storedRulesValues(body)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/meeting-rules',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const body = await bodyForRules(c);
      const form = await readForm(c);
      const values = Object.fromEntries(FIELDS.map((field) => [field, formString(form, field)])) as unknown as BodyRulesValues;
      try {
        await updateBodyRules(scopeOf(c), { body_id: body.id, ...values });
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return c.html(<BodyRulesPage ctx={viewContext(c)} body={body} values={values} errors={error.fields} />, 422);
      }
      setFlash(c, 'success', 'meetings_attendance.rules.saved');
      return c.redirect(`/${c.get('locale')}/bodies/${body.slug}/meeting-rules`, 303);
    },
  },
];
