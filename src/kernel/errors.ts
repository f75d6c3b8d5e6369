/**
 * One error type for the whole application. A command or query throws an `AppError` with a
 * stable code; the single error handler in `app.ts` turns it into an HTML page or an
 * `application/problem+json` answer, localized from the `errors` catalog (`errors.<code>`).
 */
export type FieldErrors = Record<string, string>;

const STATUS_BY_CODE = {
  bad_request: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_token: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  disk_full: 507,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export interface AppErrorOptions {
  /** Values interpolated into the localized message (`{name}` placeholders). */
  params?: Record<string, string | number>;
  /** A more specific catalog key than `errors.<code>`, e.g. `errors.auth.bad_credentials`. */
  messageKey?: string;
  /** Per-field message keys (already translated or catalog keys), for 422 answers. */
  fields?: FieldErrors;
  /** Seconds, for 429 answers. */
  retryAfter?: number;
  cause?: unknown;
}

/** An expected failure with a stable code, an HTTP status and a localizable message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly messageKey: string;
  readonly fields: FieldErrors;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.messageKey ?? `errors.${code}`, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.params = options.params ?? {};
    this.messageKey = options.messageKey ?? `errors.${code}`;
    this.fields = options.fields ?? {};
    this.retryAfter = options.retryAfter;
  }
}

/** True when `error` is an AppError, optionally of the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
