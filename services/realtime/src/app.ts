import { jwksTokenVerifier, type ServiceApp, type ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import { ChangeFeed } from './infrastructure/change-feed';
import { ChangeLog } from './infrastructure/change-log';
import type { Database } from './infrastructure/database';
import { realtimeMetrics } from './infrastructure/realtime-metrics';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { SocketHub } from './sockets/socket-hub';
import { currentCursor } from './usecases/current-cursor';
import { forgetUser } from './usecases/forget-user';
import { pruneChanges } from './usecases/prune-changes';
import { readChanges } from './usecases/read-changes';
import { recordChange } from './usecases/record-change';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the realtime service: the change log, the use cases, the change
 * feed (LISTEN) and the WebSocket hub on the service's HTTP server.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const { env } = kit;
  const log = new ChangeLog(kit.db, kit.schema);
  const metrics = realtimeMetrics(kit.metrics.registry);

  const useCases = {
    recordChange: recordChange({ log, metrics, retainPerUser: env.REALTIME_RETAIN_PER_USER }),
    forgetUser: forgetUser({ log }),
    readChanges: readChanges({ log }),
    currentCursor: currentCursor({ log }),
    pruneChanges: pruneChanges({ log, retainMs: env.REALTIME_RETAIN_HOURS * 3_600_000, now: () => new Date() }),
  };

  const hub = new SocketHub({
    // Sockets authenticate by their first frame, not a header: the kit's verifier, used directly.
    verifier: jwksTokenVerifier({ jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }),
    readChanges: useCases.readChanges,
    currentCursor: useCases.currentCursor,
    metrics,
    log: kit.log,
    maxConnectionsPerUser: env.REALTIME_MAX_CONNECTIONS_PER_USER,
    maxBufferedBytes: env.REALTIME_MAX_BUFFERED_BYTES,
    authTimeoutMs: env.REALTIME_AUTH_TIMEOUT_MS,
    heartbeatMs: env.REALTIME_HEARTBEAT_MS,
  });
  const feed = new ChangeFeed({
    databaseUrl: env.DATABASE_URL,
    schema: kit.schema,
    log: kit.log,
    metrics,
    listener: hub,
  });
  const sweeper = setInterval(() => {
    useCases.pruneChanges().then(
      (users) => users > 0 && kit.log.info({ users }, 'changes past their retention age deleted'),
      (err: unknown) => kit.log.warn({ err }, 'change log retention sweep failed; will run again'),
    );
  }, env.REALTIME_SWEEP_MS);
  sweeper.unref();

  return {
    routes: routes({
      requireUser: kit.requireUser,
      readChanges: useCases.readChanges,
      resynced: () => metrics.resyncs.inc({ via: 'http' }),
    }),
    subscriptions: eventHandlers(kit, useCases),
    jobs: jobHandlers(),
    onListening(server) {
      hub.attach(server);
      void feed.start();
    },
    async readiness() {
      if (!feed.connected) throw new Error('change feed (LISTEN) not connected');
    },
    async onDraining() {
      clearInterval(sweeper);
      await hub.close();
    },
    async onShutdown() {
      await feed.stop();
    },
  };
}
