import WebSocket from 'ws';
import { waitFor } from '@daybook/substrate';

/** A frame the realtime service sent (JSON), as a test reads it. */
export interface ServerFrameSeen {
  type: string;
  seq?: number;
  cursor?: number;
  code?: string;
  message?: string;
  expiresAt?: string;
  event?: { id: string; type: string; time: string; data: Record<string, unknown> };
}

export interface TestSocket {
  ws: WebSocket;
  /** Every frame received so far, in order. */
  frames: ServerFrameSeen[];
  /** The `change` frames received so far. */
  changes(): ServerFrameSeen[];
  /** Set once the server closed the socket (or it failed). */
  closed?: { code: number; reason: string };
  send(frame: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Waits until a frame matching `match` has arrived, and returns it. */
  next(what: string, match: (f: ServerFrameSeen) => boolean, timeoutMs?: number): Promise<ServerFrameSeen>;
  /** Waits until the socket is closed and returns its close code. */
  closedWith(timeoutMs?: number): Promise<number>;
  /** Stops reading from the network (the server's send queue then grows): a slow client. */
  stopReading(): void;
  resumeReading(): void;
  close(): Promise<void>;
}

/** Opens a WebSocket to `url` (e.g. ws://127.0.0.1:port/ws) and records what it receives. */
export async function openTestSocket(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const socket: TestSocket = {
    ws,
    frames: [],
    changes: () => socket.frames.filter((f) => f.type === 'change'),
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    next: (what, match, timeoutMs = 30_000) =>
      waitFor(
        what,
        () => {
          const found = socket.frames.find(match);
          if (!found && socket.closed) throw new Error(`socket closed ${socket.closed.code} ${socket.closed.reason}`);
          return found;
        },
        { timeoutMs, intervalMs: 20 },
      ),
    closedWith: async (timeoutMs = 30_000) =>
      (await waitFor('the socket to close', () => socket.closed, { timeoutMs, intervalMs: 20 })).code,
    stopReading: () => {
      // ws keeps the socket private; pausing it is the only way to stop reading.
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    },
    resumeReading: () => {
      (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    },
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      const done = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.terminate();
      await done;
    },
  };
  ws.on('message', (data) => socket.frames.push(JSON.parse(data.toString()) as ServerFrameSeen));
  ws.on('close', (code, reason) => {
    socket.closed ??= { code, reason: reason.toString() };
  });
  ws.on('error', () => {
    socket.closed ??= { code: 1006, reason: 'error' };
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return socket;
}

/** Opens a socket, authenticates with `token` and `cursor`, and waits for `ready` (or `resync`). */
export async function connectDevice(url: string, token: string, cursor: number | null = null): Promise<TestSocket> {
  const socket = await openTestSocket(url);
  socket.send({ type: 'auth', token, cursor });
  await socket.next('ready', (f) => f.type === 'ready');
  return socket;
}
