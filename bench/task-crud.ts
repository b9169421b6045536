// Task CRUD benchmark: create → read → update → complete → delete through the full path
// (HTTP → tasks service → PostgreSQL → outbox → Dapr → Kafka), at several numbers of
// concurrent clients, against the same five operations done directly on PostgreSQL with
// `pg` in the same run (the floor). Figures go to docs/performance.md.
//
//   npm run bench:tasks -- [--seconds 10] [--warmup 3] [--clients 50,200,500] [--think-ms 0]
//                          [--no-floor] [--http-floor] [--generator node|wrk]
//
// --generator wrk drives the cycle from wrk (Debian's `wrk`, bench/task-cycle.lua) instead of
// this process's fetch: a generator that costs ~0.2–0.3 ms of CPU per operation instead of ~2.
// --http-floor also drives the cycle, the same way, against bench/bare-task-server.ts: node:http
// and `pg`, one statement per operation, nothing else. Its CPU per operation is the least any
// Node service can spend on the cycle on this machine.
//
// Over each measured window it also reads /proc/<pid>/stat of every process on the path
// (the tasks service, its daprd, the PostgreSQL backends of the bench's database and the
// server's background processes, Kafka, the load generator itself) and prints each one's
// CPU per operation: on a shared machine that figure is steady where throughput is not.
// DAYBOOK_SERVICE_NODE_ARGS passes node flags to the service (e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof" to profile it).
//
// With --think-ms 0 (the default) every client sends its next request as soon as the last
// one answers: a saturation test, where latency is mostly queueing. With --think-ms N each
// client pauses 0.5–1.5 × N ms after every operation, as a person using the app would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { startStack } from '@daybook/testing';
import { cpuTable, cpuWindow, pidsByCommandLine, type CpuRow, type ProcessGroup } from './cpu';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const CLIENTS = arg('clients', '50,200,500').split(',').map(Number);
const THINK_MS = Number(arg('think-ms', '0'));
const WARMUP_SECONDS = Number(arg('warmup', '3'));
const FLOOR = !process.argv.includes('--no-floor');
/** Also drive the same cycle against bench/bare-task-server.ts: the least a Node service can cost here. */
const HTTP_FLOOR = process.argv.includes('--http-floor');
/** `node` (this process's fetch, the default) or `wrk` (bench/task-cycle.lua, Debian's wrk). */
const GENERATOR = arg('generator', 'node');

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  opsPerSecond: number;
  errors: number;
  /** p50 / p95 of each of the cycle's operations, in order. */
  byOperation: { name: string; p50: number; p95: number }[];
  /** CPU of each process over the measured window. */
  cpu?: CpuRow[];
  operations: number;
}

/** The operations of one cycle, in the order each client runs them. */
const OPERATIONS = ['create', 'get', 'update', 'complete', 'delete'];

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/**
 * Runs `clients` loops of `cycle` for WARMUP_SECONDS unmeasured (connections, JIT, caches),
 * then for SECONDS measured. With a think time, clients start at random moments within it,
 * as people do, instead of all at once.
 */
async function load(
  clients: number,
  cycle: (record: (ms: number) => void) => Promise<void>,
  processes?: ProcessGroup[],
): Promise<Figures> {
  const latencies: number[] = [];
  const byOperation = OPERATIONS.map(() => [] as number[]);
  let errors = 0;
  const errorKinds = new Set<string>();
  /** Operations that ended inside the CPU window (the measured seconds). */
  let windowOps = 0;
  const measureFrom = performance.now() + WARMUP_SECONDS * 1000;
  const end = measureFrom + SECONDS * 1000;
  let cpu: Promise<CpuRow[]> | undefined;
  const cpuTimer = processes
    ? setTimeout(() => {
        const window = cpuWindow(processes);
        cpu = new Promise((resolve, reject) =>
          setTimeout(() => window.then((stop) => stop()).then(resolve, reject), SECONDS * 1000),
        );
      }, WARMUP_SECONDS * 1000)
    : undefined;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      if (THINK_MS > 0) await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
      while (performance.now() < end) {
        const measured = performance.now() >= measureFrom;
        let k = 0;
        try {
          await cycle((ms) => {
            const now = performance.now();
            if (now >= measureFrom && now <= end) windowOps++;
            if (measured) {
              latencies.push(ms);
              byOperation[k]?.push(ms);
            }
            k++;
          });
        } catch (error) {
          if (measured) errors++;
          // One line per kind of failure, so a run with errors says what they were.
          const message = error instanceof Error ? error.message : String(error);
          if (!errorKinds.has(message)) {
            errorKinds.add(message);
            console.error(`  error: ${message}`);
          }
        }
      }
    }),
  );
  const elapsed = performance.now() - measureFrom;
  clearTimeout(cpuTimer);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  sorted(latencies);
  return {
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    opsPerSecond: (latencies.length / elapsed) * 1000,
    operations: windowOps,
    ...(cpu ? { cpu: await cpu } : {}),
    errors,
    byOperation: byOperation.map((xs, i) => {
      sorted(xs);
      return { name: OPERATIONS[i]!, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) };
    }),
  };
}

/** Runs wrk once (one connection per thread, see bench/task-cycle.lua) and reads its figures. */
async function runWrk(
  clients: number,
  seconds: number,
  baseUrl: string,
  tokensFile: string,
  onStart?: (pid: number) => void,
): Promise<{
  requests: number;
  durationUs: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  errors: number;
  socketErrors: number;
}> {
  const resultFile = join(mkdtempSync(join(tmpdir(), 'bench-wrk-')), 'result.json');
  const script = join(__dirname, 'task-cycle.lua');
  const child = spawn(
    'wrk',
    ['-t', String(clients), '-c', String(clients), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, baseUrl],
    {
      env: { ...process.env, TOKENS_FILE: tokensFile, THINK_MS: String(THINK_MS), RESULT_FILE: resultFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  onStart?.(child.pid!);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) =>
      reject(new Error(`could not run wrk (${err.message}): apt-get install wrk, or use --generator node`)),
    );
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`wrk exited with ${code}`);
  return JSON.parse(readFileSync(resultFile, 'utf8'));
}

/**
 * The closed (or thinking) loop driven by wrk instead of this process: a warm-up run, then
 * the measured run with the CPU window around it. wrk's own CPU is the generator's.
 */
async function loadWithWrk(
  clients: number,
  baseUrl: string,
  tokens: string[],
  processes: ProcessGroup[],
): Promise<Figures> {
  const tokensFile = join(mkdtempSync(join(tmpdir(), 'bench-tokens-')), 'tokens');
  writeFileSync(tokensFile, tokens.join('\n') + '\n');
  if (WARMUP_SECONDS > 0) await runWrk(clients, WARMUP_SECONDS, baseUrl, tokensFile);
  let wrkPid = 0;
  const groups = processes.map((g) =>
    g.self ? { name: 'load generator (wrk)', pids: () => (wrkPid ? [wrkPid] : []) } : g,
  );
  let stop: (() => Promise<CpuRow[]>) | undefined;
  // wrk's pid exists only once it is spawned: its CPU before the window opens is a few ms.
  let cpuDone: Promise<CpuRow[]> | undefined;
  const r = await runWrk(clients, SECONDS, baseUrl, tokensFile, (pid) => {
    wrkPid = pid;
    cpuDone = cpuWindow(groups).then((s) => {
      stop = s;
      return new Promise<CpuRow[]>((resolve, reject) => {
        // Closed just before wrk exits (it stops sending at SECONDS).
        setTimeout(() => stop!().then(resolve, reject), SECONDS * 1000 - 50);
      });
    });
  });
  const cpu = await cpuDone!;
  const ms = (us: number) => us / 1000;
  return {
    p50: ms(r.p50Us),
    p95: ms(r.p95Us),
    p99: ms(r.p99Us),
    opsPerSecond: r.requests / (r.durationUs / 1e6),
    errors: r.errors + r.socketErrors,
    byOperation: [],
    operations: Math.round((r.requests * (SECONDS - 0.05)) / (r.durationUs / 1e6)),
    cpu,
  };
}

/** Runs and times one operation, then pauses for the client's think time (if any). */
const timed = async <T>(record: (ms: number) => void, op: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const result = await op();
  record(performance.now() - t);
  if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
  return result;
};

async function main() {
  await globalSetup();
  const stack = await startStack({
    name: 'bench-tasks',
    services: ['tasks'],
    // OUTBOX_LINGER_MS from the bench's environment, to compare settings.
    env: {
      LOG_LEVEL: 'warn',
      ...(process.env.OUTBOX_LINGER_MS ? { OUTBOX_LINGER_MS: process.env.OUTBOX_LINGER_MS } : {}),
    },
  });
  const tasks = stack.services.tasks!;
  const pool = new Pool({
    connectionString: stack.db.url,
    max: 20,
    options: '-c search_path=tasks',
    application_name: 'bench-floor',
  });
  const monitor = new Pool({ connectionString: stack.db.url, max: 1, application_name: 'bench-monitor' });
  const database = new URL(stack.db.url).pathname.slice(1);
  const backends = async (where: string, params: unknown[] = []) =>
    (await monitor.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE ${where}`, params)).rows.map(
      (r) => r.pid,
    );
  /** Every process on the path (Kafka and PostgreSQL's background processes are shared with other users). */
  /** The bare server of --http-floor while it runs (bench/bare-task-server.ts). */
  let bare: ChildProcess | undefined;
  const processes = (run: 'service' | 'floor' | 'http-floor'): ProcessGroup[] => [
    run === 'http-floor'
      ? { name: 'bare node:http + pg server', pids: () => (bare?.pid ? [bare.pid] : []) }
      : { name: 'tasks service (node)', pids: () => (run === 'service' ? [tasks.process.pid] : []) },
    { name: 'daprd', pids: () => (run === 'service' ? [tasks.sidecar.process.pid] : []) },
    {
      name: "PostgreSQL, the bench database's backends",
      pids: () =>
        backends(
          run === 'service'
            ? `datname = $1 AND application_name NOT IN ('bench-floor', 'bench-http-floor', 'bench-monitor')`
            : `datname = $1 AND application_name = '${run === 'floor' ? 'bench-floor' : 'bench-http-floor'}'`,
          [database],
        ),
    },
    {
      name: 'PostgreSQL background (WAL writer, checkpointer…; shared)',
      pids: () => backends(`backend_type <> 'client backend'`),
    },
    { name: 'Kafka (shared)', pids: () => (run === 'service' ? pidsByCommandLine('kafka.Kafka') : []) },
    { name: 'load generator (this node process)', pids: () => [], self: true },
  ];
  /** Runs `drive` against the bare server, started for it and stopped after. */
  const withBareServer = async (drive: (baseUrl: string) => Promise<Figures>) => {
    // Its outbox: a copy of the real one (indexes, NOTIFY trigger), which no relay reads.
    await monitor.query(`
      CREATE TABLE IF NOT EXISTS tasks.bench_outbox_events (LIKE tasks.outbox_events INCLUDING ALL);
      CREATE OR REPLACE FUNCTION tasks.bench_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('bench_http_floor', ''); RETURN NULL; END $$;
      CREATE OR REPLACE TRIGGER bench_outbox_events_notify AFTER INSERT ON tasks.bench_outbox_events
        FOR EACH STATEMENT EXECUTE FUNCTION tasks.bench_notify();`);
    bare = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bare-task-server.ts')], {
      env: { ...process.env, DATABASE_URL: stack.db.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve) =>
        bare!.stdout!.once('data', (d: Buffer) => resolve(Number(d))),
      );
      return await drive(`http://127.0.0.1:${port}`);
    } finally {
      bare.kill();
      bare = undefined;
    }
  };
  const results: { clients: number; api: Figures; httpFloor?: Figures; floor?: Figures }[] = [];
  try {
    for (const clients of CLIENTS) {
      const users = Array.from({ length: clients }, () => randomUUID());
      // One access token per user, as a client keeps its token for its 15 minutes (the
      // earlier runs signed a new one per cycle: 0.1 ms of the generator's CPU each).
      const tokens = new Map(users.map((u) => [u, stack.token(u)]));
      let next = 0;
      /** One client's cycle through the API at `baseUrl` (the node generator's). */
      const apiCycle = (baseUrl: string) => async (record: (ms: number) => void) => {
        const user = users[next++ % users.length]!;
        const headers = {
          authorization: `Bearer ${tokens.get(user)!}`,
          'content-type': 'application/json',
        };
        const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
          const res = await fetch(`${baseUrl}${path}`, {
            method,
            headers: { ...headers, ...extra },
            body: body ? JSON.stringify(body) : undefined,
          });
          const json = (await res.json()) as { id: string; version: number };
          if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
          return json;
        };
        const t = await timed(record, () =>
          call('POST', '/api/tasks', { title: 'Benchmark task', priority: 'medium' }),
        );
        await timed(record, () => call('GET', `/api/tasks/${t.id}`));
        const u = await timed(record, () =>
          call('PATCH', `/api/tasks/${t.id}`, { title: 'Benchmark task, edited' }, { 'if-match': `"${t.version}"` }),
        );
        await timed(record, () =>
          call('POST', `/api/tasks/${t.id}/complete`, undefined, { 'if-match': `"${u.version}"` }),
        );
        await timed(record, () => call('DELETE', `/api/tasks/${t.id}`));
      };
      const drive = (baseUrl: string, groups: ProcessGroup[]) =>
        GENERATOR === 'wrk'
          ? loadWithWrk(clients, baseUrl, [...tokens.values()], groups)
          : load(clients, apiCycle(baseUrl), groups);
      const api = await drive(tasks.baseUrl, processes('service'));
      const httpFloor = HTTP_FLOOR
        ? await withBareServer((baseUrl) => drive(baseUrl, processes('http-floor')))
        : undefined;
      if (!FLOOR) {
        results.push({ clients, api, httpFloor });
        continue;
      }
      const floor = await load(
        clients,
        async (record) => {
          const id = randomUUID();
          const user = users[next++ % users.length]!;
          await timed(record, () =>
            pool.query(
              `INSERT INTO tasks (id, user_id, title, priority, position) VALUES ($1, $2, 'Benchmark task', 'medium', 'a0')`,
              [id, user],
            ),
          );
          await timed(record, () => pool.query('SELECT * FROM tasks WHERE id = $1 AND user_id = $2', [id, user]));
          await timed(record, () =>
            pool.query(`UPDATE tasks SET title = 'edited', version = version + 1 WHERE id = $1 AND version = 1`, [id]),
          );
          await timed(record, () =>
            pool.query(`UPDATE tasks SET status = 'done', completed_at = now(), version = version + 1 WHERE id = $1`, [
              id,
            ]),
          );
          await timed(record, () =>
            pool.query('UPDATE tasks SET deleted_at = now(), version = version + 1 WHERE id = $1', [id]),
          );
        },
        processes('floor'),
      );
      results.push({ clients, api, httpFloor, floor });
    }
  } finally {
    await pool.end();
    await monitor.end();
    await stack.stop();
    await globalTeardown();
  }
  const fmt = (f: Figures) =>
    `p50 ${f.p50.toFixed(1)} ms · p95 ${f.p95.toFixed(1)} ms · p99 ${f.p99.toFixed(1)} ms · ${Math.round(f.opsPerSecond)} ops/s · ${f.errors} errors`;
  console.log(
    `\n${SECONDS} s per run; each cycle = create, get, update, complete, delete; think time ${THINK_MS ? `${THINK_MS} ms` : 'none'}; generator ${GENERATOR}`,
  );
  for (const r of results) {
    console.log(
      `${String(r.clients).padStart(4)} clients  API  : ${fmt(r.api)}\n` +
        (r.httpFloor ? `${' '.repeat(14)}bare node:http + pg: ${fmt(r.httpFloor)}\n` : '') +
        (r.floor ? `${' '.repeat(14)}floor: ${fmt(r.floor)}\n` : '') +
        (r.api.byOperation.length
          ? `${' '.repeat(14)}API p50 / p95 by operation: ${r.api.byOperation
              .map((o) => `${o.name} ${o.p50.toFixed(1)} / ${o.p95.toFixed(1)} ms`)
              .join(' · ')}`
          : `${' '.repeat(14)}(generator: ${GENERATOR})`),
    );
    if (r.api.cpu) console.log(`\nCPU, API, ${r.clients} clients:\n${cpuTable(r.api.cpu, r.api.operations)}`);
    if (r.httpFloor?.cpu) {
      console.log(
        `\nCPU, bare node:http + pg, ${r.clients} clients:\n${cpuTable(r.httpFloor.cpu, r.httpFloor.operations)}`,
      );
    }
    if (r.floor?.cpu) {
      console.log(`\nCPU, floor, ${r.clients} clients:\n${cpuTable(r.floor.cpu, r.floor.operations)}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
