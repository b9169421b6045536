import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { step } from './log';
import { CACHE_DIR, DAPR_VERSION, DATA_DIR, PORTS, REPO_ROOT, RUN_DIR } from './paths';
import { realClockEnv, startProcess, tail, type ManagedProcess, type StartOptions } from './processes';
import { httpOk, waitFor } from './wait';

export interface DaprBinaries {
  daprd: string;
  scheduler: string;
}

/** daprd + Scheduler at the pinned release: cached, or built from the Go module proxy. */
export function ensureDaprBinaries(): DaprBinaries {
  const dir = join(CACHE_DIR, 'dapr', `v${DAPR_VERSION}`);
  const bins = { daprd: join(dir, 'daprd'), scheduler: join(dir, 'scheduler') };
  if (existsSync(bins.daprd) && existsSync(bins.scheduler)) return bins;
  step('dapr', `building daprd + scheduler ${DAPR_VERSION} (first run only; takes a while)`);
  execFileSync('bash', [join(REPO_ROOT, 'scripts', 'provision', 'dapr.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...realClockEnv(), DAPR_VERSION, DAYBOOK_CACHE: CACHE_DIR },
  });
  return bins;
}

const schedulerHealthUrl = `http://127.0.0.1:${PORTS.schedulerHealth}/healthz`;

/** The Dapr Scheduler (Jobs API backend) with its embedded etcd, unless one already runs. */
export async function ensureScheduler(bins: DaprBinaries): Promise<{ process?: ManagedProcess; address: string }> {
  const address = `localhost:${PORTS.scheduler}`;
  if (await httpOk(schedulerHealthUrl)) {
    step('scheduler', `already running on ${address}`);
    return { address };
  }
  step('scheduler', `starting Dapr Scheduler on ${address}`);
  const proc = await startScheduler(bins, {
    ports: {
      grpc: PORTS.scheduler,
      health: PORTS.schedulerHealth,
      metrics: PORTS.schedulerMetrics,
      etcdClient: PORTS.schedulerEtcdClient,
      etcdPeer: PORTS.schedulerEtcdPeer,
    },
    dataDir: join(DATA_DIR, 'scheduler'),
  });
  return { process: proc, address };
}

export interface SchedulerPorts {
  grpc: number;
  health: number;
  metrics: number;
  etcdClient: number;
  etcdPeer: number;
}

/** Starts a Dapr Scheduler (embedded etcd in `dataDir`) and waits until it is healthy. */
export async function startScheduler(
  bins: DaprBinaries,
  o: { ports: SchedulerPorts; dataDir: string; name?: string; logDir?: string; pidDir?: string },
): Promise<ManagedProcess> {
  mkdirSync(o.dataDir, { recursive: true });
  const opts: StartOptions = {
    name: o.name ?? 'scheduler',
    command: bins.scheduler,
    args: [
      '--port',
      String(o.ports.grpc),
      '--listen-address',
      '127.0.0.1',
      '--healthz-port',
      String(o.ports.health),
      '--healthz-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(o.ports.metrics),
      '--etcd-data-dir',
      o.dataDir,
      '--etcd-client-port',
      String(o.ports.etcdClient),
      '--etcd-initial-cluster',
      `dapr-scheduler-server-0=http://localhost:${o.ports.etcdPeer}`,
      '--log-as-json',
    ],
  };
  if (o.logDir) opts.logDir = o.logDir;
  if (o.pidDir) opts.pidDir = o.pidDir;
  opts.clock = 'real';
  const proc = startProcess(opts);
  let exited = false;
  void proc.exited.then(() => (exited = true));
  const health = `http://127.0.0.1:${o.ports.health}/healthz`;
  await waitFor(
    'the Dapr Scheduler to be healthy',
    async () => {
      if (exited) throw new Error(`scheduler exited:\n${tail(proc.logFile)}`);
      return httpOk(health);
    },
    { timeoutMs: 60_000, intervalMs: 200, onTimeout: () => `\n${tail(proc.logFile)}` },
  );
  return proc;
}

export interface SidecarOptions {
  appId: string;
  appPort: number;
  httpPort: number;
  grpcPort: number;
  /**
   * The port of daprd's internal gRPC API (sidecar to sidecar). Always given: left to daprd,
   * it picks a free port at start and binds it only after loading its components, seconds
   * later, and on a busy machine another process can take the port meanwhile (seen: "bind:
   * address already in use", the sidecar never healthy).
   */
  internalGrpcPort: number;
  metricsPort: number;
  /** Environment the components read through envRef. */
  componentEnv: { kafkaBrokers: string; secretsFile: string };
  resourcesPath?: string;
  configPath?: string;
  schedulerAddress?: string;
  /** POD_NAME for the fan-out consumer group ({appID}-{podName}). */
  podName?: string;
  /**
   * Dapr namespace (NAMESPACE): the Scheduler delivers a job to any sidecar of the same
   * app id and namespace, so independent instances of one app (tests) need their own.
   */
  namespace?: string;
  logLevel?: string;
  logDir?: string;
  pidDir?: string;
  name?: string;
}

/** Starts `daprd` beside an app in self-hosted mode, with the project's components. */
export function startSidecar(bins: DaprBinaries, o: SidecarOptions): ManagedProcess {
  const args = [
    '--app-id',
    o.appId,
    '--app-port',
    String(o.appPort),
    '--app-protocol',
    'http',
    '--dapr-http-port',
    String(o.httpPort),
    '--dapr-grpc-port',
    String(o.grpcPort),
    '--dapr-internal-grpc-port',
    String(o.internalGrpcPort),
    '--metrics-port',
    String(o.metricsPort),
    '--resources-path',
    o.resourcesPath ?? join(REPO_ROOT, 'dapr', 'components'),
    '--config',
    o.configPath ?? sidecarConfigFor(o.appId),
    '--scheduler-host-address',
    o.schedulerAddress ?? `localhost:${PORTS.scheduler}`,
    '--dapr-listen-addresses',
    '127.0.0.1',
    '--log-level',
    o.logLevel ?? 'info',
    '--log-as-json',
  ];
  const opts: StartOptions = {
    name: o.name ?? `${o.appId}-daprd`,
    command: bins.daprd,
    args,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DAYBOOK_KAFKA_BROKERS: o.componentEnv.kafkaBrokers,
      DAYBOOK_SECRETS_FILE: o.componentEnv.secretsFile,
      POD_NAME: o.podName ?? `${o.appId}-${process.pid}`,
      ...(o.namespace ? { NAMESPACE: o.namespace } : {}),
    },
  };
  if (o.logDir) opts.logDir = o.logDir;
  if (o.pidDir) opts.pidDir = o.pidDir;
  opts.clock = 'real';
  return startProcess(opts);
}

export const sidecarHealthy = (httpPort: number) => async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${httpPort}/v1.0/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.status === 204 || res.status === 200;
  } catch {
    return false;
  }
};

/** The secret store every app reads from (dapr/components/secretstore.yaml). */
const SECRET_STORE = 'daybook-secrets';

/** Which secrets each app may read (dapr/secret-access.yaml); an app not listed reads none. */
export function secretAccess(): Record<string, string[]> {
  const parsed = parseYaml(readFileSync(join(REPO_ROOT, 'dapr', 'secret-access.yaml'), 'utf8')) as Record<
    string,
    string[] | null
  >;
  return Object.fromEntries(Object.entries(parsed).map(([app, secrets]) => [app, secrets ?? []]));
}

/**
 * The sidecar configuration of one app: dapr/config.yaml with secrets.scopes denying every
 * secret but the app's own (the chart makes the same per service). Written under RUN_DIR.
 */
export function sidecarConfigFor(appId: string): string {
  const config = parseYaml(readFileSync(join(REPO_ROOT, 'dapr', 'config.yaml'), 'utf8')) as {
    spec: Record<string, unknown>;
  };
  config.spec.secrets = {
    scopes: [{ storeName: SECRET_STORE, defaultAccess: 'deny', allowedSecrets: secretAccess()[appId] ?? [] }],
  };
  const dir = join(RUN_DIR, 'dapr-config');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${appId}.yaml`);
  // Sidecars start in parallel: each writes its own copy and renames it into place whole.
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, stringifyYaml(config));
  renameSync(tmp, file);
  return file;
}
