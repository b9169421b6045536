import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    step('postgres', `creating a cluster in ${dataDir}`);
    mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o700 });
    if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', join(DATA_DIR, 'postgres')]);
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
        `port = ${PORTS.postgres}`,
        `unix_socket_directories = '/tmp'`,
        `max_connections = 400`,
        `shared_buffers = '256MB'`,
        `synchronous_commit = off`,
        `fsync = off`,
        `full_page_writes = off`,
        '',
      ].join('\n'),
    );
    if (isRoot()) execFileSync('chown', ['postgres:postgres', join(dataDir, 'postgresql.auto.conf')]);
  }
  step('postgres', `starting on 127.0.0.1:${PORTS.postgres}`);
  // The server writes its log as the postgres user, which may not reach the clone (a
  // home directory is closed to others): keep it beside the data, linked from the logs.
  const logFile = join(DATA_DIR, 'postgres-log', 'postgres.log');
  mkdirSync(join(DATA_DIR, 'postgres-log'), { recursive: true });
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', join(DATA_DIR, 'postgres-log')]);
  rmSync(join(LOG_DIR, 'postgres.log'), { force: true });
  symlinkSync(logFile, join(LOG_DIR, 'postgres.log'));
  const start = pgTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed:\n${start.output}\nsee ${logFile}`);
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
    stop: async () => {
      step('postgres', 'stopping');
      pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}

/** Stops the cluster this clone owns, if it runs (for `npm stop`). */
export function stopOwnedPostgres(): boolean {
  const bin = findServerBin();
  const dataDir = join(DATA_DIR, 'postgres');
  if (!bin || !existsSync(join(dataDir, 'postmaster.pid'))) return false;
  return pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).status === 0;
}
