import { z } from 'zod';
import { baseEnvSchema } from '@daybook/service-kit';

/** Environment of the notifications service: the platform's variables plus its mail settings. */
export const envSchema = baseEnvSchema.extend({
  /** The SMTP relay: Mailpit locally (npm start, tests), the provider's relay in the cluster. */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the relay offers it. */
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Name of the secret in daybook-secrets holding the relay's credentials as JSON
   * `{"user": "...", "pass": "..."}`; unset: no authentication (Mailpit).
   */
  SMTP_CREDENTIALS_SECRET: z.string().min(1).optional(),
  /** Sender of every email. */
  MAIL_FROM: z.string().min(3).default('Daybook <no-reply@daybook.local>'),
  /** Where users reach Daybook (links and the unsubscribe URL in emails); https in the cluster. */
  PUBLIC_URL: z.url().default('http://localhost:8080'),
  /** Secret in daybook-secrets with the key that signs unsubscribe links (32+ random bytes, base64url). */
  UNSUBSCRIBE_KEY_SECRET: z.string().min(1).default('notifications-unsubscribe-key'),
  /** Attempts per email before it is marked failed. */
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** First retry delay; each next one doubles (with jitter): 15 s → 8 attempts over ~30 min. */
  EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(100).default(15_000),
});
export type Env = ReturnType<typeof envSchema.parse>;
