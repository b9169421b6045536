import pino, { type Logger } from 'pino';
import { currentContext } from './context';

export type { Logger };

/** Paths never written to logs, wherever they appear. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'code',
  '*.code',
  'secret',
  '*.secret',
  'connectionString',
];

/** JSON logs, one line each, stamped with the service and the current correlation id. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: '[redacted]' },
    mixin() {
      const ctx = currentContext();
      return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : {};
    },
  });
}
