import { Conflict, DomainError, InvalidInput, NotFound, StaleVersion, VersionRequired } from './domain-errors';
import type { ErrorRequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { Logger } from './logger';

/** An error whose status and message are safe to show the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message = 'authentication required') => new HttpError(401, 'unauthorized', message);
export const notFound = (what = 'resource') => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);

/** 415: a body the JSON parser does not read would reach the route as no body at all. */
export const unsupportedMediaType = (contentType: string | undefined) =>
  new HttpError(
    415,
    'unsupported_media_type',
    `request body must be application/json; got ${contentType ? `"${contentType}"` : 'no Content-Type'}`,
  );

export interface FieldProblem {
  /** Where the problem is, e.g. `body.title` or `query.limit`. */
  field: string;
  message: string;
}

export function zodProblems(error: ZodError, prefix?: string): FieldProblem[] {
  const at = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    // One problem per unknown field, named where it is, rather than one for the object.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: at([...issue.path, key]), message: 'unknown field' }))
      : [{ field: at(issue.path), message: issue.message }],
  );
}

/** 400 naming each bad field (found by a schema, or by checks a schema cannot make). */
export function fieldProblems(problems: FieldProblem[]): HttpError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new HttpError(400, 'validation_failed', `invalid request: ${summary}`, { problems });
}

/** 400 naming one field, for a check a schema cannot make (e.g. an instant that has passed). */
export const badRequest = (field: string, message: string): HttpError => fieldProblems([{ field, message }]);

/** Validation error: 400 naming each bad field. */
export function validationError(error: ZodError, where: string): HttpError {
  return fieldProblems(zodProblems(error, where));
}

/**
 * An event this service was about to publish breaks its own contract. That is a bug here,
 * not bad input: the client gets a bare 500, and the log names the contract and the fields.
 */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: FieldProblem[],
  ) {
    super(`event ${eventType} breaks its contract: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Last express middleware: known errors become their status and message; anything else
 * is logged with its stack and answered with a bare 500, never internals. Request input is
 * parsed with `validate` (a 400 naming each field), so a ZodError that reaches this handler
 * came from parsing the service's own data: it is a 500 like any other bug.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    // body-parser's errors carry a status (400 bad JSON, 413 too large) and a type.
    if (!(err instanceof HttpError) && typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const message =
        err.type === 'entity.too.large'
          ? `request body exceeds the ${err.limit} byte limit`
          : err.type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : String(err.message);
      // Every 400 names the field at fault; here that is the body as a whole.
      const details = err.status === 400 ? { problems: [{ field: 'body', message }] } : undefined;
      err = new HttpError(err.status, err.type ?? 'bad_request', message, details);
    }
    // Connection pool exhausted or a transaction could not start in time: the service is
    // overloaded, not broken. 503 with Retry-After lets clients and proxies back off.
    if (!(err instanceof HttpError) && ['P2024', 'P2028'].includes(err?.code)) {
      log.warn({ code: err.code, method: req.method, url: req.originalUrl }, 'overloaded: database busy');
      res.setHeader('retry-after', '1');
      err = new HttpError(503, 'unavailable', 'the service is busy; retry shortly');
    }
    if (err instanceof DomainError) err = toHttpError(err);
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    if (err instanceof InvalidEventError) {
      const { eventType, problems } = err;
      log.error(
        { eventType, problems, method: req.method, url: req.originalUrl },
        'outgoing event breaks its contract',
      );
    } else {
      log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    }
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

/** The HTTP answer for a domain error (domain-errors.ts): one mapping for every service. */
export function toHttpError(err: DomainError): HttpError {
  if (err instanceof NotFound) return new HttpError(404, err.code, err.message);
  if (err instanceof Conflict) return new HttpError(409, err.code, err.message, currentCopy(err.current));
  if (err instanceof StaleVersion) return new HttpError(412, err.code, err.message, currentCopy(err.current));
  if (err instanceof VersionRequired) return new HttpError(428, err.code, err.message);
  if (err instanceof InvalidInput) return badRequest(err.field, err.message.slice(err.field.length + 2));
  return new HttpError(400, err.code, err.message);
}

const currentCopy = (current: unknown) => (current === undefined ? undefined : { current });

/** Parses request input with a zod schema; a 400 naming each bad field otherwise. */
export function validate<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers',
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
