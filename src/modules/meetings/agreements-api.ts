/**
 * Agreements and action items in the JSON API (tag `Meetings`): the register
 * (`GET /agreements`, filters `body`, `meeting`, `from`, `to`, `q`; cursor), one agreement
 * (`GET /agreements/{id}`), recording one on an agenda item (`POST /agenda-items/{id}/agreements`,
 * with its action items), the action items (`GET /action-items`, filters `owner` — a person's id
 * or `me` —, `state`, `overdue`), and moving one along (`PATCH /action-items/{id}`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { publicAccess, signedIn } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { problemResponse } from '../api/index.js';
import { findBody, standingOf } from '../bodies/index.js';
import { COLLEGES } from '../bodies/tables.js';
import { actionItemFor, changeActionItem } from './action-items.js';
import { recordAgreement, visibilityFor } from './agreements.js';
import { actionItemsOf, findAgreement, listActionItems, registerPage, type ActionItemRow, type AgreementRow } from './agreements-store.js';
import { viewMeeting } from './policies.js';
import { idParam, meetingFor } from './store.js';
import { ACTION_STATES, AGREEMENT_METHODS } from './tables.js';

const valid = <T,>(c: AppContext, target: 'json' | 'param' | 'query'): T => c.req.valid(target as never) as T;

const id = z.union([z.string(), z.number()]).openapi({ type: 'string', description: 'An id (a string of digits; a number is accepted too).', example: '7' });

const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '12' }) });

const Translatable = z
  .object({ ca: z.string(), es: z.string().optional(), en: z.string().optional() })
  .openapi('AgreementText', { description: 'The text in Catalan (required on write) and, optionally, Spanish and English.' });

const ByCollege = z
  .object(Object.fromEntries(COLLEGES.map((college) => [college, z.number().int().optional()])) as Record<(typeof COLLEGES)[number], z.ZodOptional<z.ZodNumber>>)
  .openapi('CollegeCounts', { description: 'Votes per college; when given, they add up to the option\'s count.' });

const VoteResultSchema = z
  .object({
    options: z.array(z.object({ label: z.string().openapi({ example: 'A favor' }), count: z.number().int().openapi({ example: 12 }), by_college: ByCollege.optional() })),
    named: z
      .array(z.object({ person_id: id, name: z.string().optional().openapi({ description: 'On read: the voter\'s public name.' }), option: z.number().int().openapi({ description: 'Index of the option in `options`.' }) }))
      .optional()
      .openapi({ description: "Each voter's option; only when the body's rules name votes (refused otherwise)." }),
  })
  .openapi('VoteResult');

const OwnerSchema = z
  .object({ type: z.enum(['person', 'organisation']), id: z.string(), name: z.string() })
  .openapi('ActionItemOwner', { description: 'A person, or an organisation (public name only).' });

export const ActionItemSchema = z
  .object({
    id: z.string().openapi({ example: '31' }),
    agreement_id: z.string(),
    body_id: z.string(),
    title: z.string(),
    owner: OwnerSchema,
    due_on: z.string().openapi({ format: 'date' }),
    state: z.enum(ACTION_STATES),
    done_on: z.string().nullable().openapi({ format: 'date' }),
    overdue: z.boolean().openapi({ description: 'Open or in progress, and due before today.' }),
  })
  .openapi('ActionItem');

const ActionItemInput = z
  .object({
    title: z.string().openapi({ example: 'Enviar la proposta a les entitats' }),
    owner_person_id: id.nullish().openapi({ description: 'A person with an active mandate in the body; or give `owner_organisation_id`.' }),
    owner_organisation_id: id.nullish().openapi({ description: 'An organisation represented by an active mandate in the body.' }),
    due_on: z.string().openapi({ format: 'date', description: 'Not before the meeting.', example: '2026-06-30' }),
  })
  .openapi('ActionItemInput');

export const AgreementSchema = z
  .object({
    id: z.string().openapi({ example: '88' }),
    reference: z.string().openapi({ description: 'Its number within the body and year.', example: '2026/7' }),
    year: z.number().int(),
    number: z.number().int(),
    body: z.object({ id: z.string(), slug: z.string(), name: Translatable }),
    meeting_id: z.string(),
    agenda_item_id: z.string(),
    text: Translatable,
    method: z.enum(AGREEMENT_METHODS),
    result: VoteResultSchema.nullable(),
    adopted_on: z.string().openapi({ format: 'date' }),
    action_items: z.array(ActionItemSchema),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Agreement');

const AgreementListSchema = z.object({ items: z.array(AgreementSchema), next_cursor: z.string().nullable() }).openapi('AgreementList');
const ActionItemListSchema = z.object({ items: z.array(ActionItemSchema), next_cursor: z.string().nullable() }).openapi('ActionItemList');

const limit = z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size (1–100).', example: 25 });

const AgreementQuery = z.object({
  body: z.string().optional().openapi({ description: "A body's id or slug." }),
  meeting: z.string().optional().openapi({ description: "A meeting's id." }),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: 'Adopted on or after (YYYY-MM-DD).' }),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: 'Adopted on or before (YYYY-MM-DD).' }),
  q: z.string().max(200).optional().openapi({ description: 'Words in the text, in any language; accents and capitals ignored.' }),
  method: z.enum(AGREEMENT_METHODS).optional(),
  limit,
  cursor: z.string().optional(),
});

const ActionItemQuery = z.object({
  owner: z.string().optional().openapi({ description: "`me`, or a person's id: items owned by them or by an organisation they represent in an active mandate." }),
  state: z.enum(ACTION_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: '`true`: only open or in-progress items due before today.' }),
  limit,
  cursor: z.string().optional(),
});

const AgreementInput = z
  .object({
    text: Translatable,
    method: z.enum(AGREEMENT_METHODS),
    result: VoteResultSchema.nullish().openapi({ description: 'Required for a vote; ignored for a consensus.' }),
    action_items: z.array(ActionItemInput).optional(),
  })
  .openapi('AgreementInput');

const ActionItemPatch = z
  .object({
    state: z.enum(ACTION_STATES).optional().openapi({ description: '`done` records today as the day it was done.' }),
    title: z.string().optional(),
    owner_person_id: id.nullish(),
    owner_organisation_id: id.nullish(),
    due_on: z.string().optional().openapi({ format: 'date' }),
  })
  .openapi('ActionItemPatch', { description: 'The owner (or who represents the owner organisation) may change the state; whoever runs the meetings, everything.' });

export function presentActionItem(item: ActionItemRow, today: string): z.infer<typeof ActionItemSchema> {
  const owner =
    item.owner_person_id !== null
      ? { type: 'person' as const, id: String(item.owner_person_id), name: item.owner_person_name ?? '' }
      : { type: 'organisation' as const, id: String(item.owner_organisation_id ?? ''), name: item.owner_organisation_name ?? '' };
  return {
    id: String(item.id),
    agreement_id: String(item.agreement_id),
    body_id: String(item.body_id),
    title: item.title,
    owner,
    due_on: item.due_on,
    state: item.state,
    done_on: item.done_on,
    overdue: (item.state === 'open' || item.state === 'in_progress') && item.due_on < today,
  };
}

export function presentAgreement(agreement: AgreementRow, items: ActionItemRow[], today: string): z.infer<typeof AgreementSchema> {
  return {
    id: String(agreement.id),
    reference: `${agreement.year}/${agreement.number}`,
    year: agreement.year,
    number: agreement.number,
    body: { id: String(agreement.body_id), slug: agreement.body_slug, name: agreement.body_name },
    meeting_id: String(agreement.meeting_id),
    agenda_item_id: String(agreement.agenda_item_id),
    text: agreement.text,
    method: agreement.method,
    result: agreement.result
      ? { options: agreement.result.options, ...(agreement.result.named ? { named: agreement.result.named.map((vote) => ({ ...vote, person_id: String(vote.person_id) })) } : {}) }
      : null,
    adopted_on: agreement.adopted_on,
    action_items: items.filter((item) => item.agreement_id === agreement.id).map((item) => presentActionItem(item, today)),
    created_at: new Date(agreement.created_at).toISOString(),
    updated_at: new Date(agreement.updated_at).toISOString(),
  };
}

/** The agreement for a reader who may see its meeting, with its action items; 404 otherwise. */
async function readableAgreement(c: AppContext, agreementId: number) {
  const db = c.get('services').database.db;
  const agreement = await findAgreement(db, agreementId);
  if (!agreement) throw new AppError('not_found');
  await meetingFor(db, c.get('actor'), agreement.meeting_id, viewMeeting);
  return presentAgreement(agreement, await actionItemsOf(db, [agreement.id]), todayInSpace());
}

const cursorOf = (c: AppContext, list: string, cursor: string | undefined) => (cursor === undefined ? undefined : decodeCursor(list, cursor, c, 'meetings_agreements.errors.cursor'));

const tags = ['Meetings'];

export const agreementApiRoutes: RouteDef[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/agreements',
    policy: publicAccess,
    openapi: createRoute({
      method: 'get',
      path: '/agreements',
      operationId: 'listAgreements',
      tags,
      summary: 'The agreements register',
      description: "Newest first (adoption date, then id). A visitor sees the bodies whose meetings are public; a member also their private bodies'.",
      request: { query: AgreementQuery },
      responses: {
        200: { description: 'One page of agreements.', content: { 'application/json': { schema: AgreementListSchema } } },
        422: problemResponse('A filter, the limit or the cursor is not valid.'),
      },
    }),
    handler: async (c) => {
      const query = valid<z.infer<typeof AgreementQuery>>(c, 'query');
      const db = c.get('services').database.db;
      const actor = c.get('actor');
      const after = cursorOf(c, 'agreements', query.cursor);
      const [standing, body] = await Promise.all([standingOf(db, actor?.id ?? null), query.body ? findBody(db, query.body) : Promise.resolve(undefined)]);
      const today = todayInSpace();
      const meetingId = query.meeting === undefined ? undefined : /^[1-9][0-9]{0,14}$/.test(query.meeting) ? Number(query.meeting) : -1;
      const rows = await registerPage(db, {
        q: query.q,
        bodyId: query.body === undefined ? undefined : body ? Number(body.id) : -1,
        meetingId,
        from: query.from,
        to: query.to,
        method: query.method,
        after,
        limit: query.limit + 1,
        visibility: visibilityFor(actor, standing),
        today,
      });
      const page = rows.slice(0, query.limit);
      const items = await actionItemsOf(db, page.map((row) => row.id));
      const last = page.at(-1);
      return c.json({ items: page.map((row) => presentAgreement(row, items, today)), next_cursor: rows.length > query.limit && last ? encodeCursor('agreements', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/agreements/{id}',
    policy: publicAccess,
    sample: { id: '999999' },
    openapi: createRoute({
      method: 'get',
      path: '/agreements/{id}',
      operationId: 'getAgreement',
      tags,
      summary: 'One agreement, with its result and action items',
      request: { params: IdParam },
      responses: {
        200: { description: 'The agreement.', content: { 'application/json': { schema: AgreementSchema } } },
        404: problemResponse('No agreement has this id, or the caller may not see its body\'s meetings.'),
      },
    }),
    handler: async (c) => {
      const { id: ref } = valid<z.infer<typeof IdParam>>(c, 'param');
      return c.json(await readableAgreement(c, idParam(ref)), 200);
    },
  },
  {
    kind: 'api',
    method: 'POST',
    path: '/agenda-items/{id}/agreements',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: createRoute({
      method: 'post',
      path: '/agenda-items/{id}/agreements',
      operationId: 'recordAgreement',
      tags,
      summary: 'Record an agreement on an agenda item',
      description: "Whoever runs the body's meetings, once the meeting is held or has started, until its minutes are approved. Numbered per body and year.",
      security: [{ bearer: [] }],
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: AgreementInput } } } },
      responses: {
        201: { description: 'The agreement.', content: { 'application/json': { schema: AgreementSchema } }, headers: { Location: { description: 'The agreement.', schema: { type: 'string' } } } },
        401: problemResponse('No token, or the token is unknown or revoked.'),
        403: problemResponse("The token's person does not run this body's meetings."),
        404: problemResponse('No agenda item has this id (or its meeting is not visible to the caller).'),
        409: problemResponse('The meeting has not started, is a draft or cancelled, or its minutes are approved.'),
        422: problemResponse('A field is not valid — e.g. an action item owned by someone outside the body; `errors` says which.'),
      },
    }),
    handler: async (c) => {
      const { id: ref } = valid<z.infer<typeof IdParam>>(c, 'param');
      const input = valid<z.infer<typeof AgreementInput>>(c, 'json');
      const result = await recordAgreement(scopeOf(c), { ...input, agenda_item_id: idParam(ref), action_items: input.action_items ?? [] });
      c.header('Location', `/api/v1/agreements/${result.id}`);
      return c.json(await readableAgreement(c, result.id), 201);
    },
  },
  {
    kind: 'api',
    method: 'GET',
    path: '/action-items',
    policy: publicAccess,
    openapi: createRoute({
      method: 'get',
      path: '/action-items',
      operationId: 'listActionItems',
      tags,
      summary: 'Action items',
      description: "Newest first, of the bodies whose agreements the caller sees. `owner=me` needs a token.",
      request: { query: ActionItemQuery },
      responses: {
        200: { description: 'One page of action items.', content: { 'application/json': { schema: ActionItemListSchema } } },
        401: problemResponse('`owner=me` without a token.'),
        422: problemResponse('A filter, the limit or the cursor is not valid.'),
      },
    }),
    handler: async (c) => {
      const query = valid<z.infer<typeof ActionItemQuery>>(c, 'query');
      const db = c.get('services').database.db;
      const actor = c.get('actor');
      let ownerPersonId: number | undefined;
      if (query.owner === 'me') {
        if (!actor) throw new AppError('unauthenticated');
        ownerPersonId = actor.id;
      } else if (query.owner !== undefined) {
        if (!/^[1-9][0-9]{0,14}$/.test(query.owner)) throw fieldError('owner', 'meetings_agreements.errors.owner_filter', c.get('locale'));
        ownerPersonId = Number(query.owner);
      }
      const after = cursorOf(c, 'action-items', query.cursor);
      const standing = await standingOf(db, actor?.id ?? null);
      const today = todayInSpace();
      const rows = await listActionItems(db, {
        ownerPersonId,
        state: query.state,
        overdue: query.overdue === 'true',
        visibility: visibilityFor(actor, standing),
        after,
        order: 'id',
        limit: query.limit + 1,
        today,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return c.json({ items: page.map((row) => presentActionItem(row, today)), next_cursor: rows.length > query.limit && last ? encodeCursor('action-items', last.id) : null }, 200);
    },
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/action-items/{id}',
    policy: signedIn,
    sample: { id: '999999' },
    openapi: createRoute({
      method: 'patch',
      path: '/action-items/{id}',
      operationId: 'updateActionItem',
      tags,
      summary: 'Move an action item along, or change it',
      security: [{ bearer: [] }],
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ActionItemPatch } } } },
      responses: {
        200: { description: 'The action item.', content: { 'application/json': { schema: ActionItemSchema } } },
        401: problemResponse('No token, or the token is unknown or revoked.'),
        403: problemResponse('Not its owner nor someone who runs the meetings; or an owner changing more than the state.'),
        404: problemResponse('No action item has this id (or the caller may not see it).'),
        422: problemResponse('A field is not valid — e.g. a new owner outside the body; `errors` says which.'),
      },
    }),
    handler: async (c) => {
      const { id: ref } = valid<z.infer<typeof IdParam>>(c, 'param');
      const input = valid<z.infer<typeof ActionItemPatch>>(c, 'json');
      const itemId = idParam(ref);
      await changeActionItem(scopeOf(c), { ...input, action_item_id: itemId });
      const access = await actionItemFor(c.get('services').database.db, c.get('actor'), itemId);
      return c.json(presentActionItem(access.item, todayInSpace()), 200);
    },
  },
];
