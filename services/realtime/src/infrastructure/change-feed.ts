import { Client } from 'pg';
import { ident, type Logger } from '@daybook/service-kit';
import type { ChangeView } from '../domain/protocol';
import { changesChannel, type ChangeNotice } from './change-log';
import type { RealtimeMetrics } from './realtime-metrics';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface ChangeFeedListener {
  /** A change was committed (by any replica). */
  changed(notice: ChangeNotice): void;
  /** The feed (re)connected: notices may have been missed while it was down. */
  resumed(): void;
}

/**
 * This replica's ear on the change log: one PostgreSQL connection LISTENing on the channel
 * every recording transaction notifies at commit. Whichever replica recorded a change,
 * every replica hears of it. A lost connection is reopened with backoff, and `resumed`
 * then tells the listener to re-read what it may have missed from the log.
 */
export class ChangeFeed {
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private stopped = false;

  constructor(
    private readonly opts: {
      databaseUrl: string;
      schema: string;
      log: Logger;
      metrics: RealtimeMetrics;
      listener: ChangeFeedListener;
    },
  ) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (err) {
      this.opts.log.warn({ err }, 'change feed could not connect; retrying');
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.opts.databaseUrl, application_name: 'realtime-change-feed' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    client.on('notification', (msg) => {
      if (msg.channel !== changesChannel(this.opts.schema) || !msg.payload) return;
      const notice = parseNotice(msg.payload);
      if (notice) this.opts.listener.changed(notice);
      else this.opts.log.warn({ payload: msg.payload.slice(0, 200) }, 'unreadable change notice ignored');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ident(changesChannel(this.opts.schema))}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
    this.opts.metrics.feedConnected.set(1);
    this.opts.log.info('change feed listening');
    this.opts.listener.resumed();
  }

  private lost(client: Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.opts.metrics.feedConnected.set(0);
    client.removeAllListeners();
    client.on('error', () => {});
    void client.end().catch(() => {});
    if (this.stopped) return;
    this.opts.log.warn({ err }, 'change feed lost its database connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((err) => {
        this.opts.log.debug({ err }, 'change feed reconnect failed; retrying');
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }
}

function parseNotice(payload: string): ChangeNotice | undefined {
  try {
    const p = JSON.parse(payload) as { u?: unknown; s?: unknown; c?: ChangeView };
    if (typeof p.u !== 'string' || typeof p.s !== 'number') return undefined;
    return { userId: p.u, seq: p.s, ...(p.c ? { change: p.c } : {}) };
  } catch {
    return undefined;
  }
}
