import { z } from 'zod';

/** Variables every service reads. A service extends this with its own in `src/env.ts`. */
export const baseEnvSchema = z.object({
  /** Port the service's HTTP server (API, Dapr callbacks, health, metrics) listens on. */
  PORT: z.coerce.number().int().min(1).max(65535),
  /** Port of this service's own Dapr sidecar HTTP API on localhost. */
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535),
  /** PostgreSQL connection string; the service uses only its own schema in that database. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  /** PostgreSQL schema holding this service's tables (defaults to the service name). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .optional(),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where services fetch the identity service's public keys (JWKS) to verify access tokens. */
  AUTH_JWKS_URL: z.url(),
  /** Expected `iss` of access tokens. */
  AUTH_ISSUER: z.string().min(1).default('daybook-identity'),
  /** Expected `aud` of access tokens. */
  AUTH_AUDIENCE: z.string().min(1).default('daybook'),
  /** How long shutdown waits for in-flight requests and events before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): comma-separated
   * addresses, subnets or the names loopback, linklocal, uniquelocal. Behind a Kubernetes
   * ingress, the ingress pods' range; otherwise per-IP limits see one IP for everybody.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  /**
   * Prefix of every Kafka topic this service publishes to or consumes (default none). Lets
   * several independent deployments share one broker: the test suite gives each stack its own.
   */
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'may contain only letters, digits, ".", "_" and "-"')
    .default(''),
  /** Outbox relay poll interval; commits also wake the relay at once through LISTEN/NOTIFY. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  /**
   * While writes keep coming, the relay starts a publish at most this often, so the events of
   * the writes in between go out together (as a Kafka producer's linger.ms). After a quiet
   * spell an event goes out at once. 0 publishes every commit on its own.
   */
  OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(25),
  /**
   * /readyz fails once the outbox relay has been without a working database connection
   * this long (it reconnects on its own; this is for a process that cannot).
   */
  OUTBOX_STALL_READY_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Published outbox rows are deleted after this many hours. */
  OUTBOX_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /**
   * Inbox records (applied event ids) are deleted after this many hours. Keep it longer than
   * the broker keeps messages (Kafka: 7 days by default), so no replay is applied twice.
   */
  INBOX_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .default(14 * 24),
  /** How often the retention sweep runs. */
  RETENTION_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(10 * 60_000),
});
export type BaseEnv = z.infer<typeof baseEnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates `process.env` (or `source`) against the schema; every bad variable is named. */
export function loadEnv<S extends z.ZodObject>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    const missing = issue.code === 'invalid_type' && source[name] === undefined;
    return missing ? `${name} is required but not set` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
