// The realtime client's state machine against a real WebSocket server (the `ws` package),
// playing the server's side of the protocol frame by frame.
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { backoffDelay, RealtimeClient, type ChangeEvent, type RealtimeState, type SocketLike } from './realtime';

interface Conn {
  socket: WebSocket;
  frames: Record<string, unknown>[];
  next(): Promise<Record<string, unknown>>;
  send(frame: object): void;
  close(code: number, reason?: string): void;
}

let server: WebSocketServer;
let url: string;
let connections: Conn[];
let waitingForConnection: ((c: Conn) => void)[];

beforeEach(async () => {
  connections = [];
  waitingForConnection = [];
  server = new WebSocketServer({ port: 0, perMessageDeflate: false });
  await new Promise<void>((done) => server.once('listening', done));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  server.on('connection', (socket) => {
    const frames: Record<string, unknown>[] = [];
    const waiting: ((f: Record<string, unknown>) => void)[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      const w = waiting.shift();
      if (w) w(frame);
      else frames.push(frame);
    });
    const conn: Conn = {
      socket,
      frames,
      next: () => {
        const f = frames.shift();
        return f ? Promise.resolve(f) : new Promise((done) => waiting.push(done));
      },
      send: (frame) => socket.send(JSON.stringify(frame)),
      close: (code, reason = '') => socket.close(code, reason),
    };
    connections.push(conn);
    waitingForConnection.shift()?.(conn);
  });
});

afterEach(async () => {
  for (const c of server.clients) c.terminate();
  await new Promise((done) => server.close(done));
});

/** Waits for a condition, checking after every turn of the event loop. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((done) => setTimeout(done, 0));
}

function nextConnection(): Promise<Conn> {
  return new Promise((done) => waitingForConnection.push(done));
}

const event = (n: number): ChangeEvent => ({
  id: `e${n}`,
  type: 'daybook.task.updated.v1',
  time: new Date().toISOString(),
  data: { n },
});

function harness(opts: { cursor?: number | null; token?: string; refresh?: () => Promise<boolean> } = {}) {
  let stored = opts.cursor ?? null;
  let token = opts.token ?? 'token-1';
  const applied: number[] = [];
  const states: RealtimeState[] = [];
  const stateWaiters: { test: (s: RealtimeState) => boolean; done: (s: RealtimeState) => void }[] = [];
  let resyncs = 0;
  let finishResync: (() => void) | null = null;
  let holdResync = false;
  const client = new RealtimeClient({
    url,
    token: () => token,
    refreshToken: opts.refresh ?? (async () => true),
    cursor: { load: () => stored, save: (c) => (stored = c) },
    onChange: (_e, seq) => applied.push(seq),
    onResync: () => {
      resyncs++;
      if (!holdResync) return Promise.resolve();
      return new Promise<void>((done) => (finishResync = done));
    },
    onState: (s) => {
      states.push(s);
      for (const w of [...stateWaiters]) {
        if (w.test(s)) {
          stateWaiters.splice(stateWaiters.indexOf(w), 1);
          w.done(s);
        }
      }
    },
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    backoff: { baseMs: 20, maxMs: 100 },
    heartbeat: { intervalMs: 60_000, timeoutMs: 60_000 },
    handshakeTimeoutMs: 5_000,
  });
  return {
    client,
    applied,
    states,
    get stored() {
      return stored;
    },
    get resyncs() {
      return resyncs;
    },
    setToken: (t: string) => (token = t),
    holdResyncs: () => (holdResync = true),
    finishResync: () => finishResync?.(),
    until: (test: (s: RealtimeState) => boolean): Promise<RealtimeState> =>
      test(client.current) ? Promise.resolve(client.current) : new Promise((done) => stateWaiters.push({ test, done })),
  };
}

test('a fresh client authenticates with a null cursor, refetches, and takes the server cursor', async () => {
  const h = harness();
  const conn = nextConnection();
  h.client.start();
  const c = await conn;
  expect(await c.next()).toEqual({ type: 'auth', token: 'token-1', cursor: null });
  c.send({ type: 'ready', cursor: 7 });
  const live = await h.until((s) => s.status === 'live');
  expect(live.cursor).toBe(7);
  expect(h.stored).toBe(7);
  expect(h.resyncs).toBe(1);
  expect(live.lastSyncAt).not.toBeNull();
  h.client.stop();
});

test('a resuming client gets its missed changes once each, in order, then live ones', async () => {
  const h = harness({ cursor: 3 });
  const conn = nextConnection();
  h.client.start();
  const c = await conn;
  expect(await c.next()).toEqual({ type: 'auth', token: 'token-1', cursor: 3 });
  c.send({ type: 'change', seq: 3, event: event(3) }); // already applied before
  c.send({ type: 'change', seq: 4, event: event(4) });
  c.send({ type: 'change', seq: 5, event: event(5) });
  c.send({ type: 'ready', cursor: 5 });
  await h.until((s) => s.status === 'live');
  c.send({ type: 'change', seq: 5, event: event(5) }); // a duplicate
  c.send({ type: 'change', seq: 6, event: event(6) });
  await h.until((s) => s.cursor === 6);
  expect(h.applied).toEqual([4, 5, 6]);
  expect(h.stored).toBe(6);
  expect(h.resyncs).toBe(0);
  h.client.stop();
});

test('resync: the app refetches, live changes wait for it, then the cursor is the server’s', async () => {
  const h = harness({ cursor: 2 });
  h.holdResyncs();
  const conn = nextConnection();
  h.client.start();
  const c = await conn;
  await c.next();
  c.send({ type: 'resync', cursor: 40 });
  c.send({ type: 'ready', cursor: 40 }); // the server's ready after a resync: not live before the refetch
  c.send({ type: 'change', seq: 40, event: event(40) }); // covered by the refetch
  c.send({ type: 'change', seq: 41, event: event(41) });
  // Both changes reach the client while the refetch is still running.
  await eventually(() => h.client.heldChanges === 2);
  expect(h.resyncs).toBe(1);
  expect(h.applied).toEqual([]);
  expect(h.client.current.status).toBe('connecting');
  h.finishResync();
  await h.until((s) => s.status === 'live' && s.cursor === 41);
  expect(h.applied).toEqual([41]);
  expect(h.stored).toBe(41);
  h.client.stop();
});

test('1012 (server restarting): reconnects at once with the cursor', async () => {
  const h = harness({ cursor: 10 });
  let conn = nextConnection();
  h.client.start();
  const first = await conn;
  await first.next();
  first.send({ type: 'ready', cursor: 10 });
  await h.until((s) => s.status === 'live');
  first.send({ type: 'change', seq: 11, event: event(11) });
  await h.until((s) => s.cursor === 11);
  conn = nextConnection();
  first.close(1012, 'restarting');
  const second = await conn;
  expect(await second.next()).toEqual({ type: 'auth', token: 'token-1', cursor: 11 });
  // No backoff step was taken.
  expect(h.states.some((s) => s.retryAt !== null)).toBe(false);
  second.send({ type: 'ready', cursor: 11 });
  await h.until((s) => s.status === 'live');
  h.client.stop();
});

test.each([
  [4008, 'slow consumer'],
  [4000, 'bad frame'],
  [4029, 'too many connections'],
  [1009, 'frame too big'],
  [1011, 'server error'],
])('close %i (%s): reconnects after a backoff, with the cursor', async (code) => {
  const h = harness({ cursor: 1 });
  let conn = nextConnection();
  h.client.start();
  const first = await conn;
  await first.next();
  first.send({ type: 'ready', cursor: 1 });
  await h.until((s) => s.status === 'live');
  conn = nextConnection();
  first.close(code, 'bye');
  const waiting = await h.until((s) => s.status === 'reconnecting' && s.retryAt !== null);
  expect(waiting.lastClose?.code).toBe(code);
  const second = await conn;
  expect(await second.next()).toEqual({ type: 'auth', token: 'token-1', cursor: 1 });
  second.send({ type: 'ready', cursor: 1 });
  const live = await h.until((s) => s.status === 'live');
  expect(live.attempt).toBe(0);
  h.client.stop();
});

test('4002 (token expired): refreshes the token and reconnects with the new one', async () => {
  let refreshes = 0;
  const h = harness({
    cursor: 1,
    refresh: async () => {
      refreshes++;
      h.setToken('token-2');
      return true;
    },
  });
  let conn = nextConnection();
  h.client.start();
  const first = await conn;
  await first.next();
  first.send({ type: 'ready', cursor: 1 });
  await h.until((s) => s.status === 'live');
  conn = nextConnection();
  first.close(4002, 'token expired');
  const second = await conn;
  expect(refreshes).toBe(1);
  expect(await second.next()).toEqual({ type: 'auth', token: 'token-2', cursor: 1 });
  h.client.stop();
});

test('4001 with a session that cannot be refreshed: the client stops', async () => {
  const h = harness({ cursor: 1, refresh: async () => false });
  const conn = nextConnection();
  h.client.start();
  const c = await conn;
  await c.next();
  c.close(4001, 'bad token');
  const stopped = await h.until((s) => s.status === 'stopped');
  expect(stopped.lastClose?.code).toBe(4001);
  expect(connections).toHaveLength(1);
});

test('a refreshed token is sent on the open socket', async () => {
  const h = harness({ cursor: 1 });
  const conn = nextConnection();
  h.client.start();
  const c = await conn;
  await c.next();
  c.send({ type: 'ready', cursor: 1 });
  await h.until((s) => s.status === 'live');
  h.setToken('token-2');
  h.client.tokenChanged();
  expect(await c.next()).toEqual({ type: 'token', token: 'token-2' });
  h.client.tokenChanged(); // the same token is not sent twice
  c.send({ type: 'token-accepted', expiresAt: new Date(Date.now() + 900_000).toISOString() });
  h.client.stop();
  expect(c.frames).toEqual([]);
});

test('a socket whose pong never comes is given up and replaced', async () => {
  let stored: number | null = 1;
  const states: RealtimeState[] = [];
  const client = new RealtimeClient({
    url,
    token: () => 't',
    refreshToken: async () => true,
    cursor: { load: () => stored, save: (c) => (stored = c) },
    onChange: () => {},
    onResync: async () => {},
    onState: (s) => states.push(s),
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    backoff: { baseMs: 10, maxMs: 20 },
    heartbeat: { intervalMs: 30, timeoutMs: 30 },
  });
  let conn = nextConnection();
  client.start();
  const first = await conn;
  await first.next();
  conn = nextConnection();
  first.send({ type: 'ready', cursor: 1 });
  expect(await first.next()).toEqual({ type: 'ping' });
  // No pong: the client drops this socket and opens another.
  const second = await conn;
  expect(await second.next()).toEqual({ type: 'auth', token: 't', cursor: 1 });
  expect(states.some((s) => s.lastClose?.reason === 'no pong')).toBe(true);
  client.stop();
});

test('offline: nothing is tried until the network is back', async () => {
  const h = harness({ cursor: 1 });
  let conn = nextConnection();
  h.client.start();
  const first = await conn;
  await first.next();
  first.send({ type: 'ready', cursor: 1 });
  await h.until((s) => s.status === 'live');
  h.client.setOnline(false);
  await h.until((s) => s.status === 'offline');
  await new Promise<void>((done) => first.socket.once('close', () => done()));
  expect(connections).toHaveLength(1);
  conn = nextConnection();
  h.client.setOnline(true);
  const second = await conn;
  expect(await second.next()).toEqual({ type: 'auth', token: 'token-1', cursor: 1 });
  h.client.stop();
});

test('backoff grows exponentially up to the cap, with jitter in its upper half', () => {
  expect(backoffDelay(0, 1000, 30_000, () => 0)).toBe(500);
  expect(backoffDelay(0, 1000, 30_000, () => 1)).toBe(1000);
  expect(backoffDelay(3, 1000, 30_000, () => 0.5)).toBe(6000);
  expect(backoffDelay(20, 1000, 30_000, () => 1)).toBe(30_000);
});
