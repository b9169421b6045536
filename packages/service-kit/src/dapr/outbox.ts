import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { CloudEvent, EventContract, EventData } from '@daybook/contracts';
import { currentContext, newCorrelationId } from '../context';
import { ident, withSearchPath, type SqlExecutor } from '../database';
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

/** Builds the CloudEvent for `data`, validated against its contract (defaults applied). */
export function buildCloudEvent<C extends EventContract>(
  contract: C,
  data: EventData<C>,
  opts: EnqueueOptions = {},
): CloudEvent<EventData<C>> {
  const parsed = contract.schema.parse(data) as EventData<C>;
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
 */
export class OutboxRelay {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private isLeader = false;
  private stopped = false;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly opts: {
      databaseUrl: string;
      schema: string;
      sidecar: Sidecar;
      log: Logger;
      metrics: Metrics;
      pollMs: number;
      batchSize?: number;
      /** Prepended to every topic (see TOPIC_PREFIX). */
      topicPrefix?: string;
    },
  ) {}

  async start(): Promise<void> {
    const { databaseUrl, schema, pollMs } = this.opts;
    const client = new Client({ connectionString: withSearchPath(databaseUrl, schema) });
    client.on('error', (err) => this.opts.log.warn({ err }, 'outbox relay connection error'));
    client.on('notification', () => this.kick());
    await client.connect();
    await client.query(`LISTEN ${ident(`daybook_outbox_${schema}`)}`);
    this.client = client;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.kick();
  }

  /** Runs a drain now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drainLoop(): Promise<void> {
    try {
      if (Date.now() < this.retryAt) return;
      if (!(await this.acquireLeadership())) return;
      while (!this.stopped && (await this.drainBatch())) {
        /* keep going while full batches publish cleanly */
      }
      await this.updatePendingGauge();
    } catch (err) {
      this.opts.log.warn({ err }, 'outbox relay pass failed; will retry');
    }
  }

  private async acquireLeadership(): Promise<boolean> {
    if (this.isLeader) return true;
    const { rows } = await this.client!.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`daybook-outbox:${this.opts.schema}`],
    );
    this.isLeader = rows[0]?.locked === true;
    return this.isLeader;
  }

  /** Publishes one batch; true when the batch was full and fully published. */
  private async drainBatch(): Promise<boolean> {
    const { schema, sidecar, metrics, log } = this.opts;
    const batchSize = this.opts.batchSize ?? 500;
    const { rows } = await this.client!.query<OutboxRow>(
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
      await this.client!.query(
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
      await this.client!.query(
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

  private async updatePendingGauge(): Promise<void> {
    const { rows } = await this.client!.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${ident(this.opts.schema)}.outbox_events WHERE published_at IS NULL`,
    );
    this.opts.metrics.outboxPending.set(Number(rows[0]?.n ?? 0));
  }

  /** Finishes the publishes in progress, then releases leadership and the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.client?.end().catch(() => {});
  }
}
