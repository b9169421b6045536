import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/**
 * `email--<deliveryId>.<attempt>`: the next attempt of one email (first, after a failure, or
 * when quiet hours end). A trigger whose attempt is no longer the delivery's next one is a
 * no-op, so a repeated or outdated trigger sends nothing.
 */
export const emailJob = defineJob({
  kind: 'email',
  data: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(0) }),
  failurePolicy: { constant: { interval: '5s', maxRetries: 20 } },
});
export type EmailJobData = z.infer<typeof emailJob.data>;
export const emailJobId = (d: EmailJobData) => `${d.deliveryId}.${d.attempt}`;
