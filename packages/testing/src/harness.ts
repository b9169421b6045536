import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Router } from 'express';
import {
  startService,
  type BaseEnv,
  type JobHandler,
  type RunningService,
  type ServiceKit,
  type Subscription,
  baseEnvSchema,
} from '@daybook/service-kit';
import { SqlDatabase } from '@daybook/database';
import { REPO_ROOT, startProcess, stopProcess, tail, waitFor, type ManagedProcess } from '@daybook/substrate';
import { testEnvironment } from './environment';
import { ensurePrefixedTopics, setTopicPrefix } from './topics';
import { freePort } from './ports';
import { startTestSidecar, testResources, type TestSidecar } from './sidecar';

/** The kit a test's own kit app gets: the platform tables' client. */
/** A kit app's database: plain `pg` (the kit needs nothing but SQL), as the tasks service runs it. */
export type KitAppKit = ServiceKit<BaseEnv, SqlDatabase>;

/** Shared by the apps of one test file: where they log, their secrets, their Dapr resources. */
export interface TestContext {
  runId: string;
  logDir: string;
  databaseUrl: string;
  secretsFile: string;
  jwksUrl: string;
  resourcesPath: string;
  /** Set to use a test's own Scheduler (startPrivateScheduler) for its sidecars. */
  schedulerAddress?: string;
  /** Prefix of the Kafka topics of this test file's services (see topics.ts). */
  topicPrefix: string;
  /** Repository whose services/<name> startServiceUnderTest boots (default REPO_ROOT). */
  repoRoot?: string;
}

export function testContext(opts: {
  databaseUrl: string;
  secretsFile: string;
  jwksUrl: string;
  appIds: string[];
  name: string;
  schedulerAddress?: string;
}): TestContext {
  const runId = randomBytes(4).toString('hex');
  setTopicPrefix(`t-${runId}.`);
  return {
    runId,
    logDir: join(testEnvironment().logDir, `${opts.name}-${runId}`),
    databaseUrl: opts.databaseUrl,
    secretsFile: opts.secretsFile,
    jwksUrl: opts.jwksUrl,
    resourcesPath: testResources({ appIds: opts.appIds, consumerGroupSuffix: runId }),
    topicPrefix: `t-${runId}.`,
    ...(opts.schedulerAddress ? { schedulerAddress: opts.schedulerAddress } : {}),
  };
}

const ready = (port: number) => async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
};

export interface ServiceUnderTest {
  name: string;
  baseUrl: string;
  appPort: number;
  readonly process: ManagedProcess;
  readonly sidecar: TestSidecar;
  /** Stops the service process only (SIGTERM, then waits), leaving its sidecar. */
  stopApp(): Promise<void>;
  /** Starts the service process again on the same port and waits until it is ready. */
  startApp(): Promise<void>;
  /** Kafka consumer group of its sidecar (to wait for its assignment). */
  consumerGroup: string;
  stopSidecar(): Promise<void>;
  /** Starts the sidecar again on the same ports. */
  startSidecar(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Boots a real service process (services/<name>/src/main.ts, as `npm start` does) beside
 * its own daprd, and waits until it reports ready.
 */
export async function startServiceUnderTest(
  ctx: TestContext,
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  await ensurePrefixedTopics();
  const appPort = await freePort();
  const ports = { http: await freePort(), grpc: await freePort(), metrics: await freePort() };
  const launch = () =>
    startProcess({
      name: `${name}-${appPort}`,
      command: process.execPath,
      // DAYBOOK_SERVICE_NODE_ARGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      args: [
        ...(process.env.DAYBOOK_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        '--import',
        'tsx',
        'src/main.ts',
      ],
      cwd: join(ctx.repoRoot ?? REPO_ROOT, 'services', name),
      logDir: ctx.logDir,
      pidDir: join(ctx.logDir, 'pids'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(appPort),
        DAPR_HTTP_PORT: String(ports.http),
        DATABASE_URL: ctx.databaseUrl,
        AUTH_JWKS_URL: ctx.jwksUrl,
        LOG_LEVEL: 'debug',
        OUTBOX_POLL_MS: '60000',
        TOPIC_PREFIX: ctx.topicPrefix,
        // The tests' Mailpit (services that send no mail ignore these).
        ...(process.env.DAYBOOK_TEST_SMTP_PORT
          ? {
              SMTP_HOST: process.env.DAYBOOK_TEST_SMTP_HOST ?? '127.0.0.1',
              SMTP_PORT: process.env.DAYBOOK_TEST_SMTP_PORT,
            }
          : {}),
        ...extraEnv,
      },
    });
  let proc = launch();
  const appReady = () =>
    waitFor(
      `${name} to be ready`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${tail(proc.logFile, 30)}`);
        return ready(appPort)();
      },
      { timeoutMs: 60_000, onTimeout: () => `\n${tail(proc.logFile, 30)}` },
    );
  const sidecarOpts = {
    appId: name,
    appPort,
    databaseUrl: ctx.databaseUrl,
    resourcesPath: ctx.resourcesPath,
    secretsFile: ctx.secretsFile,
    logDir: ctx.logDir,
    ports,
    ...(ctx.schedulerAddress ? { schedulerAddress: ctx.schedulerAddress } : {}),
    namespace: `test-${ctx.runId}`,
  };
  let sidecar = await startTestSidecar(sidecarOpts);
  await appReady();
  const service: ServiceUnderTest = {
    name,
    baseUrl: `http://127.0.0.1:${appPort}`,
    appPort,
    get process() {
      return proc;
    },
    stopApp: () => stopProcess(proc),
    startApp: async () => {
      proc = launch();
      await appReady();
    },
    get sidecar() {
      return sidecar;
    },
    consumerGroup: `${name}-${ctx.runId}`,
    stopSidecar: () => sidecar.stop(),
    startSidecar: async () => {
      sidecar = await startTestSidecar(sidecarOpts);
    },
    stop: async () => {
      await sidecar.stop();
      await stopProcess(proc);
    },
  };
  return service;
}

export interface KitAppUnderTest {
  running: RunningService;
  readonly sidecar: TestSidecar;
  consumerGroup: string;
  /** Starts the sidecar again on the same ports (after `sidecar.stop()`). */
  restartSidecar(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service built with the kit inside the test process (so a test can define its
 * handlers and jobs and watch them), beside a real daprd. Its tables are the platform's
 * (outbox, inbox) in schema `schema`, plus whatever the test creates.
 */
export async function startKitApp(
  ctx: TestContext,
  def: {
    name: string;
    schema?: string;
    routes?(kit: KitAppKit): Router;
    subscriptions?(kit: KitAppKit): Subscription[];
    jobs?(kit: KitAppKit): JobHandler[];
    watchDeadLetters?: string[];
    /** Overrides of the kit's environment (e.g. OUTBOX_LINGER_MS). */
    env?: Record<string, string>;
  },
): Promise<KitAppUnderTest> {
  const appPort = await freePort();
  const ports = { http: await freePort(), grpc: await freePort(), metrics: await freePort() };
  const schema = def.schema ?? def.name.replace(/-/g, '_');
  const running = await startService(
    {
      name: def.name,
      envSchema: baseEnvSchema,
      database: (env) => new SqlDatabase({ databaseUrl: env.DATABASE_URL, schema, preparedStatements: true }),
      app: (kit) => ({
        routes: def.routes?.(kit),
        subscriptions: def.subscriptions?.(kit),
        jobs: def.jobs?.(kit),
        watchDeadLetters: def.watchDeadLetters,
      }),
    },
    {
      PORT: String(appPort),
      DAPR_HTTP_PORT: String(ports.http),
      DATABASE_URL: ctx.databaseUrl,
      DATABASE_SCHEMA: schema,
      AUTH_JWKS_URL: ctx.jwksUrl,
      LOG_LEVEL: process.env.DAYBOOK_TEST_LOG_LEVEL ?? 'silent',
      // Long poll: tests then prove the relay wakes on commit (LISTEN/NOTIFY), not on a timer.
      OUTBOX_POLL_MS: '60000',
      SHUTDOWN_GRACE_MS: '5000',
      ...def.env,
    },
  );
  const sidecarOpts = {
    appId: def.name,
    appPort,
    databaseUrl: ctx.databaseUrl,
    resourcesPath: ctx.resourcesPath,
    secretsFile: ctx.secretsFile,
    logDir: ctx.logDir,
    ports,
    ...(ctx.schedulerAddress ? { schedulerAddress: ctx.schedulerAddress } : {}),
    namespace: `test-${ctx.runId}`,
  };
  let sidecar = await startTestSidecar(sidecarOpts);
  await waitFor(`${def.name} to be ready`, ready(appPort), { timeoutMs: 30_000 });
  return {
    running,
    get sidecar() {
      return sidecar;
    },
    consumerGroup: `${def.name}-${ctx.runId}`,
    restartSidecar: async () => {
      sidecar = await startTestSidecar(sidecarOpts);
    },
    stop: async () => {
      // Sidecar first, as in a pod's shutdown: no new deliveries while the app drains.
      await sidecar.stop();
      await running.stop('test finished');
    },
  };
}
