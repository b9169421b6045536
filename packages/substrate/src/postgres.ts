import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { step } from './log';
import { realClockEnv } from './processes';
import { DATA_DIR, LOG_DIR, PORTS } from './paths';
import { waitFor } from './wait';

const isRoot = () => process.getuid?.() === 0;

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Debian puts each major version's server in /usr/lib/postgresql/<major>/bin. */
function findServerBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(base, majors[0], 'bin') : undefined;
}

function installServer(): string {
  if (!isRoot()) {
    throw new Error(
      'PostgreSQL server not found. Install it (Debian: sudo apt-get install postgresql) or set DATABASE_URL.',
    );
  }
  step('postgres', 'installing Debian package postgresql (once)');
  execFileSync('apt-get', ['install', '-y', '-q', 'postgresql'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...realClockEnv(), DEBIAN_FRONTEND: 'noninteractive' },
  });
  const bin = findServerBin();
  if (!bin) throw new Error('apt-get install postgresql finished but no server binary was found');
  return bin;
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root (the server refuses root). */
function pgTool(bin: string, tool: string, args: string[]) {
  const cmd = join(bin, tool);
  const res = isRoot()
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', env: realClockEnv() })
    : spawnSync(cmd, args, { encoding: 'utf8', env: realClockEnv() });
  return { status: res.status, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

export interface PostgresHandle {
  /** Connection string of the `daybook` database. */
  url: string;
  /** Connection string for administrative work (creating test databases). */
  adminUrl: string;
  ownedByUs: boolean;
  /** The cluster's data directory, when this process started it. */
  dataDir?: string;
  stop(): Promise<void>;
}

const localUrl = (db: string) => `postgresql://daybook@127.0.0.1:${PORTS.postgres}/${db}`;

/**
 * DATABASE_URL when given (it must answer); otherwise a cluster this clone owns, on
 * 127.0.0.1 only, created and started on demand.
 */
export async function ensurePostgres(): Promise<PostgresHandle> {
  const given = process.env.DATABASE_URL;
  if (given) {
    if (!(await canConnect(given))) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer at it`);
    step('postgres', 'using DATABASE_URL');
    return { url: given, adminUrl: given, ownedByUs: false, stop: async () => {} };
  }
  const url = localUrl('daybook');
  if (await canConnect(url)) {
    step('postgres', `already running on 127.0.0.1:${PORTS.postgres}`);
    return { url, adminUrl: url, ownedByUs: false, stop: async () => {} };
  }
  const bin = findServerBin() ?? installServer();
  const dataDir = join(DATA_DIR, 'postgres');
  mkdirSync(LOG_DIR, { recursive: true });
  initCluster(bin, dataDir, PORTS.postgres);
  step('postgres', `starting on 127.0.0.1:${PORTS.postgres}`);
  // The server writes its log as the postgres user, which may not reach the clone (a
  // home directory is closed to others): keep it beside the data, linked from the logs.
  const logFile = join(DATA_DIR, 'postgres-log', 'postgres.log');
  startCluster(bin, dataDir, logFile, PORTS.postgres);
  rmSync(join(LOG_DIR, 'postgres.log'), { force: true });
  symlinkSync(logFile, join(LOG_DIR, 'postgres.log'));
  const adminUrl = localUrl('postgres');
  await waitFor('PostgreSQL to accept connections', () => canConnect(adminUrl), { timeoutMs: 60_000 });
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'daybook'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE daybook');
  await admin.end();
  return {
    url,
    adminUrl,
    ownedByUs: true,
    dataDir,
    stop: async () => {
      step('postgres', 'stopping');
      pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}

/** Creates a loopback-only cluster in `dataDir` listening on `port`, unless one is there. */
function initCluster(bin: string, dataDir: string, port: number, durable = false): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  step('postgres', `creating a cluster in ${dataDir}`);
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { mode: 0o700 });
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  const init = pgTool(bin, 'initdb', [
    '-D',
    dataDir,
    '-U',
    'daybook',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-instructions',
  ]);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  // Local development cluster: loopback only; durability traded for speed of tests.
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `listen_addresses = '127.0.0.1'`,
      `port = ${port}`,
      `unix_socket_directories = '/tmp'`,
      `max_connections = 400`,
      `shared_buffers = '256MB'`,
      // A commit survives a server crash only when durable (what a restart test needs); the
      // shared local cluster trades that for speed. fsync stays off: only a crash of the
      // machine, not of the server, loses what the OS has not yet written.
      `synchronous_commit = ${durable ? 'on' : 'off'}`,
      `fsync = off`,
      `full_page_writes = off`,
      '',
    ].join('\n'),
  );
  if (isRoot()) execFileSync('chown', ['postgres:postgres', join(dataDir, 'postgresql.auto.conf')]);
}

/** Starts the cluster on `port` (given at each start: a cluster made before a port change follows it). */
function startCluster(bin: string, dataDir: string, logFile: string, port: number): void {
  mkdirSync(dirname(logFile), { recursive: true });
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dirname(logFile)]);
  const start = pgTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', `-p ${port}`, '-w', '-t', '60', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed:\n${start.output}\nsee ${logFile}`);
}

export interface PrivatePostgres {
  /** Connection string for administrative work (creating databases). */
  adminUrl: string;
  /**
   * Restarts the server as an operator would: `fast` (clean shutdown, sessions
   * terminated) or `immediate` (no shutdown checkpoint: crash recovery on start).
   */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server (`fast` or `immediate`); `start` brings it back. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Terminates server-side every backend whose application_name is `applicationName`. */
  terminate(applicationName: string): Promise<number>;
  /** Stops the server for good and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of its own, in `dataDir` on `port`: for a test that restarts or
 * breaks the database, which it must never do to the one other tests share.
 */
export async function startPrivatePostgres(opts: { dataDir: string; port: number }): Promise<PrivatePostgres> {
  const bin = findServerBin() ?? installServer();
  initCluster(bin, opts.dataDir, opts.port, true);
  const logFile = `${opts.dataDir}-log/postgres.log`;
  const adminUrl = `postgresql://daybook@127.0.0.1:${opts.port}/postgres`;
  const start = async () => {
    startCluster(bin, opts.dataDir, logFile, opts.port);
    await waitFor('the private PostgreSQL to accept connections', () => canConnect(adminUrl), { timeoutMs: 60_000 });
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const stopped = pgTool(bin, 'pg_ctl', ['-D', opts.dataDir, '-m', mode, '-w', 'stop']);
    if (stopped.status !== 0) throw new Error(`pg_ctl stop -m ${mode} failed:\n${stopped.output}`);
  };
  await start();
  return {
    adminUrl,
    start,
    stop,
    restart: async (mode) => {
      await stop(mode);
      await start();
    },
    terminate: async (applicationName) => {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        const { rowCount } = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        return rowCount ?? 0;
      } finally {
        await admin.end();
      }
    },
    destroy: async () => {
      pgTool(bin, 'pg_ctl', ['-D', opts.dataDir, '-m', 'immediate', '-w', 'stop']);
      rmSync(opts.dataDir, { recursive: true, force: true });
      rmSync(dirname(logFile), { recursive: true, force: true });
    },
  };
}

/** Stops the cluster in `dataDir` (fast shutdown), if it runs. */
export function stopPostgresAt(dataDir: string): boolean {
  const bin = findServerBin();
  if (!bin || !existsSync(join(dataDir, 'postmaster.pid'))) return false;
  return pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).status === 0;
}

/** Stops the cluster this clone owns, if it runs (for `npm stop`). */
export function stopOwnedPostgres(): boolean {
  const bin = findServerBin();
  const dataDir = join(DATA_DIR, 'postgres');
  if (!bin || !existsSync(join(dataDir, 'postmaster.pid'))) return false;
  return pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).status === 0;
}
