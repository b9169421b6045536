import express, { type Express, type Request, type RequestHandler } from 'express';
import { newCorrelationId, runWithContext, traceIdOf } from './context';
import { unsupportedMediaType } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Correlation id from the caller (header or trace), else a new one; echoed back. */
function correlation(): RequestHandler {
  return (req, res, next) => {
    const traceparent = req.header('traceparent');
    const correlationId = req.header('x-correlation-id') ?? traceIdOf(traceparent) ?? newCorrelationId();
    res.setHeader('x-correlation-id', correlationId);
    runWithContext({ correlationId, causationId: correlationId, ...(traceparent ? { traceparent } : {}) }, next);
  };
}

/** Request duration by route template (not raw URL, so ids do not explode cardinality). */
function observe(log: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.httpRequestDuration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
      if (!QUIET_PATHS.has(req.path)) {
        const level = res.statusCode >= 500 ? 'error' : 'info';
        log[level]({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
      }
    });
    next();
  };
}

/** What the JSON parser reads: JSON, and Dapr's CloudEvents (`application/cloudevents+json`). */
const JSON_TYPES = ['application/json', 'application/*+json'];

/** At least one byte of body: a declared length above 0, or chunked (length unknown). */
const carriesBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Every endpoint reads JSON. A body in any other media type would reach its route as no
 * body at all, and an endpoint whose fields are all optional would then succeed without
 * having read it (a logout that revokes nothing): such a request is a 415 instead.
 */
function requireJsonBody(formPaths: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!carriesBody(req) || req.is(JSON_TYPES)) return next();
    // A path a browser form or a mail client posts to (RFC 8058 one-click unsubscribe).
    if (formPaths.includes(req.path) && req.is('application/x-www-form-urlencoded')) return next();
    next(unsupportedMediaType(req.headers['content-type']));
  };
}

export function createHttpApp(opts: {
  log: Logger;
  metrics: Metrics;
  bodyLimit?: string;
  trustProxy?: string;
  /** Paths that also take application/x-www-form-urlencoded bodies (their route parses them). */
  formPaths?: readonly string[];
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set(
    'trust proxy',
    (opts.trustProxy ?? 'loopback').split(',').map((s) => s.trim()),
  );
  app.use(correlation());
  app.use(observe(opts.log, opts.metrics));
  app.use(requireJsonBody(opts.formPaths ?? []));
  // Dapr's bulk deliveries carry up to 100 events (a task event with long notes is ~40 KB):
  // the public limit would answer them 413 and the events would never be handled.
  app.use('/dapr', express.json({ limit: '16mb', type: JSON_TYPES }));
  // Dapr delivers CloudEvents as application/cloudevents+json.
  app.use(express.json({ limit: opts.bodyLimit ?? '256kb', type: JSON_TYPES }));
  return app;
}
