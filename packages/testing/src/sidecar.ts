import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Sidecar } from '@daybook/service-kit';
import {
  REPO_ROOT,
  generateSecrets,
  sidecarHealthy,
  startScheduler,
  startSidecar,
  stopProcess,
  tail,
  waitFor,
  type ManagedProcess,
} from '@daybook/substrate';
import { testEnvironment } from './environment';
import { freePort } from './ports';

interface ComponentDoc {
  kind?: string;
  metadata?: { name?: string };
  spec?: { type?: string; metadata?: { name: string; value?: string; envRef?: string }[] };
  scopes?: string[];
}

/**
 * The project's dapr/components, adjusted for one test: the app ids under test are added
 * to every component's scopes, and Kafka consumers join a consumer group unique to this
 * test, so tests never take each other's messages (or a running `npm start`'s).
 */
export function testResources(opts: { appIds: string[]; consumerGroupSuffix: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'daybook-dapr-'));
  const source = join(REPO_ROOT, 'dapr', 'components');
  for (const file of readdirSync(source).filter((f) => f.endsWith('.yaml'))) {
    const docs = parseAllDocuments(readFileSync(join(source, file), 'utf8')).map((d) => d.toJS() as ComponentDoc);
    const adjusted = docs.map((doc) => {
      if (doc.kind !== 'Component') return doc;
      if (doc.scopes) doc.scopes = [...new Set([...doc.scopes, ...opts.appIds])];
      if (doc.spec?.type === 'pubsub.kafka' && doc.spec.metadata) {
        const fanout = doc.spec.metadata.find((m) => m.name === 'consumerID');
        doc.spec.metadata = doc.spec.metadata.filter((m) => m.name !== 'consumerGroup');
        // Fan-out keeps one group per replica; the work-queue component gets one per test.
        if (fanout) fanout.value = `{appID}-{podName}-${opts.consumerGroupSuffix}`;
        else doc.spec.metadata.push({ name: 'consumerGroup', value: `{appID}-${opts.consumerGroupSuffix}` });
      }
      return doc;
    });
    writeFileSync(join(dir, file), adjusted.map((d) => stringify(d)).join('---\n'));
  }
  return dir;
}

export interface TestSidecarOptions {
  appId: string;
  appPort: number;
  databaseUrl: string;
  resourcesPath: string;
  secretsFile: string;
  logDir: string;
  /** A Scheduler of the test's own (see startPrivateScheduler), instead of the shared one. */
  schedulerAddress?: string;
  /** Dapr namespace of the test, so its jobs never reach another test's instance of the app. */
  namespace?: string;
  /** Reuse the ports of a previous run of this sidecar (restart tests). */
  ports?: { http: number; grpc: number; metrics: number };
}

export interface TestSidecar {
  client: Sidecar;
  ports: { http: number; grpc: number; metrics: number };
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts a real daprd for an app under test and waits until it reports healthy. */
export async function startTestSidecar(o: TestSidecarOptions): Promise<TestSidecar> {
  const env = testEnvironment();
  const ports = o.ports ?? { http: await freePort(), grpc: await freePort(), metrics: await freePort() };
  const proc = startSidecar(
    { daprd: env.daprd, scheduler: '' },
    {
      appId: o.appId,
      appPort: o.appPort,
      httpPort: ports.http,
      grpcPort: ports.grpc,
      internalGrpcPort: await freePort(),
      metricsPort: ports.metrics,
      componentEnv: { kafkaBrokers: env.kafkaBrokers.join(','), secretsFile: o.secretsFile },
      resourcesPath: o.resourcesPath,
      schedulerAddress: o.schedulerAddress ?? env.schedulerAddress,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      logDir: o.logDir,
      pidDir: join(o.logDir, 'pids'),
      name: `${o.appId}-daprd-${ports.http}`,
    },
  );
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitFor(
    `daprd for ${o.appId} to be healthy`,
    async () => {
      if (exited) throw new Error(`daprd for ${o.appId} exited:\n${tail(proc.logFile, 30)}`);
      return sidecarHealthy(ports.http)();
    },
    { timeoutMs: 60_000, intervalMs: 100, onTimeout: () => `\n${tail(proc.logFile, 30)}` },
  );
  return { client: new Sidecar(ports.http), ports, process: proc, stop: () => stopProcess(proc) };
}

/** A secrets file for the local secret store, with a fresh identity signing key. */
export function testSecretsFile(dir: string): { file: string; secrets: Record<string, string> } {
  mkdirSync(dir, { recursive: true });
  const secrets = generateSecrets();
  const file = join(dir, 'secrets.json');
  writeFileSync(file, JSON.stringify(secrets));
  return { file, secrets };
}

export interface PrivateScheduler {
  address: string;
  stop(): Promise<void>;
  /** Starts it again on the same ports and data (its jobs survive). */
  start(): Promise<void>;
}

/**
 * A Dapr Scheduler for one test file (its own ports and etcd data), for tests that stop
 * and restart it without disturbing the shared one other tests use.
 */
export async function startPrivateScheduler(logDir: string): Promise<PrivateScheduler> {
  const bins = { daprd: testEnvironment().daprd, scheduler: join(dirname(testEnvironment().daprd), 'scheduler') };
  const ports = {
    grpc: await freePort(),
    health: await freePort(),
    metrics: await freePort(),
    etcdClient: await freePort(),
    etcdPeer: await freePort(),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'daybook-scheduler-'));
  const launch = () =>
    startScheduler(bins, { ports, dataDir, name: `scheduler-${ports.grpc}`, logDir, pidDir: join(logDir, 'pids') });
  let proc = await launch();
  return {
    address: `localhost:${ports.grpc}`,
    stop: () => stopProcess(proc),
    start: async () => {
      proc = await launch();
    },
  };
}
