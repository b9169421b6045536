import jwt from 'jsonwebtoken';
import { WebSocket, type RawData } from 'ws';
import type { Logger, TokenVerifier } from '@daybook/service-kit';
import { CLOSE, parseClientFrame, type ChangeView, type ServerFrame } from '../domain/protocol';
import type { ChangeNotice } from '../infrastructure/change-log';
import type { RealtimeMetrics } from '../infrastructure/realtime-metrics';
import type { CurrentCursor } from '../usecases/current-cursor';
import type { ReadChanges } from '../usecases/read-changes';

/** Changes read from the log per query. */
const PAGE = 200;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SessionDeps {
  verifier: TokenVerifier;
  readChanges: ReadChanges;
  currentCursor: CurrentCursor;
  metrics: RealtimeMetrics;
  log: Logger;
  maxBufferedBytes: number;
  authTimeoutMs: number;
  /** Admits an authenticated session (false: the user has too many connections). */
  admit(session: Session): boolean;
  /** The session ended. */
  release(session: Session): void;
}

type Phase = 'authenticating' | 'catching-up' | 'live' | 'closed';

/**
 * One client socket: authenticates it by its first frame, sends what it missed since its
 * cursor, then `ready`, then every new change of its user as it is committed.
 *
 * No gap and no duplicate: `sentSeq` is the last seq this socket was sent, and a change is
 * sent only if it is `sentSeq + 1` (from a notice) or read from the log after `sentSeq`.
 * Notices that arrive before `ready` are remembered and answered by one read of the log
 * right after it, so changes committed while the backlog is being sent are neither lost
 * nor sent twice.
 */
export class Session {
  userId?: string;
  sentSeq = 0;
  /** Cleared at each heartbeat, set by the client's pong. */
  alive = true;
  private phase: Phase = 'authenticating';
  private noticeWhileCatchingUp = false;
  private pumping?: Promise<void>;
  private pumpAgain = false;
  private frames: Promise<void> = Promise.resolve();
  private authTimer?: NodeJS.Timeout;
  private expiryTimer?: NodeJS.Timeout;
  private lastWrite?: Promise<void>;

  constructor(
    readonly ws: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.authTimer = setTimeout(
      () => this.fail(CLOSE.notAuthenticated, 'not-authenticated', 'no auth frame in time'),
      deps.authTimeoutMs,
    );
    ws.on('message', (data, isBinary) => {
      // One frame at a time, in order (a token refresh right after auth waits for it).
      this.frames = this.frames
        .then(() => this.onFrame(data, isBinary))
        .catch((err: unknown) => {
          deps.log.error({ err, userId: this.userId }, 'socket frame handling failed');
          this.close(1011, 'internal error');
        });
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (err) => deps.log.debug({ err, userId: this.userId }, 'socket error'));
    ws.on('close', () => this.ended());
  }

  get isLive(): boolean {
    return this.phase === 'live';
  }

  /** A change of this session's user was committed somewhere. */
  offer(notice: ChangeNotice): void {
    if (this.phase === 'catching-up') {
      this.noticeWhileCatchingUp = true;
      return;
    }
    if (this.phase !== 'live' || notice.seq <= this.sentSeq) return;
    if (notice.seq === this.sentSeq + 1 && notice.change && !this.pumping) {
      this.sendChange(notice.change);
      return;
    }
    this.pump();
  }

  /** Notices may have been missed (the change feed reconnected): read the log. */
  recheck(): void {
    if (this.phase === 'catching-up') this.noticeWhileCatchingUp = true;
    else if (this.phase === 'live') this.pump();
  }

  /** Closes the socket, telling the client why (an `error` frame first, when there is a code). */
  fail(code: number, errorCode: string, message: string): void {
    if (this.phase === 'closed') return;
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ type: 'error', code: errorCode, message } satisfies ServerFrame));
      this.deps.metrics.messagesSent.inc({ type: 'error' });
    }
    this.close(code, errorCode);
  }

  close(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.deps.metrics.closed.inc({ code: String(code) });
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
    this.ended();
  }

  private ended(): void {
    if (this.phase !== 'closed') this.phase = 'closed';
    clearTimeout(this.authTimer);
    clearTimeout(this.expiryTimer);
    this.deps.release(this);
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (this.phase === 'closed') return;
    if (isBinary) return this.fail(CLOSE.badFrame, 'bad-frame', 'frames must be JSON text, not binary');
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return this.fail(CLOSE.badFrame, 'bad-frame', parsed.message);
    const frame = parsed.frame;
    if (this.phase === 'authenticating') {
      if (frame.type !== 'auth') {
        return this.fail(CLOSE.notAuthenticated, 'not-authenticated', 'the first frame must be {"type":"auth"}');
      }
      return this.authenticate(frame.token, frame.cursor);
    }
    switch (frame.type) {
      case 'auth':
        return this.fail(CLOSE.badFrame, 'bad-frame', 'type: already authenticated (send "token" to refresh)');
      case 'token':
        return this.refresh(frame.token);
      case 'ping':
        this.send({ type: 'pong' });
        return;
    }
  }

  private async authenticate(token: string, cursor: number | null): Promise<void> {
    clearTimeout(this.authTimer);
    const user = await this.verify(token);
    if (!user || this.phase === 'closed') return;
    this.userId = user.id;
    if (!this.deps.admit(this)) {
      return this.fail(CLOSE.tooManyConnections, 'too-many-connections', 'too many connections for this user');
    }
    this.phase = 'catching-up';
    void this.catchUp(cursor).catch((err: unknown) => {
      this.deps.log.error({ err, userId: this.userId }, 'catching a socket up failed');
      this.close(1011, 'internal error');
    });
  }

  private async refresh(token: string): Promise<void> {
    const user = await this.verify(token);
    if (!user || this.phase === 'closed') return;
    if (user.id !== this.userId) {
      return this.fail(CLOSE.notAuthenticated, 'not-authenticated', 'token: belongs to another user');
    }
    this.send({ type: 'token-accepted', expiresAt: user.expiresAt.toISOString() });
  }

  /** Verifies a token and (re)arms the expiry close; closes the socket and answers undefined when it is bad. */
  private async verify(token: string): Promise<{ id: string; expiresAt: Date } | undefined> {
    let id: string;
    try {
      id = (await this.deps.verifier.verify(token)).id;
    } catch (err) {
      if ((err as Error).message.includes('expired')) {
        this.fail(CLOSE.tokenExpired, 'token-expired', 'token: access token expired');
      } else {
        this.fail(CLOSE.notAuthenticated, 'not-authenticated', 'token: invalid access token');
      }
      return undefined;
    }
    // Verified just above, so its claims can be read as they are.
    const exp = (jwt.decode(token) as { exp?: unknown } | null)?.exp;
    if (typeof exp !== 'number') {
      this.fail(CLOSE.notAuthenticated, 'not-authenticated', 'token: access token without an expiry');
      return undefined;
    }
    const expiresAt = new Date(exp * 1000);
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => this.fail(CLOSE.tokenExpired, 'token-expired', 'access token expired: refresh and reconnect'),
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - Date.now())),
    );
    return { id, expiresAt };
  }

  /** Sends the backlog after `cursor` (or nothing, for a fresh client), then `ready`. */
  private async catchUp(cursor: number | null): Promise<void> {
    const userId = this.userId!;
    if (cursor === null) {
      this.sentSeq = await this.deps.currentCursor(userId);
    } else {
      this.sentSeq = cursor;
      await this.drain({ backlog: true });
    }
    if (this.phase !== 'catching-up') return;
    this.send({ type: 'ready', cursor: this.sentSeq });
    this.phase = 'live';
    if (this.noticeWhileCatchingUp) this.pump();
  }

  /** Reads the log after `sentSeq` until nothing is left; one pump at a time per socket. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.drain({ backlog: false });
      } while (this.pumpAgain && this.phase === 'live');
    })()
      .catch((err: unknown) => {
        this.deps.log.error({ err, userId: this.userId }, 'reading the change log for a socket failed');
        this.close(1011, 'internal error');
      })
      .finally(() => {
        this.pumping = undefined;
      });
  }

  private async drain({ backlog }: { backlog: boolean }): Promise<void> {
    const phase = this.phase;
    for (;;) {
      const page = await this.deps.readChanges({ userId: this.userId!, since: this.sentSeq, limit: PAGE });
      if (this.phase !== phase) return;
      if (page.kind === 'resync') {
        this.sentSeq = page.cursor;
        this.deps.metrics.resyncs.inc({ via: 'ws' });
        this.send({ type: 'resync', cursor: page.cursor });
        return;
      }
      for (const change of page.changes) {
        if (change.seq !== this.sentSeq + 1) continue; // sent already (from a notice)
        if (!this.sendChange(change, { backlog })) return;
        // A backlog is sent as fast as the client reads it, never queued beyond the limit.
        if (backlog && this.ws.bufferedAmount > this.deps.maxBufferedBytes) await this.flushed();
        if (this.phase !== phase) return;
      }
      if (!page.hasMore) return;
    }
  }

  private sendChange(change: ChangeView, { backlog = false } = {}): boolean {
    if (!this.send({ type: 'change', ...change }, { backlog })) return false;
    this.sentSeq = change.seq;
    if (!backlog)
      this.deps.metrics.changeToPush.observe(Math.max(0, Date.now() - Date.parse(change.event.time)) / 1000);
    return true;
  }

  /** Sends a frame unless the socket's queue is over the limit, in which case it is cut (4008). */
  private send(frame: ServerFrame, { backlog = false } = {}): boolean {
    if (this.phase === 'closed' || this.ws.readyState !== WebSocket.OPEN) return false;
    // Live frames to a socket whose queue is full cut it (it resumes from its cursor); the
    // backlog waits for the queue to drain instead (see drain).
    if (!backlog && this.ws.bufferedAmount > this.deps.maxBufferedBytes) {
      this.deps.metrics.slowConsumersDropped.inc();
      this.deps.log.info({ userId: this.userId, buffered: this.ws.bufferedAmount }, 'slow consumer cut');
      this.close(CLOSE.slowConsumer, 'slow consumer');
      return false;
    }
    const text = JSON.stringify(frame);
    if (backlog) this.lastWrite = new Promise((resolve) => this.ws.send(text, () => resolve()));
    else this.ws.send(text);
    this.deps.metrics.messagesSent.inc({ type: frame.type });
    return true;
  }

  /** Resolves once the last backlog frame was handed to the network (or failed). */
  private flushed(): Promise<void> {
    return this.lastWrite ?? Promise.resolve();
  }
}
