import pino, { type DestinationStream, type Logger } from 'pino';
import { ALL_EVENTS, sensitivePaths } from '@daybook/contracts';
import { currentContext } from './context';

export type { Logger };

/**
 * Where secrets can sit in a log line's fields, path by path (pino's `*` is one level, any
 * key). Exact paths rather than bare names: a bare `code` would also hide the codes of
 * errors (`err.code`, `error.code`), which are what a reader of the logs needs.
 */
const CREDENTIAL_PATHS = [
  // Passwords, as request bodies and inputs name them.
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  // Access and refresh tokens.
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  // HTTP credentials.
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // The one-time login code, in the body of the request that verifies it.
  'body.code',
  'req.body.code',
  // Secret store values and connection strings.
  'secret',
  '*.secret',
  'connectionString',
  '*.connectionString',
];

/** An event's sensitive fields (contracts `sensitive`), where a log line would carry its data. */
const EVENT_DATA_PATHS = [
  ...new Set(ALL_EVENTS.flatMap(sensitivePaths).flatMap((path) => [`data.${path}`, `event.data.${path}`])),
];

export const REDACTED_PATHS: readonly string[] = [...CREDENTIAL_PATHS, ...EVENT_DATA_PATHS];

/**
 * JSON logs, one line each, stamped with the service and the current correlation id.
 * `destination` defaults to stdout (tests pass a stream to read the lines).
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    mixin() {
      const ctx = currentContext();
      return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
