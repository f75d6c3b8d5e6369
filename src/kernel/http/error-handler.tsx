/**
 * The one place errors become HTTP: an `AppError` keeps its status and localized message; any
 * other error is logged with the request id and answered 500 with no detail. API requests get
 * `application/problem+json` (RFC 9457), pages an HTML page in the request's language.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.js';
import { translate } from '../i18n/index.js';
import { Layout } from '../ui/layout.js';
import type { AppEnv } from './env.js';
import { viewContext } from './view.js';

function isApiRequest(c: Context<AppEnv>): boolean {
  const path = new URL(c.req.url).pathname;
  return path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('payload_too_large');
    // hono's JSON validator says so when the body does not parse.
    if (error.status === 400 && /malformed json/i.test(error.message)) return new AppError('invalid_json');
    if (error.status === 404) return new AppError('not_found');
    // Any other refusal of the request itself (400, or 415 from the API's media-type check) is
    // the sender's to fix, never a server error.
    if (error.status >= 400 && error.status < 500) return new AppError('bad_request');
  }
  return null;
}

/** Renders an AppError as the response (problem+json or an HTML page). */
export function respondWithError(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  const locale = c.get('locale') ?? 'ca';
  const title = translate(locale, `errors.titles.${error.code}`);
  const detail = translate(locale, error.messageKey, error.params);
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  c.header('Cache-Control', 'no-store');
  if (isApiRequest(c)) {
    const body: Record<string, unknown> = { type: `about:blank#${error.code}`, title, status: error.status, detail };
    if (Object.keys(error.fields).length > 0) body.errors = error.fields;
    return c.body(JSON.stringify(body), error.status as 400, { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': locale });
  }
  const ctx = viewContext(c);
  const page = (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href={ctx.href('/')}>{ctx.t('errors.back_home')}</a>
      </p>
    </Layout>
  );
  return c.html(page, error.status as 400);
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const known = toAppError(error);
  if (known) return respondWithError(c, known);
  const services = c.get('services');
  services?.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return respondWithError(c, new AppError('internal', { params: { requestId: c.get('requestId') ?? '' } }));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => respondWithError(c, new AppError('not_found'));
