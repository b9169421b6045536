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

/** Ask Dapr to redeliver later (a dependency is down, a precondition not met yet). */
export class RetryLater extends Error {
  override name = 'RetryLater';
}
/** The event can never be handled: Dapr moves it to the topic's dead-letter topic. */
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
}

/** Declares a handler for one event contract (services use `kit.on`, typed with their `Tx`). */
export function on<C extends EventContract, Tx extends SqlExecutor = SqlExecutor>(
  contract: C,
  handle: Subscription<C, Tx>['handle'],
  opts: { pubsub?: string; dedup?: boolean } = {},
): Subscription<C, Tx> {
  return { contract, handle, pubsub: opts.pubsub ?? COMPONENTS.pubsub, dedup: opts.dedup ?? true };
}

type Status = 'SUCCESS' | 'RETRY' | 'DROP';

const routeFor = (pubsub: string, topic: string) => `/dapr/events/${pubsub}/${topic}`;

/**
 * Dapr's programmatic subscription endpoint and one delivery route per topic. Each route
 * validates the CloudEvent, dispatches on its `type`, dedups through the inbox in the
 * handler's transaction, and answers SUCCESS, RETRY or DROP on purpose. Every subscription
 * has a dead-letter topic, so a poison message never blocks its partition.
 */
export function subscriptionRouter<Tx extends SqlExecutor>(opts: {
  service: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds every contract's handler
  subscriptions: Subscription<any, Tx>[];
  db: TransactionalDb<Tx>;
  log: Logger;
  metrics: Metrics;
  /** Prepended to every topic (see TOPIC_PREFIX). */
  topicPrefix?: string;
}): Router {
  const { service, schema, subscriptions, db, log, metrics } = opts;
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

  router.get('/dapr/subscribe', (_req, res) => {
    res.json(
      [...byTopic.values()].map(({ pubsub, topic }) => ({
        pubsubname: pubsub,
        topic,
        routes: { default: routeFor(pubsub, topic) },
        deadLetterTopic: deadLetterTopic(topic),
        // Batches of up to 100 per partition in one HTTP call: throughput without losing
        // per-partition order (the kit keeps each partition key's events sequential).
        bulkSubscribe: { enabled: true, maxMessagesCount: 100, maxAwaitDurationMs: 10 },
      })),
    );
  });

  for (const { pubsub, topic, handlers } of byTopic.values()) {
    /** Handles one delivered event and decides, on purpose, what Dapr should do with it. */
    const handleOne = async (raw: unknown): Promise<Status> => {
      const started = process.hrtime.bigint();
      const done = (status: Status, outcome: string, type = 'unknown') => {
        metrics.eventsConsumed.inc({ type, topic, outcome });
        metrics.handlerDuration.observe({ type, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
        if (status === 'DROP') metrics.eventsDeadLettered.inc({ type, topic });
        return status;
      };

      const envelope = cloudEventSchema.safeParse(raw);
      if (!envelope.success) {
        const id = (raw as { id?: unknown } | undefined)?.id;
        log.error({ topic, problems: envelope.error.issues, id }, 'malformed CloudEvent: dead-lettered');
        return done('DROP', 'drop');
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
        return done('DROP', 'drop', event.type);
      }
      const typed = { ...event, data: data.data } as CloudEvent<never>;
      const ctx = {
        correlationId: event.correlationid ?? event.id,
        causationId: event.id,
        ...(event.traceparent ? { traceparent: event.traceparent } : {}),
      };

      return runWithContext(ctx, async () => {
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
            return done('DROP', 'drop', event.type);
          }
          log.warn({ id: event.id, type: event.type, err }, 'handler failed: Dapr will redeliver');
          return done('RETRY', 'retry', event.type);
        }
      });
    };

    router.post(routeFor(pubsub, topic), async (req: Request, res: Response) => {
      const body = req.body as { entries?: BulkEntry[] } | undefined;
      if (!Array.isArray(body?.entries)) {
        res.status(200).json({ status: await handleOne(req.body) });
        return;
      }
      res.status(200).json({ statuses: await handleBulk(body.entries, handleOne) });
    });
  }
  return router;
}

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
