import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger, TokenVerifier } from '@daybook/service-kit';
import { CLOSE, MAX_CLIENT_FRAME_BYTES } from '../domain/protocol';
import type { ChangeFeedListener } from '../infrastructure/change-feed';
import type { ChangeNotice } from '../infrastructure/change-log';
import type { RealtimeMetrics } from '../infrastructure/realtime-metrics';
import type { CurrentCursor } from '../usecases/current-cursor';
import type { ReadChanges } from '../usecases/read-changes';
import { Session } from './session';

export interface SocketHubDeps {
  verifier: TokenVerifier;
  readChanges: ReadChanges;
  currentCursor: CurrentCursor;
  metrics: RealtimeMetrics;
  log: Logger;
  maxConnectionsPerUser: number;
  maxBufferedBytes: number;
  authTimeoutMs: number;
  heartbeatMs: number;
}

/**
 * The WebSocket endpoint /ws of this replica: accepts sockets on the service's HTTP server,
 * keeps them by user, and hands each committed change (heard from the change feed) to the
 * sockets of its user, and to nobody else.
 */
export class SocketHub implements ChangeFeedListener {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
  });
  private readonly sessions = new Set<Session>();
  private readonly byUser = new Map<string, Set<Session>>();
  private heartbeat?: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly deps: SocketHubDeps) {}

  /** Serves WebSocket upgrades of /ws on the service's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/ws' || this.closing) {
        socket.end(
          `HTTP/1.1 ${this.closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new Session(ws, {
          ...this.deps,
          admit: (s) => this.admit(s),
          release: (s) => this.release(s),
        });
        this.sessions.add(session);
        this.deps.metrics.openConnections.set(this.sessions.size);
      });
    });
    this.heartbeat = setInterval(() => this.beat(), this.deps.heartbeatMs);
    this.heartbeat.unref();
  }

  changed(notice: ChangeNotice): void {
    const sessions = this.byUser.get(notice.userId);
    if (!sessions) return;
    for (const session of sessions) session.offer(notice);
  }

  resumed(): void {
    for (const session of this.sessions) session.recheck();
  }

  /** Graceful shutdown: every client is told to reconnect (to another replica) with 1012. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const closed = [...this.sessions].map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.ws.readyState === s.ws.CLOSED) return resolve();
          s.ws.once('close', () => resolve());
          s.close(CLOSE.restarting, 'server restarting');
        }),
    );
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([Promise.all(closed), grace]);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private admit(session: Session): boolean {
    const userId = session.userId!;
    const sessions = this.byUser.get(userId) ?? new Set<Session>();
    if (sessions.size >= this.deps.maxConnectionsPerUser) return false;
    sessions.add(session);
    this.byUser.set(userId, sessions);
    return true;
  }

  private release(session: Session): void {
    if (!this.sessions.delete(session)) return;
    this.deps.metrics.openConnections.set(this.sessions.size);
    const userId = session.userId;
    const sessions = userId ? this.byUser.get(userId) : undefined;
    if (!sessions?.delete(session)) return;
    if (sessions.size === 0) this.byUser.delete(userId!);
  }

  /** Terminates sockets that did not answer the previous ping, and pings the rest. */
  private beat(): void {
    for (const session of this.sessions) {
      if (!session.alive) {
        this.deps.log.debug({ userId: session.userId }, 'socket did not answer a ping: terminated');
        this.deps.metrics.closed.inc({ code: 'terminated' });
        session.ws.terminate();
        continue;
      }
      session.alive = false;
      session.ws.ping();
    }
  }
}
