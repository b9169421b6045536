import { Counter, Histogram } from 'prom-client';
import type { ServiceKit } from '@daybook/service-kit';

const byRegistry = new WeakMap<object, ReturnType<typeof create>>();

function create(kit: ServiceKit) {
  const registers = [kit.metrics.registry];
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

/** Reminder metrics on the service's registry (one set per process). */
export function reminderMetrics(kit: ServiceKit) {
  const existing = byRegistry.get(kit.metrics.registry);
  if (existing) return existing;
  const metrics = create(kit);
  byRegistry.set(kit.metrics.registry, metrics);
  return metrics;
}
