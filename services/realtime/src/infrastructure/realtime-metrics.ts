import { Counter, Gauge, Histogram } from 'prom-client';
import type { Metrics } from '@daybook/service-kit';

export type RealtimeMetrics = ReturnType<typeof realtimeMetrics>;

/** Realtime metrics on the service's registry: built once, by the composition root (app.ts). */
export function realtimeMetrics(registry: Metrics['registry']) {
  const registers = [registry];
  return {
    openConnections: new Gauge({
      name: 'daybook_realtime_open_connections',
      help: 'WebSocket connections open on this replica (authenticated or not)',
      registers,
    }),
    messagesSent: new Counter({
      name: 'daybook_realtime_messages_sent_total',
      help: 'Frames sent to clients, by frame type',
      labelNames: ['type'] as const,
      registers,
    }),
    closed: new Counter({
      name: 'daybook_realtime_connections_closed_total',
      help: 'Connections closed by the server, by close code',
      labelNames: ['code'] as const,
      registers,
    }),
    slowConsumersDropped: new Counter({
      name: 'daybook_realtime_slow_consumers_dropped_total',
      help: 'Connections closed with 4008 because their send queue passed the limit',
      registers,
    }),
    resyncs: new Counter({
      name: 'daybook_realtime_resyncs_total',
      help: 'Resync answers (a cursor that could not be served), by where: ws or http',
      labelNames: ['via'] as const,
      registers,
    }),
    changesRecorded: new Counter({
      name: 'daybook_realtime_changes_recorded_total',
      help: 'Events recorded in the change log, by type',
      labelNames: ['type'] as const,
      registers,
    }),
    changeToPush: new Histogram({
      name: 'daybook_realtime_change_to_push_seconds',
      help: 'From an event’s time to its change frame handed to a live socket',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    feedConnected: new Gauge({
      name: 'daybook_realtime_feed_connected',
      help: '1 while the LISTEN connection to the change log is up, 0 while it reconnects',
      registers,
    }),
  };
}
