import type { Server } from 'node:http';
import type { Router } from 'express';
import type { z } from 'zod';
import type { EventContract, EventData } from '@daybook/contracts';
import { jwksTokenVerifier, requireUser } from './auth';
import type { SqlExecutor, TransactionalDb, TxOf } from './database';
import { COMPONENTS } from './dapr/components';
import { jobRouter, jobsClient, type JobHandler, type Jobs } from './dapr/jobs';
import {
  OutboxRelay,
  enqueueEvent,
  enqueueEventAlong,
  measureOutbox,
  type EnqueueOptions,
  type SqlStatement,
} from './dapr/outbox';
import { sweepRetention } from './dapr/retention';
import { Sidecar } from './dapr/sidecar';
import { on, subscriptionRouter, type Subscription } from './dapr/subscriptions';
import { ConfigError, loadEnv, type BaseEnv, type baseEnvSchema } from './env';
import { errorHandler, notFound } from './errors';
import { createHttpApp } from './http';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';

/**
 * Everything a service's composition root (src/app.ts) is given, typed with the service's
 * own environment `E` and database client `DB` (its generated Prisma client), so handlers
 * get the service's transaction type and nothing needs a cast.
 */
export interface ServiceKit<E extends BaseEnv = BaseEnv, DB extends TransactionalDb<TxOf<DB>> = TransactionalDb> {
  name: string;
  env: E;
  schema: string;
  log: Logger;
  metrics: Metrics;
  db: DB;
  sidecar: Sidecar;
  /** The sending side of Dapr jobs (`job(def, handler)` is the receiving side). */
  jobs: Jobs;
  /** Declares an event handler whose transaction is the service's own `Tx`. */
  on<C extends EventContract>(
    contract: C,
    handle: Subscription<C, TxOf<DB>>['handle'],
    opts?: { pubsub?: string; dedup?: boolean; batch?: boolean },
  ): Subscription<C, TxOf<DB>>;
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
  /**
   * Runs `change` (an INSERT, UPDATE or DELETE … RETURNING) and writes the event's outbox
   * row in one statement, in `tx`: the hot paths' one round trip instead of two.
   */
  publishAlong<C extends EventContract, R = Record<string, unknown>>(
    tx: SqlExecutor,
    change: SqlStatement,
    contract: C,
    data: EventData<C>,
    opts?: EnqueueOptions,
  ): ReturnType<typeof enqueueEventAlong<C, R>>;
}

/** What a service is, as its composition root (src/app.ts) builds it from the kit. */
export interface ServiceApp<DB extends TransactionalDb<TxOf<DB>>> {
  routes?: Router;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds every contract's handler
  subscriptions?: Subscription<any, TxOf<DB>>[];
  jobs?: JobHandler[];
  /** Topics whose dead-letter topics this service watches and counts (audit: all). */
  watchDeadLetters?: readonly string[];
  /** Extra readiness checks beyond the sidecar, the database and the outbox relay. */
  readiness?(): Promise<void>;
  /**
   * Called as shutdown begins, before the HTTP server drains: upgraded connections
   * (WebSockets) are not drained by it, so close them here (e.g. tell clients to reconnect).
   */
  onDraining?(): Promise<void>;
  /** Extra work at shutdown, after the HTTP server has drained (e.g. close sockets). */
  onShutdown?(): Promise<void>;
  /** Paths that also accept form posts (e.g. RFC 8058 one-click unsubscribe); JSON elsewhere. */
  formPaths?: readonly string[];
  /** Called with the listening server (e.g. to attach a WebSocket server). */
  onListening?(server: Server): void;
}

export interface ServiceDefinition<S extends typeof baseEnvSchema, DB extends TransactionalDb<TxOf<DB>>> {
  name: string;
  envSchema: S;
  /** Opens the service's database client (a generated Prisma client). */
  database(env: z.infer<S>, schema: string): DB;
  /** The composition root: builds every store, adapter and use case once. */
  app(kit: ServiceKit<z.infer<S>, DB>): ServiceApp<DB>;
}

export interface RunningService<E extends BaseEnv = BaseEnv, DB extends TransactionalDb<TxOf<DB>> = TransactionalDb> {
  kit: ServiceKit<E, DB>;
  server: Server;
  /** Stops accepting work, drains in-flight requests and events, closes the database. */
  stop(reason?: string): Promise<void>;
}

export async function startService<S extends typeof baseEnvSchema, DB extends TransactionalDb<TxOf<DB>>>(
  def: ServiceDefinition<S, DB>,
  source: NodeJS.ProcessEnv = process.env,
): Promise<RunningService<z.infer<S>, DB>> {
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
  const kit: ServiceKit<z.infer<S>, DB> = {
    name: def.name,
    env,
    schema,
    log,
    metrics,
    db,
    sidecar,
    jobs: jobsClient(sidecar, metrics),
    on: (contract, handle, opts) => on(contract, handle, opts),
    components: COMPONENTS,
    requireUser: requireUser(verifier),
    publish: (tx, contract, data, opts) => enqueueEvent(tx, schema, contract, data, opts),
    publishAlong: (tx, change, contract, data, opts) => enqueueEventAlong(tx, schema, change, contract, data, opts),
  };

  const relay = new OutboxRelay({
    databaseUrl: env.DATABASE_URL,
    schema,
    sidecar,
    log,
    metrics,
    pollMs: env.OUTBOX_POLL_MS,
    lingerMs: env.OUTBOX_LINGER_MS,
    topicPrefix: env.TOPIC_PREFIX,
  });

  const app = def.app(kit);
  let shuttingDown = false;
  const http = createHttpApp({ log, metrics, trustProxy: env.TRUST_PROXY, formPaths: app.formPaths ?? [] });
  http.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok', service: def.name });
  });
  http.get('/readyz', async (_req, res) => {
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
      ...(app.readiness ? [check('service', () => app.readiness!())] : []),
    ]);
    if (shuttingDown) checks.shutdown = 'shutting down';
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: def.name, checks });
  });
  http.get('/metrics', async (_req, res) => {
    // A database that cannot answer leaves the outbox gauges at their last values.
    await measureOutbox(db, schema, metrics).catch((err) => log.debug({ err }, 'outbox gauges not measured'));
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  http.use(
    subscriptionRouter({
      service: def.name,
      schema,
      subscriptions: app.subscriptions ?? [],
      db,
      log,
      metrics,
      sidecar,
      topicPrefix: env.TOPIC_PREFIX,
      watchDeadLetters: app.watchDeadLetters,
    }),
  );
  http.use(jobRouter({ jobs: app.jobs ?? [], log, metrics }));
  if (app.routes) http.use(app.routes);
  http.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  http.use(errorHandler(log));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = http.listen(env.PORT, () => resolve(s));
    s.once('error', reject);
  });
  app.onListening?.(server);
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
      await app.onDraining?.().catch((err: unknown) => log.warn({ err }, 'onDraining failed'));
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
      await app.onShutdown?.();
      await db.$disconnect();
      log.info('stopped');
    })());

  return { kit, server, stop };
}

/**
 * The one way a service process boots: start, stop cleanly on SIGTERM / SIGINT, and exit
 * non-zero with a message naming the problem when configuration is invalid.
 */
export function runService<S extends typeof baseEnvSchema, DB extends TransactionalDb<TxOf<DB>>>(
  def: ServiceDefinition<S, DB>,
): void {
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
