// The realtime client: one WebSocket to /ws (docs/api.md, "realtime"; the protocol is in
// API-CONTRACT: auth in the first frame, a per-user `seq` cursor, `ready`/`resync`, token
// refresh on the open socket, close codes). It keeps the last seq it applied, resumes with it,
// and never applies a change twice or skips one: a gap the server cannot serve comes back as
// `resync`, and then the app refetches what it shows.
//
// No framework here, so the state machine is unit-tested against a real `ws` server.

export interface ChangeEvent {
  id: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

export type SyncStatus =
  /** Not started, or stopped (signed out, or the session ended). */
  | 'stopped'
  /** Opening the socket, authenticating, catching up on missed changes. */
  | 'connecting'
  /** Caught up: changes arrive as they happen. */
  | 'live'
  /** The socket closed; a new one opens after a delay. */
  | 'reconnecting'
  /** The browser says there is no network: nothing is tried until it comes back. */
  | 'offline';

export interface RealtimeState {
  status: SyncStatus;
  /** When the app last knew it had every change (ready, a change, a pong, a finished resync). */
  lastSyncAt: number | null;
  /** The seq of the last change applied. */
  cursor: number | null;
  /** Failed connections in a row (reset once live). */
  attempt: number;
  /** When the next connection is tried, while reconnecting. */
  retryAt: number | null;
  /** The last close: its code and reason, for the indicator's tooltip. */
  lastClose: { code: number; reason: string } | null;
}

/** Where the cursor survives a reload (per user, e.g. localStorage). */
export interface CursorStore {
  load(): number | null;
  save(cursor: number): void;
}

/** The parts of the browser's WebSocket this client uses (the `ws` package has them too). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  /** ws(s)://host/ws */
  url: string;
  /** The current access token (null: none yet). */
  token(): string | null;
  /** When the current token expires (epoch ms), if known. */
  tokenExpiresAt?(): number | null;
  /** Gets a fresh access token; resolves false when the session is over (the client stops). */
  refreshToken(): Promise<boolean>;
  cursor: CursorStore;
  /** Applies one change, in seq order, exactly once. */
  onChange(event: ChangeEvent, seq: number): void;
  /** Refetches everything on screen over HTTP (after `resync`, or on a fresh start). */
  onResync(): Promise<void>;
  onState?(state: RealtimeState): void;
  createSocket?(url: string): SocketLike;
  /** First retry delay, and the cap (ms). */
  backoff?: { baseMs: number; maxMs: number };
  /** How often a ping is sent while live, and how long a pong may take. */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** How long auth → ready/resync may take before the socket is given up. */
  handshakeTimeoutMs?: number;
  /** The token is refreshed this long before it expires, on the open socket. */
  refreshAheadMs?: number;
  random?(): number;
  now?(): number;
}

/** Close codes of the protocol (API-CONTRACT). */
export const CloseCode = {
  badFrame: 4000,
  notAuthenticated: 4001,
  tokenExpired: 4002,
  slowConsumer: 4008,
  tooManyConnections: 4029,
  tooBig: 1009,
  serviceRestart: 1012,
} as const;

const OPEN = 1;

/** Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

type ServerFrame =
  | { type: 'change'; seq: number; event: ChangeEvent }
  | { type: 'ready'; cursor: number }
  | { type: 'resync'; cursor: number }
  | { type: 'token-accepted'; expiresAt: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private running = false;
  private online = true;
  private state: RealtimeState;
  private timers = new Map<'retry' | 'ping' | 'pong' | 'handshake' | 'refresh', ReturnType<typeof setTimeout>>();
  /** While a resync refetches, live changes wait here (applied after, if newer). */
  private held: { seq: number; event: ChangeEvent }[] | null = null;
  private sentToken: string | null = null;
  private readonly o: Required<
    Pick<RealtimeOptions, 'backoff' | 'heartbeat' | 'handshakeTimeoutMs' | 'refreshAheadMs' | 'random' | 'now'>
  > &
    RealtimeOptions;

  constructor(options: RealtimeOptions) {
    this.o = {
      backoff: { baseMs: 1_000, maxMs: 30_000 },
      heartbeat: { intervalMs: 25_000, timeoutMs: 10_000 },
      handshakeTimeoutMs: 15_000,
      refreshAheadMs: 30_000,
      random: Math.random,
      now: Date.now,
      ...options,
    };
    this.state = { status: 'stopped', lastSyncAt: null, cursor: null, attempt: 0, retryAt: null, lastClose: null };
  }

  get current(): RealtimeState {
    return this.state;
  }

  /** Changes received during a resync, applied once it is done. */
  get heldChanges(): number {
    return this.held?.length ?? 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.set({ cursor: this.o.cursor.load(), attempt: 0 });
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearTimers();
    this.detach(1000, 'signed out');
    this.held = null;
    this.set({ status: 'stopped', retryAt: null });
  }

  /** The browser's online/offline events. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!this.running) return;
    if (!online) {
      this.clearTimers();
      this.detach(1000, 'offline');
      this.set({ status: 'offline', retryAt: null });
    } else {
      this.set({ attempt: 0 });
      this.connect();
    }
  }

  /** A new access token (the session refreshed): sent on the open socket. */
  tokenChanged(): void {
    const token = this.o.token();
    if (!token || token === this.sentToken || this.state.status !== 'live') return;
    this.sendToken(token);
  }

  /** Reconnects now (e.g. "retry now" on the indicator). */
  reconnectNow(): void {
    if (!this.running || !this.online) return;
    this.clearTimers();
    this.detach(1000, 'reconnecting');
    this.connect();
  }

  private set(patch: Partial<RealtimeState>): void {
    this.state = { ...this.state, ...patch };
    this.o.onState?.(this.state);
  }

  private timer(name: 'retry' | 'ping' | 'pong' | 'handshake' | 'refresh', ms: number, run: () => void): void {
    clearTimeout(this.timers.get(name));
    this.timers.set(
      name,
      setTimeout(() => {
        this.timers.delete(name);
        run();
      }, ms),
    );
  }

  private clear(name: 'retry' | 'ping' | 'pong' | 'handshake' | 'refresh'): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  private clearTimers(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Forgets the current socket (its late events are ignored) and closes it. */
  private detach(code: number, reason: string): void {
    const s = this.socket;
    this.socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onerror = null;
    s.onclose = null;
    try {
      s.close(code, reason);
    } catch {}
  }

  private connect(): void {
    if (!this.running || !this.online) return;
    this.clear('retry');
    this.set({ status: this.state.attempt > 0 ? 'reconnecting' : 'connecting', retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.o.createSocket ? this.o.createSocket(this.o.url) : (new WebSocket(this.o.url) as SocketLike);
    } catch {
      this.closed(1006, 'could not open a socket');
      return;
    }
    this.socket = socket;
    this.held = null;
    socket.onopen = () => {
      const token = this.o.token();
      if (!token) {
        // Nothing to authenticate with yet: get one, then try again.
        this.detach(1000, 'no token');
        void this.refreshThen(() => this.retry());
        return;
      }
      this.sentToken = token;
      this.send({ type: 'auth', token, cursor: this.state.cursor });
      this.timer('handshake', this.o.handshakeTimeoutMs, () => this.drop('no answer to auth'));
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.closed(ev.code, ev.reason);
    };
    socket.onerror = () => {
      // A close event always follows; the close code decides what to do.
    };
  }

  private send(frame: object): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private sendToken(token: string): void {
    this.sentToken = token;
    this.send({ type: 'token', token });
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'change':
        this.change(frame.seq, frame.event);
        break;
      case 'ready':
        this.ready(frame.cursor);
        break;
      case 'resync':
        void this.resync(frame.cursor);
        break;
      case 'token-accepted':
        this.scheduleRefresh();
        break;
      case 'pong':
        this.clear('pong');
        if (this.state.status === 'live' && !this.held) this.set({ lastSyncAt: this.o.now() });
        break;
      case 'error':
        // The close that follows carries the code; the message is for the log.
        break;
    }
  }

  private change(seq: number, event: ChangeEvent): void {
    if (!Number.isInteger(seq)) return;
    if (this.held) {
      this.held.push({ seq, event });
      return;
    }
    this.apply(seq, event);
  }

  private apply(seq: number, event: ChangeEvent): void {
    // Exactly once: a change at or below the cursor was applied already.
    if (this.state.cursor !== null && seq <= this.state.cursor) return;
    try {
      this.o.onChange(event, seq);
    } catch {
      // A change the app cannot apply must not stop the stream; the cursor still moves on.
    }
    this.o.cursor.save(seq);
    this.set({ cursor: seq, lastSyncAt: this.o.now() });
  }

  private ready(cursor: number): void {
    this.clear('handshake');
    // After a resync the server says ready too: the refetch under way decides when we are live.
    if (this.held) return;
    const fresh = this.state.cursor === null;
    if (fresh) {
      // A fresh client got no backlog: what it loaded over HTTP may predate `cursor`.
      void this.resync(cursor);
      return;
    }
    if (cursor > (this.state.cursor ?? 0)) {
      this.o.cursor.save(cursor);
      this.set({ cursor });
    }
    this.live();
  }

  private async resync(cursor: number): Promise<void> {
    this.clear('handshake');
    const socket = this.socket;
    this.held = [];
    this.set({ status: 'connecting' });
    try {
      await this.o.onResync();
    } catch {
      // The refetch failed: keep the old cursor and try again later (resync again then).
      this.held = null;
      if (this.socket === socket) this.drop('refetch failed');
      return;
    }
    if (this.socket !== socket) return;
    const held = this.held;
    this.held = null;
    this.o.cursor.save(cursor);
    this.set({ cursor });
    for (const c of held) this.apply(c.seq, c.event);
    this.live();
  }

  private live(): void {
    this.set({ status: 'live', attempt: 0, retryAt: null, lastSyncAt: this.o.now() });
    this.schedulePing();
    this.scheduleRefresh();
    // The session may have refreshed while this socket was authenticating.
    this.tokenChanged();
  }

  private schedulePing(): void {
    this.timer('ping', this.o.heartbeat.intervalMs, () => {
      this.send({ type: 'ping' });
      this.timer('pong', this.o.heartbeat.timeoutMs, () => this.drop('no pong'));
      this.schedulePing();
    });
  }

  /** Refreshes the token on the open socket shortly before it expires. */
  private scheduleRefresh(): void {
    const expiresAt = this.o.tokenExpiresAt?.();
    if (!expiresAt) return;
    const inMs = Math.max(expiresAt - this.o.now() - this.o.refreshAheadMs, 1_000);
    this.timer('refresh', inMs, () => {
      void this.refreshThen(() => this.tokenChanged());
    });
  }

  private async refreshThen(next: () => void): Promise<void> {
    let ok = false;
    try {
      ok = await this.o.refreshToken();
    } catch {
      ok = false;
    }
    if (!this.running) return;
    if (!ok) {
      this.stop();
      return;
    }
    next();
  }

  /** Gives up a socket that stopped answering, as if it had closed. */
  private drop(reason: string): void {
    if (!this.socket) return;
    this.detach(4000, reason);
    this.closed(1006, reason);
  }

  private closed(code: number, reason: string): void {
    this.clear('ping');
    this.clear('pong');
    this.clear('handshake');
    this.clear('refresh');
    this.held = null;
    this.set({ lastClose: { code, reason } });
    if (!this.running) return;
    if (!this.online) {
      this.set({ status: 'offline', retryAt: null });
      return;
    }
    switch (code) {
      case CloseCode.serviceRestart:
        // Another replica takes the client over: at once, with the cursor.
        this.connect();
        return;
      case CloseCode.tokenExpired:
        this.set({ status: 'reconnecting' });
        void this.refreshThen(() => this.connect());
        return;
      case CloseCode.notAuthenticated:
        // A refresh may fix it; the backoff keeps a rejected token from looping fast.
        this.set({ status: 'reconnecting' });
        void this.refreshThen(() => this.retry());
        return;
      default:
        this.retry();
    }
  }

  private retry(): void {
    if (!this.running || !this.online) return;
    const attempt = this.state.attempt;
    // Too many connections: the others are busy, so wait at least a step longer.
    const floor = this.state.lastClose?.code === CloseCode.tooManyConnections ? 2 : 0;
    const delay = backoffDelay(Math.max(attempt, floor), this.o.backoff.baseMs, this.o.backoff.maxMs, this.o.random);
    this.set({ status: 'reconnecting', attempt: attempt + 1, retryAt: this.o.now() + delay });
    this.timer('retry', delay, () => this.connect());
  }
}
