import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service process, with the metrics every service reports. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'daybook_events_published_total',
      help: 'Events handed to the sidecar by the outbox relay',
      labelNames: ['type', 'topic'] as const,
      registers: [registry],
    }),
    publishFailures: new Counter({
      name: 'daybook_events_publish_failures_total',
      help: 'Failed attempts to publish an outbox event (it is retried)',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    eventsConsumed: new Counter({
      name: 'daybook_events_consumed_total',
      help: 'Events delivered to a handler, by outcome (success, duplicate, retry, drop, ignored)',
      labelNames: ['type', 'topic', 'outcome'] as const,
      registers: [registry],
    }),
    eventsDeadLettered: new Counter({
      name: 'daybook_events_dead_lettered_total',
      help: 'Events this service could never handle and moved to a dead-letter topic itself (with the reason in its headers)',
      labelNames: ['type', 'topic'] as const,
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'daybook_dead_letters_total',
      help: 'Messages that landed on a dead-letter topic, whoever put them there (counted by the service that watches them)',
      labelNames: ['topic', 'type', 'consumer', 'cause'] as const,
      registers: [registry],
    }),
    handlerDuration: new Histogram({
      name: 'daybook_event_handler_duration_seconds',
      help: 'Time spent handling one event, including its database transaction',
      labelNames: ['type', 'outcome'] as const,
      // Up to 60 s: DaybookEventHandlerSlow fires on a p95 above 5 s, and daprd times a
      // delivery out after 30 s; a top bucket at the threshold could never show either.
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    deliverySize: new Histogram({
      name: 'daybook_event_delivery_size',
      help: "Events in one delivery from the sidecar (daprd's bulk subscribe gathers up to 100)",
      labelNames: ['topic'] as const,
      buckets: [1, 2, 5, 10, 25, 50, 100],
      registers: [registry],
    }),
    outboxPublishSize: new Histogram({
      name: 'daybook_outbox_publish_size',
      help: "Events in one of the outbox relay's bulk publishes to the sidecar (one per topic per drain)",
      labelNames: ['topic'] as const,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    deliveryDuration: new Histogram({
      name: 'daybook_event_delivery_duration_seconds',
      help: 'Time to answer one delivery from the sidecar, all its events handled',
      labelNames: ['topic'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    outboxPending: new Gauge({
      name: 'daybook_outbox_pending',
      help: 'Outbox events written but not yet published (counted at each scrape)',
      registers: [registry],
    }),
    outboxOldestPendingAge: new Gauge({
      name: 'daybook_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox event not yet published, 0 when none (counted at each scrape)',
      registers: [registry],
    }),
    outboxRelayConnected: new Gauge({
      name: 'daybook_outbox_relay_connected',
      help: '1 while the outbox relay holds a working database connection, 0 while it reconnects',
      registers: [registry],
    }),
    jobsScheduled: new Counter({
      name: 'daybook_jobs_scheduled_total',
      help: 'Dapr jobs scheduled (or replaced), by job kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    jobsTriggered: new Counter({
      name: 'daybook_jobs_triggered_total',
      help: 'Dapr job triggers received, by job kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
