/**
 * HTTP for answering a notice: the e-mailed answer link (`/answer/:token`, no sign-in — its GET
 * only shows the forms, since mail scanners open links), the answer forms on the meeting page
 * (`POST /meetings/:id/answer`), and the API's `PUT /meetings/{id}/rsvp`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { isAppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess, signedIn } from '../../kernel/policy.js';
import { problemResponse } from '../api/index.js';
import {
  alternatesFor, ANSWER_PROBLEM_STATUS, answerAsMember, answerByLink, answerProblemOf, findAnswer, openAnswerLink, type AnswerLinkTarget,
} from './answers.js';
import { idParam } from './store.js';
import { ANSWERS, type Answer } from './tables.js';
import { AnswerLinkPage, AnswerRefusedPage } from './views/notice-answer.js';

/** A well-formed token that was never signed, for the route × persona test. */
const SAMPLE_TOKEN = { token: `1.1.9999999999.${'A'.repeat(43)}` };

function chosenAnswer(value: string | undefined): Answer | null {
  return (ANSWERS as readonly string[]).includes(value ?? '') ? (value as Answer) : null;
}

/** Link pages are one person's: never kept, never indexed, and the token never leaves in a Referer. */
function privateHeaders(c: AppContext): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
}

/** The page for an answer that cannot be given, with its status; null when `error` is something else. */
function problemPage(c: AppContext, error: unknown, meetingId: number | null = null): Response | Promise<Response> | null {
  const reason = answerProblemOf(error);
  if (!reason) return null;
  const ctx = viewContext(c);
  c.status(ANSWER_PROBLEM_STATUS[reason]);
  return c.html(
    <AnswerRefusedPage
      ctx={ctx}
      title={ctx.t(`meetings_notice.problems.titles.${reason}`)}
      message={ctx.t(`meetings_notice.problems.${reason}`)}
      meetingId={reason === 'forged' || reason === 'gone' ? null : meetingId}
    />,
  );
}

async function renderLinkPage(c: AppContext, token: string, target: AnswerLinkTarget, extra: { chosen: Answer | null; errors?: Record<string, string>; alternateValue?: string }) {
  const db = c.get('services').database.db;
  const current = await findAnswer(db, target.meeting.id, target.person.id);
  const alternates = await alternatesFor(db, target.body.id, target.person.id);
  privateHeaders(c);
  if (extra.errors) c.status(422);
  return c.html(
    <AnswerLinkPage
      ctx={viewContext(c)}
      token={token}
      found={target}
      person={target.person}
      current={current}
      alternates={alternates}
      chosen={extra.chosen}
      errors={extra.errors}
      {...(extra.alternateValue !== undefined ? { alternateValue: extra.alternateValue } : {})}
    />,
  );
}

const MeetingIdParam = z.object({
  id: z.string().max(20).openapi({ param: { name: 'id', in: 'path' }, description: "The meeting's id.", example: '12' }),
});

const RsvpInputSchema = z
  .object({
    answer: z.enum(ANSWERS).openapi({ description: '`attending`, `excused`, or `alternate` (sending one of the alternates of your organisation in the body).' }),
    alternate_id: z
      .union([z.string(), z.number()])
      .nullish()
      .openapi({ type: 'string', description: 'With `alternate`: which alternate (a person with an alternate mandate in the body for your organisation). Optional.', example: '31' }),
  })
  .openapi('RsvpInput');

export const RsvpSchema = z
  .object({
    meeting_id: z.string(),
    person_id: z.string(),
    answer: z.enum(ANSWERS),
    alternate_id: z.string().nullable(),
    via: z.enum(['site', 'link', 'api']),
    answered_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Rsvp', { description: "A member's answer to a meeting's notice." });

const rsvpRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/rsvp',
  operationId: 'answerMeetingNotice',
  tags: ['Meetings'],
  summary: "Answer a meeting's notice",
  description: 'The caller, a member of the meeting\'s body, says whether they will attend, are excused, or send their alternate. Changeable until the meeting starts.',
  security: [{ bearer: [] }],
  request: { params: MeetingIdParam, body: { required: true, content: { 'application/json': { schema: RsvpInputSchema } } } },
  responses: {
    200: { description: 'The answer as recorded.', content: { 'application/json': { schema: RsvpSchema } } },
    401: problemResponse('No token, or the token is unknown or revoked.'),
    403: problemResponse("The token's person does not sit in the meeting's body."),
    404: problemResponse('No meeting the caller may see has this id.'),
    409: problemResponse('The meeting takes no answers: not convened yet, started, held or cancelled.'),
    422: problemResponse('The answer or the alternate is not valid; `errors` says which.'),
  },
});

export const noticeRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/answer/:token',
    policy: publicAccess,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      const services = c.get('services');
      let target: AnswerLinkTarget;
      try {
        target = await openAnswerLink(services.database.db, services.secret, token);
      } catch (error) {
        privateHeaders(c);
        const page = problemPage(c, error);
        if (page) return page;
        throw error;
      }
      return renderLinkPage(c, token, target, { chosen: chosenAnswer(c.req.query('answer')) });
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/answer/:token',
    policy: publicAccess,
    sample: SAMPLE_TOKEN,
    handler: async (c) => {
      const token = c.req.param('token') ?? '';
      const form = await readForm(c);
      const answer = formString(form, 'answer');
      const alternateId = formString(form, 'alternate_id');
      try {
        await answerByLink(scopeOf(c), { token, answer, alternate_id: alternateId });
      } catch (error) {
        privateHeaders(c);
        const page = problemPage(c, error);
        if (page) return page;
        if (!isAppError(error, 'validation_failed')) throw error;
        const services = c.get('services');
        const target = await openAnswerLink(services.database.db, services.secret, token);
        return renderLinkPage(c, token, target, { chosen: chosenAnswer(answer), errors: error.fields, alternateValue: alternateId });
      }
      setFlash(c, 'success', 'meetings_notice.flash.answered');
      return c.redirect(`/${c.get('locale')}/answer/${token}`, 303);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/meetings/:id/answer',
    policy: signedIn,
    sample: { id: '1' },
    handler: async (c) => {
      const id = idParam(c.req.param('id'));
      const form = await readForm(c);
      try {
        await answerAsMember(scopeOf(c), { meeting_id: id, via: 'site', answer: formString(form, 'answer'), alternate_id: formString(form, 'alternate_id') });
      } catch (error) {
        const page = problemPage(c, error, id);
        if (page) return page;
        if (!isAppError(error, 'validation_failed')) throw error;
        const ctx = viewContext(c);
        c.status(422);
        return c.html(
          <AnswerRefusedPage
            ctx={ctx}
            title={ctx.t('meetings_notice.errors.title')}
            message={Object.values(error.fields).join(' ') || ctx.t('meetings_notice.errors.answer_invalid')}
            meetingId={id}
          />,
        );
      }
      setFlash(c, 'success', 'meetings_notice.flash.answered');
      return c.redirect(`/${c.get('locale')}/meetings/${id}#answers`, 303);
    },
  },
  {
    kind: 'api',
    method: 'PUT',
    path: '/meetings/{id}/rsvp',
    policy: signedIn,
    sample: { id: '1' },
    openapi: rsvpRoute,
    handler: async (c) => {
      const { id } = c.req.valid('param' as never) as z.infer<typeof MeetingIdParam>;
      const input = c.req.valid('json' as never) as z.infer<typeof RsvpInputSchema>;
      const meetingId = idParam(id);
      const result = await answerAsMember(scopeOf(c), {
        meeting_id: meetingId,
        via: 'api',
        answer: input.answer,
        alternate_id: input.alternate_id === null || input.alternate_id === undefined ? undefined : String(input.alternate_id),
      });
      return c.json(
        {
          meeting_id: String(result.meeting_id),
          person_id: String(result.person_id),
          answer: result.answer,
          alternate_id: result.alternate_id === null ? null : String(result.alternate_id),
          via: result.via,
          answered_at: result.answered_at.toISOString(),
        },
        200,
      );
    },
  },
];
