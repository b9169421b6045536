// npm start / npm stop / npm run status: the whole platform on this machine.
//   start [--detach]  provision PostgreSQL, Kafka, the Dapr Scheduler and Mailpit (or reuse them),
//                     apply migrations, start every app of dapr.yaml beside its own daprd,
//                     build the web app and start its gateway (:8080), wait until all are
//                     ready, print a status table. In the foreground,
//                     Ctrl-C stops everything it started; with --detach it returns and
//                     `npm stop` stops it later.
//   stop              stop what a detached start left running.
//   status            readiness of every app.
//   substrate         only PostgreSQL, Kafka and the Scheduler, left running (no owner).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateService } from '@daybook/database';
import {
  LOG_DIR,
  PID_DIR,
  PORTS,
  REPO_ROOT,
  RUN_DIR,
  ensureDaprBinaries,
  ensureKafka,
  ensureMailpit,
  ensurePostgres,
  ensureScheduler,
  ensureSecretsFile,
  loadTopology,
  startProcess,
  startSidecar,
  step,
  stopByName,
  stopOwnedPostgres,
  stopProcess,
  tail,
  waitFor,
  httpOk,
  type AppSpec,
  type ManagedProcess,
  type Mailpit,
} from '@daybook/substrate';

const STATE_FILE = join(RUN_DIR, 'platform.json');
const SECRETS_FILE = join(RUN_DIR, 'secrets.json');
const WEB_DIR = join(REPO_ROOT, 'apps', 'web');
const WEB_PORT = Number(process.env.WEB_PORT ?? 8080);

interface PlatformState {
  startedAt: string;
  databaseUrl: string;
  kafkaBrokers: string;
  ownsPostgres: boolean;
  processes: string[];
}

async function readiness(app: AppSpec): Promise<{ ready: boolean; detail: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${app.appPort}/readyz`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { checks?: Record<string, string> };
    const failing = Object.entries(body.checks ?? {}).filter(([, v]) => v !== 'ok');
    return { ready: res.ok, detail: res.ok ? 'ready' : failing.map(([k, v]) => `${k}: ${v}`).join('; ') };
  } catch {
    return { ready: false, detail: 'not answering' };
  }
}

/** The web gateway (apps/web/server.ts): the app and every /api/<service> on one origin. */
async function webReady(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${WEB_PORT}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function buildWebApp(): void {
  try {
    execFileSync('npm', ['run', 'build', '--silent', '-w', '@daybook/web'], { cwd: REPO_ROOT, stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building the web app failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
  }
}

function appEnv(app: AppSpec, databaseUrl: string, identity: AppSpec, mailpit: Mailpit): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(app.appPort),
    DAPR_HTTP_PORT: String(app.daprHTTPPort),
    DAPR_GRPC_PORT: String(app.daprGRPCPort),
    DATABASE_URL: databaseUrl,
    AUTH_JWKS_URL: `http://127.0.0.1:${identity.appPort}/.well-known/jwks.json`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    SMTP_HOST: mailpit.smtpHost,
    SMTP_PORT: String(mailpit.smtpPort),
  };
}

async function printStatus(apps: AppSpec[]): Promise<boolean> {
  const rows = await Promise.all(apps.map(async (a) => ({ app: a, ...(await readiness(a)) })));
  const line = (cols: string[]) => `  ${cols[0]!.padEnd(14)}${cols[1]!.padEnd(28)}${cols[2]!.padEnd(8)}${cols[3]}`;
  console.log(line(['service', 'url', 'daprd', 'status']));
  for (const r of rows) {
    console.log(line([r.app.appID, `http://localhost:${r.app.appPort}`, String(r.app.daprHTTPPort), r.detail]));
  }
  const web = await webReady();
  console.log(line(['web gateway', `http://localhost:${WEB_PORT}`, '-', web ? 'ready' : 'not answering']));
  const mail = await httpOk(`http://127.0.0.1:${PORTS.mailpitHttp}/readyz`);
  console.log(
    line(['mailpit', `http://localhost:${PORTS.mailpitHttp}`, '-', mail ? 'ready (web UI)' : 'not answering']),
  );
  return rows.every((r) => r.ready) && web;
}

async function start(detach: boolean): Promise<void> {
  const apps = loadTopology();
  if (existsSync(STATE_FILE)) {
    const anyUp = (await Promise.all(apps.map(readiness))).some((r) => r.ready);
    if (anyUp) throw new Error('Daybook is already running (npm run status; npm stop to stop it)');
    rmSync(STATE_FILE);
  }
  const identity = apps.find((a) => a.appID === 'identity')!;
  ensureSecretsFile(SECRETS_FILE);
  const started: ManagedProcess[] = [];
  let ownsPostgres = false;
  let stopPostgres = async () => {};

  const stopAll = async () => {
    // Reverse order: apps drain first, then their sidecars, then the substrate.
    for (const p of [...started].reverse()) {
      step('stop', p.name);
      await stopProcess(p, 15_000).catch(() => {});
    }
    await stopPostgres();
    rmSync(STATE_FILE, { force: true });
  };

  try {
    const [pg, kafka, bins] = await Promise.all([
      ensurePostgres(),
      ensureKafka(),
      Promise.resolve().then(ensureDaprBinaries),
    ]);
    ownsPostgres = pg.ownedByUs;
    stopPostgres = pg.stop;
    if (kafka.process) started.push(kafka.process);
    const scheduler = await ensureScheduler(bins);
    if (scheduler.process) started.push(scheduler.process);
    const mailpit = await ensureMailpit();
    if (mailpit.process) started.push(mailpit.process);

    for (const app of apps) {
      const result = await migrateService({ databaseUrl: pg.url, service: app.appID, repoRoot: REPO_ROOT });
      step('migrate', `${app.appID}: ${result.applied.length} applied, ${result.alreadyApplied} already`);
    }

    step('build', 'web app (vite build)');
    buildWebApp();

    for (const app of apps) {
      step('start', `${app.appID} on :${app.appPort} with daprd on :${app.daprHTTPPort}`);
      started.push(
        startProcess({
          name: app.appID,
          command: app.command[0]!,
          args: app.command.slice(1),
          cwd: app.appDirPath,
          env: appEnv(app, pg.url, identity, mailpit),
        }),
      );
      started.push(
        startSidecar(bins, {
          appId: app.appID,
          appPort: app.appPort,
          httpPort: app.daprHTTPPort,
          grpcPort: app.daprGRPCPort,
          // 6201–6208 beside the gRPC ports 6101–6108 (dapr.yaml), out of the ephemeral range.
          internalGrpcPort: app.daprGRPCPort + 100,
          metricsPort: app.metricsPort,
          componentEnv: { kafkaBrokers: kafka.brokers.join(','), secretsFile: SECRETS_FILE },
          podName: `${app.appID}-local`,
        }),
      );
    }

    step('start', `web gateway on :${WEB_PORT}`);
    started.push(
      startProcess({
        name: 'web',
        command: process.execPath,
        args: ['--import', 'tsx', 'server.ts'],
        cwd: WEB_DIR,
        env: { ...process.env, WEB_PORT: String(WEB_PORT) },
      }),
    );

    const state: PlatformState = {
      startedAt: new Date().toISOString(),
      databaseUrl: pg.url,
      kafkaBrokers: kafka.brokers.join(','),
      ownsPostgres,
      processes: started.map((p) => p.name),
    };
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));

    step('wait', 'for every service and the web gateway to report ready');
    await waitFor(
      'every service to be ready',
      async () => {
        for (const p of started) {
          if (p.child.exitCode !== null) throw new Error(`${p.name} exited:\n${tail(p.logFile)}`);
        }
        return (await Promise.all(apps.map(readiness))).every((r) => r.ready) && (await webReady());
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    ).catch(async (err) => {
      await printStatus(apps);
      throw err;
    });
  } catch (err) {
    await stopAll();
    throw err;
  }

  console.log('\nDaybook is up.\n');
  await printStatus(apps);
  console.log(`\n  ➜  Open http://localhost:${WEB_PORT}\n`);
  console.log(
    `\n  API           http://localhost:${identity.appPort}/.well-known/jwks.json (identity), /api/<service> on each port`,
  );
  console.log(
    `  Kafka         localhost:${PORTS.kafka}   PostgreSQL 127.0.0.1:${PORTS.postgres}   Scheduler localhost:${PORTS.scheduler}`,
  );
  console.log(
    `  Mail          SMTP localhost:${PORTS.mailpitSmtp}, every email in Mailpit: http://localhost:${PORTS.mailpitHttp}`,
  );
  console.log(`  Logs          ${LOG_DIR}/<process>.log`);

  if (detach) {
    console.log('\nRunning in the background: `npm run status` to check, `npm stop` to stop.');
    process.exit(0);
  }
  console.log('\nPress Ctrl-C to stop everything.');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Daybook`);
    await stopAll();
    console.log('stopped.');
    process.exit(0);
  };
  // SIGHUP too: a closed terminal must not leave the platform running without its owner.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // The children are unref'd (so --detach can return): hold the event loop open ourselves.
  setInterval(() => {}, 60_000);
  for (const p of started) {
    void p.exited.then((code) => {
      if (!stopping) step('warn', `${p.name} exited with ${code}; see ${p.logFile}`);
    });
  }
}

async function stop(): Promise<void> {
  const state: PlatformState | undefined = existsSync(STATE_FILE)
    ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as PlatformState)
    : undefined;
  // Without a state file, a substrate-only start may still be up: its pid files say so.
  const names = state?.processes ?? ['scheduler', 'kafka', 'mailpit'];
  let stopped = 0;
  for (const name of [...names].reverse()) {
    if (await stopByName(name, PID_DIR, 15_000)) {
      step('stop', name);
      stopped++;
    }
  }
  if ((state?.ownsPostgres ?? true) && stopOwnedPostgres()) {
    step('stop', 'postgres');
    stopped++;
  }
  rmSync(STATE_FILE, { force: true });
  console.log(stopped > 0 ? 'Daybook stopped.' : 'Nothing of Daybook was running.');
}

/**
 * Only PostgreSQL, Kafka and the Scheduler, left running in the background with no owner:
 * for running services from an editor, or several test runs side by side. Stop them with
 * `npm stop` after a full start, or see docs/runbook.md.
 */
async function substrate(): Promise<void> {
  const [pg, kafka, bins] = await Promise.all([
    ensurePostgres(),
    ensureKafka(),
    Promise.resolve().then(ensureDaprBinaries),
  ]);
  await ensureScheduler(bins);
  const mailpit = await ensureMailpit();
  console.log(
    `\nDATABASE_URL=${pg.url}\nKAFKA_BROKERS=${kafka.brokers.join(',')}\nScheduler localhost:${PORTS.scheduler}` +
      `\nSMTP_HOST=${mailpit.smtpHost} SMTP_PORT=${mailpit.smtpPort} (Mailpit web UI ${mailpit.url})`,
  );
  process.exit(0);
}

async function main() {
  const [command = 'start', ...flags] = process.argv.slice(2);
  if (command === 'start') return start(flags.includes('--detach') || flags.includes('-d'));
  if (command === 'stop') return stop();
  if (command === 'substrate') return substrate();
  if (command === 'status') {
    const ok = await printStatus(loadTopology());
    process.exit(ok ? 0 : 1);
  }
  throw new Error(`unknown command "${command}" (start [--detach] | stop | status)`);
}

main().catch((err: Error) => {
  console.error(`\n${err.message}`);
  process.exit(1);
});
