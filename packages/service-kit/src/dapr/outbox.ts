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
 * oldest first; events with different partition keys go out in parallel, events with the
 * same key one after another in commit order, so one entity's events keep their order on
 * its partition. One relay per service is active at a time (a session advisory lock).
 * When a publish fails (sidecar or broker down) the pass stops, the row keeps its error,
 * and the relay retries with backoff from the oldest pending row: nothing is lost and
 * nothing overtakes an earlier event of its entity.
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
      /** How many partition keys are published concurrently. */
      concurrency?: number;
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
    const { schema } = this.opts;
    const batchSize = this.opts.batchSize ?? 200;
    const { rows } = await this.client!.query<OutboxRow>(
      `SELECT seq, event_id, topic, type, partition_key, cloud_event, attempts
         FROM ${ident(schema)}.outbox_events
        WHERE published_at IS NULL
        ORDER BY seq LIMIT $1`,
      [batchSize],
    );
    const chains = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const chain = chains.get(row.partition_key) ?? [];
      chain.push(row);
      chains.set(row.partition_key, chain);
    }
    let failed = false;
    const queue = [...chains.values()];
    const worker = async () => {
      for (let chain = queue.shift(); chain && !failed; chain = queue.shift()) {
        for (const row of chain) {
          if (failed || !(await this.publishRow(row))) {
            failed = true;
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 16, queue.length) }, worker));
    if (failed) {
      this.failures += 1;
      const backoffMs = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 9));
      this.retryAt = Date.now() + backoffMs;
      setTimeout(() => this.kick(), backoffMs).unref();
      return false;
    }
    this.failures = 0;
    return rows.length === batchSize;
  }

  /** Publishes one row and marks it sent; false (with the error recorded) if it failed. */
  private async publishRow(row: OutboxRow): Promise<boolean> {
    const { schema, sidecar, metrics, log } = this.opts;
    try {
      await sidecar.publishCloudEvent(COMPONENTS.pubsub, row.topic, row.cloud_event, row.partition_key);
    } catch (err) {
      const message = String((err as Error).message).slice(0, 1000);
      await this.client!.query(
        `UPDATE ${ident(schema)}.outbox_events SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`,
        [row.seq, message],
      );
      metrics.publishFailures.inc({ topic: row.topic });
      log.warn({ eventId: row.event_id, topic: row.topic, attempts: row.attempts + 1, err: message }, 'publish failed');
      return false;
    }
    await this.client!.query(
      `UPDATE ${ident(schema)}.outbox_events SET published_at = now(), attempts = attempts + 1 WHERE seq = $1`,
      [row.seq],
    );
    metrics.eventsPublished.inc({ type: row.type, topic: row.topic });
    log.debug({ eventId: row.event_id, type: row.type, topic: row.topic }, 'event published');
    return true;
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
