import { z } from 'zod';
import { baseEnvSchema } from '@daybook/service-kit';

/** Environment of the audit service: the platform's variables (see service-kit env.ts), and its own. */
export const envSchema = baseEnvSchema.extend({
  /**
   * How long history is kept: entries of events that happened more than this many days ago
   * are removed by the retention sweep (jobs/sweep-expired-history.ts). At least a day.
   */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  /** How often the retention sweep runs: a Dapr Scheduler schedule (`@every 1h`, `@daily`). */
  AUDIT_RETENTION_SWEEP_SCHEDULE: z
    .string()
    .regex(
      /^@(every (\d+(h|m|s))+|hourly|daily|weekly)$/,
      'must be "@every <duration>", "@hourly", "@daily" or "@weekly"',
    )
    .default('@every 1h'),
});
export type Env = ReturnType<typeof envSchema.parse>;
