import { z } from 'zod';
import { baseEnvSchema } from '@daybook/service-kit';

/** Environment of the realtime service: the platform's variables and its own limits. */
export const envSchema = baseEnvSchema.extend({
  /** Changes kept per user; a cursor older than the oldest kept one gets `resync`. */
  REALTIME_RETAIN_PER_USER: z.coerce.number().int().min(10).default(1_000),
  /** Changes older than this many hours are deleted (a cursor behind them gets `resync`). */
  REALTIME_RETAIN_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
  /** How often changes past their age are swept. */
  REALTIME_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(10 * 60_000),
  /** Sockets one user may hold open at once (on this replica); the next one is closed 4029. */
  REALTIME_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(10),
  /** Bytes a socket may have queued and unsent before it is closed as a slow consumer (4008). */
  REALTIME_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(1024 * 1024),
  /** How long a new socket has to send its auth frame (then 4001). */
  REALTIME_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Interval of ws-level pings; a socket that has not answered the previous one is terminated. */
  REALTIME_HEARTBEAT_MS: z.coerce.number().int().min(100).default(30_000),
});
export type Env = z.infer<typeof envSchema>;
