import { Router, type Request, type Response } from 'express';
import {
  cloudEventSchema,
  deadLetterTopic,
  type CloudEvent,
  type EventContract,
  type EventData,
} from '@daybook/contracts';
import { runWithContext } from '../context';
import { ident, type SqlExecutor, type TransactionalDb } from '../database';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { COMPONENTS } from './components';
import type { Sidecar } from './sidecar';

/** Ask Dapr to redeliver later (a dependency is down, a precondition not met yet). */
export class RetryLater extends Error {
  override name = 'RetryLater';
}
/** The event can never be handled: the kit moves it to the topic's dead-letter topic. */
export class DropEvent extends Error {
  override name = 'DropEvent';
}

export interface EventHandlerContext<Tx extends SqlExecutor = SqlExecutor> {
  /** Transaction the inbox record is written in: write through it to apply exactly once. */
  tx: Tx;
  log: Logger;
}

export interface Subscription<C extends EventContract = EventContract, Tx extends SqlExecutor = SqlExecutor> {
  contract: C;
  handle(event: CloudEvent<EventData<C>>, ctx: EventHandlerContext<Tx>): Promise<void>;
  /** `daybook-pubsub` (one consumer per service) or `daybook-pubsub-fanout` (every replica). */
  pubsub: string;
  /** Dedup by event id in the service's inbox (default true). Fan-out handlers without a database turn it off. */
  dedup: boolean;
  /**
   * The handler does nothing but write through its `tx` (no mail, no HTTP call, no job):
   * the events of one bulk delivery may then share one transaction (see handleAsOne).
   * Default false: each event has a transaction of its own.
   */
  batch: boolean;
}

/** Declares a handler for one event contract (services use `kit.on`, typed with their `Tx`). */
export function on<C extends EventContract, Tx extends SqlExecutor = SqlExecutor>(
  contract: C,
  handle: Subscription<C, Tx>['handle'],
  opts: { pubsub?: string; dedup?: boolean; batch?: boolean } = {},
): Subscription<C, Tx> {
  return {
    contract,
    handle,
    pubsub: opts.pubsub ?? COMPONENTS.pubsub,
    dedup: opts.dedup ?? true,
    batch: opts.batch ?? false,
  };
}

/** What Dapr is told: done (applied, ignored or dead-lettered by the kit) or try again later. */
type Status = 'SUCCESS' | 'RETRY';

/**
 * How daprd hands events over: batches of up to 100 of one partition in one HTTP call, in
 * order (the kit keeps each partition key's events sequential). daprd's Kafka consumer makes
 * one bulk delivery at a time for all of a sidecar's topics and partitions (one lock around
 * every delivery), and flushes a partition's batch every `maxAwaitDurationMs`: at 10 ms the
 * batches were of ~2 events, the deliveries queued on that lock, and the throughput varied
 * by half from run to run; at 50 ms, the same p50 latency, a lower p99 and a steady
 * throughput (docs/performance.md). An event of a quiet partition waits at most 50 ms.
 */
const DELIVERIES = { enabled: true, maxMessagesCount: 100, maxAwaitDurationMs: 50 };

const routeFor = (pubsub: string, topic: string) => `/dapr/events/${pubsub}/${topic}`;

/**
 * Dapr's programmatic subscription endpoint and one delivery route per topic. Each route
 * validates the CloudEvent, dispatches on its `type`, dedups through the inbox in the
 * handler's transaction, and answers SUCCESS or RETRY on purpose. What can never be handled
 * the kit moves to the dead-letter topic itself, naming the reason; what keeps failing Dapr
 * dead-letters once its retries are spent. Either way a poison message never blocks its
 * partition.
 */
export function subscriptionRouter<Tx extends SqlExecutor>(opts: {
  service: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds every contract's handler
  subscriptions: Subscription<any, Tx>[];
  db: TransactionalDb<Tx>;
  log: Logger;
  metrics: Metrics;
  /** Where the kit publishes what it dead-letters itself. */
  sidecar: Sidecar;
  /**
   * Topics whose dead-letter topics this service watches, counting every message that
   * lands there (`daybook_dead_letters_total`), whoever dead-lettered it: the kit (with a
   * reason) or daprd once its retries are spent. One service (audit) watches them all.
   */
  watchDeadLetters?: readonly string[];
  /** Prepended to every topic (see TOPIC_PREFIX). */
  topicPrefix?: string;
}): Router {
  const { service, schema, subscriptions, db, log, metrics, sidecar } = opts;
  const prefix = opts.topicPrefix ?? '';
  const router = Router();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every contract on a topic
  const byTopic = new Map<string, { pubsub: string; topic: string; handlers: Map<string, Subscription<any, Tx>> }>();
  for (const s of subscriptions) {
    const topic = `${prefix}${s.contract.topic}`;
    const key = `${s.pubsub}/${topic}`;
    const entry = byTopic.get(key) ?? { pubsub: s.pubsub, topic, handlers: new Map() };
    if (entry.handlers.has(s.contract.type)) throw new Error(`two handlers for ${s.contract.type} in ${service}`);
    entry.handlers.set(s.contract.type, s);
    byTopic.set(key, entry);
  }

  const watched = (opts.watchDeadLetters ?? []).map((t) => deadLetterTopic(`${prefix}${t}`));
  router.get('/dapr/subscribe', (_req, res) => {
    res.json([
      ...[...byTopic.values()].map(({ pubsub, topic }) => ({
        pubsubname: pubsub,
        topic,
        routes: { default: routeFor(pubsub, topic) },
        deadLetterTopic: deadLetterTopic(topic),
        bulkSubscribe: DELIVERIES,
      })),
      // Counting never fails, so these need no dead-letter topic of their own.
      ...watched.map((topic) => ({
        pubsubname: COMPONENTS.pubsub,
        topic,
        routes: { default: routeFor(COMPONENTS.pubsub, topic) },
        bulkSubscribe: DELIVERIES,
      })),
    ]);
  });

  for (const topic of watched) {
    const count = (raw: unknown, metadata: Record<string, string> = {}) => {
      const event = (typeof raw === 'object' && raw !== null ? raw : {}) as { id?: unknown; type?: unknown };
      const type = typeof event.type === 'string' ? event.type : 'unknown';
      const reason = metadata['daybook-reason'];
      const consumer = metadata['daybook-consumer'] ?? 'unknown';
      metrics.deadLetters.inc({ topic, type, consumer, cause: reason ? 'unprocessable' : 'retries_exhausted' });
      log.warn(
        { topic, id: event.id, type, consumer, reason: reason ?? 'delivery retries exhausted' },
        'event dead-lettered (npm run dlq -- list to see it, replay to retry it)',
      );
    };
    router.post(routeFor(COMPONENTS.pubsub, topic), (req: Request, res: Response) => {
      const body = req.body as { entries?: BulkEntry[] } | undefined;
      if (!Array.isArray(body?.entries)) {
        count(req.body, metadataFromHeaders(req));
        res.status(200).json({ status: 'SUCCESS' });
        return;
      }
      for (const entry of body.entries) count(entry.event, entry.metadata);
      res.status(200).json({ statuses: body.entries.map((e) => ({ entryId: e.entryId, status: 'SUCCESS' })) });
    });
  }

  for (const { pubsub, topic, handlers } of byTopic.values()) {
    /**
     * Moves an event that can never be handled to the dead-letter topic, with why and who
     * in its headers (`npm run dlq -- list` shows them), and acknowledges it. Should the
     * publish fail, Dapr redelivers it (RETRY) and, once its retries are spent,
     * dead-letters it itself.
     */
    const deadLetter = async (raw: unknown, reason: string): Promise<'SUCCESS' | 'RETRY'> => {
      const key = (raw as { partitionkey?: unknown } | undefined)?.partitionkey;
      try {
        await sidecar.publishRaw(pubsub, deadLetterTopic(topic), JSON.stringify(raw ?? null), {
          'daybook-reason': reason.slice(0, 500),
          'daybook-consumer': service,
          ...(typeof key === 'string' ? { partitionKey: key } : {}),
        });
        return 'SUCCESS';
      } catch (err) {
        log.warn({ topic, err }, 'could not dead-letter an event; Dapr will redeliver it');
        return 'RETRY';
      }
    };

    /** Handles one delivered event and decides, on purpose, what Dapr should do with it. */
    const handleOne = async (raw: unknown): Promise<Status> => {
      const started = process.hrtime.bigint();
      const done = (status: Status, outcome: string, type = 'unknown') => {
        metrics.eventsConsumed.inc({ type, topic, outcome });
        metrics.handlerDuration.observe({ type, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
        return status;
      };
      const drop = async (reason: string, type = 'unknown') => {
        const status = await deadLetter(raw, reason);
        if (status === 'SUCCESS') metrics.eventsDeadLettered.inc({ type, topic });
        return done(status, status === 'SUCCESS' ? 'drop' : 'retry', type);
      };

      const envelope = cloudEventSchema.safeParse(raw);
      if (!envelope.success) {
        const id = (raw as { id?: unknown } | undefined)?.id;
        log.error({ topic, problems: envelope.error.issues, id }, 'malformed CloudEvent: dead-lettered');
        return drop(`malformed CloudEvent: ${problemsText(envelope.error.issues)}`);
      }
      const event = envelope.data as CloudEvent;
      const subscription = handlers.get(event.type);
      if (!subscription) return done('SUCCESS', 'ignored', event.type);

      const data = subscription.contract.schema.safeParse(event.data);
      if (!data.success) {
        log.error(
          { topic, type: event.type, id: event.id, problems: data.error.issues },
          'invalid event data: dead-lettered',
        );
        return drop(`invalid data: ${problemsText(data.error.issues)}`, event.type);
      }
      const typed = { ...event, data: data.data } as CloudEvent<never>;

      return runWithContext(workContextOf(event), async () => {
        const consumer = `${service}:${event.type}`;
        try {
          const outcome = await db.$transaction(async (tx) => {
            if (subscription.dedup) {
              const inserted = await tx.$executeRawUnsafe(
                `INSERT INTO ${ident(schema)}.processed_events (consumer, event_id, event_type)
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
                consumer,
                event.id,
                event.type,
              );
              if (inserted === 0) return 'duplicate' as const;
            }
            await subscription.handle(typed, { tx, log });
            return 'success' as const;
          });
          if (outcome === 'duplicate') log.info({ id: event.id, type: event.type }, 'duplicate event ignored');
          return done('SUCCESS', outcome, event.type);
        } catch (err) {
          if (err instanceof DropEvent) {
            log.error({ id: event.id, type: event.type, err }, 'handler dropped event: dead-lettered');
            return drop(`dropped by the handler: ${err.message}`, event.type);
          }
          log.warn({ id: event.id, type: event.type, err }, 'handler failed: Dapr will redeliver');
          return done('RETRY', 'retry', event.type);
        }
      });
    };

    router.post(routeFor(pubsub, topic), async (req: Request, res: Response) => {
      const body = req.body as { entries?: BulkEntry[] } | undefined;
      const entries = Array.isArray(body?.entries) ? body.entries : undefined;
      const answered = metrics.deliveryDuration.startTimer({ topic });
      const answer = entries
        ? { statuses: (await handleAsOne(entries)) ?? (await handleBulk(entries, handleOne)) }
        : { status: await handleOne(req.body) };
      res.status(200).json(answer);
      answered();
      metrics.deliverySize.observe({ topic }, entries?.length ?? 1);
    });

    /**
     * A bulk delivery whose every event goes to a `batch` handler (or to none) is applied in
     * ONE transaction: the inbox records of all of them in one statement, then each handler
     * in delivery order (so each partition key's events stay in order). That is two round
     * trips and one commit for the delivery instead of three round trips per event. Should
     * anything fail (a handler throws, even DropEvent or RetryLater; the transaction times
     * out), nothing of it commits and the delivery is handled event by event as usual,
     * which gives each its own outcome. Undefined when the delivery does not qualify.
     */
    const handleAsOne = async (entries: BulkEntry[]) => {
      if (entries.length < 2) return undefined;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every contract on a topic
      const parsed: { event: CloudEvent<never>; subscription?: Subscription<any, Tx> }[] = [];
      for (const entry of entries) {
        const envelope = cloudEventSchema.safeParse(entry.event);
        if (!envelope.success) return undefined;
        const event = envelope.data as CloudEvent<never>;
        const subscription = handlers.get(event.type);
        if (!subscription) {
          parsed.push({ event });
          continue;
        }
        const data = subscription.contract.schema.safeParse(event.data);
        if (!subscription.batch || !data.success) return undefined;
        parsed.push({ event: { ...event, data: data.data } as CloudEvent<never>, subscription });
      }
      const consumerOf = (event: CloudEvent) => `${service}:${event.type}`;
      const inbox = parsed.filter((p) => p.subscription?.dedup);
      try {
        const outcomes = await db.$transaction(async (tx) => {
          const fresh = new Set<string>();
          if (inbox.length) {
            const rows = await tx.$queryRawUnsafe<{ consumer: string; event_id: string }[]>(
              `INSERT INTO ${ident(schema)}.processed_events (consumer, event_id, event_type)
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
               ON CONFLICT DO NOTHING RETURNING consumer, event_id`,
              inbox.map((p) => consumerOf(p.event)),
              inbox.map((p) => p.event.id),
              inbox.map((p) => p.event.type),
            );
            for (const r of rows) fresh.add(`${r.consumer} ${r.event_id}`);
          }
          const outcomes: { outcome: string; type: string; seconds: number }[] = [];
          for (const { event, subscription } of parsed) {
            const key = `${consumerOf(event)} ${event.id}`;
            if (!subscription) outcomes.push({ outcome: 'ignored', type: event.type, seconds: 0 });
            // The same event twice in one delivery: the second is the duplicate.
            else if (subscription.dedup && !fresh.delete(key))
              outcomes.push({ outcome: 'duplicate', type: event.type, seconds: 0 });
            else {
              const started = process.hrtime.bigint();
              await runWithContext(workContextOf(event), () => subscription.handle(event, { tx, log }));
              const seconds = Number(process.hrtime.bigint() - started) / 1e9;
              outcomes.push({ outcome: 'success', type: event.type, seconds });
            }
          }
          return outcomes;
        });
        for (const { outcome, type, seconds } of outcomes) {
          metrics.eventsConsumed.inc({ type, topic, outcome });
          metrics.handlerDuration.observe({ type, outcome }, seconds);
        }
        return entries.map((e) => ({ entryId: e.entryId, status: 'SUCCESS' as Status }));
      } catch (err) {
        log.info({ topic, events: entries.length, err }, 'a batched delivery failed; handling its events one by one');
        return undefined;
      }
    };
  }
  return router;
}

/** The work context of handling an event: its correlation id, the event as the cause, its trace. */
const workContextOf = (event: CloudEvent) => ({
  correlationId: event.correlationid ?? event.id,
  causationId: event.id,
  ...(event.traceparent ? { traceparent: event.traceparent } : {}),
});

/** A single (non-bulk) delivery carries the message's metadata as `metadata.<key>` headers. */
function metadataFromHeaders(req: Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers)
      .filter(([k, v]) => k.startsWith('metadata.') && typeof v === 'string')
      .map(([k, v]) => [k.slice('metadata.'.length), v as string]),
  );
}

const problemsText = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');

interface BulkEntry {
  entryId: string;
  event: unknown;
  metadata?: Record<string, string>;
}

/**
 * A bulk delivery holds consecutive messages of one partition. Events with the same
 * partition key are handled one after another in delivery order, different keys in
 * parallel; once one event of a key is to be retried, the later ones of that key are
 * retried too (unhandled), so a redelivery never applies them out of order.
 */
async function handleBulk(entries: BulkEntry[], handleOne: (raw: unknown) => Promise<Status>) {
  const statuses = new Map<string, Status>();
  const chains = new Map<string, BulkEntry[]>();
  for (const entry of entries) {
    const key = (entry.event as { partitionkey?: string } | undefined)?.partitionkey ?? entry.entryId;
    chains.set(key, [...(chains.get(key) ?? []), entry]);
  }
  const queue = [...chains.values()];
  const worker = async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) {
      let retryRest = false;
      for (const entry of chain) {
        const status = retryRest ? 'RETRY' : await handleOne(entry.event);
        if (status === 'RETRY') retryRest = true;
        statuses.set(entry.entryId, status);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  return entries.map((e) => ({ entryId: e.entryId, status: statuses.get(e.entryId) ?? 'RETRY' }));
}
