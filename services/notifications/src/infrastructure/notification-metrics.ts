import { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@daybook/service-kit';

export type NotificationMetrics = ReturnType<typeof notificationMetrics>;

/** Delivery metrics on the service's registry: built once, by the composition root (app.ts). */
export function notificationMetrics(registry: Metrics['registry']) {
  const registers = [registry];
  return {
    deliveries: new Counter({
      name: 'daybook_notification_deliveries_total',
      help: 'Deliveries by channel and the status they reached (queued, held, sent, failed, suppressed) and retries',
      labelNames: ['channel', 'status'] as const,
      registers,
    }),
    sendSeconds: new Histogram({
      name: 'daybook_notification_send_seconds',
      help: 'How long one SMTP send took, by outcome (sent, error)',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers,
    }),
  };
}
