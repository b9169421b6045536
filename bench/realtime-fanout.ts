// Realtime fan-out benchmark: many concurrent WebSocket clients on one realtime replica
// (users with 2–3 devices each), and a task change through the full path (HTTP → tasks →
// outbox → Dapr → Kafka → realtime → LISTEN/NOTIFY → every device of the user), against a
// bare `ws` server holding the same sockets and broadcasting the same changes, measured in
// the same run (bench/bare-ws-server.ts). Figures go to docs/performance.md.
//
//   npm run bench:realtime -- [--sockets 5000] [--changes 300] [--rate 20]
//
// Reports p50/p95/p99 change-to-device latency (from the HTTP request that makes the
// change to each device's receipt of it), and RSS per idle connection of the server
// process (its RSS with every socket connected and idle, minus its RSS before, over the
// number of sockets).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import WebSocket from 'ws';
import { startStack, waitFor } from '@daybook/testing';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SOCKETS = Number(arg('sockets', '5000'));
const CHANGES = Number(arg('changes', '300'));
const RATE = Number(arg('rate', '20'));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const settle = () => new Promise((r) => setTimeout(r, 3_000));

/** Users with 2 or 3 devices each (2.5 on average), SOCKETS devices in all. */
function population() {
  const users: { id: string; devices: number }[] = [];
  for (let n = 0; n < SOCKETS;) {
    const devices = Math.min(users.length % 2 === 0 ? 2 : 3, SOCKETS - n);
    users.push({ id: randomUUID(), devices });
    n += devices;
  }
  return users;
}

interface Fleet {
  /** Arrival times (performance.now) of each marked change, per device. */
  arrivals: Map<string, number[]>;
  /** The same arrivals in wall-clock ms (to compare with database timestamps). */
  wallArrivals: Map<string, number[]>;
  sockets: WebSocket[];
}

/** Opens every device's socket, `concurrency` at a time; `hello` is its first frame. */
async function connect(
  url: string,
  users: { id: string; devices: number }[],
  hello: (userId: string) => string,
  markOf: (frame: string) => string | undefined,
): Promise<Fleet> {
  const fleet: Fleet = { arrivals: new Map(), wallArrivals: new Map(), sockets: [] };
  const queue = users.flatMap((u) => Array.from({ length: u.devices }, () => u.id));
  const one = (userId: string) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.on('error', reject);
      ws.on('open', () => ws.send(hello(userId)));
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.includes('"ready"')) return resolve();
        const mark = markOf(text);
        if (!mark) return;
        fleet.arrivals.set(mark, [...(fleet.arrivals.get(mark) ?? []), performance.now()]);
        fleet.wallArrivals.set(mark, [...(fleet.wallArrivals.get(mark) ?? []), Date.now()]);
      });
      fleet.sockets.push(ws);
    });
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) await one(u);
    }),
  );
  return fleet;
}

/** Makes CHANGES changes at RATE per second (open loop), each for one user, and times every device's receipt. */
async function drive(
  fleet: Fleet,
  users: { id: string; devices: number }[],
  change: (userId: string, mark: string) => Promise<void>,
) {
  const started = new Map<string, { at: number; devices: number }>();
  const sends: Promise<void>[] = [];
  const t0 = performance.now();
  for (let c = 0; c < CHANGES; c++) {
    const due = t0 + (c * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const user = users[(c * 7919) % users.length]!;
    const mark = `bench-${c}-${randomUUID().slice(0, 8)}`;
    started.set(mark, { at: performance.now(), devices: user.devices });
    sends.push(change(user.id, mark));
  }
  await Promise.all(sends);
  const expected = [...started.values()].reduce((n, s) => n + s.devices, 0);
  await waitFor(
    'every device to receive every change',
    () => [...fleet.arrivals.values()].reduce((n, a) => n + a.length, 0) >= expected,
    { timeoutMs: 120_000 },
  );
  const latencies = [...started].flatMap(([mark, s]) => (fleet.arrivals.get(mark) ?? []).map((at) => at - s.at));
  latencies.sort((x, y) => x - y);
  return {
    deliveries: latencies.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
  };
}

async function closeAll(fleet: Fleet) {
  await Promise.all(
    fleet.sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.terminate();
        }),
    ),
  );
}

async function main() {
  await globalSetup();
  const stack = await startStack({
    name: 'bench-realtime',
    services: ['tasks', 'realtime'],
    consumes: { realtime: ['task-events'] },
    env: { LOG_LEVEL: 'warn', REALTIME_MAX_CONNECTIONS_PER_USER: '10' },
  });
  const users = population();
  const results: string[] = [];
  try {
    // Daybook: realtime beside its sidecar.
    const realtime = stack.services.realtime!;
    const pid = realtime.process.child.pid!;
    await settle();
    const before = rssKb(pid);
    const connectStarted = performance.now();
    const fleet = await connect(
      `${realtime.baseUrl.replace('http', 'ws')}/ws`,
      users,
      (userId) => JSON.stringify({ type: 'auth', token: stack.token(userId), cursor: null }),
      (text) => /"title":"(bench-[^"]+)"/.exec(text)?.[1],
    );
    const connectMs = performance.now() - connectStarted;
    await settle();
    const perSocket = ((rssKb(pid) - before) * 1024) / SOCKETS;
    const tasks = stack.services.tasks!.baseUrl;
    const daybook = await drive(fleet, users, async (userId, mark) => {
      const res = await fetch(`${tasks}/api/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token(userId)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: mark }),
      });
      if (res.status !== 201) throw new Error(`task not created: ${res.status} ${await res.text()}`);
    });
    await closeAll(fleet);
    // realtime's own part: from the start of the transaction that recorded the change
    // (recorded_at) to each device, i.e. recording, commit, NOTIFY, and the push.
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    const recorded = new Map(
      (
        await db.query<{ title: string; at: Date }>(
          `SELECT data->'task'->>'title' AS title, recorded_at AS at FROM realtime.changes WHERE type = 'daybook.task.created.v1'`,
        )
      ).rows.map((r) => [r.title, r.at.getTime()]),
    );
    await db.end();
    const own = [...fleet.wallArrivals]
      .flatMap(([mark, ats]) => ats.map((at) => at - (recorded.get(mark) ?? NaN)))
      .filter((ms) => !Number.isNaN(ms))
      .sort((x, y) => x - y);
    results.push(
      `| realtime (recorded → device) | ${SOCKETS} | | ${quantile(own, 0.5).toFixed(1)} / ${quantile(own, 0.95).toFixed(1)} / ${quantile(own, 0.99).toFixed(1)} ms | ${own.length} | |`,
    );
    results.push(
      `| realtime (full path) | ${SOCKETS} | ${(perSocket / 1024).toFixed(1)} KB | ${daybook.p50.toFixed(1)} / ${daybook.p95.toFixed(1)} / ${daybook.p99.toFixed(1)} ms | ${daybook.deliveries} | ${(connectMs / 1000).toFixed(1)} s |`,
    );

    // Floor: a bare ws server, same sockets, same changes, broadcast on an HTTP POST.
    const bare = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bare-ws-server.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve) => bare.stdout.once('data', (d: Buffer) => resolve(Number(d))));
      await settle();
      const bareBefore = rssKb(bare.pid!);
      const bareStarted = performance.now();
      const bareFleet = await connect(
        `ws://127.0.0.1:${port}/ws`,
        users,
        (userId) => JSON.stringify({ user: userId }),
        (text) => /"title":"(bench-[^"]+)"/.exec(text)?.[1],
      );
      const bareConnectMs = performance.now() - bareStarted;
      await settle();
      const barePerSocket = ((rssKb(bare.pid!) - bareBefore) * 1024) / SOCKETS;
      const floor = await drive(bareFleet, users, async (userId, mark) => {
        await fetch(`http://127.0.0.1:${port}/broadcast?user=${userId}`, {
          method: 'POST',
          body: JSON.stringify({
            type: 'change',
            seq: 1,
            event: { type: 'daybook.task.created.v1', data: { task: { title: mark } } },
          }),
        });
      });
      await closeAll(bareFleet);
      results.push(
        `| bare ws (floor) | ${SOCKETS} | ${(barePerSocket / 1024).toFixed(1)} KB | ${floor.p50.toFixed(1)} / ${floor.p95.toFixed(1)} / ${floor.p99.toFixed(1)} ms | ${floor.deliveries} | ${(bareConnectMs / 1000).toFixed(1)} s |`,
      );
    } finally {
      bare.kill('SIGTERM');
    }
  } finally {
    await stack.stop();
    await globalTeardown();
  }
  console.log(`\n${SOCKETS} sockets (${users.length} users), ${CHANGES} changes at ${RATE}/s\n`);
  console.log(
    '| server | sockets | RSS per idle socket | change → device p50 / p95 / p99 | deliveries | connect all |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const line of results) console.log(line);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
