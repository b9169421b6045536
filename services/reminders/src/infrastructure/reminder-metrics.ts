import { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@daybook/service-kit';

export type ReminderMetrics = ReturnType<typeof reminderMetrics>;

/** Reminder metrics on the service's registry: built once, by the composition root (app.ts). */
export function reminderMetrics(registry: Metrics['registry']) {
  const registers = [registry];
  return {
    delay: new Histogram({
      name: 'daybook_reminder_delay_seconds',
      help: 'How late a reminder fired: fire time minus the time it was due to fire',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    jobs: new Counter({
      name: 'daybook_reminder_jobs_total',
      help: 'Reminder jobs by what happened to them: scheduled, fired, cancelled, stale (a trigger for an outdated scheduling)',
      labelNames: ['event'] as const,
      registers,
    }),
  };
}
