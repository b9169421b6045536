import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { CloudEvent, EventContract, EventData } from '@daybook/contracts';
import { currentContext, newCorrelationId } from '../context';
import { ident, withSearchPath, type SqlExecutor } from '../database';
import { InvalidEventError, zodProblems } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { COMPONENTS } from './components';
import type { Sidecar } from './sidecar';

export interface EnqueueOptions {
  /** CloudEvent subject, e.g. the entity id. */
  subject?: string;
  /** Overrides the correlation / causation ids taken from the current request or event. */
  correlationId?: string;
  causationId?: string;
}

/**
 * Builds the CloudEvent for `data`, validated against its contract (defaults applied).
 * Data that breaks the contract is this service's bug: an InvalidEventError (a 500).
 */
export function buildCloudEvent<C extends EventContract>(
  contract: C,
  data: EventData<C>,
  opts: EnqueueOptions = {},
): CloudEvent<EventData<C>> {
  const result = contract.schema.safeParse(data);
  if (!result.success) throw new InvalidEventError(contract.type, zodProblems(result.error, 'data'));
  const parsed = result.data as EventData<C>;
  const ctx = currentContext();
  const event: CloudEvent<EventData<C>> = {
    specversion: '1.0',
    id: randomUUID(),
    source: contract.source,
    type: contract.type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    partitionkey: contract.partitionKey(parsed),
    correlationid: opts.correlationId ?? ctx?.correlationId ?? newCorrelationId(),
    data: parsed,
  };
  const causation = opts.causationId ?? ctx?.causationId;
  if (causation) event.causationid = causation;
  if (opts.subject) event.subject = opts.subject;
  if (ctx?.traceparent) event.traceparent = ctx.traceparent;
  return event;
}

/**
 * Writes an event into the outbox inside the caller's transaction: it is published if and
 * only if the transaction commits. Returns the CloudEvent (its id is final).
 */
export async function enqueueEvent<C extends EventContract>(
  tx: SqlExecutor,
  schema: string,
  contract: C,
  data: EventData<C>,
  opts: EnqueueOptions = {},
): Promise<CloudEvent<EventData<C>>> {
  const event = buildCloudEvent(contract, data, opts);
  await tx.$executeRawUnsafe(
    `INSERT INTO ${ident(schema)}.outbox_events (event_id, topic, type, partition_key, cloud_event)
     VALUES ($1::uuid, $2, $3, $4, $5::jsonb)`,
    event.id,
    contract.topic,
    contract.type,
    event.partitionkey,
    JSON.stringify(event),
  );
  return event;
}

/** One data-modifying SQL statement with its parameters ($1, $2, … in `sql`). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * Writes a change and its event's outbox row in ONE statement (a data-modifying CTE), inside
 * the caller's transaction: one round trip and one statement for PostgreSQL to parse, plan
 * and execute instead of two. `change` is an INSERT, UPDATE or DELETE with `RETURNING`;
 * resolves with the event and the rows the change returned (so the caller can check that it
 * changed what it meant to). Both rows, or neither, commit with the transaction.
 */
export async function enqueueEventAlong<C extends EventContract, R = Record<string, unknown>>(
  tx: SqlExecutor,
  schema: string,
  change: SqlStatement,
  contract: C,
  data: EventData<C>,
  opts: EnqueueOptions = {},
): Promise<{ event: CloudEvent<EventData<C>>; rows: R[] }> {
  const event = buildCloudEvent(contract, data, opts);
  const n = change.params.length;
  const rows = await tx.$queryRawUnsafe<R[]>(
    `WITH change AS (${change.sql}),
     event AS (
       INSERT INTO ${ident(schema)}.outbox_events (event_id, topic, type, partition_key, cloud_event)
       VALUES ($${n + 1}::uuid, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb)
     )
     SELECT * FROM change`,
    ...change.params,
    event.id,
    contract.topic,
    contract.type,
    event.partitionkey,
    JSON.stringify(event),
  );
  return { event, rows };
}

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  type: string;
  partition_key: string;
  cloud_event: object;
  attempts: number;
}

/**
 * Publishes committed outbox rows through the sidecar and marks them sent. Rows are taken
 * oldest first, in batches; each batch goes out with one bulk publish per topic, which
 * Kafka writes in order, so one entity's events keep their commit order on its partition.
 * A partition's messages in one produce request succeed or fail together, so a failure
 * never lets a later event of an entity overtake an earlier one. One relay per service is
 * active at a time (a session advisory lock). When a publish fails (sidecar or broker
 * down) the rows keep their error and the relay retries with backoff from the oldest
 * pending row: nothing is lost.
 *
 * The relay holds one long-lived connection (for LISTEN and the advisory lock). When it is
 * lost (PostgreSQL restarted, the backend terminated, the network cut) the relay drops it,
 * reconnects with backoff, takes leadership again and resumes from the oldest pending row;
 * `stalledForMs()` tells readiness how long it has been without one.
 */
export class OutboxRelay {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private running?: Promise<void>;
  private again = false;
  /** When the last drain began, and the timer of a drain waiting out the linger. */
  private lastDrainAt = 0;
  private lingerTimer?: NodeJS.Timeout;
  private isLeader = false;
  private stopped = false;
  private failures = 0;
  private retryAt = 0;
  /** Since when the relay has had no working connection (undefined while it has one). */
  private downSince?: number = Date.now();

  constructor(
    private readonly opts: {
      databaseUrl: string;
      schema: string;
      sidecar: Sidecar;
      log: Logger;
      metrics: Metrics;
      pollMs: number;
      /** See OUTBOX_LINGER_MS: the least time between the starts of two drains (0: none). */
      lingerMs?: number;
      batchSize?: number;
      /** Prepended to every topic (see TOPIC_PREFIX). */
      topicPrefix?: string;
    },
  ) {}

  /** Connects (or keeps trying in the background) and starts draining. */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    try {
      await this.connect();
    } catch (err) {
      this.opts.log.warn({ err }, 'outbox relay could not connect; retrying');
      this.scheduleReconnect();
    }
  }

  /** How long the relay has been unable to reach its database; 0 while it can. */
  stalledForMs(now = Date.now()): number {
    return this.downSince === undefined ? 0 : now - this.downSince;
  }

  private async connect(): Promise<void> {
    const { databaseUrl, schema, log, metrics } = this.opts;
    const client = new Client({
      connectionString: withSearchPath(databaseUrl, schema),
      // Named, so an operator (or a test) can find it in pg_stat_activity.
      application_name: relayApplicationName(schema),
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${ident(`daybook_outbox_${schema}`)}`);
    } catch (err) {
      client.removeAllListeners();
      await client.end().catch(() => {});
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.isLeader = false;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
    const wasDownMs = this.stalledForMs();
    this.downSince = undefined;
    metrics.outboxRelayConnected.set(1);
    log.info({ downMs: wasDownMs }, 'outbox relay connected');
    this.kick();
  }

  /** The connection is gone or unusable: drop it (and with it leadership) and reconnect. */
  private lost(client: Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.isLeader = false;
    this.downSince ??= Date.now();
    this.opts.metrics.outboxRelayConnected.set(0);
    client.removeAllListeners();
    client.on('error', () => {}); // a late error from the dead connection must not crash us
    void client.end().catch(() => {});
    if (this.stopped) return;
    this.opts.log.warn({ err }, 'outbox relay lost its database connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((err) => {
        this.opts.log.debug({ err }, 'outbox relay reconnect failed; retrying');
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  /**
   * Runs a drain now, or once the linger since the last one has passed, or right after the
   * one in progress (then lingering too): under a steady stream of commits, each publish
   * carries every event committed since the one before, instead of one publish per commit.
   */
  kick(): void {
    if (this.stopped || this.lingerTimer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastDrainAt + (this.opts.lingerMs ?? 0) - Date.now();
    if (wait > 0) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.kick();
      }, wait);
      return;
    }
    this.lastDrainAt = Date.now();
    this.running = this.drainLoop().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drainLoop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      if (Date.now() < this.retryAt) return;
      if (!(await this.acquireLeadership(client))) return;
      while (!this.stopped && this.client === client && (await this.drainBatch(client))) {
        /* keep going while full batches publish cleanly */
      }
    } catch (err) {
      // Publish failures are handled in drainBatch; what reaches here is the database. The
      // connection may look alive and still be unusable, so take a fresh one.
      this.opts.log.warn({ err }, 'outbox relay pass failed; reconnecting');
      this.lost(client, err);
    }
  }

  private async acquireLeadership(client: Client): Promise<boolean> {
    if (this.isLeader) return true;
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
      `daybook-outbox:${this.opts.schema}`,
    ]);
    this.isLeader = rows[0]?.locked === true;
    this.opts.log.debug({ leader: this.isLeader }, 'outbox relay leadership checked');
    return this.isLeader;
  }

  /** Publishes one batch; true when the batch was full and fully published. */
  private async drainBatch(client: Client): Promise<boolean> {
    const { schema, sidecar, metrics, log } = this.opts;
    const batchSize = this.opts.batchSize ?? 500;
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, event_id, topic, type, partition_key, cloud_event, attempts
         FROM ${ident(schema)}.outbox_events
        WHERE published_at IS NULL
        ORDER BY seq LIMIT $1`,
      [batchSize],
    );
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);

    const published: OutboxRow[] = [];
    const failed: { row: OutboxRow; error: string }[] = [];
    await Promise.all(
      [...byTopic].map(async ([topic, topicRows]) => {
        let failures: { entryId: string; error: string }[];
        metrics.outboxPublishSize.observe({ topic }, topicRows.length);
        try {
          failures = await sidecar.publishCloudEventsBulk(
            COMPONENTS.pubsub,
            `${this.opts.topicPrefix ?? ''}${topic}`,
            topicRows.map((r) => ({ entryId: r.event_id, event: r.cloud_event, partitionKey: r.partition_key })),
          );
        } catch (err) {
          failures = topicRows.map((r) => ({ entryId: r.event_id, error: (err as Error).message }));
        }
        const failedIds = new Map(failures.map((f) => [f.entryId, f.error]));
        for (const row of topicRows) {
          const error = failedIds.get(row.event_id);
          if (error === undefined) published.push(row);
          else failed.push({ row, error });
        }
      }),
    );

    if (published.length > 0) {
      // If this update is lost with the connection, the rows are published again after
      // the reconnect: at-least-once, and every consumer dedups by event id.
      await client.query(
        `UPDATE ${ident(schema)}.outbox_events SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`,
        [published.map((r) => r.seq)],
      );
      for (const row of published) metrics.eventsPublished.inc({ type: row.type, topic: row.topic });
      log.debug({ count: published.length }, 'events published');
    }
    if (failed.length === 0) {
      this.failures = 0;
      return rows.length === batchSize;
    }
    for (const { row, error } of failed) {
      await client.query(
        `UPDATE ${ident(schema)}.outbox_events SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`,
        [row.seq, error.slice(0, 1000)],
      );
      metrics.publishFailures.inc({ topic: row.topic });
    }
    this.failures += 1;
    const backoffMs = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 9));
    this.retryAt = Date.now() + backoffMs;
    setTimeout(() => this.kick(), backoffMs).unref();
    log.warn({ failed: failed.length, error: failed[0]!.error, retryInMs: backoffMs }, 'publish failed; will retry');
    return false;
  }

  /** Finishes the publishes in progress, then releases leadership and the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    await this.running;
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners();
    client?.on('error', () => {});
    await client?.end().catch(() => {});
  }
}

/**
 * Sets the outbox gauges from the database (through the service's pool, not the relay's
 * connection, so they stay true while the relay reconnects): what is unpublished, and how
 * old the oldest of it is.
 */
export async function measureOutbox(db: SqlExecutor, schema: string, metrics: Metrics): Promise<void> {
  const [row] = await db.$queryRawUnsafe<{ pending: bigint | number; oldest_age: number | null }[]>(
    `SELECT count(*) AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest_age
       FROM ${ident(schema)}.outbox_events WHERE published_at IS NULL`,
  );
  metrics.outboxPending.set(Number(row?.pending ?? 0));
  metrics.outboxOldestPendingAge.set(Math.max(0, row?.oldest_age ?? 0));
}

/** The relay connection's application_name in pg_stat_activity. */
export const relayApplicationName = (schema: string) => `daybook-outbox-relay:${schema}`;

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
