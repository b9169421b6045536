import type { Server } from 'node:http';
import type { Router } from 'express';
import type { z } from 'zod';
import type { EventContract, EventData } from '@daybook/contracts';
import { jwksTokenVerifier, requireUser } from './auth';
import type { SqlExecutor, TransactionalDb } from './database';
import { COMPONENTS } from './dapr/components';
import { jobRouter, type JobHandler } from './dapr/jobs';
import { OutboxRelay, enqueueEvent, measureOutbox, type EnqueueOptions } from './dapr/outbox';
import { sweepRetention } from './dapr/retention';
import { Sidecar } from './dapr/sidecar';
import { subscriptionRouter, type Subscription } from './dapr/subscriptions';
import { ConfigError, loadEnv, type BaseEnv, type baseEnvSchema } from './env';
import { errorHandler, notFound } from './errors';
import { createHttpApp } from './http';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';

/** Everything a service's routes, handlers and jobs are given. */
export interface ServiceKit<E extends BaseEnv = BaseEnv> {
  name: string;
  env: E;
  schema: string;
  log: Logger;
  metrics: Metrics;
  db: TransactionalDb;
  sidecar: Sidecar;
  components: typeof COMPONENTS;
  /** Express middleware: 401 unless a valid access token is presented; sets req.user. */
  requireUser: ReturnType<typeof requireUser>;
  /** Writes an event to the outbox in `tx`: published if and only if `tx` commits. */
  publish<C extends EventContract>(
    tx: SqlExecutor,
    contract: C,
    data: EventData<C>,
    opts?: EnqueueOptions,
  ): ReturnType<typeof enqueueEvent<C>>;
}

export interface ServiceDefinition<S extends typeof baseEnvSchema> {
  name: string;
  envSchema: S;
  /** Opens the service's database client (a generated Prisma client). */
  database(env: z.infer<S>, schema: string): TransactionalDb;
  routes?(kit: ServiceKit<z.infer<S>>): Router;
  subscriptions?(kit: ServiceKit<z.infer<S>>): Subscription[];
  jobs?(kit: ServiceKit<z.infer<S>>): JobHandler[];
  /** Extra readiness checks beyond the sidecar and the database. */
  readiness?(kit: ServiceKit<z.infer<S>>): Promise<void>;
  /** Extra work at shutdown, after the HTTP server has drained (e.g. close sockets). */
  onShutdown?(kit: ServiceKit<z.infer<S>>): Promise<void>;
  /** Called with the listening server (e.g. to attach a WebSocket server). */
  onListening?(kit: ServiceKit<z.infer<S>>, server: Server): void;
}

export interface RunningService<E extends BaseEnv = BaseEnv> {
  kit: ServiceKit<E>;
  server: Server;
  /** Stops accepting work, drains in-flight requests and events, closes the database. */
  stop(reason?: string): Promise<void>;
}

export async function startService<S extends typeof baseEnvSchema>(
  def: ServiceDefinition<S>,
  source: NodeJS.ProcessEnv = process.env,
): Promise<RunningService<z.infer<S>>> {
  const env = loadEnv(def.envSchema, source) as z.infer<S>;
  const schema = env.DATABASE_SCHEMA ?? def.name;
  const log = createLogger(def.name, env.LOG_LEVEL);
  const metrics = createMetrics(def.name);
  const sidecar = new Sidecar(env.DAPR_HTTP_PORT);
  const db = def.database(env, schema);
  const verifier = jwksTokenVerifier({
    jwksUrl: env.AUTH_JWKS_URL,
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
  });
  const kit: ServiceKit<z.infer<S>> = {
    name: def.name,
    env,
    schema,
    log,
    metrics,
    db,
    sidecar,
    components: COMPONENTS,
    requireUser: requireUser(verifier),
    publish: (tx, contract, data, opts) => enqueueEvent(tx, schema, contract, data, opts),
  };

  const relay = new OutboxRelay({
    databaseUrl: env.DATABASE_URL,
    schema,
    sidecar,
    log,
    metrics,
    pollMs: env.OUTBOX_POLL_MS,
    topicPrefix: env.TOPIC_PREFIX,
  });

  let shuttingDown = false;
  const app = createHttpApp({ log, metrics, trustProxy: env.TRUST_PROXY });
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok', service: def.name });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    const check = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        checks[name] = 'ok';
      } catch (err) {
        checks[name] = (err as Error).message;
      }
    };
    await Promise.all([
      check('sidecar', async () => {
        if (!(await sidecar.isHealthy())) throw new Error(`sidecar on port ${env.DAPR_HTTP_PORT} not healthy`);
      }),
      check('database', () => db.$queryRawUnsafe('SELECT 1')),
      check('outbox', async () => {
        const stalled = relay.stalledForMs();
        if (stalled > env.OUTBOX_STALL_READY_MS) {
          throw new Error(`outbox relay without a database connection for ${Math.round(stalled / 1000)} s`);
        }
      }),
      ...(def.readiness ? [check('service', () => def.readiness!(kit))] : []),
    ]);
    if (shuttingDown) checks.shutdown = 'shutting down';
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: def.name, checks });
  });
  app.get('/metrics', async (_req, res) => {
    // A database that cannot answer leaves the outbox gauges at their last values.
    await measureOutbox(db, schema, metrics).catch((err) => log.debug({ err }, 'outbox gauges not measured'));
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.use(
    subscriptionRouter({
      service: def.name,
      schema,
      subscriptions: def.subscriptions?.(kit) ?? [],
      db,
      log,
      metrics,
      topicPrefix: env.TOPIC_PREFIX,
    }),
  );
  app.use(jobRouter({ jobs: def.jobs?.(kit) ?? [], log, metrics }));
  if (def.routes) app.use(def.routes(kit));
  app.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  app.use(errorHandler(log));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(env.PORT, () => resolve(s));
    s.once('error', reject);
  });
  def.onListening?.(kit, server);
  log.info({ port: env.PORT, daprHttpPort: env.DAPR_HTTP_PORT, schema }, 'listening');

  await relay.start();

  const sweep = () =>
    sweepRetention(db, schema, { outboxHours: env.OUTBOX_RETENTION_HOURS, inboxHours: env.INBOX_RETENTION_HOURS }).then(
      (deleted) => {
        if (deleted.outbox || deleted.inbox) log.info({ deleted }, 'retention sweep deleted old outbox and inbox rows');
      },
      (err) => log.warn({ err }, 'retention sweep failed; will run again'),
    );
  const sweeper = setInterval(() => void sweep(), env.RETENTION_SWEEP_MS);
  sweeper.unref();

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop requested') =>
    (stopping ??= (async () => {
      shuttingDown = true;
      log.info({ reason }, 'shutting down: draining in-flight work');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), env.SHUTDOWN_GRACE_MS).unref(),
      );
      if ((await Promise.race([closed, grace])) === 'timeout') {
        log.warn('grace period over: closing remaining connections');
        server.closeAllConnections();
      }
      clearInterval(sweeper);
      await relay.stop();
      await def.onShutdown?.(kit);
      await db.$disconnect();
      log.info('stopped');
    })());

  return { kit, server, stop };
}

/**
 * The one way a service process boots: start, stop cleanly on SIGTERM / SIGINT, and exit
 * non-zero with a message naming the problem when configuration is invalid.
 */
export function runService<S extends typeof baseEnvSchema>(def: ServiceDefinition<S>): void {
  startService(def).then(
    (running) => {
      const onSignal = (signal: NodeJS.Signals) => {
        running.stop(signal).then(
          () => process.exit(0),
          (err) => {
            running.kit.log.error({ err }, 'unclean shutdown');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
    (err) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${def.name}: ${err.message}\n`);
      } else {
        createLogger(def.name).fatal({ err }, 'failed to start');
      }
      process.exit(1);
    },
  );
}
